"""Job starts and ends: the competitive-job checks, recording a start (from an opening or
not), correcting it, and its end (signals `job_started` / `job_ended`)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from employers.models import Employer, JobOpening
from employers.services import mark_opening_filled
from ips.domain import job_start_date_problem, shown_date
from ips.idempotency import refuse_replay, save_event
from ips.models import Occupation, Program, StaffMember
from ips.roles import Role
from ips.versioning import check_version, save_if_unchanged
from jobseekers import stages
from jobseekers.models import Job, JobSeeker, MatchOutcome
from jobseekers.services.common import (
    Actor,
    _check_same_program,
    _log,
    _set_stage,
    _staff_of,
    _validate,
)
from jobseekers.signals import job_ended, job_started

# --- job starts and ends ----------------------------------------------------------------


def check_competitive_wage(
    *, program: Program, competitive: bool, hourly_wage: Decimal | None
) -> None:
    """A job paying under the program's minimum wage cannot count as competitive."""
    if competitive and hourly_wage is not None and hourly_wage < program.minimum_wage:
        raise ValidationError(
            {
                "competitive": (
                    f"A wage under the minimum wage (${program.minimum_wage}/hour) "
                    "is not a competitive job."
                )
            }
        )


def job_start_problems(
    *,
    entered: bool,
    entry_date: dt.date | None,
    employed_at_referral: bool,
    start_date: dt.date,
    today: dt.date | None = None,
) -> dict[str, str]:
    """Why a job cannot start, by field (empty when it may): the person must be on the
    caseload (`entered`: has an entry date and is not only referred), and the job cannot
    start before the entry date unless the person was working at referral (IPS counts job
    starts from entry). A start is recorded from its first day, tomorrow at most
    (ips.domain.job_start_date_problem; from `today`, the program's date by default).
    Shared by record_job_start and the importer (importer)."""
    too_late = job_start_date_problem(start_date, today or timezone.localdate())
    if too_late:
        return {"start_date": too_late}
    if not entered or entry_date is None:
        return {"stage": "Enter the person onto the caseload before a job start."}
    if start_date < entry_date and not employed_at_referral:
        return {"start_date": "The job cannot start before the entry date."}
    return {}


def opening_filled_problem(opening: JobOpening) -> str | None:
    """Why no job start can be recorded from `opening`, or None when it may: an opening
    that is filled already (status "filled"; openings have one position) names who filled
    it and when, "Already filled by Ana Ruiz on Mon 23 Nov 2026" (the latest job start
    recorded from it; a plain "already filled" when it was marked filled by hand).
    One query for a filled opening, none otherwise."""
    if opening.status != JobOpening.Status.FILLED:
        return None
    job = (
        Job.objects.filter(opening=opening)
        .select_related("seeker")
        .order_by("-start_date", "-pk")
        .first()
    )
    if job is None:
        return "This opening is already filled. Record the job start without the opening."
    return f"Already filled by {job.seeker.name} on {shown_date(job.start_date)}."


@transaction.atomic
def record_job_start(
    *,
    seeker: JobSeeker,
    employer: Employer,
    title: str,
    start_date: dt.date,
    by: Actor = None,
    occupation: Occupation | None = None,
    opening: JobOpening | None = None,
    hours_per_week: Decimal | None = None,
    hourly_wage: Decimal | None = None,
    competitive: bool = True,
    permanent: bool = True,
    disclosure: str = "",
    paid_hours_to_date: Decimal | None = None,
    ref: str = "",
    idempotency_key: uuid.UUID | None = None,
    allow_duplicate: bool = False,
    coach: StaffMember | None = None,
) -> Job:
    """Record a job start: moves the person to "working" and sends
    `jobseekers.signals.job_started` with `job` and `coach` (coaching opens the job's
    support plan, followed by `coach`, an active job coach of the person's program, so the
    coach's home and "What's due" show the week-1 visit; retention checks are derived
    from the job, nothing is scheduled).

    From an `opening` (the opening's or a match's "Record a job start", issue 17 item 4):
    the opening is marked filled (no longer public or recommended:
    employers.services.mark_opening_filled), the person's open "I'm interested" in it is
    handled ("Started the job"), and a "hire" outcome is recorded for the recommender to
    learn from (matching.fit.GRADES).

    Once per `idempotency_key` (ips.idempotency): AlreadyRecorded carrying the first job
    when the key is stored; LikelyDuplicate when the same person's start at the same
    employer on the same day was recorded minutes ago, unless `allow_duplicate`.
    ValidationError ("opening") when the opening is filled already (opening_filled_problem:
    who filled it and when); nothing is written then."""
    seeker = JobSeeker.objects.select_for_update().select_related("program").get(pk=seeker.pk)
    # Under the person's lock: a concurrent sending of the same form has committed by now.
    refuse_replay(Job, program_id=seeker.program_id, key=idempotency_key)
    _check_same_program(seeker.program, employer=employer, opening=opening)
    if opening is not None and opening.employer_id != employer.pk:
        raise ValidationError({"opening": "This opening is at another employer."})
    if opening is not None:
        # Under the opening's lock: two job starts from one opening at once fill it once.
        opening = JobOpening.objects.select_for_update().get(pk=opening.pk)
        filled = opening_filled_problem(opening)
        if filled:
            raise ValidationError({"opening": filled})
    check_competitive_wage(program=seeker.program, competitive=competitive, hourly_wage=hourly_wage)
    problems = job_start_problems(
        entered=seeker.stage not in (stages.REFERRED, stages.CLOSED),
        entry_date=seeker.entry_date,
        employed_at_referral=seeker.employed_at_referral,
        start_date=start_date,
    )
    if problems:
        raise ValidationError(problems)
    if coach is not None:
        check_coach(coach, program=seeker.program)
    job = Job(
        program_id=seeker.program_id,
        seeker=seeker,
        employer=employer,
        opening=opening,
        title=title.strip(),
        occupation=occupation,
        start_date=start_date,
        hours_per_week=hours_per_week,
        hourly_wage=hourly_wage,
        competitive=competitive,
        permanent=permanent,
        disclosure=disclosure,
        paid_hours_to_date=paid_hours_to_date,
        ref=ref.strip(),
        idempotency_key=idempotency_key,
    )
    _validate(job, exclude=("seeker", "program"))
    save_event(job, allow_duplicate=allow_duplicate)
    if seeker.stage != stages.WORKING:
        _set_stage(seeker, stages.WORKING, start_date, by, f"Started {job.title}")
        seeker.save(update_fields=["stage", "stage_changed_on", "updated_at"])
    if opening is not None:
        _job_start_from_opening(job, opening=opening, by=by)
    job_started.send(sender=Job, job=job, coach=coach)
    return job


