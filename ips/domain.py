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


# Every contact or visit date (employer contacts, support contacts, from a form, the API or
# a phone's queue): today or earlier, tomorrow at most, because a phone may already be a
# day ahead of the program's time zone (issue 17). One rule, one message.
CONTACT_MAX_DAYS_AHEAD = 1
CONTACT_DATE_TOO_LATE = "The date can be today or earlier (tomorrow at most)."


JOB_START_TOO_LATE = (
    "A job start is recorded from its first day (tomorrow at most). For a job that starts"
    " later, add a next step to record it then."
)


def job_start_date_problem(day: dt.date, today: dt.date) -> str | None:
    """JOB_START_TOO_LATE when a job start dated `day` is past tomorrow (the contacts' rule,
    CONTACT_MAX_DAYS_AHEAD, with a message of its own)."""
    if day > today + dt.timedelta(days=CONTACT_MAX_DAYS_AHEAD):
        return JOB_START_TOO_LATE
    return None


def contact_date_problem(day: dt.date, today: dt.date) -> str | None:
    """CONTACT_DATE_TOO_LATE when `day` is past tomorrow (from the program's `today`)."""
    if day > today + dt.timedelta(days=CONTACT_MAX_DAYS_AHEAD):
        return CONTACT_DATE_TOO_LATE
    return None


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def shown_date(day: dt.date | str) -> str:
    """A date as people read it everywhere in the workspace, "Mon 23 Nov 2026" (Django's
    DATE_FORMAT "D j M Y", cms/formats/en), for pure modules that cannot use `|date`; an
    ISO string ("2026-11-23") is read first. Independent of the process locale.
    ValueError for a string that is not an ISO date."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


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


_US_ZIP = re.compile(r"[0-9]{5}(-[0-9]{4})?")
# ASCII letters and digits only: `\d` and IGNORECASE alone take any script's digits.
_UK_POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", re.IGNORECASE | re.ASCII)


def postal_code_problem(value: str, country: str) -> str | None:
    """Why `value` is not a postal code of `country` ("US": a ZIP code, 5 digits or ZIP+4;
    "UK": a postcode such as SW1A 1AA), or None when it is one or is blank. A malformed
    code cannot be located, so distances and radius searches would silently miss the row."""
    value = value.strip()
    if not value:
        return None
    if country == "UK":
        if _UK_POSTCODE.fullmatch(value):
            return None
        return f"{value!r} is not a UK postcode (written like SW1A 1AA)."
    if _US_ZIP.fullmatch(value):
        return None
    return f"{value!r} is not a US ZIP code (5 digits, or ZIP+4: 48226 or 48226-1234)."
