""" "I'm interested" on the portal and taking it back; the specialist is told of both."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cms.services.common import PortalError
from coaching.tasks import notify_specialist_of_interest_task, notify_specialist_of_withdrawal_task
from employers.models import JobOpening
from jobseekers.models import JobSeeker, MatchOutcome
from jobseekers.services import record_interest_withdrawal


def notify_specialist_of_interest(outcome_id: int) -> None:
    """Enqueue the coaching app's email telling the specialist (once per outcome)."""
    notify_specialist_of_interest_task.delay(outcome_id)


@transaction.atomic
def record_interest(*, seeker: JobSeeker, opening: JobOpening) -> MatchOutcome:
    """ "I'm interested": one outcome per seeker and opening; the specialist hears once."""
    if not JobOpening.objects.public().filter(pk=opening.pk).exists():
        raise PortalError("This opening is no longer listed.")
    outcome, created = MatchOutcome.objects.get_or_create(
        seeker=seeker,
        opening=opening,
        kind=MatchOutcome.Kind.INTEREST,
        defaults={"program": seeker.program, "date": timezone.localdate(), "source": "portal"},
    )
    if created:
        transaction.on_commit(lambda: notify_specialist_of_interest(outcome.pk))
    return outcome


@transaction.atomic
def withdraw_interest(*, seeker: JobSeeker, opening: JobOpening) -> bool:
    """Take back "I'm interested": removes the seeker's own portal interest in `opening`
    and its open task, and tells the specialist (their home, and an email after commit:
    jobseekers.services.record_interest_withdrawal). True if there was one. An interest
    the specialist wrote down (source "staff") stays: PortalError, so the person is told
    to speak to them. Opening status does not matter: a person may take back interest in
    a job that has since closed."""
    outcomes = MatchOutcome.objects.filter(
        seeker=seeker, opening=opening, kind=MatchOutcome.Kind.INTEREST
    )
    if outcomes.exclude(source="portal").exists():
        raise PortalError(
            gettext(
                "Your specialist wrote this down with you. Please tell them you changed your mind."
            )
        )
    withdrawal = record_interest_withdrawal(seeker=seeker, opening=opening)
    if withdrawal is None:
        return False
    transaction.on_commit(lambda: notify_specialist_of_withdrawal_task.delay(withdrawal.pk))
    return True
