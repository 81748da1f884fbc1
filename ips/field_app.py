"""The field forms as an installable web app (issue 23): the web app manifest and the
service worker, served from this site (never a third party). The worker's script lives
in static/ips/field-sw.js; it is served here, at the site's root, so that it may control
the two form pages (a worker controls only pages under its own folder) and so that the
browser checks it for updates at every visit (no-cache)."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

WORKER = settings.BASE_DIR / "static" / "ips" / "field-sw.js"

# ?form= names the form the installed app opens with; the quick log when absent.
START = {"quick-log": "crm:quick_log", "support-log": "coaching:log"}


@require_safe
@cache_control(no_cache=True)
def service_worker(request):
    """/field-sw.js: the field forms' service worker (JavaScript, checked at every visit).
    The pages register it with their own URL as the scope."""
    # At the root, it may take either form's URL as its scope with no Service-Worker-Allowed.
    return FileResponse(WORKER.open("rb"), content_type="text/javascript; charset=utf-8")


@require_safe
@cache_control(max_age=3600)
def manifest(request):
    """/field.webmanifest?form=quick-log|support-log: the web app manifest of the field
    forms (an unknown `form` is the quick log: the app still opens)."""
    start = reverse(START.get(request.GET.get("form", ""), START["quick-log"]))
    body = {
        "name": "IPS field log",
        "short_name": "Field log",
        "description": "Log employer contacts and support visits, with or without a signal.",
        "start_url": start,
        "scope": "/admin/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#005e6b",
        "icons": [
            {
                "src": static(f"ips/field-icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any",
            }
            for size in (192, 512)
        ],
    }
    response = JsonResponse(body)
    response["Content-Type"] = "application/manifest+json"
    return response
