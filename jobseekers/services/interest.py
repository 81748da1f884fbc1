""" "I'm interested" and the match actions (issue 17, item 4: close the loop): handling an
interest, marking a match unsuitable, telling the person, introductions, withdrawals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from employers.models import JobOpening
from jobseekers.models import InterestWithdrawal, JobSeeker, MatchOutcome
from jobseekers.services.common import Actor, _log, _staff_of

# ---- "I'm interested" and match actions (issue 17, item 4: close the loop) ----


@transaction.atomic
def handle_interest(
    *, outcome: MatchOutcome, handling: str, note: str = "", by: Actor = None
) -> MatchOutcome:
    """Mark a job seeker's "I'm interested" handled with what came of it
    (MatchOutcome.Handling): its task leaves the specialist's home and the record.
    ValidationError ("handling") for an unknown handling, an outcome that is not an
    interest, or one already handled; nothing is written then."""
    if handling not in MatchOutcome.Handling.values:
        raise ValidationError({"handling": "Choose what came of it."})
    updated = MatchOutcome.objects.filter(
        pk=outcome.pk, kind=MatchOutcome.Kind.INTEREST, handled_on__isnull=True
    ).update(
        handled_on=timezone.localdate(),
        handling=handling,
        handled_by=_staff_of(by, outcome.program),
        handling_note=clean_text(note),
    )
    if not updated:
        raise ValidationError({"handling": "This interest is already handled."})
    outcome.refresh_from_db()
    _log(outcome.seeker, "wagtail.edit", by, f"Interest in opening {outcome.opening_id} handled")
    return outcome


def clean_text(text: str) -> str:
    return (text or "").strip()


def _open_interest(seeker: JobSeeker, opening: JobOpening):
    return MatchOutcome.objects.filter(
        seeker=seeker, opening=opening, kind=MatchOutcome.Kind.INTEREST, handled_on__isnull=True
    )


@transaction.atomic
def mark_match_unsuitable(
    *, seeker: JobSeeker, opening: JobOpening, reason: str, by: Actor = None
) -> MatchOutcome:
    """Staff judge an opening not suitable for the person: a "declined" outcome with the
    `reason` (required, at most 1,000 characters), which the recommender learns from as
    grade 0 (matching.fit.GRADES). What it hides (MatchQuerySet.not_declined): the match
    in staff's lists (the record's "Openings for this person", "People this might suit",
    the openings board's counts, the specialist's home, the API's /matches unless asked
    with include_declined=true) and in what is pushed to the person (the portal's
    "Openings for you" and the weekly email). What it does not hide: the opening itself.
    IPS zero exclusion and the person's choice lead (IPS practice principles), so
    the person can still find it on the public openings list and say "I'm interested",
    which is a task for the specialist like any other. An open "I'm interested" in it is
    handled ("Not going ahead"). ValidationError ("reason") when the reason is empty or
    too long, or the pair is already marked; nothing is written then."""
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": "Say why it is not suitable."})
    if len(reason) > 1000:
        raise ValidationError({"reason": "Keep the reason under 1,000 characters."})
    staff = _staff_of(by, seeker.program)
    outcome, created = MatchOutcome.objects.get_or_create(
        seeker=seeker,
        opening=opening,
        kind=MatchOutcome.Kind.DECLINED,
        defaults={
            "program_id": seeker.program_id,
            "date": timezone.localdate(),
            "source": "staff",
            "reason": reason,
            "recorded_by": staff,
        },
    )
    if not created:
        raise ValidationError({"reason": "This opening is already marked not suitable."})
    _open_interest(seeker, opening).update(
        handled_on=timezone.localdate(),
        handling=MatchOutcome.Handling.NOT_GOING_AHEAD,
        handled_by=staff,
        handling_note=reason,
    )
    _log(seeker, "wagtail.edit", by, f"Opening {opening.pk} not suitable: {reason}")
    return outcome


@transaction.atomic
def record_match_told(*, seeker: JobSeeker, opening: JobOpening, by: Actor = None) -> MatchOutcome:
    """Record that staff told the person about a matched opening (once per pair; a
    second call returns the first record). Not a grade for learning."""
    outcome, _ = MatchOutcome.objects.get_or_create(
        seeker=seeker,
        opening=opening,
        kind=MatchOutcome.Kind.TOLD,
        defaults={
            "program_id": seeker.program_id,
            "date": timezone.localdate(),
            "source": "staff",
            "recorded_by": _staff_of(by, seeker.program),
        },
    )
    return outcome


def interest_introduced(*, seeker: JobSeeker, opening: JobOpening, by: Actor = None) -> int:
    """An introduction to the employer was planned from the person's interest: their open
    "I'm interested" in `opening` is handled. Returns how many were (0 or 1)."""
    return _open_interest(seeker, opening).update(
        handled_on=timezone.localdate(),
        handling=MatchOutcome.Handling.INTRODUCTION,
        handled_by=_staff_of(by, seeker.program),
    )


@transaction.atomic
def record_interest_withdrawal(
    *, seeker: JobSeeker, opening: JobOpening
) -> InterestWithdrawal | None:
    """The person took back their own portal "I'm interested" in `opening`: the outcome
    (and its open task) is removed and an InterestWithdrawal tells the specialist (their
    home; coaching emails them after commit). None when there was no portal interest.
    Called by cms.services.withdraw_interest, which refuses an interest staff wrote down."""
    outcomes = MatchOutcome.objects.filter(
        seeker=seeker, opening=opening, kind=MatchOutcome.Kind.INTEREST, source="portal"
    )
    first = outcomes.first()
    if first is None:
        return None
    was_handled = first.handled_on is not None
    outcomes.delete()
    return InterestWithdrawal.objects.create(
        program_id=seeker.program_id,
        seeker=seeker,
        opening=opening,
        date=timezone.localdate(),
        was_handled=was_handled,
    )
