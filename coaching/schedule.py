"""Follow-along calendar arithmetic: retention checks, the first month's weekly
contacts, due states and staff-time weeks. Plain values in and out (no Django).

What is due is derived, never stored: a job's checks and weeks follow from its start
and end dates and the record's entry, closing and erasure (`Span`), plus what people
recorded (confirmations, contact dates). Correcting a date moves every reminder with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from ips.retention import RETENTION_DAYS

MILESTONE_DAYS: tuple[int, ...] = RETENTION_DAYS
FIRST_MONTH_WEEKS = 4  # IPS: face-to-face at least weekly for the first month (item V12)
LOOKAHEAD_DAYS = 7  # a check shows on the due list a week before its date
MISSED_WEEK_SHOWN_DAYS = 7  # a missed first-month week stays on the due list this long
MAX_HOURS_PER_DAY = Decimal(24)
REMINDER_STATES = frozenset({"overdue", "due", "soon"})


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


@dataclass(frozen=True)
class Span:
    """The days a program follows one job: from its start (or the record's latest entry,
    when later: a held job, a re-opened record) through its end, before the record's
    closing; none at all once the record is erased (jobseekers/privacy)."""

    start: dt.date
    end: dt.date | None = None
    entry: dt.date | None = None
    closed: dt.date | None = None
    erased: bool = False

    @property
    def first(self) -> dt.date:
        return max(self.start, self.entry) if self.entry else self.start

    def covers(self, day: dt.date) -> bool:
        """True when `day` is a day the program follows the job on."""
        if self.erased or day < self.first:
            return False
        if self.end is not None and day > self.end:
            return False
        return self.closed is None or day < self.closed

    def live_on(self, today: dt.date) -> bool:
        """True while reminders run: the job has not ended and the record is open on
        `today` (spec/metrics.md, Terms: active on a day is closed_date > D)."""
        if self.erased:
            return False
        if self.end is not None and self.end <= today:
            return False
        return self.closed is None or self.closed > today


@dataclass(frozen=True)
class Confirmation:
    """What a person recorded at a retention check."""

    on: dt.date
    still_employed: bool


@dataclass(frozen=True)
class RetentionCheck:
    """One 30/90/180/365-day check of a job and its state on a day:
    "confirmed"; "overdue", "due", "soon" or "later" while the job is followed;
    "lapsed" when it fell due unconfirmed and the follow-along has since ended;
    "outside" when it falls outside the span followed (the job ended first, the record
    was closed, or the day is before the record's entry)."""

    days: int
    due_date: dt.date
    state: str
    confirmed_on: dt.date | None = None
    still_employed: bool | None = None

    @property
    def is_reminder(self) -> bool:
        return self.state in REMINDER_STATES

    @property
    def is_open(self) -> bool:
        """Not confirmed and inside the span: an answer may still be recorded for it."""
        return self.state not in ("confirmed", "outside")


def milestone_due_dates(start: dt.date) -> list[tuple[int, dt.date]]:
    """The 30/90/180/365-day retention checks for a job starting on `start`."""
    return [(days, start + dt.timedelta(days=days)) for days in MILESTONE_DAYS]


def retention_checks(
    span: Span, confirmations: Mapping[int, Confirmation], today: dt.date
) -> list[RetentionCheck]:
    """Every retention check of a job on `today`, in order of days; `confirmations` maps
    a check's days to what was recorded. Reminders are the checks in REMINDER_STATES."""
    live = span.live_on(today)
    checks = []
    for days, due in milestone_due_dates(span.start):
        recorded = confirmations.get(days)
        if recorded is not None:
            checks.append(
                RetentionCheck(days, due, "confirmed", recorded.on, recorded.still_employed)
            )
            continue
        if not span.covers(due):
            state = "outside"
        elif not live:
            state = "lapsed"
        else:
            state = due_state(due, today)
        checks.append(RetentionCheck(days, due, state))
    return checks


def open_check_for(
    span: Span, confirmations: Mapping[int, Confirmation], on: dt.date
) -> RetentionCheck | None:
    """The check an answer given on `on` confirms: the earliest open one due by `on`
    plus the look-ahead, or None."""
    horizon = on + dt.timedelta(days=LOOKAHEAD_DAYS)
    return next(
        (
            check
            for check in retention_checks(span, confirmations, on)
            if check.is_open and check.due_date <= horizon
        ),
        None,
    )


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


def week_reminders(span: Span, contact_dates: Iterable[dt.date], today: dt.date) -> list[WeekCheck]:
    """The first-month weeks on the due list: none once the follow-along has ended, and
    none that ended before the span followed begins (a re-opened record)."""
    if not span.live_on(today):
        return []
    return [
        check
        for check in weeks_needing_attention(span.start, contact_dates, today)
        if check.week.end >= span.first
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
    hours: Mapping[tuple[dt.date, str, str], Decimal], limit: Decimal = MAX_HOURS_PER_DAY
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
