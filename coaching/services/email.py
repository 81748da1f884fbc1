"""The emails of follow-along: the morning digest of what is due and the notice to a
specialist that a seeker said "I'm interested" (or took it back). Each is sent at most
once: a claim row is written first (committed before the email goes out) and marked sent
after it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from coaching.models import (
    DigestLog,
    InterestNotice,
    WithdrawalNotice,
)
from coaching.selectors import due_list_for_staff
from ips.mail import send_templated_email
from ips.models import StaffMember
from ips.roles import LEADERSHIP
from ips.versioning import bumped
from jobseekers.models import InterestWithdrawal, JobSeeker, MatchOutcome

CLAIM_TIMEOUT = dt.timedelta(minutes=15)


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
