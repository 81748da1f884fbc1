"""Reading one import file's table against its spec (importer.schema.FileSpec): the header
check, each cell typed by its column's parser, and every error as a `RowError` printed
`file:line: column: reason`. Pure: no django."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from importer.cells import (
    PLAIN,
    CellError,
    Reading,
    displayed_number,
    header_key,
    number_text,
)
from ips.domain import text_problem

if TYPE_CHECKING:  # importer.schema re-exports this module's names, so only for types
    from importer.schema import Column, FileSpec

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_REASON_CHARS = 400


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
