"""Matches follow the records they are made from, through the paths people use:
an opening saved on the Openings screen (employers.signals.opening_saved, received by
jobseekers.matching.receivers) and a career profile saved through its service."""

from __future__ import annotations

import pytest

from employers.models import Employer, JobOpening
from employers.services import merge_employers, save_opening
from ips.roles import Role
from jobseekers.matching.tasks import refresh_matches_task
from jobseekers.models import Match
from jobseekers.services import update_career_profile
from tests.jobseekers.matching.conftest import NEAR_ZIP

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_specialist(client, users):
    client.force_login(users[Role.SPECIALIST])
    return client


def opening_form(employer, **extra):
    return {
        "program": employer.program_id,
        "employer": employer.pk,
        "title": "Line cook",
        "occupation": "35-2014.00",
        "hours_per_week": "20",
        "hourly_wage": "15.00",
        "zip": NEAR_ZIP,
        "status": "open",
        **extra,
    }


def test_opening_added_and_closed_on_the_openings_screen_refreshes_matches(
    as_specialist, seeker, make_profile, make_employer, django_capture_on_commit_callbacks
):
    make_profile(seeker)
    employer = make_employer()
    with django_capture_on_commit_callbacks(execute=True):
        response = as_specialist.post("/admin/openings/new/", opening_form(employer))
    assert response.status_code == 302
    opening = JobOpening.objects.get()
    assert Match.objects.filter(seeker=seeker, opening=opening).exists()

    data = opening_form(employer, status="closed", version=opening.version)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_specialist.post(f"/admin/openings/edit/{opening.pk}/", data)
    assert response.status_code == 302
    assert not Match.objects.filter(opening=opening).exists()


def test_the_refresh_waits_for_the_commit(seeker, make_profile, make_opening):
    make_profile(seeker)
    opening = make_opening()
    save_opening(opening=opening)  # inside the test's transaction: not committed yet
    assert not Match.objects.exists()


def test_openings_moved_by_a_merge_are_matched_again(
    seeker, make_profile, make_opening, users, django_capture_on_commit_callbacks
):
    make_profile(seeker)
    keep = Employer.objects.create(program=seeker.program, name="Corner Diner", zip=NEAR_ZIP)
    opening = make_opening(status=JobOpening.Status.OPEN)
    refresh_matches_task.delay([seeker.pk])
    match = Match.objects.get(opening=opening)
    with django_capture_on_commit_callbacks(execute=True):
        merge_employers(keep=keep, duplicate=opening.employer, by=users[Role.SPECIALIST])
    assert Match.objects.get(opening=opening).pk != match.pk  # stored again after the move


def test_saving_a_profile_locates_the_seeker_and_refreshes_their_matches(
    seeker, make_profile, make_opening, django_capture_on_commit_callbacks
):
    make_opening()
    make_profile(seeker)
    seeker.latitude = seeker.longitude = None
    seeker.save()
    with django_capture_on_commit_callbacks(execute=True):
        update_career_profile(seeker=seeker, changes={"interests": "cooking, baking"}, by=None)
    seeker.refresh_from_db()
    assert seeker.geocode_source == "zip_centroid"
    assert Match.objects.filter(seeker=seeker).count() == 1
