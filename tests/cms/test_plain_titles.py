"""Plain job words on the public site and the portal (issue 20, item 1)."""

from __future__ import annotations

import re

import pytest

from ips.models import Occupation
from jobseekers.models import CareerProfile

pytestmark = pytest.mark.django_db


def occupation(code: str) -> Occupation:
    return Occupation.objects.get(code=code)


def test_opening_card_and_detail_say_the_plain_kind_of_work(client, make_opening, openings_url):
    opening = make_opening(title="Room attendant", occupation=occupation("37-2012.00"))
    for path in (openings_url, f"{openings_url}{opening.pk}/"):
        html = client.get(path).content.decode()
        assert "<dt>Kind of work</dt><dd>Housekeeper</dd>" in html
        assert "Maids and Housekeeping Cleaners" not in html
        assert "37-2012" not in html
    # The opening's own title leads: the card heading and the detail page's h1.
    detail = client.get(f"{openings_url}{opening.pk}/").content.decode()
    assert "<h1>Room attendant</h1>" in detail


def test_a_search_for_the_plain_title_finds_the_occupation(client, make_opening, openings_url):
    make_opening(title="Room attendant", occupation=occupation("37-2012.00"))
    make_opening(title="Line cook", occupation=occupation("35-2014.00"))
    response = client.get(openings_url, {"q": "housekeeper"})
    assert [o.title for o in response.context["openings"]] == ["Room attendant"]


def test_choices_show_plain_titles_in_their_own_order_and_keep_the_code_as_value(
    portal_client, seeker, make_opening
):
    make_opening(occupation=occupation("39-2021.00"))  # Animal Caretakers
    make_opening(occupation=occupation("51-9111.00"))  # Packaging and Filling Machine ...
    make_opening(occupation=occupation("37-2012.00"))  # Maids and Housekeeping Cleaners
    html = portal_client.get("/portal/preferences/").content.decode()
    labels = re.findall(r'for="id_preferred_occupations_\d+">[^\n]*?<span>([^<]+)</span>', html)
    assert labels == ["Animal care worker", "Housekeeper", "Packer"]
    assert 'value="39-2021.00"' in html
    assert "(39-2021.00)" not in html
    assert "Animal Caretakers" not in html


def test_profile_lists_the_kinds_of_work_by_plain_title(portal_client, seeker):
    profile = CareerProfile.objects.create(
        program=seeker.program,
        seeker=seeker,
        disclosure_preference=CareerProfile.Disclosure.NONE,
    )
    profile.preferred_occupations.set([occupation("51-9111.00"), occupation("39-2021.00")])
    html = portal_client.get("/portal/profile/").content.decode()
    assert "Packer" in html
    assert "Animal care worker" in html
    assert "Packaging and Filling" not in html
