"""The import files of spec/interchange.md as data, and the cell parsers. Pure: no django.

Longer than ~400 lines on purpose: most of it is the seven files' column specs, read top
to bottom beside spec/interchange.md; splitting them from the parser would only send the
reader between two files (issue 15)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from importer.cells import (
    PLAIN,
    CellError,
    Reading,
    choice_key,
    displayed_number,
    header_key,
    number_text,
    parse_iso_or_ordered_date,
    parse_number,
)
from ips.domain import postal_code_problem, text_problem

TRUE_WORDS = frozenset({"true", "yes", "1"})
FALSE_WORDS = frozenset({"false", "no", "0"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ONET = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_REASON_CHARS = 400

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


@dataclass(frozen=True)
class Column:
    name: str
    parse: Parser = parse_text
    required: bool = False
    default: Any = None
    max_length: int | None = None
    help: str = ""

    @property
    def kind(self) -> str:
        """The type named in the template and docs: text, date, number, choice, ..."""
        return self.parse.kind

    @property
    def accepted(self) -> str:
        """The accepted values in words (choices list their values)."""
        accepted = self.parse.accepted
        if self.max_length:
            accepted += f", at most {self.max_length} characters"
        return accepted


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
# No hourly wage in supported employment comes near this: '12,500' (a European 12.5 in a
# ',' file) or a yearly salary in the wage column is refused, never stored (issue 16).
MAX_HOURLY_WAGE = Decimal(500)  # dollars an hour
MAX_HOURS_PER_WEEK = Decimal(80)  # hours a week
_DECIMALS_HINT = (
    "; write decimals with a point (12.50): a comma separates thousands, unless the file"
    " is a CSV separated by ';' (then write 12,50)"
)
_WAGE_HINT = "; the column is dollars an hour" + _DECIMALS_HINT
# Values, the labels the app shows (tests/importer/test_choices.py keeps them equal to the
# models' choices) and the synonyms agencies write, documented in docs/import-format.md.
ROLES = (
    Option("specialist", "Employment specialist", ("ES", "IPS specialist", "IPS worker")),
    Option("coach", "Job coach"),
    Option("supervisor", "Supervisor", ("team leader", "team lead")),
    Option("director", "Director"),
)
_IN_PERSON = ("in person", "F2F", "visit")
CONTACT_MODES = (
    Option("face_to_face", "Face to face", _IN_PERSON),
    Option("phone", "Phone", ("telephone", "phone call", "call")),
    Option("email", "Email", ("e-mail",)),
    Option("video", "Video call", ("virtual", "Zoom", "Teams")),
)
SUPPORT_MODES = (*CONTACT_MODES, Option("text", "Text message", ("SMS", "texted")))
SUPPORT_LOCATIONS = (
    Option("workplace", "At work", ("work", "job site")),
    Option("community", "In the community"),
    Option("office", "In the office"),
    Option("home", "At home", ("home visit",)),
)
SUPPORT_TYPES = (
    Option("coaching", "On-the-job coaching", ("job coaching",)),
    Option("schedule_transport", "Schedule or transport help", ("transport", "transportation")),
    Option("employer_meeting", "Employer meeting"),
    Option("benefits_reporting", "Benefits reporting", ("benefits",)),
    Option("accommodation", "Accommodation"),
    Option("problem_solving", "Problem-solving"),
    Option("career_development", "Career development"),
    Option("other", "Other"),
)
PURPOSES = (
    Option("learn_needs", "Learn about the business's needs", ("learn needs",)),
    Option("follow_up", "Follow up", ("follow-up", "followup")),
    Option("introduce_seeker", "Introduce a job seeker", ("introduction",)),
    Option("ask_interview", "Ask for an interview", ("interview",)),
    Option("drop_application", "Drop in an application", ("application",)),
    Option("other", "Other"),
)
CLOSE_REASONS = (
    Option("own_choice", "The person's own choice", ("own choice", "declined")),
    Option("moved", "Moved away"),
    Option("stepped_down", "Job stable, stepped down from support", ("stepped down",)),
    Option("lost_contact", "Lost contact after documented outreach", ("lost contact",)),
    Option("other", "Other"),
)
END_REASONS = (
    Option("quit", "Left by choice", ("resigned",)),
    Option("better_job", "Left for a better job", ("better job",)),
    Option("fired", "Let go", ("dismissed", "terminated")),
    Option("laid_off", "Laid off", ("redundant", "redundancy")),
    Option("temporary_ended", "Temporary job ended", ("temporary", "contract ended")),
    Option("health", "Health reasons", ("ill health",)),
    Option("other", "Other"),
)
ACTIVITIES = (
    Option("employment_services", "Employment services", ("employment",)),
    Option("other", "Other work"),
)
TIME_LOCATIONS = (
    Option("community", "In the community"),
    Option("office", "In the office"),
)

# The order is the load order: later files refer to rows of earlier ones.
FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "staff",
        (
            Column("email", parse_email, required=True, max_length=254),
            Column("name", required=True, max_length=150),
            Column("role", choice(*ROLES), True),
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
            Column(
                "hours_per_week",
                in_range(parse_decimal, ZERO, MAX_HOURS_PER_WEEK, places=1, hint=_DECIMALS_HINT),
            ),
            Column(
                "hourly_wage",
                in_range(parse_decimal, ZERO, MAX_HOURLY_WAGE, places=2, hint=_WAGE_HINT),
            ),
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
            Column("location", choice(*SUPPORT_LOCATIONS), default=""),
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
            Column("activity", choice(*ACTIVITIES), required=True),
            Column("location", choice(*TIME_LOCATIONS), required=True),
        ),
    ),
)
SPECS: dict[str, FileSpec] = {spec.stem: spec for spec in FILES}
# What a column holds, by name (the template's notes and docs/import-format.md).
COLUMN_HELP = {
    "ref": "the agency's own identifier; importing again updates the row with this ref",
    "email": "the staff member's email; the same email is the same person in every program",
    "name": "the person's or business's name",
    "fte": "share of a full-time post (0.5 is half time)",
    "entry_date": "the day the person entered the program",
    "specialist_email": "email of a staff row (staff file or already in the program)",
    "staff_email": "email of a staff row (staff file or already in the program)",
    "seeker_ref": "ref of a job seeker (seekers file or already in the program)",
    "seeker_refs": "refs of job seekers the contact was about",
    "employer_ref": "ref of an employer (employers file or already in the program)",
    "job_ref": "ref of one of the job seeker's jobs",
    "mh_team": "name of the mental-health team (created when new)",
    "preferred_occupations": "O*NET-SOC codes of the jobs the person wants",
    "max_commute_miles": "miles the person will travel to work",
    "close_reason": "why the person left the program (needs closed_date)",
    "hours_per_week": "hours a week",
    "hourly_wage": "dollars an hour; a competitive job pays at least the program's minimum",
    "paid_hours_to_date": "hours paid so far",
    "end_reason": "why the job ended (needs end_date)",
    "minutes": "length of the contact in minutes",
    "hours": "hours worked that day in that activity and place",
    "competitive": "open to anyone, at least minimum wage, not set aside for disability",
    "client_present": "the job seeker was there",
    "zip": "in Excel, format the column as Text or Zip Code so leading zeros stay",
}


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
        if not self.file:  # about the whole import ("nothing to import")
            return reason
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
    columns: list[str] = field(default_factory=list)  # the file's columns, in its order


def parse_table(
    spec: FileSpec,
    filename: str,
    header: list[str],
    raw_rows: list[tuple[int, list[str]]],
    reading: Reading = PLAIN,
) -> tuple[ParsedFile, list[RowError]]:
    """Check the header (matched by cells.header_key) and type every cell with `reading`;
    returns the good rows and every error. A cell that carries its workbook value
    (readers.TypedCell) is read by the column's type: a number in a number column by its
    exact value, a date-time in a date column by its date, others as Excel shows them."""
    errors = _header_errors(spec, filename, header)
    errors += _unnamed_column_errors(spec, filename, header, raw_rows)
    names = [header_key(h) for h in header]
    if errors:
        return ParsedFile(spec, filename, [], names), errors
    columns = {c.name: c for c in spec.columns}
    rows: list[Row] = []
    for line, cells in raw_rows:
        values: dict[str, Any] = {}
        for position, name in enumerate(names):
            if not name:
                continue
            cell = cells[position] if position < len(cells) else ""
            column = columns[name]
            values[name] = _cell(column, cell, reading, filename, line, errors)
        if len(cells) > len(names) and any(str(c).strip() for c in cells[len(names) :]):
            reason = "more cells than header columns; name the column or remove the extra cells"
            errors.append(RowError(filename, line, "-", reason))
        for column in spec.columns:
            if column.name not in values:
                values[column.name] = column.default
        rows.append(Row(line, values))
    return ParsedFile(spec, filename, rows, [n for n in names if n]), errors


def column_letter(position: int) -> str:
    """The spreadsheet letter of a 1-based column position: 1 -> A, 27 -> AA."""
    letters = ""
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _unnamed_column_errors(
    spec: FileSpec, filename: str, header: list[str], raw_rows: list[tuple[int, list[str]]]
) -> list[RowError]:
    """A column with an empty header that holds a value is refused, never dropped (issue 16):
    its values would vanish without a word. A wholly empty one is only a spacer."""
    errors: list[RowError] = []
    for position, written in enumerate(header):
        if header_key(written):
            continue
        for line, cells in raw_rows:
            value = str(cells[position]).strip() if position < len(cells) else ""
            if value:
                number = position + 1
                reason = (
                    f"has no name, but line {line} holds '{value[:40]}'; write its name in"
                    f" line 1 (the columns of {spec.stem} are {', '.join(spec.names)}), or"
                    " delete the column"
                )
                column = f"column {number} ({column_letter(number)})"
                errors.append(RowError(filename, 1, column, reason))
                break
    return errors


def _header_errors(spec: FileSpec, filename: str, header: list[str]) -> list[RowError]:
    errors: list[RowError] = []
    names = [header_key(h) for h in header]
    known = set(spec.names)
    for written, name in zip(header, names, strict=True):
        if name and name not in known:
            reason = f"unknown column (the columns of {spec.stem} are {', '.join(spec.names)})"
            if ";" in written or "\t" in written:
                reason += "; save the file as CSV separated by ',' or ';'"
            errors.append(RowError(filename, 1, name, reason))
    seen: set[str] = set()
    for name in names:
        if name in seen and name:
            errors.append(RowError(filename, 1, name, "column given twice; keep one of them"))
        seen.add(name)
    for name in spec.required:
        if name not in seen:
            reason = "required column is missing; add it to the header row (line 1)"
            errors.append(RowError(filename, 1, name, reason))
    return errors


def cell_text(cell: str, kind: str) -> str:
    """The text a cell is read from: a workbook cell (with `.value`) by the column's type.
    A number in any other column reads as its number format shows it (cells.displayed_number:
    12.1 formatted 0.00 is "12.10", 2139 formatted 00000 is "02139"); CellError for a format
    that cannot be shown exactly (issue 16)."""
    value = getattr(cell, "value", None)
    if value is None or isinstance(value, str):
        return str(cell).strip()
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if kind in ("number", "whole number") and numeric:
        return number_text(value)
    if kind == "date" and isinstance(value, dt.datetime):
        return value.date().isoformat()  # a date-time in a date column gives its date
    if numeric:
        return displayed_number(value, getattr(cell, "number_format", "General")).strip()
    return str(cell).strip()


def _cell(
    column: Column, cell: str, reading: Reading, filename: str, line: int, errors: list[RowError]
) -> Any:
    try:
        raw = cell_text(cell, column.kind)
    except CellError as error:
        errors.append(RowError(filename, line, column.name, str(error)))
        return column.default
    if raw == "":
        if column.required:
            errors.append(RowError(filename, line, column.name, "required, but empty; fill it in"))
        return column.default
    problem = text_problem(raw)  # every cell: PostgreSQL refuses NUL in any text it compares
    if problem:
        errors.append(RowError(filename, line, column.name, problem))
        return column.default
    if column.max_length is not None and len(raw) > column.max_length:
        errors.append(
            RowError(
                filename,
                line,
                column.name,
                f"longer than {column.max_length} characters; shorten it",
            )
        )
        return column.default
    try:
        return column.parse(raw, reading)
    except CellError as error:
        errors.append(RowError(filename, line, column.name, str(error)))
        return column.default