def check_coach(coach: StaffMember, *, program: Program) -> None:
    """ValidationError ("coach") unless `coach` is an active job coach of `program`."""
    if not (coach.active and coach.role == Role.COACH and coach.program_id == program.pk):
        raise ValidationError({"coach": "Choose an active job coach of this program."})


def _job_start_from_opening(job: Job, *, opening: JobOpening, by: Actor) -> None:
    staff = _staff_of(by, job.program)
    today = timezone.localdate()
    if opening.status == JobOpening.Status.OPEN:
        mark_opening_filled(opening=opening, by=staff)
    MatchOutcome.objects.get_or_create(
        seeker=job.seeker,
        opening=opening,
        kind=MatchOutcome.Kind.HIRE,
        defaults={"program_id": job.program_id, "date": job.start_date, "recorded_by": staff},
    )
    MatchOutcome.objects.filter(
        seeker=job.seeker,
        opening=opening,
        kind=MatchOutcome.Kind.INTEREST,
        handled_on__isnull=True,
    ).update(handled_on=today, handling=MatchOutcome.Handling.JOB_START, handled_by=staff)


@transaction.atomic
def update_job(
    *, job: Job, changes: Mapping[str, Any], by: Actor = None, expected_version: int | None = None
) -> Job:
    """Correct a job's details (the Jobs edit screen: employer, hours, wage, competitive,
    title, start date...) with the rules of a job start. ValidationError for a field that
    cannot change here (the person, the program, the end: use record_job_end);
    StaleCopyError when the job changed since `expected_version`."""
    allowed = {
        "employer",
        "opening",
        "end_note",
        "title",
        "occupation",
        "hours_per_week",
        "hourly_wage",
        "competitive",
        "permanent",
        "disclosure",
        "paid_hours_to_date",
        "ref",
        "start_date",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This cannot be changed here."))
    job = Job.objects.select_for_update().select_related("program").get(pk=job.pk)
    check_version(job, expected_version)
    _check_same_program(
        job.program, employer=changes.get("employer"), opening=changes.get("opening")
    )
    start = changes.get("start_date", job.start_date)
    if start != job.start_date:  # a job kept as it was stays editable
        too_late = job_start_date_problem(start, timezone.localdate())
        if too_late:
            raise ValidationError({"start_date": too_late})
    for name, value in changes.items():
        setattr(job, name, value)
    if job.opening is not None and job.opening.employer_id != job.employer_id:
        raise ValidationError({"opening": "This opening is at another employer."})
    check_competitive_wage(
        program=job.program, competitive=job.competitive, hourly_wage=job.hourly_wage
    )
    _validate(job)
    save_if_unchanged(job, expected_version=expected_version)
    _log(job.seeker, "wagtail.edit", by, f"Job {job.pk} changed: " + ", ".join(sorted(changes)))
    _log(job, "wagtail.edit", by, "Changed: " + ", ".join(sorted(changes)))
    return job


@transaction.atomic
def record_job_end(
    *,
    job: Job,
    end_date: dt.date,
    reason: str,
    note: str = "",
    by: Actor = None,
    expected_version: int | None = None,
) -> Job:
    """Record that a job ended: the search restarts at once, a career-profile update is
    asked for, and `jobseekers.signals.job_ended` is sent (coaching adds a re-engage task).
    StaleCopyError when the job changed since `expected_version`."""
    job = Job.objects.select_for_update().select_related("seeker").get(pk=job.pk)
    check_version(job, expected_version)
    if job.end_date is not None:
        raise ValidationError({"end_date": "This job already has an end date."})
    if reason not in Job.EndReason.values:
        raise ValidationError({"end_reason": f"Unknown reason: {reason!r}."})
    if end_date < job.start_date:
        raise ValidationError({"end_date": "A job cannot end before it started."})
    job.end_date = end_date
    job.end_reason = reason
    job.end_note = note.strip()
    save_if_unchanged(
        job,
        expected_version=expected_version,
        update_fields=["end_date", "end_reason", "end_note", "updated_at"],
    )
    seeker = JobSeeker.objects.select_for_update().get(pk=job.seeker_id)
    still_working = seeker.jobs.filter(end_date__isnull=True).exists()
    fields = ["profile_update_requested_on", "updated_at"]
    if not still_working and seeker.stage in (stages.WORKING, stages.FOLLOW_ALONG):
        _set_stage(seeker, stages.JOB_SEARCH, end_date, by, f"Job ended: {job.title}")
        fields += ["stage", "stage_changed_on"]
    seeker.profile_update_requested_on = end_date
    seeker.save(update_fields=fields)
    job_ended.send(sender=Job, job=job)
    return job
