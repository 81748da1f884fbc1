"""Finding 10 on the custom edit screens (support plan, career profile, portal choices,
seeker stage forms, goal status, job end, fidelity review, follow-up tasks) and on writes
that are not edits (imports, merges): a form loaded before another save is refused,
with the conflict message, and nothing of it is written."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse

from coaching.models import FollowUpTask, JobSupportPlan
from coaching.services import complete_follow_up
from employers.models import Employer, EmployerContact
from employers.services import merge_employers
from ips.fidelity.services import start_review
from ips.versioning import CONFLICT_MESSAGE, StaleCopyError, save_if_unchanged
from jobseekers.models import CareerProfile, Goal, Job, JobSeeker
from tests import factories as f
from tests.conftest import make_user
from tests.importer.conftest import GOOD, write_folder
from tests.support.html_forms import form_data

CONFLICT = CONFLICT_MESSAGE.split(",")[0].encode()


def stored(row) -> dict:
    fresh = type(row)._default_manager.get(pk=row.pk)
    return {**model_to_dict(fresh), "version": fresh.version}


def load(client, user, url: str, having: str) -> dict:
    """What `user`'s browser holds after opening the form at `url` that has `having`."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content.decode(), having=having)


def post_as(client, user, url: str, data: dict):
    client.force_login(user)
    return client.post(url, data)


def profile_rows(seeker) -> list[dict]:
    return [
        {**model_to_dict(p, exclude=["preferred_occupations"]), "id": p.pk}
        for p in CareerProfile.objects.filter(seeker=seeker).order_by("version")
    ]


def test_support_plan_saved_from_a_stale_copy_is_refused(client, users, seeker):
    plan = f.JobSupportPlanFactory(job=f.JobFactory(seeker=seeker))
    page, post = (
        reverse("coaching:job", args=[plan.job_id]),
        reverse("coaching:plan", args=[plan.job_id]),
    )
    coach_form = load(client, users["coach"], page, "what_helps")
    specialist_form = load(client, users["specialist"], page, "what_helps")

    first_save = post_as(client, users["coach"], post, {**coach_form, "what_helps": "Music"})
    assert first_save.status_code == 302
    after_first = stored(plan)
    refused = post_as(
        client, users["specialist"], post, {**specialist_form, "fading_plan": "Fewer visits"}
    )

    assert refused.status_code == 409
    assert CONFLICT in refused.content
    assert stored(plan) == after_first
    assert (after_first["what_helps"], after_first["fading_plan"]) == ("Music", "")


def test_first_support_plan_saved_twice_from_empty_forms_keeps_the_first(client, users, seeker):
    job = f.JobFactory(seeker=seeker)
    page, post = reverse("coaching:job", args=[job.pk]), reverse("coaching:plan", args=[job.pk])
    first = load(client, users["coach"], page, "what_helps")
    second = load(client, users["specialist"], page, "what_helps")
    assert first["version"] == second["version"] == "0"

    first_save = post_as(client, users["coach"], post, {**first, "what_helps": "Music"})
    assert first_save.status_code == 302
    refused = post_as(client, users["specialist"], post, {**second, "what_helps": "Quiet"})

    assert refused.status_code == 409
    assert list(JobSupportPlan.objects.filter(job=job).values_list("what_helps", flat=True)) == [
        "Music"
    ]


def test_career_profile_saved_from_a_superseded_version_is_refused(client, users, seeker):
    f.CareerProfileFactory(seeker=seeker, dream_job="Chef")
    url = reverse("jobseekers:profile", args=[seeker.pk])
    specialist_form = load(client, users["specialist"], url, "dream_job")
    supervisor_form = load(client, users["supervisor"], url, "dream_job")
    assert specialist_form["version"] == supervisor_form["version"] == "1"

    saved = post_as(client, users["specialist"], url, {**specialist_form, "dream_job": "Baker"})
    assert saved.status_code == 302
    after_first = profile_rows(seeker)
    refused = post_as(client, users["supervisor"], url, {**supervisor_form, "strengths": "Calm"})

    assert refused.status_code == 409
    assert CONFLICT in refused.content
    assert profile_rows(seeker) == after_first
    current = CareerProfile.objects.get(seeker=seeker, is_current=True)
    assert (current.version, current.dream_job, current.strengths) == (2, "Baker", "")
    assert form_data(refused.content.decode(), having="version")["version"] == "2"


