"""The red-team findings on the importer (issue 16, second round): each on CSV and XLSX
where it applies, with the files built here. A value is read exactly as a person sees it, or
refused on its line (`file:line: column: reason`) with how to fix it; a refusal writes
nothing."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from employers.models import Employer
from importer.cells import CellError, displayed_number, parse_number
from jobseekers.models import Job, JobSeeker
from tests.importer.test_cells_agencies_have import (
    EMPLOYERS,
    JOB_HEADER,
    KINDS,
    SEEKERS,
    TIME_HEADER,
    base,
    csv_bytes,
    refused,
    run,
    table,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def jobs_files(kind: str, rows, formats=None) -> dict[str, bytes]:
    return base(**{"seekers.csv": csv_bytes(SEEKERS)}, **table(kind, "jobs", rows, formats))


# ------------------------------------------------------------------ 1. unnamed columns


@pytest.mark.parametrize("kind", KINDS)
def test_a_column_without_a_name_that_holds_values_is_refused_not_dropped(program, kind):
    header = ["ref", "seeker_ref", "employer_ref", "title", "start_date", "", "hourly_wage"]
    rows = [header, ["J1", "S1", "E1", "Cook", "2026-02-01", "25.5", "15.00"]]
    lines = refused(program, jobs_files(kind, rows), f"jobs.{kind}:1: column 6 (F): has no name")
    assert "line 2 holds '25.5'" in lines[0]
    assert "hours_per_week" in lines[0]  # the names it could have
    assert not Job.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_column_without_a_name_is_only_a_spacer(program, kind):
    header = ["ref", "seeker_ref", "employer_ref", "title", "start_date", "", "hourly_wage"]
    rows = [header, ["J1", "S1", "E1", "Cook", "2026-02-01", None, "15.00"]]
    if kind == "csv":
        rows[1][5] = ""
    result = run(program, jobs_files(kind, rows))
    assert result.ok, result.errors
    assert Job.objects.get().hourly_wage == Decimal("15.00")


# ------------------------------------------------------------------ 2. formulas


def with_saved_value(workbook: bytes, cell: str, value: str) -> bytes:
    """The workbook as Excel saves it: the formula in `cell` keeps its result `value`."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                pattern = rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?'
                data, found = re.subn(pattern.encode(), rb"\1<v>" + value.encode() + b"</v>", data)
                assert found == 1
            target.writestr(item, data)
    return out.getvalue()


def test_a_formula_without_a_saved_value_is_refused_not_read_as_empty(program):
    rows = [TIME_HEADER, ["2026-03-02", "ana@example.org", "=3+4", "other", "office"]]
    lines = refused(program, base(**table("xlsx", "time_entries", rows)))
    assert lines[0].startswith("time_entries.xlsx:2: hours: cell C2 holds a formula without")
    assert "open and save the file in Excel" in lines[0]


def test_a_formula_in_an_optional_column_is_refused_too(program):
    rows = [JOB_HEADER, ["J1", "S1", "E1", "Cook", "2026-02-01", "=10*2", 15, None]]
    refused(
        program, jobs_files("xlsx", rows), "jobs.xlsx:2: hours_per_week: cell F2 holds a formula"
    )


def test_a_formula_saved_by_excel_reads_its_value(program):
    rows = [TIME_HEADER, ["2026-03-02", "ana@example.org", "=3+4", "other", "office"]]
    files = base(**{"time_entries.xlsx": with_saved_value(xlsx_bytes(rows), "C2", "7")})
    result = run(program, files)
    assert result.ok, result.errors
    assert result.counts["time_entries.xlsx"]["created"] == 1


def test_a_formula_whose_saved_result_is_empty_text_reads_as_empty(program):
    """=IF(...,"",...) saved by Excel: t="str" and an empty <v>; that is a value, not a
    missing one."""
    rows = [["ref", "name", "industry"], ["E1", "Corner Cafe", '=IF(1=1,"","x")']]
    book = xlsx_bytes(rows)
    source = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, found = re.subn(rb'<c r="C2"', b'<c r="C2" t="str"', data)
                assert found == 1
            target.writestr(item, data)
    result = run(program, {"employers.xlsx": out.getvalue()})
    assert result.ok, result.errors
    assert Employer.objects.get().industry == ""


# ------------------------------------------------------------------ 3. merged cells


