"""The cells agencies really have (spec/interchange.md, "Reading the cells agencies really
have"; issue 16): every finding on a CSV and on an XLSX written here with openpyxl (number
formats, date-times). Each input reads exactly as a person sees it, or is refused on its
line with how to fix it; nothing is ever written on a refusal."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from coaching.models import SupportContact
from employers.models import EmployerContact
from importer.readers import read_files
from importer.services import import_program
from ips.models import TimeEntry
from jobseekers.models import Job, JobSeeker

pytestmark = pytest.mark.django_db

STAFF = [["email", "name", "role"], ["ana@example.org", "Ana Lopez", "specialist"]]
EMPLOYERS = [["ref", "name"], ["E1", "Corner Cafe"]]
SEEKERS = [["ref", "name", "entry_date"], ["S1", "Sam One", "2026-01-10"]]
TIME_HEADER = ["date", "staff_email", "hours", "activity", "location"]
JOB_HEADER = ["ref", "seeker_ref", "employer_ref", "title", "start_date", "hours_per_week",
              "hourly_wage", "paid_hours_to_date"]  # fmt: skip
KINDS = ("csv", "xlsx")


def excel_time(*parts: int) -> dt.datetime:
    """A workbook date-time: Excel stores wall-clock times without a zone."""
    return dt.datetime(*parts)  # noqa: DTZ001


def csv_bytes(rows, delimiter=",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows, formats: dict[str, str] | None = None) -> bytes:
    """A workbook of `rows` (typed values kept); `formats` maps a cell (B2) to its format."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for cell, number_format in (formats or {}).items():
        book.active[cell].number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_text(value) -> str:
    """What the same cell holds in a CSV: the text a person sees in Excel."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def table(kind: str, stem: str, rows, formats=None) -> dict[str, bytes]:
    if kind == "xlsx":
        return {f"{stem}.xlsx": xlsx_bytes(rows, formats)}
    return {f"{stem}.csv": csv_bytes([[as_text(v) for v in row] for row in rows])}


def run(program, files: dict[str, bytes], **options):
    tables, read_errors, _ = read_files(files)
    return import_program(program=program, tables=tables, read_errors=read_errors, **options)


def refused(program, files, *expected, **options) -> list[str]:
    before = (JobSeeker.objects.count(), Job.objects.count(), TimeEntry.objects.count())
    result = run(program, files, **options)
    lines = [str(error) for error in result.errors]
    assert not result.ok
    for text in expected:
        assert any(text in line for line in lines), (text, lines)
    assert (JobSeeker.objects.count(), Job.objects.count(), TimeEntry.objects.count()) == before
    return lines


def base(**extra) -> dict[str, bytes]:
    return {"staff.csv": csv_bytes(STAFF), "employers.csv": csv_bytes(EMPLOYERS)} | extra


# ------------------------------------------------------------------ ZIP codes and dates


def test_an_excel_zip_code_cell_keeps_its_leading_zero(program):
    rows = [["ref", "name", "entry_date", "zip"], ["S1", "Sam", "2026-01-10", 2139],
            ["S2", "Sue", "2026-01-10", 21391234]]  # fmt: skip
    files = table("xlsx", "seekers", rows, {"D2": "00000", "D3": "00000-0000"})
    assert run(program, files).ok
    assert JobSeeker.objects.get(ref="S1").zip == "02139"
    assert JobSeeker.objects.get(ref="S2").zip == "02139-1234"


def test_a_csv_zip_code_keeps_its_leading_zero(program):
    rows = [["ref", "name", "entry_date", "zip"], ["S1", "Sam", "2026-01-10", "02139"]]
    assert run(program, table("csv", "seekers", rows)).ok
    assert JobSeeker.objects.get(ref="S1").zip == "02139"


def test_a_zip_without_its_format_is_refused_with_how_to_keep_the_zero(program):
    rows = [["ref", "name", "entry_date", "zip"], ["S1", "Sam", "2026-01-10", 2139]]
    refused(program, table("xlsx", "seekers", rows), "seekers.xlsx:2: zip: '2139'", "Zip Code")


@pytest.mark.parametrize("kind", KINDS)
def test_a_date_with_a_time_in_a_date_column_gives_its_date(program, kind):
    rows = [["ref", "name", "entry_date"], ["S1", "Sam", excel_time(2026, 7, 2, 9, 30)]]
    assert run(program, table(kind, "seekers", rows)).ok
    assert JobSeeker.objects.get(ref="S1").entry_date == dt.date(2026, 7, 2)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("order", "expected"), [("MDY", dt.date(2026, 4, 9)),
                                                 ("DMY", dt.date(2026, 9, 4))])  # fmt: skip
def test_a_slashed_date_is_read_in_the_order_the_import_names(program, kind, order, expected):
    rows = [["ref", "name", "entry_date"], ["S1", "Sam", "04/09/2026"]]
    assert run(program, table(kind, "seekers", rows), dates=order).ok
    assert JobSeeker.objects.get(ref="S1").entry_date == expected


@pytest.mark.parametrize("kind", KINDS)
def test_a_slashed_date_without_an_order_is_refused_with_how_to_name_it(program, kind):
    rows = [["ref", "name", "entry_date"], ["S1", "Sam", "04/09/2026"]]
    lines = refused(program, table(kind, "seekers", rows), f"seekers.{kind}:2: entry_date: ")
    assert "--dates MDY or --dates DMY" in lines[0]
    assert "YYYY-MM-DD" in lines[0]


@pytest.mark.parametrize(("raw", "reason"), [("31/02/2026", "not a real date"),
                                             ("04/09/26", "four digits")])  # fmt: skip
def test_an_impossible_or_two_digit_year_date_is_refused_even_with_an_order(program, raw, reason):
    rows = [["ref", "name", "entry_date"], ["S1", "Sam", raw]]
    refused(program, table("csv", "seekers", rows), reason, dates="DMY")


def test_the_service_refuses_a_date_order_it_does_not_know(program):
    with pytest.raises(ValueError, match="dates must be one of MDY, DMY"):
        run(program, table("csv", "seekers", SEEKERS), dates="YMD")
    assert not JobSeeker.objects.exists()


# ------------------------------------------------------------------ numbers


def hours_file(kind: str, hours) -> dict[str, bytes]:
    rows = [TIME_HEADER, ["2026-03-02", "ana@example.org", hours, "other", "office"]]
    return base(**table(kind, "time_entries", rows))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("raw", "fixed"), [("7,5", "7.5"), ("12,50", "12.50"),
                                            ("1.250,5", "1250.5")])  # fmt: skip
def test_a_decimal_comma_is_refused_with_how_to_write_it_never_read_as_a_bigger_number(
    program, kind, raw, fixed
):
    lines = refused(program, hours_file(kind, raw), f"time_entries.{kind}:2: hours: '{raw}'")
    assert f"write decimals with a point ({fixed})" in lines[0]
    assert not TimeEntry.objects.exists()


def test_decimal_commas_in_wages_and_paid_hours_never_make_a_job(program):
    rows = [JOB_HEADER, ["J1", "S1", "E1", "Cook", "2026-03-02", "7,5", "12,50", "3,5"]]
    files = base(**{"seekers.csv": csv_bytes(SEEKERS)}, **table("csv", "jobs", rows))
    refused(program, files, "jobs.csv:2: hours_per_week: '7,5'", "jobs.csv:2: hourly_wage: '12,50'",
            "jobs.csv:2: paid_hours_to_date: '3,5'")  # fmt: skip
    assert not Job.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_thousands_separators_before_three_digits_read_exactly(program, kind):
    rows = [JOB_HEADER, ["J1", "S1", "E1", "Cook", "2026-03-02", "20", "12.50", "1,250.50"]]
    files = base(**{"seekers.csv": csv_bytes(SEEKERS)}, **table(kind, "jobs", rows))
    assert run(program, files).ok
    job = Job.objects.get()
    assert (job.hourly_wage, job.paid_hours_to_date) == (Decimal("12.50"), Decimal("1250.50"))


def test_excel_numbers_read_by_their_value_not_their_display_format(program):
    rows = [JOB_HEADER, ["J1", "S1", "E1", "Cook", "2026-03-02", 7.5, 12.5, 1250.25]]
    formats = {"F2": "0", "G2": "$#,##0", "H2": "#,##0.0"}  # shown as 8, $13, 1,250.3
    files = base(**{"seekers.csv": csv_bytes(SEEKERS)}, **table("xlsx", "jobs", rows, formats))
    assert run(program, files).ok
    job = Job.objects.get()
    assert (job.hours_per_week, job.hourly_wage) == (Decimal("7.5"), Decimal("12.5"))
    assert job.paid_hours_to_date == Decimal("1250.25")


@pytest.mark.parametrize("kind", KINDS)
def test_more_decimals_than_the_column_keeps_are_refused_not_rounded(program, kind):
    lines = refused(program, hours_file(kind, "7.255"), f"time_entries.{kind}:2: hours: '7.255'")
    assert "round it in the file" in lines[0]


def test_a_semicolon_csv_is_read_with_its_separator_and_decimal_commas(program):
    rows = [JOB_HEADER, ["J1", "S1", "E1", "Cook", "2026-03-02", "7,5", "12,50", "1.250,5"]]
    files = base(**{"seekers.csv": csv_bytes(SEEKERS, ";"), "jobs.csv": csv_bytes(rows, ";")})
    assert run(program, files).ok
    job = Job.objects.get()
    assert (job.hours_per_week, job.hourly_wage) == (Decimal("7.5"), Decimal("12.50"))
    assert job.paid_hours_to_date == Decimal("1250.5")


def test_a_point_in_a_semicolon_csv_is_refused_with_the_separator_named(program):
    rows = [TIME_HEADER, ["2026-03-02", "ana@example.org", "7.5", "other", "office"]]
    lines = refused(program, base(**{"time_entries.csv": csv_bytes(rows, ";")}))
    assert lines == [
        "time_entries.csv:2: hours: '7.5': this file is separated by ';', so decimals are"
        " written with a comma (7,5)"
    ]


# ------------------------------------------------------------------ headers and choices


@pytest.mark.parametrize("kind", KINDS)
def test_headers_match_ignoring_case_spaces_hyphens_and_underscores(program, kind):
    rows = [[" REF", "Name", "Entry Date", "Specialist-Email", "employed at referral"],
            ["S1", "Sam", "2026-01-10", "ana@example.org", "yes"]]  # fmt: skip
    assert run(program, base(**table(kind, "seekers", rows))).ok
    seeker = JobSeeker.objects.get(ref="S1")
    assert (seeker.entry_date, seeker.employed_at_referral) == (dt.date(2026, 1, 10), True)
    assert seeker.specialist.user.email == "ana@example.org"


CONTACT_HEADER = ["date", "specialist_email", "employer_ref", "mode", "purpose"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("word", ["In person", "in-person", "F2F", "Face to face", "FACE_TO_FACE"])
def test_contact_modes_accept_labels_and_documented_synonyms(program, kind, word):
    rows = [CONTACT_HEADER, ["2026-02-02", "ana@example.org", "E1", word, "Follow up"]]
    assert run(program, base(**table(kind, "employer_contacts", rows))).ok
    contact = EmployerContact.objects.get()
    assert (contact.mode, contact.purpose) == ("face_to_face", "follow_up")


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_choice_lists_the_accepted_values(program, kind):
    rows = [CONTACT_HEADER, ["2026-02-02", "ana@example.org", "E1", "pigeon", ""]]
    refused(program, base(**table(kind, "employer_contacts", rows)),
            f"employer_contacts.{kind}:2: mode: 'pigeon' is not one of face_to_face, phone,"
            " email, video")  # fmt: skip
    assert not EmployerContact.objects.exists()


def test_support_contact_lists_accept_labels_too(program):
    header = ["date", "staff_email", "seeker_ref", "mode", "location", "support_types"]
    rows = [header, ["2026-03-03", "ana@example.org", "S1", "Text message", "At work",
                     "On-the-job coaching; benefits"]]  # fmt: skip
    files = base(**{"seekers.csv": csv_bytes(SEEKERS)}, **table("csv", "support_contacts", rows))
    assert run(program, files).ok
    contact = SupportContact.objects.get()
    assert (contact.mode, contact.location) == ("text", "workplace")
    assert contact.support_types == ["coaching", "benefits_reporting"]


def test_a_workbook_saved_by_excel_imports_with_what_excel_shows(program):
    """The issue's "done when": ZIP as Zip Code, dates with times, `In person` contacts."""
    seekers = [["Ref", "Name", "Entry Date", "ZIP"],
               ["S1", "Sam", excel_time(2026, 1, 10, 14, 5), 2139]]  # fmt: skip
    contacts = [
        ["Date", "Specialist Email", "Employer Ref", "Mode", "Seeker Refs"],
        [excel_time(2026, 2, 2, 9, 30), "ana@example.org", "E1", "In person", "S1"],
    ]
    files = base(
        **{"seekers.xlsx": xlsx_bytes(seekers, {"D2": "00000"})},
        **{"employer_contacts.xlsx": xlsx_bytes(contacts)},
    )
    result = run(program, files)
    assert result.ok, result.errors
    seeker = JobSeeker.objects.get()
    assert (seeker.zip, seeker.entry_date) == ("02139", dt.date(2026, 1, 10))
    contact = EmployerContact.objects.get()
    assert (contact.date, contact.mode) == (dt.date(2026, 2, 2), "face_to_face")
    assert result.preview["seekers.xlsx"]["rows"] == [[2, "S1", "Sam", "2026-01-10", "02139"]]


# ------------------------------------------------------------------ nothing to import


def test_a_header_without_rows_is_nothing_to_import(program):
    for kind in KINDS:
        lines = refused(program, table(kind, "staff", [STAFF[0]]))
        assert lines == [
            f"Nothing to import: staff.{kind} holds a header but no data rows. Put the rows"
            " under the header row and upload again."
        ]


def test_no_recognised_file_is_nothing_to_import(program):
    lines = refused(program, {"caseload.xlsx": xlsx_bytes([["Name"], ["Sam"]])})
    assert lines[0].startswith("Nothing to import: no file is named after what it holds")
