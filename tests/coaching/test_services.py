"""The support plan at a job start, retention-check answers, the job-loss follow-up,
the support log, staff time."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import FollowUpTask, JobSupportPlan, RetentionMilestone, SupportContact
from ips.domain import CONTACT_DATE_TOO_LATE
from ips.models import TimeEntry
from jobseekers.models import Job
from jobseekers.services import record_job_end


def test_a_job_start_on_the_screen_opens_one_support_plan_and_stores_no_due_dates(
    client, users, seeker, employer
):
    client.force_login(users["specialist"])
    data = {"employer": employer.pk, "title": "Baker", "start_date": "2026-03-02"}
    data |= {"competitive": "on", "permanent": "on"}
    response = client.post(reverse("jobseekers:job_start", args=[seeker.pk]), data)
    assert response.status_code == 302
    job = Job.objects.get(seeker=seeker)
    assert JobSupportPlan.objects.filter(job=job).count() == 1
    assert not RetentionMilestone.objects.exists()  # checks are derived, nothing scheduled
    services.open_support_plan(job=job)
    assert JobSupportPlan.objects.filter(job=job).count() == 1


def test_an_answer_stays_with_its_check_when_the_start_date_is_corrected(
    make_job, staff, seeker, today
):
    job = make_job(seeker, days_ago=31)
    _log(staff["coach"], seeker, job=job, check=30, still_employed=True)
    job.start_date -= dt.timedelta(days=2)
    job.save()
    [answer] = RetentionMilestone.objects.filter(job=job)
    assert (answer.days, answer.confirmed_on, answer.still_employed) == (30, today, True)


def _end(job, *, reason=Job.EndReason.FIRED):
    record_job_end(job=job, end_date=timezone.localdate(), reason=reason)


def test_job_loss_creates_reengage_task_due_within_3_days_for_the_specialist(job, staff, today):
    _end(job)
    task = FollowUpTask.objects.get(job=job)
    assert task.kind == FollowUpTask.Kind.REENGAGE
    assert task.assigned_to == staff["specialist"]
    assert task.created_on == today
    assert today <= task.due_date <= today + dt.timedelta(days=3)
    assert "Let go" in task.note


def test_reengage_task_opened_twice_is_one_task(job):
    _end(job)
    services.open_reengagement_task(job=Job.objects.get(pk=job.pk))
    assert FollowUpTask.objects.filter(job=job).count() == 1


def test_leaving_for_a_job_already_held_opens_no_reengage_task(job, make_job, seeker):
    make_job(seeker, days_ago=0, title="Better job")
    _end(job, reason=Job.EndReason.QUIT_BETTER_JOB)
    assert not FollowUpTask.objects.filter(job=job).exists()


def test_no_reengage_task_for_a_job_without_end_date(job):
    services.open_reengagement_task(job=job)
    assert not FollowUpTask.objects.exists()


def _log(staff, seeker, **kw):
    kw.setdefault("date", timezone.localdate())
    kw.setdefault("mode", SupportContact.Mode.FACE_TO_FACE)
    return services.log_support_contact(staff=staff, seeker=seeker, **kw)


def test_support_contact_is_logged_with_all_fields(staff, seeker, job):
    contact = _log(
        staff["coach"],
        seeker,
        job=job,
        with_whom=["worker", "employer"],
        location="workplace",
        minutes=45,
        support_types=["coaching", "accommodation"],
        notes="Met the supervisor about breaks.",
    )
    contact.refresh_from_db()
    assert contact.program_id == seeker.program_id
    assert contact.with_whom == ["worker", "employer"]
    assert contact.support_types == ["coaching", "accommodation"]
    assert contact.minutes == 45


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"mode": "carrier_pigeon"}, "mode"),
        ({"location": "moon"}, "location"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": 2000}, "minutes"),
        ({"with_whom": ["neighbour"]}, "with_whom"),
        ({"support_types": ["magic"]}, "support_types"),
        ({"date": timezone.localdate() + dt.timedelta(days=2)}, "date"),
    ],
)
def test_bad_support_contact_is_refused_and_nothing_saved(staff, seeker, fields, error_field):
    with pytest.raises(ValidationError) as refused:
        _log(staff["coach"], seeker, **fields)
    assert error_field in refused.value.message_dict
    assert not SupportContact.objects.exists()


def test_a_visit_may_be_dated_tomorrow_but_not_later(staff, seeker):
    """The employer contacts' rule (ips.domain): a phone may already be a day ahead."""
    today = timezone.localdate()
    _log(staff["coach"], seeker, date=today + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        _log(staff["coach"], seeker, date=today + dt.timedelta(days=2), mode="phone")
    assert refused.value.message_dict["date"] == [CONTACT_DATE_TOO_LATE]
    assert [c.date for c in SupportContact.objects.all()] == [today + dt.timedelta(days=1)]


def test_seeker_of_another_program_is_refused(staff, other_seeker):
    with pytest.raises(ValidationError) as refused:
        _log(staff["coach"], other_seeker)
    assert "another program" in refused.value.message_dict["seeker"][0]
    assert not SupportContact.objects.exists()


def test_job_of_another_person_or_program_is_refused(staff, seeker, other_job):
    with pytest.raises(ValidationError) as refused:
        _log(staff["coach"], seeker, job=other_job)
    assert "job" in refused.value.message_dict
    assert not SupportContact.objects.exists()


def test_still_employed_answer_confirms_the_due_check(staff, seeker, make_job):
    job = make_job(seeker, days_ago=29)
    contact = _log(staff["coach"], seeker, job=job, still_employed=True)
    milestone = RetentionMilestone.objects.get(job=job, days=30)
    assert milestone.confirmed_on == contact.date
    assert milestone.still_employed is True
    assert milestone.confirmed_by == contact
    assert RetentionMilestone.objects.filter(job=job).count() == 1


def test_answer_far_from_any_check_confirms_nothing(staff, seeker, job):
    _log(staff["coach"], seeker, job=job, still_employed=True)
    assert not RetentionMilestone.objects.exists()


def test_not_employed_at_a_check_opens_a_reengage_task_once(staff, seeker, make_job):
    job = make_job(seeker, days_ago=92)
    _log(staff["coach"], seeker, job=job, check=90, still_employed=False)
    assert RetentionMilestone.objects.get(job=job, days=90).still_employed is False
    task = FollowUpTask.objects.get(job=job)
    assert task.assigned_to == staff["specialist"]
    _end(job)
    assert FollowUpTask.objects.filter(job=job).count() == 1


def test_check_needs_an_answer_and_cannot_be_confirmed_twice(staff, seeker, make_job):
    job = make_job(seeker, days_ago=30)
    with pytest.raises(ValidationError) as refused:
        _log(staff["coach"], seeker, job=job, check=30)
    assert "still_employed" in refused.value.message_dict
    _log(staff["coach"], seeker, job=job, check=30, still_employed=True)
    with pytest.raises(ValidationError):
        _log(staff["coach"], seeker, job=job, check=30, still_employed=False)
    assert SupportContact.objects.count() == 1
    assert RetentionMilestone.objects.get(job=job, days=30).still_employed is True


def test_a_check_after_the_jobs_end_cannot_be_answered(staff, seeker, make_job, today):
    job = make_job(seeker, days_ago=100)
    record_job_end(job=job, end_date=today - dt.timedelta(days=20), reason=Job.EndReason.FIRED)
    job.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        _log(staff["coach"], seeker, job=job, check=90, still_employed=True)
    assert "not followed" in refused.value.message_dict["still_employed"][0]
    assert not SupportContact.objects.exists()
    assert not RetentionMilestone.objects.exists()


def test_import_replaces_the_same_days_contact(staff, seeker, job):
    _log(staff["coach"], seeker, job=job, minutes=30, replace_existing=True)
    _log(staff["coach"], seeker, job=job, minutes=50, replace_existing=True)
    assert list(SupportContact.objects.values_list("minutes", flat=True)) == [50]


MONDAY = dt.date(2026, 3, 2)


def test_week_of_hours_replaces_the_week_and_skips_zeros(staff):
    coach = staff["coach"]
    services.record_week_of_time(
        staff=coach,
        monday=MONDAY,
        hours={(MONDAY, "employment_services", "community"): Decimal(6)},
    )
    kept = services.record_week_of_time(
        staff=coach,
        monday=MONDAY,
        hours={
            (MONDAY, "employment_services", "community"): Decimal("5.5"),
            (MONDAY, "other", "office"): Decimal(0),
            (MONDAY + dt.timedelta(days=1), "other", "office"): Decimal(2),
        },
    )
    assert kept == 2
    assert sorted(TimeEntry.objects.values_list("date", "hours", "activity", "location")) == [
        (MONDAY, Decimal("5.50"), "employment_services", "community"),
        (MONDAY + dt.timedelta(days=1), Decimal("2.00"), "other", "office"),
    ]
    assert set(TimeEntry.objects.values_list("program_id", flat=True)) == {coach.program_id}


@pytest.mark.parametrize(
    "hours",
    [
        {(MONDAY, "other", "office"): Decimal(25)},
        {(MONDAY, "other", "office"): Decimal(13), (MONDAY, "other", "community"): Decimal(12)},
        {(MONDAY, "sleeping", "office"): Decimal(1)},
        {(MONDAY + dt.timedelta(days=7), "other", "office"): Decimal(1)},
    ],
)
def test_bad_week_of_hours_is_refused_and_changes_nothing(staff, hours):
    TimeEntry.objects.create(
        program=staff["coach"].program,
        staff=staff["coach"],
        date=MONDAY,
        hours=3,
        activity="other",
        location="office",
    )
    with pytest.raises(ValidationError):
        services.record_week_of_time(staff=staff["coach"], monday=MONDAY, hours=hours)
    assert list(TimeEntry.objects.values_list("hours", flat=True)) == [Decimal("3.00")]


def test_record_time_entry_updates_on_reimport(staff):
    for hours in (Decimal(3), Decimal(4)):
        services.record_time_entry(
            staff=staff["specialist"],
            date=MONDAY,
            hours=hours,
            activity="employment_services",
            location="community",
        )
    assert list(TimeEntry.objects.values_list("hours", flat=True)) == [Decimal("4.00")]
    with pytest.raises(ValidationError):
        services.record_time_entry(
            staff=staff["specialist"], date=MONDAY, hours=Decimal(-1), activity="x", location="y"
        )
