"""SSDI trial work months counted from the jobs a person held (spec/metrics.md: a month
with gross earnings above the year's amount is a TWP month, 9 in a rolling 60 months).
Pure: job spans and yearly amounts in, a count out. A suggestion the planner can edit:
real pay may differ from hours x wage."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from jobseekers.benefits.rules import TWP_MONTHS, ZERO

ROLLING_MONTHS = 60


def _months_before(today: dt.date, count: int) -> list[tuple[int, int]]:
    """The `count` whole calendar months before today's month, oldest first."""
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append((year, month))
    return months[::-1]


def month_earnings(
    jobs: Iterable[tuple[dt.date, dt.date | None, Decimal]], year: int, month: int
) -> Decimal:
    """Gross pay in one calendar month: each job's monthly pay, prorated by the days it
    was held that month. `jobs` are (start, end or None, monthly pay)."""
    days = calendar.monthrange(year, month)[1]
    first, last = dt.date(year, month, 1), dt.date(year, month, days)
    total = ZERO
    for start, end, monthly in jobs:
        held_from, held_to = max(start, first), min(end or last, last)
        if held_to >= held_from:
            total += monthly * Decimal((held_to - held_from).days + 1) / Decimal(days)
    return total


def twp_months_from_jobs(
    jobs: Iterable[tuple[dt.date, dt.date | None, Decimal]],
    twp_amount_by_year: Mapping[int, Decimal],
    today: dt.date,
) -> int | None:
    """Trial work months in the 60 whole months before `today`'s month (at most 9): months
    whose prorated pay is above that year's amount (the latest earlier year's when a
    year is missing). A month before every stored year counts when its pay is above the
    earliest stored amount (the amounts never fall from one year to the next, so it was
    above its own year's too); when its pay is lower but not nothing, the count cannot be
    known from the stored years and None is returned (the planner enters it from the BPQY)
    rather than a count that may be short."""
    jobs = list(jobs)
    if not twp_amount_by_year:
        return None
    earliest = twp_amount_by_year[min(twp_amount_by_year)]
    count = 0
    for year, month in _months_before(today, ROLLING_MONTHS):
        pay = month_earnings(jobs, year, month)
        known = [y for y in twp_amount_by_year if y <= year]
        if known:
            count += pay > twp_amount_by_year[max(known)]
        elif pay > earliest:
            count += 1
        elif pay > 0:
            return None
    return min(count, TWP_MONTHS)
