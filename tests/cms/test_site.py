"""The standard pages: created once by ensure_site, editable by Wagtail's Editors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from cms.models import HomePage, OpeningsIndexPage, StandardPage
from cms.services import ensure_site
from ips.roles import EDITOR_GROUP
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_ensure_site_creates_the_standard_pages_once():
    ensure_site()
    before = Page.objects.count()
    ensure_site()
    assert Page.objects.count() == before
    home = HomePage.objects.get(locale__language_code="en")
    slugs = set(home.get_children().values_list("slug", flat=True))
    assert {"openings", "about-the-program", "how-ips-works", "about-the-data"} <= slugs
    assert OpeningsIndexPage.objects.count() == 2  # English and its Spanish translation


def test_ensure_site_keeps_what_editors_changed():
    page = StandardPage.objects.get(slug="about-the-program", locale__language_code="en")
    page.title = "Our team"
    page.save_revision().publish()
    ensure_site()
    assert (
        StandardPage.objects.get(slug="about-the-program", locale__language_code="en").title
        == "Our team"
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "How to get a specialist"),
        ("/how-ips-works/", "Anyone who wants to work can join"),
        ("/about-the-data/", "CC BY 4.0"),
        ("/about-the-data/", "has not approved, endorsed, or tested"),
        ("/about-the-data/", "O*NET 29.2"),
    ],
)
def test_public_pages_say_what_they_should(client, path, expected):
    response = client.get(path)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_editor_can_edit_and_publish_the_home_page(client):
    editor = make_user("edna_editor")
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    home = HomePage.objects.get(locale__language_code="en")
    client.force_login(editor)
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    about = StandardPage.objects.get(slug="how-ips-works", locale__language_code="en")
    response = client.post(
        f"/admin/pages/{about.pk}/edit/",
        {
            "title": "How it works",
            "slug": about.slug,
            "intro": "Plain words.",
            "body": rich_text("<p>Hi</p>"),
        },
    )
    assert response.status_code == 302
    assert StandardPage.objects.get(pk=about.pk).get_latest_revision().content["title"] == (
        "How it works"
    )


@pytest.mark.parametrize("role", ["specialist", "coach", "supervisor", "director"])
def test_staff_without_the_editor_role_cannot_edit_pages(client, users, role):
    home = HomePage.objects.get(locale__language_code="en")
    client.force_login(users[role])
    response = client.post(f"/admin/pages/{home.pk}/edit/", {"title": "Hacked", "slug": "home"})
    assert response.status_code in (302, 403)
    assert HomePage.objects.get(locale__language_code="en").title != "Hacked"
    assert not HomePage.objects.get(locale__language_code="en").has_unpublished_changes


def test_portal_user_cannot_edit_pages(client, seeker_user):
    home = HomePage.objects.get(locale__language_code="en")
    client.force_login(seeker_user)
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_page_tree_allows_only_the_site_shape():
    assert HomePage.allowed_subpage_models() == [StandardPage, OpeningsIndexPage]
    assert OpeningsIndexPage.allowed_subpage_models() == []
    assert StandardPage.allowed_subpage_models() == [StandardPage]


def test_ensure_site_replaces_the_migrations_home_placeholder_title():
    home = HomePage.objects.get(locale__language_code="en")
    home.title = home.draft_title = "Home"
    home.save()
    ensure_site()
    home.refresh_from_db()
    assert home.title == "Find work you want"
    assert "<h1>Find work you want</h1>" in Client().get("/").content.decode()


def test_ensure_site_keeps_home_as_a_title_an_editor_chose():
    editor = make_user("edna_home")
    home = HomePage.objects.get(locale__language_code="en")
    home.title = "Home"
    home.save_revision(user=editor).publish()
    ensure_site()
    home.refresh_from_db()
    assert home.title == "Home"
