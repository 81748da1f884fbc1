"""How the text of one cell becomes a value (spec/interchange.md, "Reading the cells agencies
really have"): headers, numbers with the comma rule, dates in a named order, choices with
their labels and synonyms, and XLSX cells read with their type. Pure: no django."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Reading:
    """How a file writes its cells: decimal commas (a ';'-separated CSV) and the order of
    day and month in dates written like 04/09/2026 ("MDY", "DMY" or None: refused), and the
    program's country ("US" or "UK", Program.country), whose postal codes the file holds."""

    decimal_comma: bool = False
    dates: str | None = None
    country: str = "US"


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
    """A number in a text column as Excel shows it (issue 16), or CellError when the format is
    not one this reader renders exactly (percent, currency, fractions, scientific, text).

    Rendered: General and Text (`@`) give the plain value; ZIP-like digit patterns (Excel's
    "Zip Code" `00000`, `00000-0000`, `0####`, with a locale prefix such as `[$-409]`) pad
    with zeros; the conditional "Zip Code + 4" `[<=99999]00000;00000-0000` picks its section
    by the value; decimal formats (`0`, `0.0`, `0.00`, `#,##0`, `#,##0.00`) round half away
    from zero to their places and group thousands, as Excel shows them."""
    section, negative = _format_section(value, number_format or "General")
    if section is None:
        raise CellError(_format_problem(value, number_format))
    section = _LOCALE.sub("", section).strip()
    if section.lower() in ("general", "@", ""):
        return number_text(value)
    whole = isinstance(value, int) or (value == value and float(value).is_integer())
    magnitude = abs(value)
    if _DIGIT_PATTERN.match(section) and whole and not negative:
        pattern = section.replace("\\", "").replace('"', "")
        slots = [char for char in pattern if char in "0#"]
        first_zero = next((i for i, char in enumerate(slots) if char == "0"), len(slots))
        digits = str(int(magnitude)).zfill(len(slots) - first_zero)
        digits = digits.rjust(len(slots), "\0")  # '#' slots left of the digits print nothing
        out, index = [digits[: len(digits) - len(slots)]], len(digits) - len(slots)
        for char in pattern:
            if char in "0#":
                out.append(digits[index])
                index += 1
            else:
                out.append(char)
        return "".join(out).replace("\0", "")
    decimal = _DECIMAL_FORMAT.match(section)
    if decimal:
        places = len(decimal.group(2) or ".") - 1
        exact = Decimal(number_text(magnitude) if isinstance(value, int) else repr(magnitude))
        shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        integer_part = decimal.group(1).replace(",", "")
        # zeros pad: 0000.0
        width = len(integer_part) - integer_part.index("0") if "0" in integer_part else 0
        whole_part, _, fraction = format(shown, "f").partition(".")
        whole_part = whole_part.zfill(width) if whole_part != "0" or width else ""
        if "," in decimal.group(1):
            whole_part = f"{int(whole_part or 0):,}".zfill(width) if whole_part else ""
        text = whole_part + (f".{fraction}" if places else "")
        return ("-" if negative and shown else "") + text
    raise CellError(_format_problem(value, number_format))


_LOCALE = re.compile(r"\[\$-[0-9A-Fa-f]+\]|\[(?:Black|Blue|Cyan|Green|Magenta|Red|White|Yellow)\]")
_CONDITION = re.compile(r"^\[(<=|>=|<>|<|>|=)(-?\d+(?:\.\d+)?)\]")
_DIGIT_PATTERN = re.compile(r'^[\-\s()/\\"]*[0#][0#\-\s()/\\"]*$')
_DECIMAL_FORMAT = re.compile(r"^([#0,]*0|#)(\.0+)?$")
_COMPARE = {
    "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b, "<>": lambda a, b: a != b,
    "<": lambda a, b: a < b, ">": lambda a, b: a > b, "=": lambda a, b: a == b,
}  # fmt: skip


def _format_section(value: float | int, number_format: str) -> tuple[str | None, bool]:
    """The section of `number_format` Excel uses for `value`, and whether the minus sign is
    the reader's to write (a single-section format); (None, _) when it cannot be told."""
    if '"' in number_format and ";" in number_format:
        return None, False  # a ';' inside quoted text: not one of the formats read here
    sections = number_format.split(";")
    conditions = [_CONDITION.match(section) for section in sections]
    if any(conditions):
        for section, condition in zip(sections, conditions, strict=True):
            if condition is None:
                return section, False
            if _COMPARE[condition.group(1)](value, Decimal(condition.group(2))):
                return section[condition.end() :], False
        return None, False
    if value < 0:
        return (sections[0], True) if len(sections) == 1 else (None, False)
    if value == 0 and len(sections) > 2:
        return sections[2], False
    return sections[0], False


def _format_problem(value: float | int, number_format: str) -> str:
    return (
        f"the number {number_text(value)} is shown with the Excel format '{number_format}',"
        " which this import cannot show exactly; format the column as Text and type the value"
        " as it should read, or save the sheet as CSV"
    )
