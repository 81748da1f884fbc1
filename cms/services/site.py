"""The public site's pages: the home page, its children, the Spanish copies, and the
editors' group that may edit them (`manage.py ensure_site`, seed_demo)."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.content import (
    HOME_BODY,
    HOME_BODY_ES,
    HOME_INTRO,
    HOME_INTRO_ES,
    HOME_TITLE_ES,
    OPENINGS_INTRO,
    OPENINGS_INTRO_ES,
    OPENINGS_TITLE_ES,
    PAGES,
    PAGES_ES,
)
from cms.models import HomePage, OpeningsIndexPage, StandardPage


@transaction.atomic
def ensure_site(*, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Make sure the root, the English and Spanish locales, the English home page, standard
    pages and openings index, their Spanish translations, and the site exist; returns the
    English home page.

    Idempotent: an existing page (by slug under its home, or a translation of the English
    page) is left as editors made it. Wagtail creates the root in data migrations, but a
    flushed test database (live_server) loses it; seed_demo, `manage.py ensure_site` and the
    browser tests call this.
    """
    english = _locale("en")
    spanish = _locale("es")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=english)
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title=HOME_TITLE,
                slug="home",
                locale=english,
                intro=HOME_INTRO,
                body=HOME_BODY,
            )
        )
    elif not home.body or _placeholder_title(home):
        home.body = home.body or HOME_BODY
        home.intro = home.intro or HOME_INTRO
        if _placeholder_title(home):
            home.title = home.draft_title = HOME_TITLE
        home.save_revision().publish()
    _ensure_children(home, english)
    _ensure_spanish(home, spanish)
    ensure_editor_group(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save(update_fields=["root_page"])
    return home


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


HOME_TITLE = "Find work you want"


def _placeholder_title(home: HomePage) -> bool:
    """The "Home" that migration cms.0002 gave the page, which no person has saved since: a
    heading that says nothing to a visitor (issue 20). An editor's own title is kept."""
    return home.title == "Home" and not home.revisions.exclude(user=None).exists()


EDITOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")


def ensure_editor_group(home: HomePage) -> None:
    """Wagtail's Editors group may enter the workspace and edit and publish the site's pages,
    in English and in Spanish (each language's home page and everything under it)."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupPagePermission

    from ips.roles import EDITOR_GROUP

    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group.permissions.add(access)
    page_type = ContentType.objects.get_for_model(Page)
    for action in EDITOR_PAGE_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type,
            codename=f"{action}_page",
            defaults={"name": f"Can {action} page"},
        )
        for page in home.get_translations(inclusive=True):
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _ensure_children(home: HomePage, locale: Locale) -> None:
    existing = set(home.get_children().values_list("slug", flat=True))
    if "openings" not in existing and not OpeningsIndexPage.objects.filter(locale=locale).exists():
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


def _ensure_spanish(home: HomePage, spanish: Locale) -> None:
    """The Spanish page tree: a translation of the English home (at /es/) and of each page
    under it that has Spanish words in cms.content, created live and left alone after.
    Spanish pages keep the English slugs (the header links rely on it), so /es/openings/
    is the Spanish openings page."""
    spanish_home = home.get_translation_or_none(spanish)
    if spanish_home is None:
        spanish_home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title=HOME_TITLE_ES,
                slug="inicio",
                locale=spanish,
                translation_key=home.translation_key,
                intro=HOME_INTRO_ES,
                body=HOME_BODY_ES,
            )
        )
    for page in home.get_children().specific():
        if page.get_translation_or_none(spanish) is not None:
            continue
        words = _spanish_words(page)
        if words is None:
            continue  # a page editors added: they translate it themselves
        spanish_home.add_child(
            instance=type(page)(
                slug=page.slug,
                locale=spanish,
                translation_key=page.translation_key,
                show_in_menus=page.show_in_menus,
                **words,
            )
        )


def _spanish_words(page: Page) -> dict | None:
    if isinstance(page, OpeningsIndexPage):
        return {"title": OPENINGS_TITLE_ES, "intro": OPENINGS_INTRO_ES}
    return PAGES_ES.get(page.slug)
