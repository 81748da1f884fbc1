"""The import files of spec/interchange.md as data, and the cell parsers. Pure: no django."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from ips.domain import date_problem, text_problem

TRUE_WORDS = frozenset({"true", "yes", "1"})
FALSE_WORDS = frozenset({"false", "no", "0"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ONET = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_REASON_CHARS = 300
MAX_NUMBER_CHARS = 40  # longer text is not a number anyone typed
MAX_NUMBER_DIGITS = 15  # digits before the point; 1e308 and 10**1000 stop here


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason shown to the user."""


def parse_text(raw: str) -> str:
    """Text as given, trimmed."""
    return raw.strip()


def parse_date(raw: str) -> dt.date:
    """A date written YYYY-MM-DD (spec/interchange.md), within the input domain (ips.domain)."""
    if not _DATE.match(raw):
        raise CellError(f"'{raw}' is not a date written YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise CellError(f"'{raw}' is not a real date") from None
    problem = date_problem(day)
    if problem:
        raise CellError(problem)
    return day


def parse_bool(raw: str) -> bool:
    """true/false/yes/no/1/0, any case."""
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"'{raw}' is not one of true, false, yes, no, 1, 0")


def parse_decimal(raw: str) -> Decimal:
    """A plain number such as 12 or 12.50 (not NaN, not infinite, not absurdly large)."""
    text = raw.strip().replace(",", "")
    if len(text) > MAX_NUMBER_CHARS:
        raise CellError(f"'{raw[:MAX_NUMBER_CHARS]}...' is too long to be a number")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CellError(f"'{raw}' is not a number") from None
    if not value.is_finite():
        raise CellError(f"'{raw}' is not a number")
    if value and value.adjusted() >= MAX_NUMBER_DIGITS:
        raise CellError(f"'{raw}' is too large a number")
    return value


def parse_int(raw: str) -> int:
    """A whole number."""
    value = parse_decimal(raw)
    if value != value.to_integral_value():
        raise CellError(f"'{raw}' is not a whole number")
    return int(value)


def parse_email(raw: str) -> str:
    """An email address, lower-cased (the same email is the same person)."""
    email = raw.strip().lower()
    if not _EMAIL.match(email):
        raise CellError(f"'{raw}' is not an email address")
    return email


def parse_list(raw: str) -> list[str]:
    """Values separated by ';' (empty items dropped, order kept, duplicates removed)."""
    items = [item.strip() for item in raw.split(";")]
    return list(dict.fromkeys(item for item in items if item))


def parse_onet(raw: str) -> str:
    """An O*NET-SOC code shaped like 35-2014.00 (existence is checked against the database)."""
    code = raw.strip()
    if not _ONET.match(code):
        raise CellError(f"'{raw}' is not an O*NET-SOC code like 35-2014.00")
    return code


def parse_zip(raw: str) -> str:
    """A US ZIP code: 5 digits, or ZIP+4."""
    code = raw.strip()
    if not _ZIP.match(code):
        raise CellError(f"'{raw}' is not a ZIP code (5 digits)")
    return code


def choice(*allowed: str) -> Callable[[str], str]:
    """A parser accepting exactly one of `allowed` (case-insensitive)."""

    def parse(raw: str) -> str:
        word = raw.strip().lower()
        if word not in allowed:
            raise CellError(f"'{raw}' is not one of {', '.join(allowed)}")
        return word

    return parse


def list_of(item: Callable[[str], str]) -> Callable[[str], list[str]]:
    """A ';'-separated list whose items each pass `item`."""

    def parse(raw: str) -> list[str]:
        return [item(value) for value in parse_list(raw)]

    return parse


