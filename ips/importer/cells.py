"""How the text of one cell becomes a value (spec/interchange.md, "Reading the cells agencies
really have"): headers, numbers with the comma rule, dates in a named order, choices with
their labels and synonyms, and XLSX cells read with their type. Pure: no django."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ips.domain import date_problem

MAX_NUMBER_CHARS = 40  # longer text is not a number anyone typed
MAX_NUMBER_DIGITS = 15  # digits before the point; 1e308 and 10**1000 stop here
DATE_ORDERS = ("MDY", "DMY")
DATES_HINT = "--dates MDY or --dates DMY on the command, 'Dates written' on the upload screen"

_SEPARATORS = re.compile(r"[\s_\-]+")
_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", re.ASCII
)
_ORDERED_DATE = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$", re.ASCII)
# A plain number, or one with thousands separators before exactly three digits each.
_POINT_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$", re.ASCII)
_COMMA_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$", re.ASCII)
_ZERO_PATTERN = re.compile(r'^[0\-\s()/\\"]*0[0\-\s()/\\"]*$')


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Reading:
    """How a file writes its cells: decimal commas (a ';'-separated CSV) and the order of
    day and month in dates written like 04/09/2026 ("MDY", "DMY" or None: refused)."""

    decimal_comma: bool = False
    dates: str | None = None


PLAIN = Reading()


def header_key(name: str) -> str:
    """A header as matched: case ignored, spaces, hyphens and underscores equal
    (`Entry Date` = `entry_date`)."""
    return _SEPARATORS.sub("_", name.strip().casefold()).strip("_")


def choice_key(word: str) -> str:
    """A choice as matched: case ignored, spaces, hyphens and underscores equal."""
    return _SEPARATORS.sub(" ", word.strip().casefold()).strip()


def parse_number(raw: str, reading: Reading = PLAIN) -> Decimal:
    """A number as written: `.` for decimals and `,` for thousands only before exactly three
    digits (`1,250.50`); in a ';'-separated file the other way round (`1.250,50`).
    `7,5` in a ',' file is refused with how to write it, never read as 75."""
    text = raw.strip()
    if len(text) > MAX_NUMBER_CHARS:
        raise CellError(f"'{text[:MAX_NUMBER_CHARS]}...' is too long to be a number")
    pattern, point, group = (
        (_COMMA_NUMBER, ",", ".") if reading.decimal_comma else (_POINT_NUMBER, ".", ",")
    )
    if not pattern.match(text):
        raise CellError(_number_problem(text, reading))
    plain = text.replace(group, "").replace(point, ".")
    try:
        value = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise CellError(f"'{raw}' is not a number") from None
    if value and value.adjusted() >= MAX_NUMBER_DIGITS:
        raise CellError(f"'{raw}' is too large a number")
    return value


def _number_problem(text: str, reading: Reading) -> str:
    if reading.decimal_comma:
        if re.fullmatch(r"[+-]?\d+\.\d+", text, re.ASCII):
            return (
                f"'{text}': this file is separated by ';', so decimals are written with a comma"
                f" ({text.replace('.', ',')})"
            )
        return f"'{text}' is not a number; write it like 1250,50 or 1.250,50"
    if re.fullmatch(r"[+-]?[\d.]*\d,\d+", text, re.ASCII):
        fixed = text.replace(".", "").replace(",", ".")
        return (
            f"'{text}' has a decimal comma; write decimals with a point ({fixed}), or save"
            " the file as a CSV separated by ';'"
        )
    return f"'{text}' is not a number; write it like 1250.50 or 1,250.50"


def parse_iso_or_ordered_date(raw: str, reading: Reading = PLAIN) -> dt.date:
    """A date written YYYY-MM-DD (a time after it is dropped), or, when the import names the
    order (`--dates MDY|DMY`), M/D/YYYY or D/M/YYYY with `/`, `.` or `-`."""
    text = raw.strip()
    iso = _ISO_DATE.match(text)
    if iso:
        return _real_date(raw, *(int(part) for part in iso.groups()))
    ordered = _ORDERED_DATE.match(text)
    if ordered is None:
        raise CellError(f"'{raw}' is not a date; write it YYYY-MM-DD (2026-07-02)")
    first, _, second, year = ordered.groups()
    if len(year) == 2:
        raise CellError(f"'{raw}': write the year with four digits (or write YYYY-MM-DD)")
    if reading.dates is None:
        raise CellError(
            f"'{raw}' does not say which is the day and which the month; write YYYY-MM-DD,"
            f" or name the order ({DATES_HINT})"
        )
    month, day = (first, second) if reading.dates == "MDY" else (second, first)
    return _real_date(raw, int(year), int(month), int(day))


def _real_date(raw: str, year: int, month: int, day: int) -> dt.date:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise CellError(f"'{raw}' is not a real date") from None
    problem = date_problem(value)
    if problem:
        raise CellError(problem)
    return value


def number_text(value: float | int) -> str:
    """A number stored in a workbook as the plain text of its exact value (no exponent)."""
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return repr(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def displayed_number(value: float | int, number_format: str) -> str:
    """A number in a text column as Excel shows it: a ZIP with the format `00000` (Excel's
    "Zip Code") is `02139`, `00000-0000` gives ZIP+4. Other formats give the plain value."""
    section = (number_format or "General").split(";")[0]
    whole = isinstance(value, int) or (value == value and float(value).is_integer())
    if whole and value >= 0 and _ZERO_PATTERN.match(section):
        pattern = section.replace("\\", "").replace('"', "")
        digits = str(int(value)).zfill(pattern.count("0"))
        extra = len(digits) - pattern.count("0")
        out, index = [digits[:extra]], extra
        for char in pattern:
            if char == "0":
                out.append(digits[index])
                index += 1
            else:
                out.append(char)
        return "".join(out)
    return number_text(value)
