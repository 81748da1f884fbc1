"""The due list: who sees what, what counts as done, and a bounded number of queries."""

import datetime as dt

import pytest
from django.utils import timezone

from coaching.models import FollowUpTask, JobSupportPlan, SupportContact
from coaching.selectors import due_list_for_staff, due_list_for_user, job_follow_along
from coaching.services import log_support_contact
from jobseekers.models import Job, JobSeeker
from jobseekers.services import record_job_end


def _kinds(due):
    return sorted((item.kind, item.label.split(":")[0]) for item in due.items)


def test_specialist_sees_the_30_day_check_of_their_seeker(make_job, seeker, users, today):
    job = make_job(seeker, days_ago=40)
    due = due_list_for_user(users["specialist"], today=today)
    [item] = [i for i in due.items if i.kind == "milestone"]
    assert (item.job_id, item.state, item.label) == (
        job.pk,
        "overdue",
        "30-day check: still in this job?",
    )
    assert item in due.late


def test_check_shows_a_week_ahead_and_not_earlier(make_job, seeker, users, today):
    make_job(seeker, days_ago=23)
    assert [
        i.state
        for i in due_list_for_user(users["specialist"], today=today).items
        if i.kind == "milestone"
    ] == ["soon"]
    make_job(seeker, days_ago=60, title="Second job")
    labels = [i.label for i in due_list_for_user(users["specialist"], today=today).items]
    assert "90-day check: still in this job?" not in labels


def test_confirmed_checks_and_ended_jobs_leave_the_list(make_job, seeker, users, today, staff):
    job = make_job(seeker, days_ago=40)
    ended = make_job(seeker, days_ago=35, title="Ended job")
    ended.end_date = today
    ended.save()
    log_support_contact(
        staff=staff["coach"],
        seeker=seeker,
        date=today,
        mode="phone",
        job=job,
        check=30,
        still_employed=True,
    )
    due = due_list_for_user(users["specialist"], today=today)
    assert not [i for i in due.items if i.kind == "milestone"]


def test_coach_sees_jobs_they_coach_but_not_others_unless_program_view(
    make_job, seeker, program, staff, users, today
):
    other = JobSeeker.objects.create(program=program, name="Bo Other", specialist=None)
    coached = make_job(seeker, days_ago=40)
    make_job(other, days_ago=40, title="Not coached")
    JobSupportPlan.objects.filter(job=coached).update(coach=staff["coach"])
    mine = due_list_for_user(users["coach"], today=today)
    assert {i.job_id for i in mine.items} == {coached.pk}
    whole = due_list_for_user(users["coach"], today=today, show="program")
    assert len({i.job_id for i in whole.items}) == 2


def test_supervisor_sees_the_program_and_outsider_sees_nothing(
    make_job, seeker, users, outsider, today
):
    job = make_job(seeker, days_ago=40)
    assert job.pk in {i.job_id for i in due_list_for_user(users["supervisor"], today=today).items}
    assert due_list_for_user(outsider, today=today).is_empty


def test_first_week_contact_is_due_until_a_face_to_face_contact(
    make_job, seeker, staff, users, today
):
    job = make_job(seeker, days_ago=2)
    due = due_list_for_user(users["specialist"], today=today)
    # Due by the week's last day (four days on): "soon", not "due" today.
    assert [(i.kind, i.label, i.state, i.due_date) for i in due.items] == [
        ("week", "Week 1 face-to-face contact", "soon", today + dt.timedelta(days=4))
    ]
    SupportContact.objects.create(
        program=job.program,
        date=today,
        staff=staff["coach"],
        seeker=seeker,
        job=job,
        mode=SupportContact.Mode.PHONE,
    )
    assert not due_list_for_user(users["specialist"], today=today).is_empty
    SupportContact.objects.create(
        program=job.program,
        date=today,
        staff=staff["coach"],
        seeker=seeker,
        job=None,
        mode=SupportContact.Mode.FACE_TO_FACE,
    )
    assert due_list_for_user(users["specialist"], today=today).is_empty


def test_missed_week_shows_as_late(make_job, seeker, users, today):
    make_job(seeker, days_ago=9)
    due = due_list_for_user(users["specialist"], today=today)
    assert [(i.label, i.state) for i in due.late] == [("Week 1 face-to-face contact", "missed")]
    assert [(i.label, i.state) for i in due.current] == [("Week 2 face-to-face contact", "soon")]


def test_reengage_task_is_on_the_specialists_list_until_done(job, users, today):
    record_job_end(job=job, end_date=today, reason=Job.EndReason.FIRED)
    due = due_list_for_user(users["specialist"], today=today)
    assert [i.kind for i in due.items] == ["follow_up"]
    assert due_list_for_user(users["coach"], today=today).is_empty
    FollowUpTask.objects.update(done_on=today)
    assert due_list_for_user(users["specialist"], today=today).is_empty


def test_digest_list_of_one_membership_matches_role(make_job, seeker, staff, today):
    make_job(seeker, days_ago=40)
    assert not due_list_for_staff(staff["specialist"], today=today).is_empty
    assert not due_list_for_staff(staff["director"], today=today).is_empty
    assert due_list_for_staff(staff["coach"], today=today).is_empty


def test_superuser_without_membership_sees_every_program(
    make_job, seeker, other_seeker, superuser, today
):
    make_job(seeker, days_ago=40)
    make_job(other_seeker, days_ago=40)
    assert len({i.seeker_id for i in due_list_for_user(superuser, today=today).items}) == 2


def _caseload(program, specialist, make_job, n):
    for i in range(n):
        person = JobSeeker.objects.create(program=program, name=f"P{i}", specialist=specialist)
        job = make_job(person, days_ago=10 + i * 9)
        SupportContact.objects.create(
            program=program, date=job.start_date, staff=specialist, seeker=person, job=job
        )
        if i % 3 == 0:
            record_job_end(job=job, end_date=timezone.localdate(), reason=Job.EndReason.FIRED)


@pytest.mark.parametrize("size", [3, 30])
def test_due_list_query_count_does_not_grow(
    size, program, staff, users, make_job, today, django_assert_max_num_queries
):
    _caseload(program, staff["specialist"], make_job, size)
    for user in (users["specialist"], users["supervisor"]):
        with django_assert_max_num_queries(5):
            due = due_list_for_user(user, today=today)
        assert not due.is_empty


@pytest.mark.parametrize("size", [2, 25])
def test_job_page_query_count_does_not_grow(
    size, job, staff, seeker, today, django_assert_max_num_queries
):
    for i in range(size):
        SupportContact.objects.create(
            program=job.program,
            date=today - dt.timedelta(days=i),
            staff=staff["coach"],
            seeker=seeker,
            job=job,
        )
    with django_assert_max_num_queries(4):
        page = job_follow_along(job, today=today)
    assert len(page.contacts) == min(size, 20)
    assert page.weeks[0].state == "done"
