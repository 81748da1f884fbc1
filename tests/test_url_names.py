"""One URL convention (issue 15): every URL our apps serve is named `namespace:name`
(an app's urls.py with `app_name`, or an include with a namespace), so `reverse()` and
`{% url %}` say which app a page belongs to. Only /favicon.ico keeps a flat name."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def _named(patterns, namespace: str = ""):
    """The full name (`namespace:name`, or a flat name) of every named URL."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from _named(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_of_our_apps_has_a_namespaced_name():
    names = set(_named(get_resolver().url_patterns))
    # Flat names are Wagtail's own (wagtailadmin_home ...), and our favicon.
    assert {name for name in names if ":" not in name and not name.startswith("wagtail")} == {
        "favicon"
    }
    # The names the workspace's menus and the field app link to, one per namespace.
    assert {
        "two_step:verify",
        "find:search",
        "api_tokens:index",
        "api:docs",
        "workspace:home",
        "field_app:manifest",
        "sitemaps:section",
        "portal_invitations:index",
    } <= names


def test_the_namespaced_names_reach_the_same_addresses_as_before():
    assert reverse("two_step:setup") == "/admin/two-step/"
    assert reverse("two_step:verify") == "/admin/two-step/verify/"
    assert reverse("find:search") == "/admin/search/"
    assert reverse("api_tokens:index") == "/admin/api/tokens/"
    assert reverse("api:openapi") == "/api/v1/openapi.json"
    assert reverse("workspace:home") == "/admin/"
    assert reverse("field_app:service_worker") == "/field-sw.js"
    assert reverse("sitemaps:section", kwargs={"section": "pages"}) == "/sitemap-pages.xml"
