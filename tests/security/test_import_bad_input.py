"""Malformed import files (CSV and XLSX) give `file:line: column: reason`, write nothing,
and never raise: random bytes, broken headers, ragged rows, wrong encodings, huge cells,
out-of-range dates and numbers."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from importer import readers
from importer.readers import read_files
from importer.schema import SPECS, CellError, parse_decimal, parse_int
from importer.services import import_program
from ips.models import Program
from jobseekers.models import CareerProfile
from tests.security.conftest import ERROR_LINE, row_counts

pytestmark = pytest.mark.django_db
FAST = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STAFF = [["email", "name", "role"], ["ana@example.org", "Ana Lopez", "specialist"]]
TIME_HEADER = ["date", "staff_email", "hours", "activity", "location"]
GOOD_TIME = ["2026-03-02", "ana@example.org", "6", "employment_services", "community"]


def csv_bytes(rows, encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def target() -> Program:
    """The program every import here goes to."""
    return Program.objects.get_or_create(name="Bad Input Program", slug="bad-input")[0]


def run(files: dict[str, bytes]):
    """Read and import `files` for real (not a dry run): any write would stay."""
    tables, read_errors, _ = read_files(files)
    return import_program(program=target(), tables=tables, read_errors=read_errors)


def assert_refused(files: dict[str, bytes], *expected: str) -> list[str]:
    """The import fails with well-formed messages, containing each of `expected`."""
    target()
    before = row_counts()
    result = run(files)
    lines = [str(e) for e in result.errors]
    assert not result.ok
    assert all(ERROR_LINE.match(line) for line in lines), lines
    for text in expected:
        assert any(text in line for line in lines), (text, lines)
    assert row_counts() == before
    return lines


def time_file(*rows) -> dict[str, bytes]:
    return {"staff.csv": csv_bytes(STAFF), "time_entries.csv": csv_bytes([TIME_HEADER, *rows])}


def test_the_good_time_file_imports_so_the_refusals_below_are_about_the_bad_cell():
    before = row_counts()
    result = run(time_file(GOOD_TIME))
    assert result.ok, result.errors
    assert row_counts()["TimeEntry"] == before["TimeEntry"] + 1


@FAST
@given(data=st.binary(max_size=2048), stem=st.sampled_from(sorted(SPECS)))
def test_random_bytes_as_csv_are_refused_line_by_line(data, stem):
    assert_refused({f"{stem}.csv": data})


@FAST
@given(data=st.binary(max_size=2048), stem=st.sampled_from(sorted(SPECS)))
def test_random_bytes_as_xlsx_are_refused_as_not_a_workbook(data, stem):
    assert_refused({f"{stem}.xlsx": data}, f"{stem}.xlsx:1: -: not a readable .xlsx workbook")


@FAST
@given(cut=st.floats(min_value=0.05, max_value=0.95))
def test_a_truncated_xlsx_is_refused(cut):
    data = xlsx_bytes([TIME_HEADER, GOOD_TIME])
    assert_refused({"time_entries.xlsx": data[: int(len(data) * cut)]}, "time_entries.xlsx:1: -:")


def test_an_xlsx_whose_sheet_xml_is_broken_is_refused_not_a_crash():
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([TIME_HEADER, GOOD_TIME])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # an unclosed tag: openpyxl fails while reading
            broken.writestr(name, data)
    assert_refused({"time_entries.xlsx": out.getvalue()}, "not a readable .xlsx workbook")


def test_an_xlsx_that_inflates_past_the_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(readers, "MAX_XLSX_UNPACKED_BYTES", 64 * 1024)
    book = xlsx_bytes([TIME_HEADER, *[GOOD_TIME] * 2000])
    assert_refused({"time_entries.xlsx": book}, "the workbook unpacks to more than")


@FAST
@given(
    header=st.lists(
        st.sampled_from([*TIME_HEADER, "Hours ", "DATE", "", "notes", "x"]), max_size=8
    ).filter(lambda h: sorted(c.strip().lower() for c in h if c.strip()) != sorted(TIME_HEADER))
)
def test_a_wrong_header_is_reported_on_line_1_by_column(header):
    lines = assert_refused(
        {"staff.csv": csv_bytes(STAFF), "time_entries.csv": csv_bytes([header, GOOD_TIME])}
    )
    names = [c.strip().lower() for c in header]
    for name in set(TIME_HEADER) - set(names):
        missing = "required column is missing; add it to the header row (line 1)"
        assert f"time_entries.csv:1: {name}: {missing}" in lines
    for name in {n for n in names if n and names.count(n) > 1}:
        assert f"time_entries.csv:1: {name}: column given twice; keep one of them" in lines
    for name in {n for n in names if n and n not in TIME_HEADER}:
        prefix = f"time_entries.csv:1: {name}: unknown column (the columns of time_entries are"
        assert any(line.startswith(prefix) for line in lines), lines


@settings(FAST, max_examples=15)
@given(
    rows=st.lists(
        # a bare CR would start a new CSV line (csv_bytes ends lines with LF, quotes no CR)
        st.lists(
            st.text(min_size=1, max_size=12).filter(lambda t: t.strip() and "\r" not in t),
            min_size=1,
            max_size=9,
        ).filter(lambda r: len(r) != len(TIME_HEADER)),
        min_size=1,
        max_size=6,
    )
)
def test_ragged_rows_are_refused_on_their_own_line(rows):
    lines = assert_refused(time_file(*rows))
    reported = {int(line.split(":")[1]) for line in lines if line.startswith("time_entries")}
    assert set(range(2, 2 + len(rows))) <= reported


def test_a_header_only_file_and_an_empty_file_are_told_apart():
    assert_refused({"staff.csv": b""}, "staff.csv:1: -: the file is empty")
    assert_refused({"staff.xlsx": xlsx_bytes([])}, "staff.xlsx:1: -: the sheet is empty")


BAD_NUMBERS = st.one_of(
    st.sampled_from(
        [
            "-1",
            "-0.01",
            "1e308",
            "-1e308",
            "NaN",
            "nan",
            "inf",
            "-Infinity",
            "1e999999999",
            "24.01",
            "1,2,3e4",
            "0x10",
            "1_000",
            "--1",
            "12 hours",
            "£5",
        ]
    ),  # fmt: skip
    st.integers(min_value=25).map(str),
    st.integers(max_value=-1).map(str),
    st.floats(allow_nan=True, allow_infinity=True).filter(lambda f: not 0 <= f <= 24.004).map(repr),
)


@FAST
@given(hours=BAD_NUMBERS)
def test_out_of_range_hours_are_refused_in_their_cell(hours):
    row = [*GOOD_TIME[:2], hours, *GOOD_TIME[3:]]
    assert_refused(time_file(row), "time_entries.csv:2: hours: ")


@FAST
@given(minutes=st.one_of(st.integers(min_value=1441), st.integers(max_value=-1)).map(str))
def test_huge_and_negative_minutes_are_refused(minutes):
    header = ["date", "staff_email", "seeker_ref", "mode", "minutes"]
    files = {
        "staff.csv": csv_bytes(STAFF),
        "seekers.csv": csv_bytes([["ref", "name", "entry_date"], ["S1", "Sam", "2026-01-10"]]),
        "support_contacts.csv": csv_bytes(
            [header, ["2026-03-03", "ana@example.org", "S1", "phone", minutes]]
        ),
    }
    assert_refused(files, "support_contacts.csv:2: minutes: ")


def test_a_huge_exponent_is_refused_at_once_not_expanded_into_a_giant_integer():
    for raw in ("1e999999999", "9" * 39, "1e15"):
        with pytest.raises(CellError, match="too large|too long|not a number"):
            parse_int(raw)
    with pytest.raises(CellError, match="too long"):
        parse_decimal("1" * 10_000)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("9999.96", None),
        ("9999.949", None),
        ("9998.94", None),
        ("9998.9", "9998.9"),
        ("9999.0", "9999.0"),
    ],
)
def test_numbers_past_the_column_are_refused_and_the_others_stored_as_written(raw, stored):
    """9999.96 miles would round to 10000.0 and overflow the column when saved; a value
    with more decimals than the column keeps is refused, not rounded (issue 16)."""
    files = {
        "seekers.csv": csv_bytes(
            [["ref", "name", "entry_date", "max_commute_miles"], ["S1", "Sam", "2026-01-10", raw]]
        )
    }
    if stored is None:
        assert_refused(files, "seekers.csv:2: max_commute_miles: ")
    else:
        assert run(files).ok
        profile = CareerProfile.objects.get(seeker__ref="S1", is_current=True)
        assert profile.max_commute_miles == Decimal(stored)


def test_an_fte_that_rounds_to_nothing_is_refused():
    files = {
        "staff.csv": csv_bytes(
            [["email", "name", "role", "fte"], ["a@x.org", "A", "coach", "0.004"]]
        )
    }
    assert_refused(files, "staff.csv:2: fte: must be more than 0")


BAD_DATES = st.one_of(
    st.sampled_from(
        [
            "0000-01-01",
            "10000-01-01",
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "26-03-02",
            "03/02/2026",
            "2026-3-2",
            "-2026-03-02",
            "２０２６-03-02",
        ]
    ),  # fmt: skip
    st.integers(min_value=10000, max_value=10**12).map(lambda y: f"{y}-01-01"),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12).filter(
        lambda t: t.strip() and not t.strip()[:1].isdigit()
    ),
)


@FAST
@given(day=BAD_DATES)
def test_impossible_dates_are_refused_in_their_cell(day):
    assert_refused(time_file([day, *GOOD_TIME[1:]]), "time_entries.csv:2: date: ")


@settings(FAST, max_examples=15)
@given(day=BAD_DATES, hours=st.sampled_from([1e308, -1.0, float("nan"), float("inf"), 10**30]))
def test_bad_dates_and_numbers_in_an_xlsx_are_refused(day, hours):
    rows = [TIME_HEADER, [day, "ana@example.org", hours, "other", "office"]]
    lines = assert_refused(
        {"staff.csv": csv_bytes(STAFF), "time_entries.xlsx": xlsx_bytes(rows)},
        "time_entries.xlsx:2: date: ",
        "time_entries.xlsx:2: hours: ",
    )
    assert len(lines) == 2


def test_an_xlsx_date_cell_beyond_year_9999_is_refused_not_a_crash():
    book = Workbook()
    book.active.append(TIME_HEADER)
    book.active.append([1e308, "ana@example.org", 1, "other", "office"])
    book.active["A2"].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    files = {"staff.csv": csv_bytes(STAFF), "time_entries.xlsx": out.getvalue()}
    assert_refused(files, "time_entries.xlsx:2: date: ")


def test_utf16_is_refused_with_a_way_to_fix_it():
    data = csv_bytes(STAFF, "utf-16")
    assert_refused({"staff.csv": data}, "staff.csv:1: -: the file is UTF-16 text; save it as")
    assert_refused({"staff.csv": csv_bytes(STAFF, "utf-16-le")}, "staff.csv:")


@FAST
@given(name=st.text(alphabet="éèàçñüÉÑ", min_size=1, max_size=10), line=st.integers(2, 5))
def test_latin1_accents_are_refused_at_their_line(name, line):
    rows = [STAFF[0], *[[f"p{i}@example.org", "Plain", "coach"] for i in range(2, 6)]]
    rows[line - 1][1] = name
    assert_refused(
        {"staff.csv": csv_bytes(rows, "latin-1")}, f"staff.csv:{line}: -: not UTF-8 text"
    )


def test_a_utf8_byte_order_mark_is_accepted():
    rows = [STAFF[0], ["jose@example.org", "José Núñez", "coach"]]
    result = run({"staff.csv": b"\xef\xbb\xbf" + csv_bytes(rows)})
    assert result.ok, result.errors


def test_a_cell_longer_than_the_csv_limit_and_an_overlong_name_are_refused():
    assert_refused(
        {"staff.csv": csv_bytes([STAFF[0], ["a@example.org", "x" * 200_000, "coach"]])},
        "staff.csv:2: -: unreadable CSV",
    )
    assert_refused(
        {"staff.csv": csv_bytes([STAFF[0], ["a@example.org", "x" * 10_000, "coach"]])},
        "staff.csv:2: name: longer than 150 characters; shorten it",
    )


def test_many_bad_rows_are_each_reported_and_nothing_written():
    rows = [["2026-02-30", "ana@example.org", "-1", "other", "office"]] * 3000
    lines = assert_refused(time_file(*rows))
    assert "time_entries.csv:3001: date: '2026-02-30' is not a real date" in lines
    assert "time_entries.csv:3001: hours: must be at least 0 (got -1)" in lines


def test_the_command_prints_each_problem_and_writes_nothing(tmp_path, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "staff.csv").write_bytes(
        csv_bytes([*STAFF, ["b@example.org", "Zoë", "coach"]], "latin-1")
    )
    (folder / "time_entries.xlsx").write_bytes(xlsx_bytes([TIME_HEADER, GOOD_TIME])[:300])
    before = row_counts()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_program", str(folder), "--program", "Bad Input Program", "--create")
    printed = capsys.readouterr().err.splitlines()
    assert (
        "staff.csv:3: -: not UTF-8 text (byte 0xeb); save the file as 'CSV UTF-8' and try again"
        in printed
    )
    assert any(line.startswith("time_entries.xlsx:1: -: not a readable") for line in printed)
    assert row_counts() == before
