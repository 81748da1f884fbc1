"""Follow-along calendar arithmetic: retention milestones, the first month's weekly
contacts, due states and staff-time weeks. Plain values in and out (no Django)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

MILESTONE_DAYS: tuple[int, ...] = (30, 90, 180, 365)
FIRST_MONTH_WEEKS = 4  # IPS: face-to-face at least weekly for the first month (item V12)
LOOKAHEAD_DAYS = 7  # a check shows on the due list a week before its date
MISSED_WEEK_SHOWN_DAYS = 7  # a missed first-month week stays on the due list this long
MAX_HOURS_PER_DAY = Decimal(24)


@dataclass(frozen=True)
class Week:
    """One of the first four weeks after a job start (week 1 starts on the start date)."""

    number: int
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class WeekCheck:
    """Whether the first-month face-to-face contact of one week happened."""

    week: Week
    state: str  # "done", "due", "missed" or "upcoming"
    contact_date: dt.date | None


def milestone_due_dates(start: dt.date) -> list[tuple[int, dt.date]]:
    """The 30/90/180/365-day retention checks for a job starting on `start`."""
    return [(days, start + dt.timedelta(days=days)) for days in MILESTONE_DAYS]


def first_month_weeks(start: dt.date) -> list[Week]:
    """Weeks 1-4 after a start: days 0-6, 7-13, 14-20 and 21-27 (spec/metrics.md, V12)."""
    return [
        Week(n, start + dt.timedelta(days=7 * (n - 1)), start + dt.timedelta(days=7 * n - 1))
        for n in range(1, FIRST_MONTH_WEEKS + 1)
    ]


def first_month_checks(
    start: dt.date, contact_dates: Iterable[dt.date], today: dt.date
) -> list[WeekCheck]:
    """Each first-month week with the first face-to-face contact in it, or its state."""
    dates = sorted(set(contact_dates))
    checks = []
    for week in first_month_weeks(start):
        found = next((d for d in dates if week.start <= d <= week.end), None)
        if found is not None:
            state = "done"
        elif today > week.end:
            state = "missed"
        elif today >= week.start:
            state = "due"
        else:
            state = "upcoming"
        checks.append(WeekCheck(week, state, found))
    return checks


def weeks_needing_attention(
    start: dt.date, contact_dates: Iterable[dt.date], today: dt.date
) -> list[WeekCheck]:
    """First-month weeks for the due list: this week if not yet done, and weeks missed
    within the last MISSED_WEEK_SHOWN_DAYS days."""
    grace = dt.timedelta(days=MISSED_WEEK_SHOWN_DAYS)
    return [
        check
        for check in first_month_checks(start, contact_dates, today)
        if check.state == "due" or (check.state == "missed" and today - check.week.end <= grace)
    ]


def first_month_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The start dates of jobs whose first month can still need attention on `today`."""
    span = 7 * FIRST_MONTH_WEEKS + MISSED_WEEK_SHOWN_DAYS
    return today - dt.timedelta(days=span - 1), today


def due_state(due_date: dt.date, today: dt.date) -> str:
    """'overdue' before today, 'due' today, 'soon' within the look-ahead, else 'later'."""
    if due_date < today:
        return "overdue"
    if due_date == today:
        return "due"
    if due_date <= today + dt.timedelta(days=LOOKAHEAD_DAYS):
        return "soon"
    return "later"


def week_monday(day: dt.date) -> dt.date:
    """The Monday of the ISO week holding `day`."""
    return day - dt.timedelta(days=day.weekday())


def week_days(monday: dt.date) -> list[dt.date]:
    """The seven days of the ISO week starting on `monday`."""
    return [monday + dt.timedelta(days=i) for i in range(7)]


def days_over_limit(
    hours: dict[tuple[dt.date, str, str], Decimal], limit: Decimal = MAX_HOURS_PER_DAY
) -> list[dt.date]:
    """Days whose hours, over all activities and places, add up to more than `limit`."""
    totals: dict[dt.date, Decimal] = {}
    for (day, _activity, _location), value in hours.items():
        totals[day] = totals.get(day, Decimal(0)) + value
    return sorted(day for day, total in totals.items() if total > limit)


@dataclass(frozen=True)
class TimeShares:
    """A week's logged hours and the shares fidelity items S2 and V13 look at."""

    total: Decimal
    employment_services_pct: float | None
    community_pct: float | None


def time_shares(hours: dict[tuple[dt.date, str, str], Decimal]) -> TimeShares:
    """Total hours, % on employment services (S2) and % in the community (V13)."""
    total = sum(hours.values(), Decimal(0))
    if not total:
        return TimeShares(total, None, None)
    services = sum(
        (v for (_, a, _loc), v in hours.items() if a == "employment_services"), Decimal(0)
    )
    community = sum((v for (_, _a, loc), v in hours.items() if loc == "community"), Decimal(0))
    return TimeShares(
        total, round(float(services / total * 100), 1), round(float(community / total * 100), 1)
    )