def test_merged_cells_in_the_data_are_refused_with_their_range(program):
    rows = [TIME_HEADER, ["2026-03-02", "ana@example.org", 3, "other", "office"],
            [None, "ana@example.org", 2, "employment_services", "community"]]  # fmt: skip
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.active.merge_cells("A2:A3")  # Excel shows the date on both lines; line 3 holds none
    out = io.BytesIO()
    book.save(out)
    lines = refused(program, base(**{"time_entries.xlsx": out.getvalue()}))
    assert lines[0].startswith("time_entries.xlsx:2: date: cells A2:A3 are merged")
    assert "unmerge them" in lines[0]


# ------------------------------------------------------------------ 5. plausible values


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("wage", ["12,500", 12500])
def test_a_wage_no_one_is_paid_an_hour_is_refused_with_how_to_write_decimals(program, kind, wage):
    if kind == "xlsx" and isinstance(wage, str):
        wage = 12500  # the workbook holds the number Excel read
    rows = [JOB_HEADER, ["J1", "S1", "E1", "Cook", "2026-02-01", 20, wage, None]]
    lines = refused(
        program, jobs_files(kind, rows), f"jobs.{kind}:2: hourly_wage: must be at most 500"
    )
    assert "dollars an hour" in lines[0]
    assert "write decimals with a point (12.50)" in lines[0]
    assert not Job.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_more_than_80_hours_a_week_is_refused(program, kind):
    rows = [JOB_HEADER, ["J1", "S1", "E1", "Cook", "2026-02-01", "80.5", "15", None]]
    refused(program, jobs_files(kind, rows), f"jobs.{kind}:2: hours_per_week: must be at most 80")


# ------------------------------------------------------------------ 6. UK postcodes


@pytest.mark.parametrize("kind", KINDS)
def test_a_uk_program_imports_postcodes(program, kind):
    program.country = "UK"
    program.save(update_fields=["country"])
    employers = [["ref", "name", "zip"], ["E1", "Corner Cafe", "SW1A 1AA"]]
    seekers = [["ref", "name", "entry_date", "zip"], ["S1", "Sam", "2026-01-10", "M1 1AE"]]
    files = {"staff.csv": csv_bytes([["email", "name", "role"], ["a@x.org", "A B", "ES"]])}
    files |= table(kind, "employers", employers) | table(kind, "seekers", seekers)
    result = run(program, files)
    assert result.ok, result.errors
    assert Employer.objects.get().zip == "SW1A 1AA"
    assert JobSeeker.objects.get().zip == "M1 1AE"


def test_a_uk_program_refuses_what_is_not_a_postcode(program):
    program.country = "UK"
    program.save(update_fields=["country"])
    employers = [["ref", "name", "zip"], ["E1", "Corner Cafe", "02139"]]
    refused(
        program,
        table("csv", "employers", employers),
        "employers.csv:2: zip: '02139' is not a UK postcode; write it like SW1A 1AA",
    )
    assert not Employer.objects.exists()


def test_a_us_program_still_refuses_a_postcode_and_keeps_its_zip_rules(program):
    employers = [["ref", "name", "zip"], ["E1", "Corner Cafe", "SW1A 1AA"]]
    refused(program, table("csv", "employers", employers), "employers.csv:2: zip: 'SW1A 1AA'")
    employers = [["ref", "name", "zip"], ["E1", "Corner Cafe", 2139]]
    refused(program, table("xlsx", "employers", employers), "Zip Code")


# ------------------------------------------------------------------ 7. Excel ZIP formats


@pytest.mark.parametrize(
    ("number_format", "value", "shown"),
    [
        ("[$-409]00000", 2139, "02139"),
        ("[<=99999]00000;00000-0000", 2139, "02139"),
        ("[<=99999]00000;00000-0000", 21391234, "02139-1234"),
        ("0####", 2139, "02139"),
        ("00000-0000", 21391234, "02139-1234"),
    ],
)
def test_excel_zip_code_formats_read_as_excel_shows_them(program, number_format, value, shown):
    employers = [["ref", "name", "zip"], ["E1", "Corner Cafe", value]]
    result = run(program, table("xlsx", "employers", employers, {"C2": number_format}))
    assert result.ok, result.errors
    assert Employer.objects.get().zip == shown


# ------------------------------------------------------------------ 8. number formats


def test_a_number_in_a_text_column_keeps_its_number_format(program):
    rows = [["ref", "name"], [12.10, "A"], [1234, "B"], [0.1 + 0.2, "C"], [7, "D"]]
    formats = {"A2": "0.00", "A3": "#,##0", "A4": "0.00", "A5": "0"}
    result = run(program, table("xlsx", "employers", rows, formats))
    assert result.ok, result.errors
    assert sorted(Employer.objects.values_list("ref", flat=True)) == [
        "0.30",
        "1,234",
        "12.10",
        "7",
    ]
    assert result.preview["employers.xlsx"]["rows"][0] == [2, "12.10", "A"]