def in_range(
    parse: Callable[[str], Any],
    low: Decimal | None,
    high: Decimal | None,
    *,
    low_open=False,
    places: int | None = None,
) -> Callable[[str], Any]:
    """`parse`, then a range check with a plain-words reason, on the value as written and
    as the database stores it (rounded to `places`): -0.004 hours and 9999.96 miles, which
    rounds past the column's size, are both refused."""

    def within(value: Any, raw: str) -> None:
        if low is not None and (value <= low if low_open else value < low):
            word = "more than" if low_open else "at least"
            raise CellError(f"must be {word} {low} (got {raw.strip()})")
        if high is not None and value > high:
            raise CellError(f"must be at most {high} (got {raw.strip()})")

    def check(raw: str) -> Any:
        value = parse(raw)
        within(value, raw)
        if places is not None:
            value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            within(value, raw)
        return value

    return check


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any] = parse_text
    required: bool = False
    default: Any = None
    max_length: int | None = None


@dataclass(frozen=True)
class FileSpec:
    stem: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


ZERO = Decimal(0)
CONTACT_MODES = ("face_to_face", "phone", "email", "video")
SUPPORT_MODES = (*CONTACT_MODES, "text")
SUPPORT_TYPES = (
    "coaching",
    "schedule_transport",
    "employer_meeting",
    "benefits_reporting",
    "accommodation",
    "problem_solving",
    "career_development",
    "other",
)
PURPOSES = (
    "learn_needs",
    "follow_up",
    "introduce_seeker",
    "ask_interview",
    "drop_application",
    "other",
)
CLOSE_REASONS = ("own_choice", "moved", "stepped_down", "lost_contact", "other")
END_REASONS = (
    "quit",
    "better_job",
    "fired",
    "laid_off",
    "temporary_ended",
    "health",
    "other",
)

# The order is the load order: later files refer to rows of earlier ones.
FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "staff",
        (
            Column("email", parse_email, required=True, max_length=254),
            Column("name", required=True, max_length=150),
            Column("role", choice("specialist", "coach", "supervisor", "director"), True),
            Column(
                "fte",
                in_range(parse_decimal, ZERO, Decimal(1), low_open=True, places=2),
                default=Decimal(1),
            ),
        ),
        key=("email",),
    ),
    FileSpec(
        "employers",
        (
            Column("ref", required=True, max_length=64),
            Column("name", required=True, max_length=200),
            Column("industry", max_length=120, default=""),
            Column("zip", parse_zip, default=""),
            Column("address", max_length=300, default=""),
        ),
        key=("ref",),
    ),
    FileSpec(
        "seekers",
        (
            Column("ref", required=True, max_length=64),
            Column("name", required=True, max_length=200),
            Column("entry_date", parse_date, required=True),
            Column("specialist_email", parse_email),
            Column("mh_team", max_length=200, default=""),
            Column("referral_date", parse_date),
            Column("employed_at_referral", parse_bool, default=False),
            Column("zip", parse_zip, default=""),
            Column("preferred_occupations", list_of(parse_onet), default=None),
            Column("max_commute_miles", in_range(parse_decimal, ZERO, Decimal("9999"), places=1)),
            Column("closed_date", parse_date),
            Column("close_reason", choice(*CLOSE_REASONS), default=""),
        ),
        key=("ref",),
    ),
    FileSpec(
        "employer_contacts",
        (
            Column("date", parse_date, required=True),
            Column("specialist_email", parse_email, required=True),
            Column("employer_ref", required=True),
            Column("mode", choice(*CONTACT_MODES), required=True),
            Column("client_present", parse_bool, default=False),
            Column("seeker_refs", parse_list, default=()),
            Column("purpose", choice(*PURPOSES), default=""),
            Column("notes", default=""),
        ),
    ),
    FileSpec(
        "jobs",
        (
            Column("ref", required=True, max_length=64),
            Column("seeker_ref", required=True),
            Column("employer_ref", required=True),
            Column("title", required=True, max_length=200),
            Column("start_date", parse_date, required=True),
            Column("occupation_code", parse_onet),
            Column("end_date", parse_date),
            Column("hours_per_week", in_range(parse_decimal, ZERO, Decimal(80), places=1)),
            Column("hourly_wage", in_range(parse_decimal, ZERO, Decimal("99999"), places=2)),
            Column(
                "paid_hours_to_date", in_range(parse_decimal, ZERO, Decimal("999999"), places=2)
            ),
            Column("competitive", parse_bool, default=True),
            Column("permanent", parse_bool, default=True),
            Column("end_reason", choice(*END_REASONS), default=""),
        ),
        key=("ref",),
    ),
    FileSpec(
        "support_contacts",
        (
            Column("date", parse_date, required=True),
            Column("staff_email", parse_email, required=True),
            Column("seeker_ref", required=True),
            Column("job_ref"),
            Column("mode", choice(*SUPPORT_MODES), required=True),
            Column("location", choice("workplace", "community", "office", "home"), default=""),
            Column("minutes", in_range(parse_int, ZERO, Decimal(24 * 60))),
            Column("support_types", list_of(choice(*SUPPORT_TYPES)), default=()),
            Column("notes", default=""),
        ),
    ),
    FileSpec(
        "time_entries",
        (
            Column("date", parse_date, required=True),
            Column("staff_email", parse_email, required=True),
            Column("hours", in_range(parse_decimal, ZERO, Decimal(24), places=2), required=True),
            Column("activity", choice("employment_services", "other"), required=True),
            Column("location", choice("community", "office"), required=True),
        ),
    ),
)
SPECS: dict[str, FileSpec] = {spec.stem: spec for spec in FILES}


