"""A listing's "Add" button leads to a page that adds (red team, issue 17): never to a
redirect elsewhere or a "Sorry, you do not have permission" (a coach on the retention
check answers, a specialist on jobs), for every role and every workspace listing."""

from __future__ import annotations

import re

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

pytestmark = pytest.mark.django_db

ROLES = ["specialist", "coach", "supervisor", "director"]


def _listings() -> list[str]:
    reverse("wagtailadmin_home")  # the admin's URLs loaded: the viewsets are registered
    urls = []
    for viewset in viewsets.viewsets:
        if not isinstance(viewset, ModelViewSet):
            continue
        try:
            urls.append(reverse(viewset.get_url_name("index")))
        except NoReverseMatch:
            continue
    return sorted(set(urls))


def _add_links(html: str, listing: str) -> set[str]:
    return {
        href
        for href in re.findall(r'href="([^"]+)"', html)
        if href.split("?")[0] == f"{listing}new/"
    }


@pytest.mark.parametrize("role", ROLES)
def test_no_listing_offers_an_add_button_that_leads_to_a_refusal(client, users, role):
    client.force_login(users[role])
    listings = _listings()
    assert "/admin/milestones/" in listings
    assert "/admin/jobs/" in listings
    checked = 0
    for listing in listings:
        page = client.get(listing)
        if page.status_code != 200:
            continue  # the listing itself is not this role's
        for add in _add_links(page.content.decode(), listing):
            checked += 1
            response = client.get(add)
            assert response.status_code == 200, (role, listing, add, response.get("Location"))
            assert "do not have permission" not in response.content.decode()
    if role in ("supervisor", "director"):
        assert checked  # leadership adds somewhere: the test looked at real buttons


@pytest.mark.parametrize(
    ("role", "listing"), [("coach", "/admin/milestones/"), ("specialist", "/admin/jobs/")]
)
def test_the_red_teams_listings_show_no_add_button(client, users, role, listing):
    client.force_login(users[role])
    page = client.get(listing)
    assert page.status_code == 200
    assert not _add_links(page.content.decode(), listing)
