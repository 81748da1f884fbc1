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


def last_complete_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The latest calendar quarter that has ended by `today` (the reports' default period:
    a director reads complete figures unless they ask for "this quarter to date")."""
    return quarter_of(quarter_of(today)[0] - dt.timedelta(days=1))


def quarter_choices(today: dt.date, count: int = 8) -> list[tuple[str, dt.date, dt.date, bool]]:
    """(label, first day, last day, partial) for the quarter holding `today` ("2026 Q4 to
    date", partial) and the `count` complete quarters before it, newest first."""
    current = quarter_of(today)
    choices = [(f"{quarter_label(current[0])} to date", current[0], current[1], True)]
    for start, end in reversed(last_quarters(current[0] - dt.timedelta(days=1), count)):
        choices.append((quarter_label(start), start, end, False))
    return choices