@dataclass(frozen=True)
class RowError:
    """One bad cell or row, printed `file:line: column: reason` (header = line 1)."""

    file: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        # One line each, of a readable length, whatever a cell held (newlines, 100k chars).
        reason = _CONTROL.sub(" ", self.reason)
        if len(reason) > MAX_REASON_CHARS:
            reason = reason[: MAX_REASON_CHARS - 3] + "..."
        return f"{self.file}:{self.line}: {_CONTROL.sub(' ', self.column)}: {reason}"


@dataclass
class Row:
    """A parsed data row: its line number and typed values by column name."""

    line: int
    values: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


@dataclass
class ParsedFile:
    spec: FileSpec
    filename: str
    rows: list[Row]


def parse_table(
    spec: FileSpec, filename: str, header: list[str], raw_rows: list[tuple[int, list[str]]]
) -> tuple[ParsedFile, list[RowError]]:
    """Check the header and type every cell; returns the good rows and every error."""
    errors: list[RowError] = []
    names = [h.strip().lower() for h in header]
    known = set(spec.names)
    for name in names:
        if name and name not in known:
            errors.append(RowError(filename, 1, name, "unknown column"))
    seen: set[str] = set()
    for name in names:
        if name in seen and name:
            errors.append(RowError(filename, 1, name, "column given twice"))
        seen.add(name)
    for name in spec.required:
        if name not in seen:
            errors.append(RowError(filename, 1, name, "required column is missing"))
    if errors:
        return ParsedFile(spec, filename, []), errors
    columns = {c.name: c for c in spec.columns}
    rows: list[Row] = []
    for line, cells in raw_rows:
        values: dict[str, Any] = {}
        for position, name in enumerate(names):
            if not name:
                continue
            raw = cells[position].strip() if position < len(cells) else ""
            column = columns[name]
            values[name] = _cell(column, raw, filename, line, errors)
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            errors.append(RowError(filename, line, "-", "more cells than header columns"))
        for column in spec.columns:
            if column.name not in values:
                values[column.name] = column.default
        rows.append(Row(line, values))
    return ParsedFile(spec, filename, rows), errors


def _cell(column: Column, raw: str, filename: str, line: int, errors: list[RowError]) -> Any:
    if raw == "":
        if column.required:
            errors.append(RowError(filename, line, column.name, "required, but empty"))
        return column.default
    problem = text_problem(raw)  # every cell: PostgreSQL refuses NUL in any text it compares
    if problem:
        errors.append(RowError(filename, line, column.name, problem))
        return column.default
    if column.max_length is not None and len(raw) > column.max_length:
        errors.append(
            RowError(filename, line, column.name, f"longer than {column.max_length} characters")
        )
        return column.default
    try:
        return column.parse(raw)
    except CellError as error:
        errors.append(RowError(filename, line, column.name, str(error)))
        return column.default
