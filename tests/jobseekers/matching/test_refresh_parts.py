"""The nightly refresh as a group of tasks, one per part of the programs (issue 21 item 6):
the same matches as one refresh of everyone, parts balanced by seekers, stale matches of
every program removed."""

from __future__ import annotations

import datetime as dt

import pytest

from jobseekers.matching.services import refresh_matches, refresh_parts
from jobseekers.matching.tasks import refresh_all_matches_task
from jobseekers.models import JobSeeker, Match
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db


def _seekers(program, n, make_profile, start=0):
    specialist = make_staff(program, "specialist", f"parts_{program.pk}_{start}")
    found = []
    for i in range(start, start + n):
        seeker = JobSeeker.objects.create(
            program=program, name=f"Person {i}", zip="48226", specialist=specialist
        )
        make_profile(seeker)
        found.append(seeker)
    return found


def _stored():
    # Not the scores: the text model is fitted on each refresh's own people (as for one
    # person's refresh), so the figures move a little with the part; the choice does not.
    return sorted(Match.objects.values_list("seeker_id", "opening_id", "rank"))


def test_the_nightly_task_stores_what_one_refresh_of_everyone_stores(
    program, other_program, make_profile, make_opening
):
    _seekers(program, 3, make_profile)
    _seekers(other_program, 2, make_profile, start=10)
    for i in range(4):
        make_opening(f"Line cook {i}")
    make_opening("Prep cook", program_=other_program, shareable=True)
    refresh_matches()
    at_once = _stored()
    Match.objects.all().delete()

    assert refresh_all_matches_task.delay().get() == 2  # eager here: the group runs inline
    assert _stored() == at_once
    assert len(at_once) > 0


def test_a_closed_seekers_matches_go_even_when_no_one_else_in_the_program_is_matched(
    program, other_program, make_profile, make_opening
):
    (leaving,) = _seekers(other_program, 1, make_profile)
    _seekers(program, 1, make_profile, start=5)
    make_opening("Line cook", program_=other_program)
    make_opening("Prep cook")
    refresh_all_matches_task.delay()
    assert Match.objects.filter(seeker=leaving).exists()
    JobSeeker.objects.filter(pk=leaving.pk).update(
        entry_date=dt.date(2026, 1, 5), closed_date=dt.date(2026, 11, 1)
    )

    refresh_all_matches_task.delay()
    assert not Match.objects.filter(seeker=leaving).exists()
    assert Match.objects.filter(program=program).exists()


def test_parts_hold_about_the_same_number_of_seekers(
    program, other_program, make_profile, django_assert_max_num_queries
):
    from ips.models import Program

    third = Program.objects.create(name="Third", slug="third", zip="48226")
    _seekers(program, 4, make_profile)
    _seekers(other_program, 2, make_profile, start=10)
    _seekers(third, 2, make_profile, start=20)
    with django_assert_max_num_queries(2):
        parts = refresh_parts(parts=2)
    assert parts == [[program.pk], sorted([other_program.pk, third.pk])]
    assert refresh_parts(parts=8) == [[program.pk], [other_program.pk], [third.pk]]
    with pytest.raises(ValueError, match="at least 1"):
        refresh_parts(parts=0)
