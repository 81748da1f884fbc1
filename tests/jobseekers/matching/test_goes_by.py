""" "(goes by X)" is shown only when X says something the name does not (issue 17 red-team:
"Alex Rivera (goes by Alex)"): compared folded, on every page that lists people."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ips.templatetags.ips_names import goes_by
from jobseekers.matching.services import refresh_matches


@pytest.mark.parametrize(
    ("name", "preferred", "shown"),
    [
        ("Alex Rivera", "Al", "Al"),
        ("Alex Rivera", "Alex", ""),
        ("Alex Rivera", " ALEX ", ""),
        ("María López", "maria", ""),
        ("Mary-Anne Smith", "Mary Anne", ""),
        ("Alex Rivera", "Alex Rivera", ""),
        ("Alex Rivera", "Alexa", "Alexa"),
        ("Alex Rivera", "Rivera", "Rivera"),
        ("Alex Rivera", "", ""),
        ("Alex Rivera", None, ""),
    ],
)
def test_goes_by_is_the_preferred_name_only_when_it_differs(name, preferred, shown):
    assert goes_by(name, preferred) == shown


def _pages(seeker, opening) -> dict[str, str]:
    return {
        "caseload": reverse("jobseekers:caseload"),
        "home": reverse("workspace:home"),
        "record": reverse("jobseekers:record", args=[seeker.pk]),
        "search": reverse("find:search") + "?q=rivera",
        "people this might suit": reverse("matching:opening_people", args=[opening.pk]),
    }


@pytest.mark.parametrize(("preferred", "expected"), [("alex", False), ("Lex", True)])
def test_every_list_says_goes_by_only_for_a_different_name(
    client, users, seeker, make_profile, make_opening, preferred, expected
):
    seeker.preferred_name = preferred
    seeker.save()
    make_profile(seeker)
    opening = make_opening("Line cook", description="Cooking breakfast", shareable=True)
    refresh_matches()
    client.force_login(users["specialist"])
    for page, url in _pages(seeker, opening).items():
        html = client.get(url).content.decode()
        assert seeker.name in html, page
        assert (f"goes by {preferred}" in html or f"Goes by</dt><dd>{preferred}" in html) is (
            expected
        ), page
