"""The public site's and the portal's language: English or Spanish (issue 20, item 5)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

STAFF_PREFIXES = ("/admin/", "/django-admin/")


def supported_language(value: str | None) -> str | None:
    """`value` if it is one of settings.LANGUAGES' codes ("en", "es"), else None."""
    return value if value in dict(settings.LANGUAGES) else None


class PublicLanguageMiddleware:
    """Activates the language of the `language` cookie (set by the language switch, and at
    sign-in from the seeker's saved choice) for the public site and the portal; English
    otherwise. The staff workspace is left to Wagtail's own language handling."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES):
            return self.get_response(request)
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = supported_language(cookie) or "en"
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
