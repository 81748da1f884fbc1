"""The one input domain of every path (forms, filters, query strings, the importer): dates
in a sane range and text without control characters. Pure: no django, so the importer's
schema uses the same rule as the forms."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Nothing in IPS work (referrals, jobs, contacts, reviews) lies outside these years; a
# date past them is a typo (9999-12-31, 0001-01-01) that later overflows date arithmetic.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
# C0 control characters except tab, newline and carriage return (PostgreSQL refuses NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def date_problem(day: dt.date) -> str | None:
    """Why `day` (a date or datetime) is outside the accepted range, or None when it is not."""
    if isinstance(day, dt.datetime):
        day = day.date()
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    return f"{day.isoformat()} is not between {EARLIEST_DATE} and {LATEST_DATE}"


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored (a control character, named by its code), or None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return f"contains an invisible control character (U+{ord(found.group()):04X})"


def tidy_program_name(name: str) -> str:
    """A program name as stored: trimmed, runs of spaces made one."""
    return " ".join(name.split())


def program_name_key(name: str) -> str:
    """What makes two program names the same: case, spacing and Unicode forms ignored."""
    return unicodedata.normalize("NFKC", tidy_program_name(name)).casefold()
