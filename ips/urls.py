from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import FileResponse
from django.urls import include, path
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from cms import sitemaps
from ips import field_app, signin
from ips.home.views import home
from ips.workspace import editing_session_ping

FAVICON = settings.BASE_DIR / "static" / "favicon.ico"


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request):
    """/favicon.ico, which browsers ask for whatever the page's <link rel="icon"> says."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


# The field forms as an installable app that works without a signal (issue 23); at the
# root, the service worker's scope. Namespace "field_app".
field_app_patterns = [
    path("field-sw.js", field_app.service_worker, name="service_worker"),
    path("field.webmanifest", field_app.manifest, name="manifest"),
]

# Ours in place of three of Wagtail's workspace pages, tried before Wagtail's own URLs.
# Namespace "workspace" ("workspace:home" ...).
workspace_patterns = [
    # Wagtail's own page, but a new password also lifts the account's sign-in pause.
    path(
        "password_reset/confirm/<uidb64>/<token>/",
        signin.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    # Wagtail's own ping, but a malformed id is a 404 like a missing row, not a 500.
    path(
        "editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/",
        never_cache(require_admin_access(editing_session_ping)),
        name="editing_session_ping",
    ),
    # Our home in place of Wagtail's dashboard: what each role has to do now (issue 17).
    path("", home, name="home"),
]

# The sitemap index and its files (cms.sitemaps). Namespace "sitemaps".
sitemap_patterns = [
    path("sitemap.xml", sitemaps.index, name="index"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="section"),
]

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("", include((field_app_patterns, "field_app"))),
    # Django's own admin stays for superusers; staff work in the Wagtail workspace.
    path("django-admin/", admin.site.urls),
    path("admin/", include((workspace_patterns, "workspace"))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include((sitemap_patterns, "sitemaps"))),
    path("portal/", include("cms.urls")),  # the job seeker portal
    path("", include("api.urls")),  # /api/v1/ (issue 22)
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The public pages: English at their own paths, Spanish under /es/ (Wagtail's localisation;
# cms.middleware.PublicLanguageMiddleware activates the language the prefix names).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
