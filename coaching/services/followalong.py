"""Follow-along writes: the support plan at a job start, the re-engagement task at a job
end, the support log and retention-check answers, follow-up tasks. Due dates are never
written: coaching.schedule derives them.

The importer calls `log_support_contact(..., replace_existing=True)`: it validates like
the form and raises ValidationError.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from coaching import schedule
from coaching.models import (
    FollowUpTask,
    JobSupportPlan,
    RetentionMilestone,
    SupportContact,
)
from coaching.selectors import follow_along_span, open_introduction
from ips.domain import contact_date_problem
from ips.idempotency import AlreadyRecorded, refuse_replay, save_event
from ips.models import StaffMember
from ips.versioning import StaleCopyError, bumped, save_if_unchanged
from jobseekers.models import Job, JobSeeker
from jobseekers.services import interest_introduced

REENGAGE_WITHIN_DAYS = 3  # IPS: re-engage in the job search within days of a job loss


@transaction.atomic
def open_support_plans(*, jobs: Iterable[Job]) -> int:
    """Give each job without one an empty support plan: what every job start gets, from
    any path (the job-start screen one job at a time, the import in bulk). Returns the
    number of plans created; existing plans are left unchanged. Retention checks need
    no scheduling: they are derived from the job (coaching.schedule)."""
    jobs = list(jobs)
    have = set(JobSupportPlan.objects.filter(job__in=jobs).values_list("job_id", flat=True))
    plans = [
        JobSupportPlan(program_id=job.program_id, job=job) for job in jobs if job.pk not in have
    ]
    JobSupportPlan.objects.bulk_create(plans, batch_size=1000, ignore_conflicts=True)
    return len(plans)


def open_support_plan(*, job: Job, coach: StaffMember | None = None) -> JobSupportPlan:
    """The job's support plan, created empty if it has none (open_support_plans); with
    `coach` (the job start's chosen coach), a plan without a coach gets that coach, so
    the week-1 visit shows on their home and "What's due"."""
    open_support_plans(jobs=[job])
    if coach is not None:
        JobSupportPlan.objects.filter(job=job, coach__isnull=True).update(**bumped(coach=coach))
    return JobSupportPlan.objects.get(job=job)


@transaction.atomic
def open_reengagement_task(*, job: Job, today: dt.date | None = None) -> FollowUpTask | None:
    """After a job ends: a task for the seeker's specialist, due within 3 days, to meet
    the person and restart the job search. One per job; none while another job goes on."""
    if job.end_date is None:
        return None
    existing = FollowUpTask.objects.filter(job=job, kind=FollowUpTask.Kind.REENGAGE).first()
    if existing is not None:
        return existing
    if Job.objects.filter(seeker_id=job.seeker_id, end_date__isnull=True).exclude(pk=job.pk):
        return None  # left for another job they already hold: nothing to re-engage
    reason = job.get_end_reason_display() if job.end_reason else "no reason recorded"
    return _reengage_task(
        job,
        f"{job.title} at {job.employer.name} ended on {date_format(job.end_date)} ({reason}). "
        "Meet the person within 3 days and offer to start the next job search.",
        today or timezone.localdate(),
    )


def _reengage_task(job: Job, note: str, today: dt.date) -> FollowUpTask:
    """The re-engage task of a job, for the person's specialist, due within 3 days."""
    return FollowUpTask.objects.create(
        program_id=job.program_id,
        seeker_id=job.seeker_id,
        job=job,
        kind=FollowUpTask.Kind.REENGAGE,
        assigned_to=job.seeker.specialist,
        created_on=today,
        due_date=today + dt.timedelta(days=REENGAGE_WITHIN_DAYS),
        note=note,
    )


def _check_support_contact(
    *,
    staff: StaffMember,
    seeker: JobSeeker,
    date: dt.date,
    mode: str,
    job: Job | None,
    with_whom: Iterable[str],
    location: str,
    minutes: int | None,
    support_types: Iterable[str],
    check: int | None,
    still_employed: bool | None,
) -> None:
    """Raise ValidationError (by field) for anything the support log must refuse."""
    errors: dict[str, str] = {}
    if seeker.program_id != staff.program_id:
        errors["seeker"] = "This person belongs to another program."
    if job is not None and (job.seeker_id != seeker.pk or job.program_id != staff.program_id):
        errors["job"] = "This job is not one of this person's jobs."
    problem = contact_date_problem(date, timezone.localdate())
    if problem:
        errors["date"] = problem
    if mode not in SupportContact.Mode.values:
        errors["mode"] = f"Unknown way of meeting: {mode!r}."
    if location and location not in SupportContact.Location.values:
        errors["location"] = f"Unknown place: {location!r}."
    unknown = set(with_whom) - set(SupportContact.WithWhom.values)
    if unknown:
        errors["with_whom"] = f"Unknown: {', '.join(sorted(unknown))}."
    unknown = set(support_types) - set(SupportContact.SupportType.values)
    if unknown:
        errors["support_types"] = f"Unknown support type: {', '.join(sorted(unknown))}."
    if minutes is not None and not 1 <= minutes <= 24 * 60:
        errors["minutes"] = "Minutes must be between 1 and 1440 (one day)."
    if check is not None:
        if check not in schedule.MILESTONE_DAYS:
            errors["still_employed"] = f"Unknown retention check: {check!r} days."
        elif job is None:
            errors["job"] = "Choose the job this check is about."
        if still_employed is None:
            errors["still_employed"] = "Say whether the person is still in this job."
    if errors:
        raise ValidationError(errors)


def _confirmations(job: Job) -> dict[int, schedule.Confirmation]:
    return {
        days: schedule.Confirmation(on, still)
        for days, on, still in RetentionMilestone.objects.filter(job=job).values_list(
            "days", "confirmed_on", "still_employed"
        )
    }


def _check_to_confirm(job: Job, date: dt.date, check: int | None) -> int | None:
    """The days of the check an answer on `date` confirms: the one asked for (refused
    when already answered or outside what is followed), else the earliest open one due
    by `date` plus the look-ahead (None: the answer is kept on the contact only)."""
    span, confirmed = follow_along_span(job), _confirmations(job)
    if check is None:
        found = schedule.open_check_for(span, confirmed, date)
        return found.days if found else None
    [wanted] = [c for c in schedule.retention_checks(span, confirmed, date) if c.days == check]
    if wanted.state == "confirmed":
        raise ValidationError({"still_employed": "This check was already confirmed."})
    if wanted.state == "outside":
        raise ValidationError(
            {
                "still_employed": f"The {check}-day check is not followed for this job: it ended, "
                "or the record was closed, before the check fell due."
            }
        )
    return check


@transaction.atomic
def log_support_contact(
    *,
    staff: StaffMember,
    seeker: JobSeeker,
    date: dt.date,
    mode: str,
    job: Job | None = None,
    with_whom: Iterable[str] = (),
    location: str = "",
    minutes: int | None = None,
    support_types: Iterable[str] = (),
    notes: str = "",
    check: int | None = None,
    still_employed: bool | None = None,
    replace_existing: bool = False,
    idempotency_key: uuid.UUID | None = None,
    allow_duplicate: bool = False,
) -> SupportContact:
    """Log one follow-along contact; an answer to "still in this job?" confirms the job's
    retention check `check` (30/90/180/365 days), or else its earliest open check due
    by `date` plus a week. `replace_existing` (imports) updates the same day's row
    instead. ValidationError (by field), with nothing saved, for anything refused.

    Once per `idempotency_key` (ips.idempotency), checked before anything else (the first
    sending may have confirmed the check this one names): AlreadyRecorded carrying the
    first contact; LikelyDuplicate when the same staff member logged the same person, day
    and way minutes ago, unless `allow_duplicate`."""
    refuse_replay(SupportContact, program_id=staff.program_id, key=idempotency_key)
    with_whom, support_types = list(with_whom), list(support_types)
    _check_support_contact(
        staff=staff,
        seeker=seeker,
        date=date,
        mode=mode,
        job=job,
        with_whom=with_whom,
        location=location,
        minutes=minutes,
        support_types=support_types,
        check=check,
        still_employed=still_employed,
    )
    if job is not None and still_employed is not None:
        check = _check_to_confirm(job, date, check)
    fields = {
        "program_id": staff.program_id,
        "with_whom": with_whom,
        "location": location,
        "minutes": minutes,
        "support_types": support_types,
        "still_employed": still_employed,
        "notes": notes,
    }
    key: dict[str, Any] = {"staff": staff, "seeker": seeker, "job": job, "date": date, "mode": mode}
    if replace_existing:
        contact, _ = SupportContact.objects.update_or_create(**key, defaults=fields)
    else:
        contact = SupportContact(**key, **fields, idempotency_key=idempotency_key)
        save_event(contact, allow_duplicate=allow_duplicate)
    if job is not None and check is not None and still_employed is not None:
        confirm_retention_check(job=job, days=check, contact=contact, still_employed=still_employed)
    return contact


@transaction.atomic
def confirm_retention_check(
    *, job: Job, days: int, contact: SupportContact, still_employed: bool
) -> RetentionMilestone:
    """Store the answer to a job's `days`-day retention check, asked at `contact`;
    "no longer working" opens a task to record the job's end and re-engage the person
    within 3 days. ValidationError when that check was already answered."""
    try:
        with transaction.atomic():
            milestone = RetentionMilestone.objects.create(
                program_id=job.program_id,
                job=job,
                days=days,
                confirmed_on=contact.date,
                still_employed=still_employed,
                confirmed_by=contact,
            )
    except IntegrityError as error:  # one answer per check: a second submission lost
        raise ValidationError({"still_employed": "This check was already confirmed."}) from error
    if not still_employed:
        _open_reengage_task(job=job, days=days)
    return milestone


def _open_reengage_task(*, job: Job, days: int) -> None:
    """A task to record the job's end and re-engage the person within 3 days (IPS:
    re-engage in the job search soon after a job loss), unless the job has one."""
    if FollowUpTask.objects.filter(job=job, kind=FollowUpTask.Kind.REENGAGE).exists():
        return
    _reengage_task(
        job,
        f"At the {days}-day check the person was no longer working at "
        f"{job.employer.name}. Record the job's end and offer a new job search.",
        timezone.localdate(),
    )


@transaction.atomic
def correct_retention_answer(
    *,
    milestone: RetentionMilestone,
    confirmed_on: dt.date,
    still_employed: bool,
    expected_version: int,
) -> RetentionMilestone:
    """Correct a recorded retention-check answer (the answers listing's edit screen): the
    day it was confirmed and whether the person was still working. The check itself (job,
    30/90/180/365 days) is not changed: a wrong check is a different answer. Corrected to
    "no longer working", the re-engage task opens as when first answered
    (`confirm_retention_check`); corrected back to "still working", an open task is left
    for a person to close. ValidationError for a date in the future or earlier than the
    support log would take the answer (a week before the check falls due,
    schedule.LOOKAHEAD_DAYS); StaleCopyError when someone saved after `expected_version`."""
    job = milestone.job
    errors = {}
    # As on the support log: a check can be answered from a week before it falls due.
    earliest = job.start_date + dt.timedelta(days=milestone.days - schedule.LOOKAHEAD_DAYS)
    if confirmed_on > timezone.localdate():
        errors["confirmed_on"] = "The date is in the future. Record the answer after it is given."
    elif confirmed_on < earliest:
        errors["confirmed_on"] = (
            f"A {milestone.days}-day check is answered from {earliest:%a %-d %b %Y} (a week "
            f"before it falls due, {milestone.days} days after the start on "
            f"{job.start_date:%a %-d %b %Y})."
        )
    if errors:
        raise ValidationError(errors)
    milestone.confirmed_on = confirmed_on
    milestone.still_employed = still_employed
    saved = save_if_unchanged(
        milestone,
        expected_version=expected_version,
        update_fields=["confirmed_on", "still_employed"],
    )
    if not still_employed:
        _open_reengage_task(job=job, days=milestone.days)
    return saved


@transaction.atomic
def save_support_plan(*, plan: JobSupportPlan, expected_version: int | None) -> JobSupportPlan:
    """Save a job's support plan as edited on a form loaded at `expected_version` (0: no
    plan was saved yet); StaleCopyError, with nothing saved, when someone saved first."""
    if plan.pk is None:
        if expected_version:
            raise StaleCopyError
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError as error:  # one plan per job: another first save won
            raise StaleCopyError from error
        return plan
    return save_if_unchanged(plan, expected_version=expected_version)


@transaction.atomic
def complete_follow_up(*, task: FollowUpTask, on: dt.date, note: str = "") -> FollowUpTask:
    """Mark a follow-up task done, keeping any note of what happened; StaleCopyError when
    someone marked it done first (one conditional UPDATE: only an open task changes)."""
    task = FollowUpTask.objects.select_for_update().get(pk=task.pk)
    if task.done_on is not None:
        raise StaleCopyError("Someone already marked this task done; nothing was changed.")
    task.done_on = on
    if note:
        task.note = f"{task.note}\n{on}: {note}".strip()
    return save_if_unchanged(task, expected_version=task.version, update_fields=["done_on", "note"])


INTRODUCTION_WITHIN_DAYS = 7  # the default due date of a planned introduction


@transaction.atomic
def plan_introduction(
    *,
    seeker: JobSeeker,
    opening,
    due_date: dt.date,
    note: str = "",
    by=None,
    today: dt.date | None = None,
) -> FollowUpTask:
    """A match's "Plan an introduction": a follow-up task for the person's specialist
    (else the acting staff member) to introduce them to the opening's employer by
    `due_date` (shown in "What's due" and on the specialist's home); the person's open
    "I'm interested" in the opening is handled (jobseekers.services.interest_introduced).
    One open introduction per person and opening (a database constraint): when one is
    already planned, AlreadyRecorded carrying it is raised and nothing is written (a
    double tap, two tabs, or two colleagues at once). ValidationError ("due_date") for a
    date in the past or more than 90 days ahead; nothing is written then."""
    today = today or timezone.localdate()
    existing = open_introduction(seeker=seeker, opening=opening)
    if existing is not None:
        raise AlreadyRecorded(existing)
    if due_date < today:
        raise ValidationError({"due_date": "The introduction cannot be due in the past."})
    if due_date > today + dt.timedelta(days=90):
        raise ValidationError({"due_date": "Plan it within the next 90 days."})
    staff = seeker.specialist
    if staff is None and by is not None:
        staff = StaffMember.objects.filter(user=by, program_id=seeker.program_id).first()
    text = f"{opening.title} at {opening.employer.name}"
    note = (note or "").strip()
    try:
        with transaction.atomic():  # a savepoint: the loser of a race keeps its transaction
            task = FollowUpTask.objects.create(
                program_id=seeker.program_id,
                seeker=seeker,
                opening=opening,
                kind=FollowUpTask.Kind.INTRODUCTION,
                assigned_to=staff,
                created_on=today,
                due_date=due_date,
                note=f"{text}. {note}" if note else text,
            )
    except IntegrityError:
        winner = open_introduction(seeker=seeker, opening=opening)
        if winner is None:  # another constraint refused the row: not a double tap
            raise
        raise AlreadyRecorded(winner) from None
    interest_introduced(seeker=seeker, opening=opening, by=by)
    return task