def test_portal_choices_made_while_the_specialist_saved_the_profile_are_refused(
    client, users, seeker, seeker_user
):
    f.CareerProfileFactory(seeker=seeker)
    choices = load(client, seeker_user, reverse("portal:preferences"), "max_commute_miles")
    staff_url = reverse("jobseekers:profile", args=[seeker.pk])
    staff_form = load(client, users["specialist"], staff_url, "dream_job")
    post_as(client, users["specialist"], staff_url, {**staff_form, "max_commute_miles": "4"})
    after_staff = profile_rows(seeker)

    refused = post_as(
        client, seeker_user, reverse("portal:preferences"), {**choices, "max_commute_miles": "30"}
    )

    assert refused.status_code == 409
    assert b"changed by your specialist" in refused.content
    assert profile_rows(seeker) == after_staff


@pytest.mark.parametrize(
    ("view", "first", "second"),
    [
        # Both moves are allowed from "working" and after each other: only the check stops it.
        ("stage", {"stage": "follow_along"}, {"stage": "job_search"}),
        ("close", {"closed_date": "2026-02-01", "reason": "moved"}, {"reason": "own_choice"}),
    ],
)
def test_seeker_record_forms_from_a_stale_copy_are_refused(
    client, users, seeker, view, first, second
):
    seeker.stage = JobSeeker.Stage.WORKING
    seeker.save()
    url = reverse(f"jobseekers:{view}", args=[seeker.pk])
    field = next(iter(first))
    one = load(client, users["specialist"], url, field)
    two = load(client, users["supervisor"], url, field)

    first_save = post_as(client, users["specialist"], url, {**one, **first})
    assert first_save.status_code == 302
    after_first = stored(seeker)
    refused = post_as(client, users["supervisor"], url, {**two, **first, **second})

    assert refused.status_code == 409
    assert CONFLICT in refused.content
    assert stored(seeker) == after_first


def test_seeker_entry_from_a_stale_copy_is_refused(client, users, seeker):
    JobSeeker.objects.filter(pk=seeker.pk).update(stage="referred", entry_date=None)
    url = reverse("jobseekers:enter", args=[seeker.pk])
    one = load(client, users["specialist"], url, "entry_date")
    two = load(client, users["supervisor"], url, "entry_date")

    first_save = post_as(client, users["specialist"], url, {**one, "entry_date": "2026-01-20"})
    assert first_save.status_code == 302
    after_first = stored(seeker)
    refused = post_as(client, users["supervisor"], url, {**two, "entry_date": "2026-01-25"})

    assert refused.status_code == 409
    assert stored(seeker) == after_first


def test_goal_status_from_a_stale_copy_is_refused(client, users, seeker):
    goal = f.GoalFactory(seeker=seeker)
    url = reverse("jobseekers:goal_status", args=[goal.pk])
    one = load(client, users["specialist"], url, "status")
    two = load(client, users["supervisor"], url, "status")

    first_save = post_as(client, users["specialist"], url, {**one, "status": "achieved"})
    assert first_save.status_code == 302
    refused = post_as(client, users["supervisor"], url, {**two, "status": "changed"})

    assert refused.status_code == 409
    assert Goal.objects.get(pk=goal.pk).status == "achieved"


def test_job_end_from_a_copy_older_than_a_correction_is_refused(client, users, seeker):
    job = f.JobFactory(seeker=seeker)
    url = reverse("jobseekers:job_end", args=[job.pk])
    coach_form = load(client, users["coach"], url, "end_date")
    correction = reverse("jobs:edit", args=[job.pk])
    correct = load(client, users["supervisor"], correction, "start_date")
    post_as(client, users["supervisor"], correction, {**correct, "start_date": "2026-02-15"})
    after_correction = stored(job)

    refused = post_as(
        client, users["coach"], url, {**coach_form, "end_date": "2026-03-01", "reason": "quit"}
    )

    assert refused.status_code == 409
    assert stored(job) == after_correction
    assert Job.objects.get(pk=job.pk).end_date is None


