"""The cell parsers of the import's columns (importer.schema's column specs use them): a
`Parser` reads one cell's text as its column's type (text, date, yes/no, number, email,
O*NET-SOC code, ZIP code, choice, list, range) or raises CellError with a reason in plain
words. importer.cells holds the lower-level readings they share (numbers, dates, choice
keys). Pure: no django."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from importer.cells import (
    PLAIN,
    CellError,
    Reading,
    choice_key,
    parse_iso_or_ordered_date,
    parse_number,
)
from ips.domain import postal_code_problem

TRUE_WORDS = frozenset({"true", "yes", "1"})
FALSE_WORDS = frozenset({"false", "no", "0"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ONET = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
_ZIP = re.compile(r"^[0-9]{5}(-[0-9]{4})?$")

Read = Callable[[str, Reading], Any]  # (raw text, Reading) -> value; raises CellError


@dataclass(frozen=True)
class Parser:
    """A column's reader of a cell, called as `parse(raw, reading)`: the value, or
    CellError. `kind` and `accepted` name its type and accepted values, and `options` the
    choices of a choice column (the template and docs read them)."""

    read: Read
    kind: str
    accepted: str
    options: tuple[Option, ...] = ()

    def __call__(self, raw: str, reading: Reading = PLAIN) -> Any:
        return self.read(raw, reading)


def _kind(kind: str, accepted: str) -> Callable[[Read], Parser]:
    """Label a parser with its type and accepted values (the template and docs read them)."""

    def label(parse: Read) -> Parser:
        return Parser(parse, kind, accepted)

    return label


@_kind("text", "any text")
def parse_text(raw: str, reading: Reading = PLAIN) -> str:
    """Text as given, trimmed."""
    return raw.strip()


@_kind("date", "YYYY-MM-DD; M/D/YYYY or D/M/YYYY when the import names the order")
def parse_date(raw: str, reading: Reading = PLAIN) -> dt.date:
    """A date (cells.parse_iso_or_ordered_date), within the input domain (ips.domain)."""
    return parse_iso_or_ordered_date(raw, reading)


@_kind("yes/no", "true, false, yes, no, 1, 0")
def parse_bool(raw: str, reading: Reading = PLAIN) -> bool:
    """true/false/yes/no/1/0, any case."""
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"'{raw}' is not yes or no; write one of true, false, yes, no, 1, 0")


@_kind("number", "a number such as 12.5 or 1,250.50")
def parse_decimal(raw: str, reading: Reading = PLAIN) -> Decimal:
    """A number read exactly, with the comma rule of cells.parse_number."""
    return parse_number(raw, reading)


@_kind("whole number", "a whole number")
def parse_int(raw: str, reading: Reading = PLAIN) -> int:
    """A whole number."""
    value = parse_number(raw, reading)
    if value != value.to_integral_value():
        raise CellError(f"'{raw}' is not a whole number; write it without decimals")
    return int(value)


@_kind("email", "an email address")
def parse_email(raw: str, reading: Reading = PLAIN) -> str:
    """An email address, lower-cased (the same email is the same person)."""
    email = raw.strip().lower()
    if not _EMAIL.match(email):
        raise CellError(f"'{raw}' is not an email address (name@example.org)")
    return email


@_kind("list", "values separated by ';'")
def parse_list(raw: str, reading: Reading = PLAIN) -> list[str]:
    """Values separated by ';' (empty items dropped, order kept, duplicates removed)."""
    items = [item.strip() for item in raw.split(";")]
    return list(dict.fromkeys(item for item in items if item))


@_kind("O*NET-SOC code", "a code like 35-2014.00")
def parse_onet(raw: str, reading: Reading = PLAIN) -> str:
    """An O*NET-SOC code shaped like 35-2014.00 (existence is checked against the database)."""
    code = raw.strip()
    if not _ONET.match(code):
        raise CellError(f"'{raw}' is not an O*NET-SOC code; write it like 35-2014.00")
    return code


@_kind("ZIP code or postcode", "US: 5 digits, or ZIP+4 (12345-6789); UK: a postcode (SW1A 1AA)")
def parse_zip(raw: str, reading: Reading = PLAIN) -> str:
    """A postal code of the program's country (`reading.country`, ips.domain.postal_code_problem):
    a US ZIP code (5 digits, or ZIP+4; a ZIP that lost its leading zero is refused with how to
    keep it), or a UK postcode such as SW1A 1AA (issue 16)."""
    code = raw.strip()
    if reading.country == "UK":
        problem = postal_code_problem(code, "UK")
        if problem:
            raise CellError(f"'{raw}' is not a UK postcode; write it like SW1A 1AA")
        return code
    if not _ZIP.match(code):
        raise CellError(
            f"'{raw}' is not a ZIP code; write 5 digits (keep leading zeros: format the"
            " column as Text or Zip Code in Excel)"
        )
    return code


@dataclass(frozen=True)
class Option:
    """One accepted value of a choice column, its label in the app and its synonyms."""

    value: str
    label: str
    synonyms: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return (self.value, self.label, *self.synonyms)


def choice(*options: Option) -> Parser:
    """A parser accepting an option's value, its label or a synonym, case-insensitively,
    spaces, hyphens and underscores equal (spec/interchange.md); it returns the value."""
    lookup = {choice_key(word): option.value for option in options for word in option.words}
    values = ", ".join(option.value for option in options)

    def parse(raw: str, reading: Reading = PLAIN) -> str:
        found = lookup.get(choice_key(raw))
        if found is None:
            raise CellError(
                f"'{raw}' is not one of {values}, nor their labels or synonyms"
                " (docs/import-format.md)"
            )
        return found

    return Parser(parse, "choice", values, options)


def list_of(item: Parser) -> Parser:
    """A ';'-separated list whose items each pass `item`."""

    def parse(raw: str, reading: Reading = PLAIN) -> list[str]:
        return list(dict.fromkeys(item(value, reading) for value in parse_list(raw)))

    return Parser(parse, "list", f"{item.accepted}, separated by ';'", item.options)


def in_range(
    parse: Parser,
    low: Decimal | None,
    high: Decimal | None,
    *,
    low_open: bool = False,
    places: int | None = None,
    hint: str = "",
) -> Parser:
    """`parse`, then a range check with a plain-words reason; a value with more decimal
    places than the database keeps (`places`) is refused, never rounded: a number is
    stored exactly as written or not at all (issue 16). `hint` follows the reason of a value
    over `high` (how the value was probably meant to be written)."""

    def within(value: Any, raw: str) -> None:
        if low is not None and (value <= low if low_open else value < low):
            word = "more than" if low_open else "at least"
            raise CellError(f"must be {word} {low} (got {raw.strip()})")
        if high is not None and value > high:
            raise CellError(f"must be at most {high} (got {raw.strip()}){hint}")

    def check(raw: str, reading: Reading = PLAIN) -> Any:
        value = parse(raw, reading)
        within(value, raw)
        if places is not None:
            kept = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            within(kept, raw)  # 0.004 FTE would be nothing: say so, not "too many places"
            if kept != value:
                unit = "place" if places == 1 else "places"
                raise CellError(
                    f"'{raw.strip()}' has more than {places} decimal {unit}, which is all"
                    f" this column keeps; round it in the file (to {kept}, say)"
                )
        return value

    bounds = f"more than {low}, at most {high}" if low_open else f"from {low} to {high}"
    accepted = f"{parse.accepted}, {bounds}"
    if places is not None:
        accepted += f", at most {places} decimal place{'s' if places > 1 else ''}"
    return Parser(check, parse.kind, accepted)
