"""`ips_report` after `import_program`: the JSON contract, worked by hand.

Hand workings for tests/reports/conftest.py (period 6 July - 2 August 2026, 4 weeks):
S1 4 active on 2 Aug (S1 S2 S3 S5; S4 closed 20 Jul) / 1.5 FTE = 2.67 -> 5.
S2 specialists' hours in the period: ana 6 ES + 2 other, ben 4 ES = 10/12 = 83.3 % -> 3
   (ana's 1 July entry is before the period; the director's hours are not a specialist's).
O1 ana: S1 S2 (A) S5 (B) = 2 teams, 100 %; ben: S3 (B) = 100 % -> 5.
V4 S1 entered 6 Jul, first face-to-face naming S1 on 7 Jul (1 day; the 10 Jul phone call does
   not count); S5 entered 20 Jul, named on 30 Jul (10 days): mean 5.5 -> 5.
V6 ana: 4 face-to-face (two visits to E1 on 7 Jul count twice) / 4 weeks = 1.0; ben: 1 (5 Jul
   and 3 Aug are outside, the email does not count) / 4 = 0.25; mean 0.625 -> 0.63 -> 1.
V8 jobs held: J1 J2 J3 J4 (J4 ended 10 Jul); 3 occupations / 4 = 75 %.
V9 3 employers / 4 = 75 %; E1 holds 2 of 4 = 50 % (> 15 %: warning).  V10 3 of 4 competitive.
V12 started in the period: J2 (face to face in weeks 1-4), J3 (week 1 only) = 50 %.
V13 community hours 6 / 12 = 50 % -> 4.
Outcomes: served S1-S5 (S6 enters after); competitive work S1 S2 S3 = 3/5 = 0.6, excellent;
starts J2 J3; first competitive job S3 184 days, S1 21 days: median 102.5; referrals S5 S6;
UK: J2 has 3 paid hours (not a start), J3 21 h by 2 Aug (a start): 1 into work, 1 UK start;
out of work at referral S1 S3 S4 S5, of whom S1 started: 0.25; in-work S2: 1/5 = 0.2.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from ips.fidelity.models import FidelityReview
from ips.models import Program
from tests.importer.conftest import write_folder
from tests.reports.conftest import EXPECTED, FOLDER, PERIOD

pytestmark = pytest.mark.django_db


def report(program="North Team", fmt="json", start=PERIOD[0], end=PERIOD[1]) -> str:
    out = io.StringIO()
    call_command(
        "ips_report", "--program", program, "--start", start, "--end", end, "--format", fmt,
        stdout=out,
    )  # fmt: skip
    return out.getvalue()


def add_review(program, day, total, status=FidelityReview.Status.COMPLETED):
    return FidelityReview.objects.create(
        program=program,
        review_date=day,
        period_start=dt.date(2026, 1, 1),
        period_end=day,
        status=status,
        total=total,
    )


def test_import_then_report_gives_the_hand_worked_json(report_folder):
    call_command(
        "import_program",
        str(report_folder),
        "--program",
        "North Team",
        "--create",
        stdout=io.StringIO(),
    )
    program = Program.objects.get(name="North Team")
    add_review(program, dt.date(2026, 6, 30), 110)  # before the period
    add_review(program, dt.date(2026, 7, 31), 96)  # the latest completed in the period
    add_review(program, dt.date(2026, 8, 1), None, FidelityReview.Status.DRAFT)
    assert json.loads(report()) == EXPECTED


def test_report_without_a_completed_review_has_null_total_and_band(report_folder):
    call_command(
        "import_program",
        str(report_folder),
        "--program",
        "North Team",
        "--create",
        stdout=io.StringIO(),
    )
    assert json.loads(report())["fidelity"]["review"] == {"total": None, "band": None}


def test_a_bad_folder_changes_nothing_and_lists_every_bad_row(tmp_path):
    files = copy.deepcopy(FOLDER)
    files["seekers"][3][2] = "10/01/2026"
    files["jobs"][4][1] = "S99"
    files["time_entries"][1][4] = "car"
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 problem"):
        call_command(
            "import_program", str(write_folder(tmp_path / "bad", files)), "--program",
            "North Team", "--create", stdout=io.StringIO(), stderr=err,
        )  # fmt: skip
    assert err.getvalue().splitlines() == [
        "seekers.csv:4: entry_date: '10/01/2026' does not say which is the day and which the"
        " month; write YYYY-MM-DD, or name the order (--dates MDY or --dates DMY on the"
        " command, 'Dates written' on the upload screen)",
        "jobs.csv:5: seeker_ref: no job seeker 'S99' in the folder or the program",
        "time_entries.csv:2: location: 'car' is not one of community, office, nor their"
        " labels or synonyms (docs/import-format.md)",
    ]
    assert not Program.objects.filter(name="North Team").exists()


def test_empty_program_reports_every_item_with_null_value_and_rating(program):
    data = json.loads(report())
    assert list(data["fidelity"]["items"]) == [
        "S1", "S2", "O1", "V4", "V6", "V8", "V9", "V10", "V12", "V13",
    ]  # fmt: skip
    for key, item in data["fidelity"]["items"].items():
        assert (item["value"], item["rating"]) == (None, None), key
    assert data["outcomes"]["served"] == 0


def test_csv_is_one_key_value_row_per_figure(report_folder):
    call_command(
        "import_program",
        str(report_folder),
        "--program",
        "North Team",
        "--create",
        stdout=io.StringIO(),
    )
    rows = list(csv.reader(io.StringIO(report(fmt="csv"))))
    assert rows[0] == ["key", "value"]
    values = dict(rows[1:])
    assert values["fidelity.items.S1.value"] == "2.67"
    assert values["fidelity.items.V6.per_specialist.ben@example.org"] == "0.25"
    assert values["fidelity.items.V12.rating"] == ""
    assert values["outcomes.tier"] == "excellent"
    assert values["fidelity.items.V8.provisional"] == "true"


def test_html_is_the_printable_report(report_folder):
    call_command(
        "import_program",
        str(report_folder),
        "--program",
        "North Team",
        "--create",
        stdout=io.StringIO(),
    )
    html = report(fmt="html")
    assert html.startswith("<!DOCTYPE html>")
    assert "North Team: Mon 6 Jul 2026 to Sun 2 Aug 2026" in html
    assert "(provisional)" in html
    assert "60.0 %" in html  # the US employment rate


NORTH = ["--program", "North Team"]
Q1 = ["--start", "2026-01-01", "--end", "2026-03-31"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--program", "Nowhere", *Q1], "no program named"),
        ([*NORTH, "--start", "2026-1-1", "--end", "2026-03-31"], "YYYY-MM-DD"),
        ([*NORTH, "--start", "2026-04-01", "--end", "2026-03-31"], "before --start"),
        ([*NORTH, "--start", "2026-01-01", "--end", "2026-02-30"], "YYYY-MM-DD"),
        ([*NORTH, *Q1, "--format", "pdf"], "invalid choice"),
        (Q1, "--program"),
    ],
)
def test_bad_arguments_give_a_clear_message(program, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("ips_report", *args, stdout=io.StringIO())


def test_support_logged_without_a_job_counts_for_follow_along(report_folder):
    files = copy.deepcopy(FOLDER)
    files["support_contacts"] = [
        ["date", "staff_email", "seeker_ref", "mode"],
        ["2026-07-27", "ana@example.org", "S1", "face_to_face"],
        ["2026-08-03", "ana@example.org", "S1", "face_to_face"],
        ["2026-08-10", "ana@example.org", "S1", "face_to_face"],
        ["2026-08-17", "ana@example.org", "S1", "face_to_face"],
    ]
    folder = write_folder(report_folder.parent / "nojob", files)
    call_command(
        "import_program", str(folder), "--program", "North Team", "--create", stdout=io.StringIO()
    )
    assert json.loads(report())["fidelity"]["items"]["V12"]["value"] == 50.0


def test_xlsx_report_has_one_sheet_per_table_with_the_hand_worked_figures(report_folder, tmp_path):
    from openpyxl import load_workbook

    call_command(
        "import_program", str(report_folder), "--program", "North Team", "--create",
        stdout=io.StringIO(),
    )  # fmt: skip
    target = tmp_path / "report.xlsx"
    call_command(
        "ips_report", "--program", "North Team", "--start", PERIOD[0], "--end", PERIOD[1],
        "--format", "xlsx", "--output", str(target), stdout=io.StringIO(),
    )  # fmt: skip
    book = load_workbook(target)
    assert book.sheetnames == [
        "Fidelity items",
        "Outcomes",
        "Per specialist",
        "Per quarter",
        "Retention",
        "Earnings and endings",
    ]
    items = {row[0]: row for row in book["Fidelity items"].iter_rows(min_row=2, values_only=True)}
    assert items["S1"][2:4] == (2.67, 5)
    outcomes = dict(book["Outcomes"].iter_rows(min_row=2, values_only=True))
    assert outcomes["Job seekers served"] == 5
    assert outcomes["Employment rate (US)"] == 60.0  # a percentage a chart can use
    specialists = {r[0]: r for r in book["Per specialist"].iter_rows(min_row=2, values_only=True)}
    assert set(specialists) == {"Ana Lopez", "Ben Okafor"}  # by name, not by email
    retention = list(book["Retention"].iter_rows(min_row=2, values_only=True))
    assert retention[0] == (30, 2, 1, 50.0)
    quarters = list(book["Per quarter"].iter_rows(values_only=True))
    assert quarters[0][0] == "Quarter"
    assert [row[0] for row in quarters[1:]] == ["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3"]


def test_xlsx_without_an_output_file_is_refused():
    with pytest.raises(CommandError, match="--output"):
        call_command(
            "ips_report", "--program", "North Team", "--start", PERIOD[0], "--end", PERIOD[1],
            "--format", "xlsx", stdout=io.StringIO(),
        )  # fmt: skip