def test_fidelity_ratings_from_a_stale_copy_are_refused_and_shown_on_top(client, users, program):
    review = start_review(
        program=program,
        review_date=dt.date(2026, 3, 1),
        period_start=dt.date(2025, 12, 1),
        period_end=dt.date(2026, 2, 28),
    )
    url = reverse("fidelity:review", args=[review.pk])
    one = load(client, users["supervisor"], url, "rating_V1")
    two = load(client, users["director"], url, "rating_V1")

    saved = post_as(client, users["supervisor"], url, {**one, "rating_V1": "4", "save": ""})
    assert saved.status_code == 302
    refused = post_as(client, users["director"], url, {**two, "note_V1": "Mine", "save": ""})

    assert refused.status_code == 409
    assert b"Someone else saved changes" in refused.content
    assert b">Mine</textarea>" in refused.content  # the director's own note, on top
    rating = review.ratings.get(item_key="V1")
    assert (rating.rating, rating.note) == (4, "")


def test_follow_up_marked_done_from_a_stale_copy_is_refused(seeker):
    task = f.FollowUpTaskFactory(seeker=seeker, note="Call")
    seen_by_both = FollowUpTask.objects.get(pk=task.pk)  # both had the due list open
    complete_follow_up(task=seen_by_both, on=dt.date(2026, 3, 2), note="Met at work")
    after_first = stored(task)

    with pytest.raises(StaleCopyError):
        complete_follow_up(task=seen_by_both, on=dt.date(2026, 3, 3), note="Phoned")

    assert stored(task) == after_first
    assert after_first["note"] == "Call\n2026-03-02: Met at work"


def test_edit_form_opened_before_an_import_cannot_overwrite_the_import(client, db, tmp_path):
    admin = make_user("root_import", is_superuser=True)
    call_command(
        "import_program", str(write_folder(tmp_path / "a", GOOD)), "--program", "Lake", "--create"
    )
    employer = Employer.objects.get(ref="E1")
    url = reverse("employers:edit", args=[employer.pk])
    opened = load(client, admin, url, "name")
    changed = copy.deepcopy(GOOD)
    changed["employers"][1][1] = "Corner Cafe and Bakery"
    call_command("import_program", str(write_folder(tmp_path / "b", changed)), "--program", "Lake")
    after_import = stored(employer)

    refused = post_as(client, admin, url, {**opened, "phone": "555-0100"})

    assert refused.status_code == 200
    assert CONFLICT in refused.content
    assert stored(employer) == after_import
    assert after_import["name"] == "Corner Cafe and Bakery"


def test_profile_form_opened_before_an_import_changed_the_profile_is_refused(client, db, tmp_path):
    admin = make_user("root_import", is_superuser=True)
    call_command(
        "import_program", str(write_folder(tmp_path / "a", GOOD)), "--program", "Lake", "--create"
    )
    seeker = JobSeeker.objects.get(ref="S1")
    url = reverse("jobseekers:profile", args=[seeker.pk])
    opened = load(client, admin, url, "dream_job")
    changed = copy.deepcopy(GOOD)
    changed["seekers"][1][9] = "25"  # max_commute_miles
    call_command("import_program", str(write_folder(tmp_path / "b", changed)), "--program", "Lake")
    after_import = profile_rows(seeker)

    refused = post_as(client, admin, url, {**opened, "dream_job": "Baker"})

    assert refused.status_code == 409
    assert profile_rows(seeker) == after_import


def test_rows_a_merge_moved_are_stale_for_copies_read_before_it(users, staff, program):
    keep, duplicate = f.EmployerFactory(program=program), f.EmployerFactory(program=program)
    contact = f.EmployerContactFactory(employer=duplicate, specialist=staff["specialist"])
    read_before = EmployerContact.objects.get(pk=contact.pk)
    merge_employers(keep=keep, duplicate=duplicate, by=users["supervisor"])
    after_merge = stored(contact)

    read_before.notes = "Old employer"
    with pytest.raises(StaleCopyError):
        save_if_unchanged(read_before, expected_version=read_before.version)

    assert stored(contact) == after_merge
    assert after_merge["employer"] == keep.pk
