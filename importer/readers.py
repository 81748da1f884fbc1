"""Read an import folder (or uploaded files) into header + raw rows. Pure: no django."""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from importer.cells import CellError, displayed_number, number_text
from importer.schema import SPECS, RowError, column_letter

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
    date-time, bool) with its `number_format`, so that schema.cell_text reads it by its
    column's type (a number in a text column as its format shows it)."""

    value: object
    number_format: str

    def __new__(cls, text: str, value: object, number_format: str = "General") -> TypedCell:
        cell = super().__new__(cls, text)
        cell.value = value
        cell.number_format = number_format
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
    if any("\x00" in name for name in lines[0]):
        # A cell's control characters are refused on its row (importer.schema); a column
        # name is kept in the upload's preview, which PostgreSQL cannot store with a NUL
        # (the upload ended 'failed' instead of refused: found by Hypothesis).
        reason = "a column name holds an invisible control character (U+0000)"
        return None, [RowError(filename, 1, "-", reason)]
    # csv.reader numbers physical lines; quoted newlines are rare in these files,
    # so the record index + 1 is the line number the user sees in a spreadsheet.
    rows = [
        (index + 2, cells) for index, cells in enumerate(lines[1:]) if any(c.strip() for c in cells)
    ]
    table = RawTable(Path(filename).stem, filename, lines[0], rows, delimiter == ";")
    return table, []


def _cell_text(value: object, number_format: str) -> str:
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
        try:
            shown = displayed_number(value, number_format)
        except CellError:  # refused by schema.cell_text if a text column reads it
            shown = number_text(value)
    else:
        shown = str(value)
    return TypedCell(shown, value, number_format)


@dataclass(frozen=True)
class _SheetProblem:
    """A cell or range the reader refuses: its row and column (1-based) and the reason."""

    row: int
    column: int
    reason: str


def _sheet_lines(data: bytes) -> tuple[list[list[str]], list[_SheetProblem]] | None:
    """The cells of the first sheet as text, and the cells it cannot read as Excel shows
    them (_sheet_problems); None for a workbook without a sheet.

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
            sheet = book.worksheets[0]
            lines = [
                [_cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
                for row in sheet.iter_rows()
            ]
            with sheet._get_source() as source:  # the sheet's XML, as openpyxl reads it
                problems = _sheet_problems(source)
            return lines, problems
        finally:
            book.close()


def _sheet_problems(source: IO[bytes]) -> list[_SheetProblem]:
    """Cells whose value the file does not hold as Excel shows it (issue 16): a formula
    without a saved result (a file written by a program, never opened in Excel: openpyxl
    would read it as empty), and merged cells (only the first cell of a merge holds the
    value the others show)."""
    from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    cell_tag, formula_tag = f"{{{SHEET_MAIN_NS}}}c", f"{{{SHEET_MAIN_NS}}}f"
    value_tag, merge_tag = f"{{{SHEET_MAIN_NS}}}v", f"{{{SHEET_MAIN_NS}}}mergeCell"
    problems: list[_SheetProblem] = []
    for _, element in iterparse(source):
        if element.tag == cell_tag:
            saved = element.findtext(value_tag)
            # A text result may be empty (=IF(A2="","",A2) saves t="str" and <v></v>);
            # a number result never is: an empty or missing <v> there is no saved value.
            text_result = element.get("t") in ("str", "s", "inlineStr")
            if element.find(formula_tag) is not None and (
                saved is None or (not saved and not text_result)
            ):
                row, column = coordinate_to_tuple(element.get("r"))
                reason = (
                    f"cell {element.get('r')} holds a formula without a saved value (the file"
                    " was written by a program, not saved by Excel); open and save the file"
                    " in Excel, or replace the formula with its value"
                )
                problems.append(_SheetProblem(row, column, reason))
            element.clear()
        elif element.tag == merge_tag:
            span = element.get("ref", "")
            first_column, first_row, _, _ = range_boundaries(span)
            reason = (
                f"cells {span} are merged, so only the first holds the value the others show;"
                " unmerge them (Home > Merge & Center) and fill in each cell"
            )
            problems.append(_SheetProblem(first_row, first_column, reason))
    return problems


def read_xlsx(filename: str, data: bytes) -> tuple[RawTable | None, list[RowError]]:
    """The first sheet of an .xlsx workbook; dates typed as dates are accepted. A formula
    without a saved value and merged cells are refused, each on its line (_sheet_problems)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return None, [RowError(filename, 1, "-", "not a readable .xlsx workbook (not a zip)")]
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        reason = f"the workbook unpacks to more than {MAX_XLSX_UNPACKED_BYTES // 2**20} MB"
        return None, [RowError(filename, 1, "-", reason)]
    try:
        read = _sheet_lines(data)
    except Exception as error:  # openpyxl, zipfile and XML parsers raise many types
        reason = f"not a readable .xlsx workbook ({type(error).__name__}: {error})"[:300]
        return None, [RowError(filename, 1, "-", reason)]
    if read is None:
        return None, [RowError(filename, 1, "-", "the workbook has no sheet")]
    lines, problems = read
    if not lines:
        return None, [RowError(filename, 1, "-", "the sheet is empty (a header row is needed)")]
    header = lines[0]
    while header and not header[-1].strip():
        header = header[:-1]
    if problems:
        return None, [
            RowError(filename, p.row, _column_name(header, p.column), p.reason) for p in problems
        ]
    rows = [
        (index + 2, cells) for index, cells in enumerate(lines[1:]) if any(c.strip() for c in cells)
    ]
    return RawTable(Path(filename).stem, filename, header, rows), []


def _column_name(header: list[str], column: int) -> str:
    """A column as the user knows it: its header, else its letter."""
    written = header[column - 1].strip() if column <= len(header) else ""
    return written or f"column {column_letter(column)}"


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
            reason = (
                f"{by_stem[stem]} and {name} are both the {stem} file; import only one of them"
                " (the template's csv/ and xlsx/ folders are alternatives)"
            )
            errors.append(RowError(name, 1, "-", reason))
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
