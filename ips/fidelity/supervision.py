"""The supervision report: per employment specialist, the figures IPS supervisors use in
outcome-based supervision for one period (usually a month). Defined in docs/figures.md.
Pure: no django.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from ips.fidelity.compute import ProgramFacts, ips_job_start, round_half_up


@dataclass(frozen=True)
class SupervisionRow:
    """One specialist's month. Counts are people unless named jobs; shares are fractions
    (4 decimals) of the caseload; contacts a week are face-to-face employer contacts per
    7 days elapsed."""

    specialist_id: int
    email: str
    caseload: int
    contacts_per_week: float | None
    job_starts: int
    working: int
    working_share: float | None
    in_education: int
    in_education_share: float | None
    reached_90_days: int
    kept_90_days: int
    left_caseload: int
    job_endings: int


def _share(part: int, whole: int) -> float | None:
    return round_half_up(Fraction(part, whole), 4) if whole else None


def supervision_rows(facts: ProgramFacts, learning: set[int]) -> list[SupervisionRow]:
    """One row per specialist of `facts`, in their order.

    - caseload: people on the specialist's caseload served in the period;
    - contacts_per_week: the specialist's face-to-face employer contacts ÷ (days elapsed ÷ 7);
    - job_starts: IPS job starts in the period of people on the caseload;
    - working: people on the caseload who worked in the period (any job), and the share;
    - in_education: people on the caseload whom a check-in in the period records as in
      education or training (`learning`), and the share;
    - reached_90_days / kept_90_days: IPS job starts of people on the caseload whose
      90-day mark fell in the period by today, and those still in the job then;
    - left_caseload: records closed in the period after being active (a record opened
      and closed the same day never was; "Edge cases, settled": Served);
    - job_endings: jobs ended in the period.
    The caseload is the person's specialist as recorded now.
    """
    period = facts.period
    last = min(period.end, period.as_of) if period.as_of else period.end
    entry = {s.id: s.entry_date for s in facts.seekers}
    rows = []
    weeks = Fraction(period.elapsed_days, 7) if period.elapsed_days else None
    for specialist in facts.specialists:
        mine = [s for s in facts.seekers if s.specialist_id == specialist.id]
        served = {s.id for s in mine if s.served_in(period)}
        jobs = [j for j in facts.jobs if j.seeker_id in {s.id for s in mine}]
        starts = [j for j in jobs if ips_job_start(j, entry.get(j.seeker_id))]
        working = {j.seeker_id for j in jobs if j.held_in(period)} & served
        learning_here = served & learning
        marks = [j for j in starts if period.start <= j.start_date + dt.timedelta(days=90) <= last]
        kept = [
            j for j in marks if j.end_date is None or j.end_date >= j.start_date + dt.timedelta(90)
        ]
        contacts = facts.face_to_face_contacts.get(specialist.id, 0)
        rows.append(
            SupervisionRow(
                specialist_id=specialist.id,
                email=specialist.email,
                caseload=len(served),
                contacts_per_week=round_half_up(contacts / weeks, 2) if weeks else None,
                job_starts=sum(1 for j in starts if period.holds(j.start_date)),
                working=len(working),
                working_share=_share(len(working), len(served)),
                in_education=len(learning_here),
                in_education_share=_share(len(learning_here), len(served)),
                reached_90_days=len(marks),
                kept_90_days=len(kept),
                left_caseload=sum(1 for s in mine if s.closed_in(period)),
                job_endings=sum(1 for j in jobs if period.holds(j.end_date)),
            )
        )
    return rows
