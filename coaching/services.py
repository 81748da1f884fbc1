"""Follow-along writes: the support plan at a job start, the re-engagement task at a job
end, the support log and retention-check answers, staff time, and the emails (digest,
interest notice). Due dates are never written: coaching.schedule derives them.

The importer calls `log_support_contact(..., replace_existing=True)` and
`record_time_entry(...)`: both validate like the forms and raise ValidationError.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from coaching import schedule
from coaching.models import (
    DigestLog,
    FollowUpTask,
    InterestNotice,
    JobSupportPlan,
    RetentionMilestone,
    SupportContact,
    WithdrawalNotice,
)
from coaching.selectors import due_list_for_staff, follow_along_span
from ips.idempotency import AlreadyRecorded, refuse_replay, save_event
from ips.mail import send_templated_email
from ips.models import StaffMember, TimeEntry, WeekOfHoursSave
from ips.roles import LEADERSHIP
from ips.services import check_hours
from ips.versioning import StaleCopyError, bumped, save_if_unchanged
from jobseekers.models import InterestWithdrawal, Job, JobSeeker, MatchOutcome
from jobseekers.services import interest_introduced

REENGAGE_WITHIN_DAYS = 3  # IPS: re-engage in the job search within days of a job loss
# A claim left unsent this long (a worker died mid-send) may be taken over by a retry.
CLAIM_TIMEOUT = dt.timedelta(minutes=15)


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
        f"{job.title} at {job.employer.name} ended on {job.end_date} ({reason}). "
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
    if date > timezone.localdate():
        errors["date"] = "The date is in the future. Log support after it happens."
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
    key = {"staff": staff, "seeker": seeker, "job": job, "date": date, "mode": mode}
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


def _check_hours(hours: Decimal, activity: str, location: str) -> dict[str, str]:
    return check_hours(hours=hours, activity=activity, location=location)


def _entry_key(
    key: uuid.UUID | None, day: dt.date, activity: str, location: str
) -> uuid.UUID | None:
    """The key of one entry of a week saved with submission key `key` (one per cell)."""
    return None if key is None else uuid.uuid5(key, f"{day}/{activity}/{location}")


class StaleWeek(ValidationError):
    """The week was saved again (here, on another device, or entry by entry) after the copy
    being sent was opened: nothing was saved from the copy (issue 14)."""

    def __init__(self, last: WeekOfHoursSave | None):
        when = ""
        if last is not None:
            when = f" (last saved {timezone.localtime(last.created_at):%a %d %b at %H:%M})"
        super().__init__(
            f"These hours were changed after this page was opened{when}. Nothing was saved "
            "from this copy, so the later hours are kept. The page now shows the saved hours: "
            "enter your change again if it is still needed.",
            code="stale",
        )


def _week_entries(staff: StaffMember, monday: dt.date):
    return TimeEntry.objects.filter(
        staff=staff, date__gte=monday, date__lt=monday + dt.timedelta(days=7)
    )


def week_version(staff: StaffMember, monday: dt.date) -> str:
    """The version of one staff member's ISO week of hours, as the week screen shows it:
    a hex digest (40 characters) of the latest saving of the week (its key) and of every
    entry's id, version and hours. Any save through any path changes it: the week screen
    (a new saving and new entries each time), the time-entry screen or the import (an
    entry's version or id). A week never saved and without entries has the digest of
    nothing. Two queries."""
    last = (
        WeekOfHoursSave.objects.filter(staff=staff, monday=monday)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    rows = sorted(_week_entries(staff, monday).values_list("pk", "version", "hours"))
    text = f"{last}|" + ";".join(f"{pk}:{version}:{hours}" for pk, version, hours in rows)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


@transaction.atomic
def record_week_of_time(
    *,
    staff: StaffMember,
    monday: dt.date,
    hours: Mapping[tuple[dt.date, str, str], Decimal],
    idempotency_key: uuid.UUID | None = None,
    based_on: str | None = None,
) -> int:
    """Replace a staff member's hours for one ISO week (feeds S2 and V13); returns the
    number of entries kept (zero hours are not stored).

    `hours` maps (day, activity, location) to hours that day (0 to 24, quarter hours).
    `idempotency_key` is the sending's key: when this sending was saved already, nothing
    changes and AlreadyRecorded is raised (carrying the saving). `based_on` is the
    `week_version` the sender's copy was made from: when the week changed since, StaleWeek
    (a ValidationError) is raised and nothing changes, unless the week already holds exactly
    these hours (then nothing needs saving and the count is returned). ValidationError for
    a week not starting on a Monday, a day outside it, bad hours or more than 24 hours in a
    day (ips.services.check_hours)."""
    StaffMember.objects.select_for_update().filter(pk=staff.pk).first()  # one save at a time
    if idempotency_key is not None:
        saved = WeekOfHoursSave.objects.filter(
            program_id=staff.program_id, idempotency_key=idempotency_key
        ).first()
        if saved is not None:
            raise AlreadyRecorded(saved)
    # Entries saved by a sending made before savings were recorded carry derived keys.
    cells = [_entry_key(idempotency_key, *cell) for cell in hours] if idempotency_key else []
    first = TimeEntry.objects.filter(program_id=staff.program_id, idempotency_key__in=cells)
    if cells and first.exists():
        raise AlreadyRecorded(first.order_by("date", "pk").first())
    days = set(schedule.week_days(monday))
    errors: list[str] = []
    if monday.weekday() != 0:
        errors.append("The week must start on a Monday.")
    for (day, activity, location), value in hours.items():
        if day not in days:
            errors.append(f"{day} is not in the week of {monday}.")
        errors.extend(f"{day}: {msg}" for msg in _check_hours(value, activity, location).values())
    errors.extend(
        f"{day:%a %-d %b}: more than 24 hours in one day."
        for day in schedule.days_over_limit(hours)
    )
    if errors:
        raise ValidationError(errors)
    wanted = {cell: value for cell, value in hours.items() if value > 0}
    if based_on is not None and based_on != week_version(staff, monday):
        stored = {(e.date, e.activity, e.location): e.hours for e in _week_entries(staff, monday)}
        if stored == wanted:
            return len(stored)
        raise StaleWeek(
            WeekOfHoursSave.objects.filter(staff=staff, monday=monday)
            .order_by("-created_at", "-pk")
            .first()
        )
    TimeEntry.objects.filter(staff=staff, date__in=days).delete()
    entries = [
        TimeEntry(
            program_id=staff.program_id,
            staff=staff,
            date=day,
            hours=value,
            activity=activity,
            location=location,
            idempotency_key=_entry_key(idempotency_key, day, activity, location),
        )
        for (day, activity, location), value in sorted(wanted.items())
    ]
    try:
        with transaction.atomic():  # a savepoint: a concurrent same sending won the race
            WeekOfHoursSave.objects.create(
                program_id=staff.program_id,
                staff=staff,
                monday=monday,
                idempotency_key=idempotency_key,
            )
            TimeEntry.objects.bulk_create(entries)
    except IntegrityError:
        saved = WeekOfHoursSave.objects.filter(
            program_id=staff.program_id, idempotency_key=idempotency_key
        ).first()
        if idempotency_key is None or saved is None:
            raise
        raise AlreadyRecorded(saved) from None
    return len(entries)


@transaction.atomic
def record_time_entry(
    *, staff: StaffMember, date: dt.date, hours: Decimal, activity: str, location: str
) -> tuple[TimeEntry, bool]:
    """Set one day's hours for an activity and place (re-recording updates; for imports)."""
    errors = _check_hours(hours, activity, location)
    if errors:
        raise ValidationError(errors)
    return TimeEntry.objects.update_or_create(
        staff=staff,
        date=date,
        activity=activity,
        location=location,
        defaults={"program_id": staff.program_id, "hours": hours},
    )


def _claim(model: type[models.Model], lookup: dict, defaults: dict) -> models.Model | None:
    """Insert the row that says "this email is being sent"; None when another run holds
    it or already sent. A claim left unsent past CLAIM_TIMEOUT is taken over."""
    now = timezone.now()
    try:
        with transaction.atomic():
            return model._default_manager.create(**lookup, **defaults, claimed_at=now)
    except IntegrityError:
        stale = model._default_manager.filter(
            **lookup, sent_at__isnull=True, claimed_at__lt=now - CLAIM_TIMEOUT
        )
        if stale.update(claimed_at=now):
            return model._default_manager.get(**lookup)
        return None


def _send_claimed(log: models.Model, **email) -> None:
    """Send, then mark the claim sent; a failed send releases the claim so a retry may
    claim it again, and the error propagates for the task to retry."""
    try:
        send_templated_email(**email)
    except Exception:
        type(log)._default_manager.filter(pk=log.pk).delete()
        raise
    type(log)._default_manager.filter(pk=log.pk).update(sent_at=timezone.now())


def workspace_url(name: str, *args: object) -> str:
    """An absolute link into the staff workspace (for emails)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        return base + reverse(name, args=args)
    except NoReverseMatch:
        return base + reverse("wagtailadmin_home")


@transaction.atomic
def set_digest_opt_in(*, user, opt_in: bool) -> int:
    """Turn a user's own morning email on or off in every program they work in."""
    rows = StaffMember.objects.filter(user=user, active=True)
    return rows.update(**bumped(digest_opt_in=opt_in))


def staff_for_morning_digest(*, day: dt.date) -> list[int]:
    """Active, opted-in staff with an email address who have no digest for `day` yet."""
    return list(
        StaffMember.objects.filter(active=True, digest_opt_in=True, user__is_active=True)
        .exclude(user__email="")
        .exclude(digests__day=day)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def send_digest(*, staff_id: int, day: dt.date) -> bool:
    """Send one staff member's morning digest of what is due, at most once per day.
    Not atomic on purpose: the claim commits before the email goes out."""
    staff = StaffMember.objects.select_related("user", "program").filter(pk=staff_id).first()
    if staff is None or not (staff.active and staff.digest_opt_in and staff.user.is_active):
        return False
    if not staff.user.email:
        return False
    due = due_list_for_staff(staff, today=day)
    if due.is_empty:
        return False
    log = _claim(
        DigestLog,
        {"staff": staff, "day": day},
        {"program_id": staff.program_id, "item_count": len(due.items)},
    )
    if log is None:
        return False
    context = {
        "staff": staff,
        "day": day,
        "due": due,
        "whole_program": staff.role in LEADERSHIP,
        "due_url": workspace_url("coaching:due"),
        "log_url": workspace_url("coaching:log"),
        "settings_url": workspace_url("coaching:due"),
    }
    _send_claimed(log, to=[staff.user.email], template="digest", context=context, tags=["digest"])
    return True


def _interest_recipients(seeker: JobSeeker) -> list[str]:
    """The seeker's specialist; when there is none (or no address), the program's
    supervisors, so an interested person is never left unanswered."""
    specialist = seeker.specialist
    if specialist is not None and specialist.active and specialist.user.email:
        return [specialist.user.email]
    return sorted(
        StaffMember.objects.filter(program_id=seeker.program_id, active=True, role__in=LEADERSHIP)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )


def notify_specialist_of_interest(*, outcome_id: int) -> bool:
    """Email the specialist that their job seeker said "I'm interested" in an opening;
    never two notices for one outcome."""
    outcome = (
        MatchOutcome.objects.select_related(
            "seeker__specialist__user", "opening__employer", "program"
        )
        .filter(pk=outcome_id, kind=MatchOutcome.Kind.INTEREST)
        .first()
    )
    if outcome is None:
        return False
    recipients = _interest_recipients(outcome.seeker)
    if not recipients:
        return False
    log = _claim(
        InterestNotice,
        {"outcome": outcome},
        {"program_id": outcome.program_id, "recipient": recipients[0]},
    )
    if log is None:
        return False
    context = {
        "outcome": outcome,
        "seeker": outcome.seeker,
        "opening": outcome.opening,
        "employer": outcome.opening.employer,
        "specialist": outcome.seeker.specialist,
        "seeker_url": workspace_url("jobseekers:record", outcome.seeker_id),
    }
    _send_claimed(
        log, to=recipients, template="interest_notice", context=context, tags=["interest"]
    )
    return True


def notify_specialist_of_withdrawal(*, withdrawal_id: int) -> bool:
    """Email the specialist that their job seeker took back "I'm interested" in an opening
    (jobseekers.InterestWithdrawal); never two notices for one withdrawal. False when
    there is nobody to tell or it was already sent."""
    withdrawal = (
        InterestWithdrawal.objects.select_related(
            "seeker__specialist__user", "opening__employer", "program"
        )
        .filter(pk=withdrawal_id)
        .first()
    )
    if withdrawal is None:
        return False
    recipients = _interest_recipients(withdrawal.seeker)
    if not recipients:
        return False
    log = _claim(
        WithdrawalNotice,
        {"withdrawal": withdrawal},
        {"program_id": withdrawal.program_id, "recipient": recipients[0]},
    )
    if log is None:
        return False
    context = {
        "withdrawal": withdrawal,
        "seeker": withdrawal.seeker,
        "opening": withdrawal.opening,
        "employer": withdrawal.opening.employer,
        "specialist": withdrawal.seeker.specialist,
        "seeker_url": workspace_url("jobseekers:record", withdrawal.seeker_id),
    }
    _send_claimed(
        log, to=recipients, template="interest_withdrawn", context=context, tags=["interest"]
    )
    return True


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
    ValidationError ("due_date") for a date in the past or more than 90 days ahead;
    nothing is written then."""
    today = today or timezone.localdate()
    if due_date < today:
        raise ValidationError({"due_date": "The introduction cannot be due in the past."})
    if due_date > today + dt.timedelta(days=90):
        raise ValidationError({"due_date": "Plan it within the next 90 days."})
    staff = seeker.specialist
    if staff is None and by is not None:
        staff = StaffMember.objects.filter(user=by, program_id=seeker.program_id).first()
    text = f"{opening.title} at {opening.employer.name}"
    note = (note or "").strip()
    task = FollowUpTask.objects.create(
        program_id=seeker.program_id,
        seeker=seeker,
        kind=FollowUpTask.Kind.INTRODUCTION,
        assigned_to=staff,
        created_on=today,
        due_date=due_date,
        note=f"{text}. {note}" if note else text,
    )
    interest_introduced(seeker=seeker, opening=opening, by=by)
    return task
