"""PSR outcome figures from status check-ins. Pure: plain values in, plain values out.

Definitions (for a program and a period, both days included):
- people: job seekers with at least one check-in dated in the period.
- stable_housing_share: of the people whose latest check-in in the period records
  housing, the share in their own or a family home or in supported housing.
- education_share: of the people with education recorded in the period, the share
  enrolled in or completing a course or credential at any check-in in the period.
- no_new_justice_share: of the people with justice involvement recorded in the period,
  the share with no new contact, charge or incarceration at any check-in in the period.
- inpatient_days / er_visits: totals reported at check-ins in the period, compared with
  the previous period of the same length for the same people (those with a check-in in
  both periods): `*_previous` and `*_change` (current minus previous).
Shares are fractions rounded to 4 decimals (null when nobody is in the denominator).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

STABLE_HOUSING = frozenset({"own_or_family", "supported"})
NEW_JUSTICE = frozenset({"new_contact", "new_charge", "incarceration"})
CHECK_IN_EVERY_DAYS = 91  # quarterly by default


@dataclass(frozen=True)
class CheckInFacts:
    seeker_id: int
    date: dt.date
    housing: str = ""
    education_enrolled: bool | None = None
    education_completed: bool | None = None
    justice: str = ""
    inpatient_days: int | None = None
    er_visits: int | None = None


@dataclass(frozen=True)
class PsrFigures:
    people: int
    stable_housing_share: float | None
    education_share: float | None
    no_new_justice_share: float | None
    compared_people: int
    inpatient_days: int
    inpatient_days_previous: int
    inpatient_days_change: int
    er_visits: int
    er_visits_previous: int
    er_visits_change: int

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _share(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _by_person(rows: list[CheckInFacts]) -> dict[int, list[CheckInFacts]]:
    people: dict[int, list[CheckInFacts]] = {}
    for row in sorted(rows, key=lambda r: r.date):
        people.setdefault(row.seeker_id, []).append(row)
    return people


def psr_figures(current: list[CheckInFacts], previous: list[CheckInFacts]) -> PsrFigures:
    """The period's PSR figures from its check-ins and the previous period's."""
    now, before = _by_person(current), _by_person(previous)
    housed = [rows for rows in now.values() if any(r.housing for r in rows)]
    stable = sum(
        1 for rows in housed if [r for r in rows if r.housing][-1].housing in STABLE_HOUSING
    )
    schooled = [
        rows
        for rows in now.values()
        if any(r.education_enrolled is not None or r.education_completed is not None for r in rows)
    ]
    learning = sum(
        1 for rows in schooled if any(r.education_enrolled or r.education_completed for r in rows)
    )
    justice_known = [rows for rows in now.values() if any(r.justice for r in rows)]
    clear = sum(1 for rows in justice_known if not any(r.justice in NEW_JUSTICE for r in rows))
    both = set(now) & set(before)

    def total(people: dict[int, list[CheckInFacts]], attr: str) -> int:
        return sum(getattr(r, attr) or 0 for pid in both for r in people[pid])

    days_now, days_before = total(now, "inpatient_days"), total(before, "inpatient_days")
    er_now, er_before = total(now, "er_visits"), total(before, "er_visits")
    return PsrFigures(
        people=len(now),
        stable_housing_share=_share(stable, len(housed)),
        education_share=_share(learning, len(schooled)),
        no_new_justice_share=_share(clear, len(justice_known)),
        compared_people=len(both),
        inpatient_days=days_now,
        inpatient_days_previous=days_before,
        inpatient_days_change=days_now - days_before,
        er_visits=er_now,
        er_visits_previous=er_before,
        er_visits_change=er_now - er_before,
    )


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length just before [start, end]: the same number of whole
    months when the period is whole months (a quarter -> the previous quarter), else the
    same number of days."""
    last = start - dt.timedelta(days=1)
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        index = start.year * 12 + start.month - 1 - months
        return dt.date(index // 12, index % 12 + 1, 1), last
    length = (end - start).days + 1
    return start - dt.timedelta(days=length), last


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar quarter holding `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    next_start = dt.date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start, next_start - dt.timedelta(days=1)


def next_check_in_due(
    *,
    last_check_in: dt.date | None,
    entry_date: dt.date | None,
    next_assessment_due: dt.date | None,
    every_days: int = CHECK_IN_EVERY_DAYS,
) -> dt.date | None:
    """Quarterly after the last check-in (or entry), and at the next PSR re-assessment."""
    anchor = last_check_in or entry_date
    dates = [
        d for d in (anchor and anchor + dt.timedelta(days=every_days), next_assessment_due) if d
    ]
    return min(dates) if dates else None
