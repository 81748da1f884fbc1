"""The import template and the format reference, generated from the importer's own schema
(schema.FILES) so they cannot drift from what is read: one CSV and one XLSX per file, and
docs/import-format.md. Pure: no django."""

from __future__ import annotations

import csv
import io

from importer.cells import DATE_ORDERS
from importer.schema import COLUMN_HELP, FILES, Column, FileSpec

DOC_PATH = "docs/import-format.md"
NOTES_HEADER = ("column", "type", "required", "accepted values", "what it holds")
# Excel number formats of the template's data columns: text columns stay text (a ZIP keeps
# its zero), dates show as YYYY-MM-DD.
_FORMATS = {"date": "yyyy-mm-dd", "number": "General", "whole number": "0"}


def notes(spec: FileSpec) -> list[tuple[str, str, str, str, str]]:
    """One row per column: name, type, "yes"/"no" required, accepted values, help."""
    return [_note(column) for column in spec.columns]


def _note(column: Column) -> tuple[str, str, str, str, str]:
    accepted = column.accepted
    options = column.parse.options
    if options:
        accepted = "; ".join(
            f"{o.value} (also: {', '.join(w for w in (o.label, *o.synonyms))})" for o in options
        )
        if column.kind == "list":
            accepted += "; several separated by ';'"
    if column.default not in (None, "", ()) and not column.required:
        accepted += f"; empty means {_default(column.default)}"
    required = "yes" if column.required else "no"
    return (
        column.name,
        column.kind,
        required,
        accepted,
        column.help or COLUMN_HELP.get(column.name, ""),
    )


def _default(value: object) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def template_csv(spec: FileSpec) -> bytes:
    """The header row of `spec`'s CSV, in the schema's order (UTF-8 with a byte-order mark,
    so Excel opens accents correctly)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(spec.names)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(spec: FileSpec) -> bytes:
    """A workbook: the first sheet holds the header (columns typed for 500 rows: text stays
    text, dates show YYYY-MM-DD), the "Notes" sheet describes each column."""
    from openpyxl import Workbook  # late: only the template pays for it
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = spec.stem
    sheet.append(list(spec.names))
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.name) + 4)
        number_format = _FORMATS.get(column.kind, "@")
        for row in range(2, 502):
            sheet[f"{letter}{row}"].number_format = number_format
    sheet.freeze_panes = "A2"
    described = book.create_sheet("Notes")
    described.append(list(NOTES_HEADER))
    for note in notes(spec):
        described.append(list(note))
    for letter, width in zip("ABCDE", (22, 14, 10, 70, 50), strict=True):
        described.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_files() -> dict[str, bytes]:
    """{path: bytes}: `csv/<stem>.csv` and `xlsx/<stem>.xlsx` per import file, and the format
    reference as `import-format.md`. The two folders are alternatives: fill in one of them
    and import that folder (both in one folder would be the same file twice; issue 16)."""
    files: dict[str, bytes] = {}
    for spec in FILES:
        files[f"csv/{spec.stem}.csv"] = template_csv(spec)
    for spec in FILES:
        files[f"xlsx/{spec.stem}.xlsx"] = template_xlsx(spec)
    files["import-format.md"] = render_markdown().encode()
    return files


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown() -> str:
    """The import format (docs/import-format.md), every file and column from the schema."""
    lines = [
        "# Import format",
        "",
        "<!-- Generated from importer/schema.py by `python manage.py import_template"
        " --docs`; do not edit by hand (tests/importer/test_template.py checks it). -->",
        "",
        "A folder (or .zip) holds any of the files below, each as `.csv` or `.xlsx`, named",
        "after what it holds. Column order is free. `python manage.py import_template FOLDER`",
        "writes an empty template of each, and the upload screen offers the same download:",
        "the folder `csv/` holds the CSV files and `xlsx/` the workbooks. They are",
        "alternatives: fill in the files of one folder and import that folder.",
        "",
        'How cells are read (spec/interchange.md, "Reading the cells agencies really have"):',
        "",
        "- Headers match ignoring case, with spaces, hyphens and underscores equal"
        " (`Entry Date` = `entry_date`).",
        "- Choice columns accept the value, the label the app shows, or a synonym listed"
        " below, ignoring case.",
        "- XLSX cells are read with their type: a ZIP formatted as Zip Code (`02139`) keeps"
        " its zero; a date-time in a date column gives its date.",
        "- Numbers use `.` for decimals; `,` separates thousands only before exactly three"
        " digits (`1,250.50`). `7,5` is refused, never read as 75. A CSV whose header is"
        " separated by `;` is read with `;` and decimal commas (`7,5`, `1.250,50`).",
        "- A number with more decimal places than the column keeps is refused, not rounded.",
        "- A number in a text column reads as its Excel format shows it: Zip Code formats"
        " (`00000`, `00000-0000`, `0####`, `[<=99999]00000;00000-0000`) keep the zeros,"
        " `0.00` gives `12.10`, `#,##0` gives `1,234`. Other formats (percent, currency,"
        " fractions) are refused in text columns: format the column as Text.",
        "- A formula must have its value saved (open and save the file in Excel); merged"
        " cells are refused (unmerge them and fill in each cell); a column with values but"
        " no name in the header row is refused, never dropped.",
        "- `zip` holds the program's country's codes: US ZIP codes, or UK postcodes"
        " (`SW1A 1AA`) in a UK program.",
        "- Importing again counts each row created, updated (a value changed) or unchanged.",
        "- Dates are `YYYY-MM-DD`. Dates like `04/09/2026` are read only when the import names"
        f" the order: {' or '.join(f'`--dates {order}`' for order in DATE_ORDERS)}"
        ' (the upload screen asks: "Dates written").',
        "- Every problem is reported as `file:line: column: reason` (the header is line 1);"
        " any problem means nothing is imported.",
        "",
    ]
    for spec in FILES:
        lines += [f"## `{spec.stem}`", "", "| " + " | ".join(NOTES_HEADER) + " |"]
        lines.append("|" + "---|" * len(NOTES_HEADER))
        for row in notes(spec):
            name, *rest = row
            lines.append(f"| `{name}` | " + " | ".join(_cell(text) for text in rest) + " |")
        lines.append("")
    return "\n".join(lines)
