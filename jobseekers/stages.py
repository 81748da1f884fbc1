"""Caseload stages and the moves between them (pure: plain strings in, plain values out).

IPS is zero-exclusion: nobody is closed for "not ready", and a closed person may come
back (re-referral) at any time.
"""

from __future__ import annotations

import datetime as dt

REFERRED = "referred"
ENGAGED = "engaged"
JOB_SEARCH = "job_search"
WORKING = "working"
FOLLOW_ALONG = "follow_along"
CLOSED = "closed"

STAGES = (REFERRED, ENGAGED, JOB_SEARCH, WORKING, FOLLOW_ALONG, CLOSED)
ACTIVE_STAGES = (ENGAGED, JOB_SEARCH, WORKING, FOLLOW_ALONG)
SEARCHING_STAGES = (REFERRED, ENGAGED, JOB_SEARCH)

# Where a person may go from each stage. A job start (-> working) needs an entry
# onto the caseload first; after a job ends the search restarts at once.
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    REFERRED: frozenset({ENGAGED, CLOSED}),
    ENGAGED: frozenset({JOB_SEARCH, WORKING, CLOSED}),
    JOB_SEARCH: frozenset({ENGAGED, WORKING, CLOSED}),
    WORKING: frozenset({JOB_SEARCH, FOLLOW_ALONG, CLOSED}),
    FOLLOW_ALONG: frozenset({WORKING, JOB_SEARCH, CLOSED}),
    CLOSED: frozenset({REFERRED, ENGAGED}),
}

CLOSE_REASONS = ("own_choice", "moved", "stepped_down", "lost_contact", "other")
# Never offered, never accepted: IPS does not exclude anyone for readiness.
REFUSED_CLOSE_REASONS = frozenset({"not_ready", "not_motivated", "not_work_ready"})

RAPID_SEARCH_DAYS = 30


class StageError(ValueError):
    """A move between stages that the IPS process does not allow, in plain words."""


def allowed_moves(stage: str) -> tuple[str, ...]:
    """The stages a person in `stage` may move to, in caseload order."""
    if stage not in ALLOWED_MOVES:
        raise StageError(f"Unknown stage: {stage!r}.")
    return tuple(s for s in STAGES if s in ALLOWED_MOVES[stage])


def can_move(current: str, target: str) -> bool:
    """True when moving from `current` to `target` is allowed."""
    return current in ALLOWED_MOVES and target in ALLOWED_MOVES[current]


def check_move(current: str, target: str) -> None:
    """Raise StageError with a plain reason when the move is not allowed."""
    if target not in STAGES:
        raise StageError(f"Unknown stage: {target!r}.")
    if current == target:
        raise StageError("The person is already at this stage.")
    if can_move(current, target):
        return
    if target == WORKING and current == REFERRED:
        raise StageError("Enter the person onto the caseload before recording a job start.")
    if target == FOLLOW_ALONG:
        raise StageError("Follow-along starts only after a job start.")
    if current == CLOSED:
        raise StageError("A closed record re-opens as a new referral or an entry.")
    raise StageError(f"A person cannot move from {current!r} to {target!r}.")


def check_close_reason(reason: str) -> None:
    """Raise StageError for a closing reason that is not one of the IPS reasons."""
    if reason in REFUSED_CLOSE_REASONS:
        raise StageError(
            "IPS does not close anyone for readiness. Choose the person's own choice, "
            "moved, stepped down, lost contact after outreach, or other."
        )
    if reason not in CLOSE_REASONS:
        raise StageError(f"Unknown closing reason: {reason!r}.")


def days_between(start: dt.date | None, end: dt.date) -> int | None:
    """Whole days from `start` to `end` (None when `start` is unknown)."""
    return None if start is None else (end - start).days


def rapid_search_missed(
    entry_date: dt.date | None,
    first_face_to_face: dt.date | None,
    today: dt.date,
    limit_days: int = RAPID_SEARCH_DAYS,
) -> bool:
    """True when more than `limit_days` have passed since entry with no face-to-face
    employer contact naming the person by day `limit_days` (fidelity item V4)."""
    if entry_date is None:
        return False
    deadline = entry_date + dt.timedelta(days=limit_days)
    if today <= deadline:
        return False
    return first_face_to_face is None or first_face_to_face > deadline


def caseload_ratio(active_seekers: int, specialist_fte: float) -> float | None:
    """Active job seekers per specialist FTE (item S1); None when there is no FTE."""
    if specialist_fte <= 0:
        return None
    return round(active_seekers / specialist_fte, 2)