@pytest.mark.parametrize("number_format", ["0%", "$#,##0.00", "0.00E+00", "# ?/?"])
def test_a_number_format_that_cannot_be_shown_exactly_is_refused_in_a_text_column(
    program, number_format
):
    rows = [["ref", "name"], [0.5, "A"]]
    lines = refused(
        program,
        table("xlsx", "employers", rows, {"A2": number_format}),
        f"employers.xlsx:2: ref: the number 0.5 is shown with the Excel format '{number_format}'",
    )
    assert "format the column as Text" in lines[0]
    assert not Employer.objects.exists()


def test_a_number_column_reads_the_value_whatever_its_format(program):
    """Formats matter only to text columns: a percent-formatted FTE is still its number."""
    rows = [["email", "name", "role", "fte"], ["ana@example.org", "Ana Lopez", "ES", 0.5]]
    result = run(program, table("xlsx", "staff", rows, {"D2": "0%"}))
    assert result.ok, result.errors


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (12.1, "0.00", "12.10"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (2.5, "0", "3"),  # Excel rounds half away from zero
        (-3.25, "0.0", "-3.3"),
        (2139, "[$-409]00000", "02139"),
        (2139, "0####", "02139"),
        (21391234, "[<=99999]00000;00000-0000", "02139-1234"),
        (0, "0.00", "0.00"),
        (48226, "General", "48226"),
        (2139, "@", "2139"),
    ],
)
def test_displayed_number_renders_simple_formats_as_excel_does(value, number_format, shown):
    assert displayed_number(value, number_format) == shown


@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
    number_format=st.sampled_from(["0", "0.0", "0.00", "#,##0", "#,##0.00", "0.000"]),
)
def test_a_decimal_format_shows_the_stored_number_rounded_half_away_from_zero(value, number_format):
    """What Excel shows of the exact stored double (its shortest repr), rounded to the
    format's places; read back, the text is that number (thousands separators included)."""
    places = len(number_format.partition(".")[2])
    expected = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    shown = displayed_number(value, number_format)
    assert parse_number(shown) == expected
    assert len(shown.partition(".")[2]) == places


@given(st.integers(min_value=0, max_value=99999))
def test_every_five_digit_zip_keeps_its_zeros_in_each_zip_format(zip_code):
    for number_format in ("00000", "[$-409]00000", "0####", "[<=99999]00000;00000-0000"):
        assert displayed_number(zip_code, number_format) == f"{zip_code:05d}"


@pytest.mark.parametrize("number_format", ["0%", "$#,##0", "0.0E+0", '0" kg"', "# ?/?"])
def test_displayed_number_refuses_formats_it_cannot_render(number_format):
    with pytest.raises(CellError, match="cannot show exactly"):
        displayed_number(12, number_format)


# ------------------------------------------------------------------ 4. counts


def test_reimporting_the_same_workbook_counts_rows_unchanged_and_a_rename_updated(program):
    staff = [["email", "name", "role"], ["ana@example.org", "Ana Lopez", "specialist"]]
    files = {"staff.xlsx": xlsx_bytes(staff), "employers.csv": csv_bytes(EMPLOYERS)}
    assert run(program, files).totals == (2, 0, 0)
    assert run(program, files).totals == (0, 0, 2)
    staff[1][1] = "Ana Lopez-Reyes"
    again = run(program, files | {"staff.xlsx": xlsx_bytes(staff)})
    assert again.counts["staff.xlsx"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert again.summary_lines() == [
        "staff.xlsx: 0 created, 1 updated, 0 unchanged",
        "employers.csv: 0 created, 0 updated, 1 unchanged",
    ]
    member = program.staff.get()
    assert member.user.get_full_name() == "Ana Lopez-Reyes"


def test_a_staff_file_does_not_rename_an_account_joining_the_program_and_says_so(program):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create(
        username="ana", email="ana@example.org", first_name="Ana", last_name="Lopez"
    )
    staff = [["email", "name", "role"], ["ana@example.org", "Someone Else", "specialist"]]
    result = run(program, {"staff.csv": csv_bytes(staff)})
    assert result.ok, result.errors
    assert result.notes == [
        "staff.csv:2: name: ana@example.org keeps the name on their account; a staff file"
        " renames only people already on this program's staff"
    ]
    assert program.staff.get().user.get_full_name() == "Ana Lopez"
    again = run(program, {"staff.csv": csv_bytes(staff)})  # now on this program's staff
    assert again.notes == []
    assert again.counts["staff.csv"]["updated"] == 1
    assert program.staff.get().user.get_full_name() == "Someone Else"
