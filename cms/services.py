"""Writes for the public site."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.models import HomePage


@transaction.atomic
def ensure_site(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Make sure the root page, default locale, home page and default site exist (idempotent).

    Wagtail creates these in data migrations, but a flushed test database (live_server)
    loses them; seed_demo and the browser tests call this.
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
                intro="We help people who use mental-health services find and keep ordinary jobs.",
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home
