"""Writes for the public site and the job seeker portal."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.content import HOME_BODY, HOME_INTRO, OPENINGS_INTRO, PAGES
from cms.models import HomePage, OpeningsIndexPage, StandardPage


@transaction.atomic
def ensure_site(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Make sure the root, locale, home page, standard pages, openings index and site exist.

    Idempotent: an existing page (by slug under home) is left as editors made it. Wagtail
    creates the root in data migrations, but a flushed test database (live_server) loses
    it; seed_demo and the browser tests call this.
    """
    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=locale)
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="Find work you want",
                slug="home",
                locale=locale,
                intro=HOME_INTRO,
                body=HOME_BODY,
            )
        )
    elif not home.body:
        home.body = HOME_BODY
        home.intro = home.intro or HOME_INTRO
        home.save_revision().publish()
    _ensure_children(home, locale)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def _ensure_children(home: HomePage, locale: Locale) -> None:
    existing = set(home.get_children().values_list("slug", flat=True))
    if "openings" not in existing and not OpeningsIndexPage.objects.exists():
        home.add_child(
            instance=OpeningsIndexPage(
                title="Job openings",
                slug="openings",
                locale=locale,
                show_in_menus=True,
                intro=OPENINGS_INTRO,
            )
        )
    for spec in PAGES:
        if spec["slug"] not in existing:
            home.add_child(instance=StandardPage(locale=locale, show_in_menus=True, **spec))
