"""Stored matches: refresh_matches, and the refresh triggers."""

import datetime as dt

import pytest

from employers.models import JobOpening
from jobseekers.matching.services import refresh_matches
from jobseekers.models import JobSeeker, Match
from tests.jobseekers.matching.conftest import FAR_ZIP

pytestmark = pytest.mark.django_db


def test_refresh_stores_ranked_matches_with_reasons_features_distance_and_version(
    seeker, make_profile, make_opening
):
    make_profile(seeker)
    cook = make_opening("Line cook", description="Cooking breakfast and lunch")
    make_opening("Cashier", code="41-2011.00")
    make_opening("Line cook", employer=None, zip=FAR_ZIP)  # beyond a bus ride

    assert refresh_matches(seeker_ids=[seeker.pk]) == 2
    best, second = Match.objects.filter(seeker=seeker).order_by("rank")
    assert best.opening == cook
    assert (best.rank, second.rank) == (1, 2)
    assert best.score > second.score
    assert best.reasons[0] == "the kind of work you asked for"
    assert "you said you like cooking" in best.reasons
    assert best.features["occupation"] == 1.0
    assert best.distance_miles == pytest.approx(0.0, abs=0.1)
    assert best.model_version == "default"
    assert best.program_id == seeker.program_id


def test_refresh_replaces_earlier_matches(seeker, make_profile, make_opening):
    make_profile(seeker)
    opening = make_opening()
    refresh_matches(seeker_ids=[seeker.pk])
    opening.status = JobOpening.Status.FILLED
    opening.save()
    refresh_matches(seeker_ids=[seeker.pk])
    assert not Match.objects.filter(seeker=seeker).exists()


def test_closed_seekers_and_seekers_without_a_profile_get_no_matches(
    seeker, other_seeker, make_profile, make_opening
):
    make_profile(seeker)
    make_opening()
    refresh_matches()
    assert Match.objects.filter(seeker=seeker).count() == 1
    seeker.stage, seeker.closed_date = JobSeeker.Stage.CLOSED, dt.date(2026, 3, 1)
    seeker.close_reason = JobSeeker.CloseReason.MOVED
    seeker.save()
    refresh_matches()
    assert not Match.objects.exists()


def test_another_programs_openings_are_matched_only_when_public(
    seeker, make_profile, make_opening, other_program
):
    make_profile(seeker)
    private = make_opening("Line cook", program_=other_program)
    public = make_opening("Line cook", program_=other_program, shareable=True)
    refresh_matches(seeker_ids=[seeker.pk])
    matched = set(Match.objects.filter(seeker=seeker).values_list("opening_id", flat=True))
    assert public.pk in matched
    assert private.pk not in matched


def test_ruled_out_employer_is_never_matched(seeker, make_profile, make_opening):
    opening = make_opening()
    profile = make_profile(seeker)
    profile.ruled_out_employers.add(opening.employer)
    refresh_matches(seeker_ids=[seeker.pk])
    assert not Match.objects.filter(seeker=seeker).exists()


def test_refresh_writes_in_bulk_whatever_the_number_of_seekers(
    program, staff, make_profile, make_opening, django_assert_max_num_queries
):
    for i in range(3):
        make_opening(f"Cook {i}")

    def seekers(n, start):
        for i in range(start, start + n):
            s = JobSeeker.objects.create(program=program, name=f"Person {i}", zip="48226")
            make_profile(s)

    seekers(2, 0)
    with django_assert_max_num_queries(14):
        refresh_matches()
    seekers(12, 2)
    with django_assert_max_num_queries(14):
        assert refresh_matches() == 14 * 3
