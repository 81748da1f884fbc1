"""A match's distance is said once per page, by one rounding rule (issue 17 red-team:
"People this might suit" said "12 miles away, by bus" among the reasons and "12.3 miles"
beside them; the match's own page said "12.34")."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from jobseekers.matching.reasons import distance_words, miles_figure, miles_words
from jobseekers.matching.services import refresh_matches
from jobseekers.models import Match


@pytest.mark.parametrize(
    ("miles", "figure", "words"),
    [
        (0.4, "0.4", "less than a mile"),
        (1.2, "1.2", "1 mile"),
        (3.46, "3.5", "3.5 miles"),
        (3.96, "4", "4 miles"),
        (12.34, "12", "12 miles"),
        (12.5, "12", "12 miles"),
        (12.51, "13", "13 miles"),
    ],
)
def test_one_rounding_rule(miles, figure, words):
    assert miles_figure(miles) == figure
    assert miles_words(miles) == words
    assert distance_words(miles, "bus") == f"{words} away, by bus"


@pytest.fixture
def match(seeker, make_profile, make_opening) -> Match:
    make_profile(seeker)
    opening = make_opening("Line cook", description="Cooking breakfast", shareable=True)
    refresh_matches()
    match = Match.objects.get(seeker=seeker, opening=opening)
    reasons = [r for r in match.reasons if "miles away" not in r and "a mile" not in r]
    Match.objects.filter(pk=match.pk).update(
        distance_miles=12.34, reasons=[*reasons, distance_words(12.34, "bus")]
    )
    return match


def test_people_this_might_suit_says_the_distance_once(client, users, match):
    client.force_login(users["specialist"])
    html = client.get(reverse("matching:opening_people", args=[match.opening_id])).content
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))
    assert text.count("miles away") == 1, text
    assert "12 miles away, by bus" in text
    assert "12.3" not in text


def test_people_this_might_suit_uses_the_stored_miles_without_a_distance_reason(
    client, users, match
):
    Match.objects.filter(pk=match.pk).update(reasons=["the kind of work you asked for"])
    client.force_login(users["specialist"])
    html = client.get(reverse("matching:opening_people", args=[match.opening_id])).content
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))
    assert text.count("miles away") == 1, text
    assert "12 miles away" in text


def test_the_match_page_says_the_distance_by_the_same_rule(client, users, match):
    client.force_login(users["specialist"])
    html = client.get(f"/admin/matches/inspect/{match.pk}/").content.decode()
    assert re.search(r"<dt>\s*Distance\s*</dt>\s*<dd>\s*12 miles away, by bus\s*</dd>", html)
    assert "12.34" not in html
    # Said once: not again, rounded otherwise, among the reasons (red team, issue 17).
    main = html[html.index("<main") :]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))
    assert text.count("miles away") == 1, text
    assert "Distance miles" not in html
