"""Read an import folder (or uploaded files) into header + raw rows. Pure: no django."""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ips.importer.cells import displayed_number
from ips.importer.schema import SPECS, RowError

SUFFIXES = (".csv", ".xlsx")
MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024  # a workbook that inflates past this is refused
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class RawTable:
    stem: str
    filename: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number, cells), header = line 1
    decimal_comma: bool = False  # a CSV separated by ';' (European Excel): 7,5 is 7.5


class TypedCell(str):
    """A workbook cell: the text Excel shows, and the typed `value` it holds (number,
    date-time, bool), so that schema.cell_text reads it by its column's type."""

    value: object

    def __new__(cls, text: str, value: object) -> TypedCell:
        cell = super().__new__(cls, text)
        cell.value = value
        return cell


def _delimiter(text: str) -> str:
    """';' when the header row is separated by ';' (more ';' than ',' in it), else ','."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def read_csv(filename: str, data: bytes) -> tuple[RawTable | None, list[RowError]]:
    """A UTF-8 CSV (a byte-order mark is allowed); blank lines are skipped."""
    if data.startswith(_UTF16_MARKS):
        reason = "the file is UTF-16 text; save it as 'CSV UTF-8' and try again"
        return None, [RowError(filename, 1, "-", reason)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        reason = f"not UTF-8 text (byte 0x{byte}); save the file as 'CSV UTF-8' and try again"
        return None, [RowError(filename, line, "-", reason)]
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error as error:
        return None, [RowError(filename, reader.line_num, "-", f"unreadable CSV: {error}")]
    if not lines:
        return None, [RowError(filename, 1, "-", "the file is empty (a header row is needed)")]
    # csv.reader numbers physical lines; quoted newlines are rare in these files,
    # so the record index + 1 is the line number the user sees in a spreadsheet.
    rows = [
        (index + 2, cells) for index, cells in enumerate(lines[1:]) if any(c.strip() for c in cells)
    ]
    table = RawTable(Path(filename).stem, filename, lines[0], rows, delimiter == ";")
    return table, []


def _cell_text(value, number_format: str) -> str:
    """A workbook cell as its text, typed when it holds more than text (TypedCell)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        shown = value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    elif isinstance(value, dt.date | dt.time):
        shown = value.isoformat()
    elif isinstance(value, bool):
        shown = "true" if value else "false"
    elif isinstance(value, int | float):
        shown = displayed_number(value, number_format)
    else:
        shown = str(value)
    return TypedCell(shown, value)


def _sheet_lines(data: bytes) -> list[list[str]] | None:
    """The cells of the first sheet as text; None for a workbook without a sheet.

    The members' declared sizes bound what zipfile inflates (a lie fails the CRC check);
    openpyxl's warnings on odd cells (a date out of range becomes "#VALUE!") are quietened.
    """
    from openpyxl import load_workbook  # late: only XLSX imports pay for it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not book.worksheets:
                return None
            rows = book.worksheets[0].iter_rows()
            return [
                [_cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                for row in rows
            ]
        finally:
            book.close()


def read_xlsx(filename: str, data: bytes) -> tuple[RawTable | None, list[RowError]]:
    """The first sheet of an .xlsx workbook; dates typed as dates are accepted."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return None, [RowError(filename, 1, "-", "not a readable .xlsx workbook (not a zip)")]
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        reason = f"the workbook unpacks to more than {MAX_XLSX_UNPACKED_BYTES // 2**20} MB"
        return None, [RowError(filename, 1, "-", reason)]
    try:
        lines = _sheet_lines(data)
    except Exception as error:  # openpyxl, zipfile and XML parsers raise many types
        reason = f"not a readable .xlsx workbook ({type(error).__name__}: {error})"[:300]
        return None, [RowError(filename, 1, "-", reason)]
    if lines is None:
        return None, [RowError(filename, 1, "-", "the workbook has no sheet")]
    if not lines:
        return None, [RowError(filename, 1, "-", "the sheet is empty (a header row is needed)")]
    header = lines[0]
    while header and not header[-1].strip():
        header = header[:-1]
    rows = [
        (index + 2, cells) for index, cells in enumerate(lines[1:]) if any(c.strip() for c in cells)
    ]
    return RawTable(Path(filename).stem, filename, header, rows), []


def read_files(files: dict[str, bytes]) -> tuple[list[RawTable], list[RowError], list[str]]:
    """Tables from {file name: bytes}; returns tables, errors and notes on ignored files."""
    tables: list[RawTable] = []
    errors: list[RowError] = []
    notes: list[str] = []
    by_stem: dict[str, str] = {}
    for filename in sorted(files):
        path = Path(filename)
        name = path.name
        if path.suffix.lower() not in SUFFIXES or name.startswith((".", "~$")):
            notes.append(f"{name}: ignored (only .csv and .xlsx files are read)")
            continue
        stem = path.stem.lower()
        if stem not in SPECS:
            notes.append(f"{name}: ignored (not one of {', '.join(SPECS)})")
            continue
        if stem in by_stem:
            errors.append(RowError(name, 1, "-", f"{by_stem[stem]} holds the same rows; give one"))
            continue
        by_stem[stem] = name
        reader = read_xlsx if path.suffix.lower() == ".xlsx" else read_csv
        table, problems = reader(name, files[filename])
        errors.extend(problems)
        if table is not None:
            tables.append(RawTable(stem, name, table.header, table.rows, table.decimal_comma))
    return tables, errors, notes


def read_folder(folder: Path) -> tuple[list[RawTable], list[RowError], list[str]]:
    """Every import file directly inside `folder`."""
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    return read_files(files)
