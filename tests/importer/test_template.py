"""The template and docs/import-format.md come from the importer's own schema: the docs
file is current, and a filled-in template imports (spec/interchange.md)."""

from __future__ import annotations

import csv
import io
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from importer.readers import read_files
from importer.schema import FILES, SPECS
from importer.services import import_program
from importer.template import DOC_PATH, render_markdown, template_files
from ips.models import Program, StaffMember


def test_docs_import_format_is_current():
    """Regenerate with `python manage.py import_template --docs`."""
    written = (Path(settings.BASE_DIR) / DOC_PATH).read_text(encoding="utf-8")
    assert written == render_markdown()


def test_the_docs_name_every_file_column_and_synonym():
    text = render_markdown()
    for spec in FILES:
        assert f"## `{spec.stem}`" in text
        for column in spec.columns:
            assert f"| `{column.name}` |" in text
    assert "face_to_face (also: Face to face, in person, F2F" in text


def test_each_csv_template_is_the_header_in_the_schemas_order():
    files = template_files()
    for spec in FILES:
        text = files[f"csv/{spec.stem}.csv"].decode("utf-8-sig")
        assert list(csv.reader(StringIO(text))) == [list(spec.names)]


def test_each_xlsx_template_has_the_header_and_a_notes_sheet():
    files = template_files()
    for spec in FILES:
        book = load_workbook(io.BytesIO(files[f"xlsx/{spec.stem}.xlsx"]))
        sheet, notes = book.worksheets
        assert [c.value for c in sheet[1]] == list(spec.names)
        assert sheet["A2"].number_format in ("@", "yyyy-mm-dd", "General", "0")
        described = [row[0] for row in notes.iter_rows(min_row=2, values_only=True)]
        assert described == list(spec.names)
        required = {
            row[0] for row in notes.iter_rows(min_row=2, values_only=True) if row[2] == "yes"
        }
        assert required == set(spec.required)


@pytest.mark.django_db
def test_a_filled_in_xlsx_template_imports_with_its_zip_zero():
    book = load_workbook(io.BytesIO(template_files()["xlsx/employers.xlsx"]))
    sheet = book.worksheets[0]
    names = list(SPECS["employers"].names)
    sheet.cell(2, names.index("ref") + 1, "E1")
    sheet.cell(2, names.index("name") + 1, "Corner Cafe")
    sheet.cell(2, names.index("zip") + 1, "02139")  # a text-formatted column keeps it as typed
    out = io.BytesIO()
    book.save(out)
    program = Program.objects.create(name="Template Team", slug="template")
    tables, errors, _ = read_files({"employers.xlsx": out.getvalue()})
    result = import_program(program=program, tables=tables, read_errors=errors)
    assert result.ok, result.errors
    assert program.employers.get().zip == "02139"


@pytest.mark.django_db
def test_import_template_writes_every_file_and_the_empty_templates_are_nothing_to_import(
    tmp_path,
):
    out = StringIO()
    call_command("import_template", str(tmp_path / "t"), stdout=out)
    written = sorted(str(p.relative_to(tmp_path / "t")) for p in (tmp_path / "t").rglob("*.*"))
    assert written == sorted(template_files())
    Program.objects.create(name="Lakeside", slug="lakeside")
    for kind in ("csv", "xlsx"):  # each folder as written: nothing to import, never "same rows"
        errors = StringIO()
        with pytest.raises(CommandError):
            call_command("import_program", str(tmp_path / "t" / kind), "--program", "Lakeside",
                         stdout=StringIO(), stderr=errors)  # fmt: skip
        assert "Nothing to import:" in errors.getvalue()
        assert "same" not in errors.getvalue()
    assert not StaffMember.objects.exists()


@pytest.mark.django_db
def test_import_template_refuses_a_folder_that_holds_the_files_and_changes_nothing(tmp_path):
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "staff.csv").write_text("mine")
    with pytest.raises(CommandError, match="already holds csv/staff.csv"):
        call_command("import_template", str(tmp_path), stdout=StringIO())
    assert (tmp_path / "csv" / "staff.csv").read_text() == "mine"
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "csv",
        "csv/staff.csv",
    ]
