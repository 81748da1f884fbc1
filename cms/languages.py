"""Which language a public URL is in, and the same path in the other language (issue 20).

The public pages' language is in their URL: English ones have no prefix ("/openings/"),
Spanish ones start "/es/" ("/es/openings/"), as i18n_patterns in ips/urls.py serves them.
The portal (/portal/) has one URL for both languages and follows the language cookie.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT = "en"
PREFIXED = tuple(code for code, _ in settings.LANGUAGES if code != DEFAULT)  # ("es",)
UNPREFIXED = (
    "/portal/",
    "/admin/",
    "/django-admin/",
    "/api/",
    "/static/",
    "/media/",
    "/documents/",
    "/sitemap",
    "/favicon.ico",
)


def language_of_path(path: str) -> str | None:
    """ "es" for "/es" and "/es/...", "en" for another public page path, None for a path
    that is the same in both languages (the portal, the workspace, the API, files)."""
    for code in PREFIXED:
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            return code
    if path.startswith(UNPREFIXED):
        return None
    return DEFAULT


def strip_language(path: str) -> str:
    """The path without its language prefix: "/es/openings/" -> "/openings/"."""
    language = language_of_path(path)
    if language in PREFIXED:
        return path[len(language) + 1 :] or "/"
    return path


def in_language(path: str, language: str) -> str:
    """`path` (a public page path, with or without a prefix) in `language`; a path the two
    languages share (the portal) is returned as it is."""
    if language_of_path(path) is None:
        return path
    bare = strip_language(path)
    if language in PREFIXED:
        return f"/{language}{bare}"
    return bare


def same_page_in(request, target: str, language: str) -> str:
    """The address of the page `target` shows, in `language`: the page's translation (an
    editor may have given it its own slug) with the same sub-route and query, e.g.
    "/openings/12/?page=2" -> "/es/openings/12/?page=2". A portal path is kept as it is;
    a page without a live translation, or a path that is not a page, gets the other
    language's prefix (whose 404 page is in that language). `target` is a local path the
    caller has checked (cms.views.safe_next)."""
    from urllib.parse import urlsplit

    from django.http import Http404
    from django.utils import translation
    from wagtail.models import Locale, Site

    parts = urlsplit(target)
    path, query = parts.path or "/", f"?{parts.query}" if parts.query else ""
    source = language_of_path(path)
    if source is None or source == language:
        return target
    fallback = in_language(path, language) + query
    site = Site.find_for_request(request)
    locale = Locale.objects.filter(language_code=language).first()
    if site is None or locale is None:
        return fallback
    with translation.override(source):
        components = [part for part in strip_language(path).split("/") if part]
        try:
            page = site.root_page.localized.specific.route(request, components).page
        except Http404:
            return fallback
        shown_at = page.get_url(request) or ""
    if not path.startswith(shown_at):
        return fallback
    translated = page.get_translation_or_none(locale)
    if translated is None or not translated.live:
        return fallback
    with translation.override(language):
        url = translated.get_url(request)
    return f"{url}{path[len(shown_at) :]}{query}" if url else fallback
