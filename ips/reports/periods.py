"""Calendar quarters for reports and trends. Pure: no django."""

from __future__ import annotations

import datetime as dt


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the calendar quarter holding `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    if first_month == 10:
        return start, dt.date(day.year, 12, 31)
    return start, dt.date(day.year, first_month + 3, 1) - dt.timedelta(days=1)


def last_quarters(day: dt.date, count: int) -> list[tuple[dt.date, dt.date]]:
    """The `count` quarters up to and including the one holding `day`, oldest first."""
    quarters = [quarter_of(day)]
    while len(quarters) < count:
        quarters.append(quarter_of(quarters[-1][0] - dt.timedelta(days=1)))
    return quarters[::-1]


def quarter_label(start: dt.date) -> str:
    """'2026 Q3'."""
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"
