"""The public site's and the portal's language: English or Spanish (issue 20, item 5)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from cms.languages import language_of_path

STAFF_PREFIXES = ("/admin/", "/django-admin/")


def supported_language(value: str | None) -> str | None:
    """`value` if it is one of settings.LANGUAGES' codes ("en", "es"), else None."""
    return value if value in dict(settings.LANGUAGES) else None


SIGN_IN_PATHS = ("/portal/sign-in/", "/portal/link/")


def _language_of_next(request) -> str | None:
    """The sign-in pages speak the language of the public page the person comes from (its
    `next`, e.g. "/es/openings/12/" is Spanish), whatever the cookie says: someone reading
    the Spanish site who taps "Entrar" signs in in Spanish. None without such a `next`."""
    if not request.path.startswith(SIGN_IN_PATHS):
        return None
    target = request.GET.get("next") or ""
    if not target.startswith("/") or target.startswith("//"):
        return None
    return language_of_path(target.split("?", 1)[0])


class PublicLanguageMiddleware:
    """Activates the public site's and the portal's language. A public page's language is in
    its URL ("/es/..." Spanish, no prefix English: cms.languages), so a link or a search
    result always shows the same language. The portal, whose URLs both languages share,
    follows the `language` cookie (set by the language switch, and at sign-in from the
    seeker's saved choice); English without one. The sign-in pages, reached from a public
    page with `next`, speak that page's language. The staff workspace is left to Wagtail's
    own language handling."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIXES):
            return self.get_response(request)
        language = language_of_path(request.path) or _language_of_next(request)
        if language is None:
            cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = supported_language(cookie) or "en"
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
