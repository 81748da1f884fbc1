"""The person's "I'm interested" signals not yet handled, and their take-backs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from jobseekers.models import (
    JobSeeker,
)


@dataclass(frozen=True)
class InterestSignals:
    """The person's "I'm interested" signals not yet handled (oldest first), and those
    they took back in the last `days` days (newest first)."""

    open: list
    withdrawn: list


def interest_signals(seeker: JobSeeker, *, today: dt.date, days: int = 14) -> InterestSignals:
    """What the seeker record shows until the specialist handles it (issue 17, item 4).
    Two queries."""
    from jobseekers.models import InterestWithdrawal, MatchOutcome

    open_ = list(
        MatchOutcome.objects.filter(
            seeker=seeker, kind=MatchOutcome.Kind.INTEREST, handled_on__isnull=True
        )
        .select_related("opening__employer")
        .order_by("date", "pk")
    )
    withdrawn = list(
        latest_withdrawals(InterestWithdrawal.objects.filter(seeker=seeker))
        .filter(date__gte=today - dt.timedelta(days=days))
        .select_related("opening__employer")
    )
    return InterestSignals(open=open_, withdrawn=withdrawn)


def latest_withdrawals(withdrawals):
    """The take-backs (a QuerySet of InterestWithdrawal) that are still the person's last
    word on their opening: none the person followed with a new "I'm interested" in it, nor
    with a later take-back of it (the newest signal wins: red-team finding, issue 17)."""
    from jobseekers.models import InterestWithdrawal, MatchOutcome

    pair = {"seeker_id": OuterRef("seeker_id"), "opening_id": OuterRef("opening_id")}
    interested_again = MatchOutcome.objects.filter(
        kind=MatchOutcome.Kind.INTEREST, created_at__gt=OuterRef("created_at"), **pair
    )
    taken_back_again = InterestWithdrawal.objects.filter(pk__gt=OuterRef("pk"), **pair)
    return withdrawals.exclude(Exists(interested_again)).exclude(Exists(taken_back_again))
