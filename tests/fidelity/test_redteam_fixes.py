"""Red-team findings on the directors' figures (issue 18), each pinned by a hand-computed
case: V12 in a period seen before its jobs' fourth week ends, per-specialist figures that
round across a rating, the several-program workbook, a record opened and closed the same
day, a UK program's quarterly return and money, and the workbook's ending reasons."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ips.fidelity.compute import (
    Job,
    Period,
    ProgramFacts,
    Seeker,
    Specialist,
    follow_along,
    frequent_employer_contact,
    outcomes,
)
from ips.fidelity.quarterly import closed_in_period
from ips.fidelity.supervision import supervision_rows
from ips.roles import Role
from reports.html import earnings_rows, report_context
from reports.tables import (
    earnings_table,
    per_specialist_table,
    quarterly_table,
    table_csv,
)

D = dt.date
ANA = Specialist(1, "ana@example.org")


def facts(period, seekers=(), jobs=(), specialists=(ANA,), **more) -> ProgramFacts:
    return ProgramFacts(period, list(specialists), list(seekers), list(jobs), **more)


def _weekly(start: dt.date) -> set[dt.date]:
    """A face-to-face support contact on days 0, 7, 14 and 21 after `start`."""
    return {start + dt.timedelta(days=7 * week) for week in range(4)}


# --- 1. V12 judges a job only once its first 4 weeks have ended --------------------------


def test_v12_leaves_out_a_job_whose_four_weeks_have_not_ended():
    # Seen on 30 Nov, Q4 to date. Job 1 started 1 Oct (weeks end 28 Oct): supported in
    # all four weeks. Job 2 started 2 Oct: no week-3 contact, so it fails. Job 3 started
    # 15 Nov with support in week 1 only: its fourth week ends 12 Dec, after today, so it
    # is not judged yet (it used to count as failing: 1 of 3 = 33.3 %). 1 of 2 = 50 %.
    period = Period(D(2026, 10, 1), D(2026, 12, 31), as_of=D(2026, 11, 30))
    jobs = [Job(1, 1, D(2026, 10, 1)), Job(2, 2, D(2026, 10, 2)), Job(3, 3, D(2026, 11, 15))]
    support = {
        1: _weekly(D(2026, 10, 1)),
        2: _weekly(D(2026, 10, 2)) - {D(2026, 10, 16)},
        3: {D(2026, 11, 15)},
    }
    item = follow_along(facts(period, jobs=jobs, support_face_to_face=support))
    assert item.value == 50.0
    assert item.as_dict()["pending"] == 1


def test_v12_judges_a_job_on_the_day_its_fourth_week_ends():
    # Started 3 Nov: days 0-27 run to 30 Nov, today. Judged (and supported): 100 %.
    period = Period(D(2026, 10, 1), D(2026, 12, 31), as_of=D(2026, 11, 30))
    item = follow_along(
        facts(
            period,
            jobs=[Job(1, 1, D(2026, 11, 3))],
            support_face_to_face={1: _weekly(D(2026, 11, 3))},
        )
    )
    assert item.value == 100.0
    assert "pending" not in item.as_dict()  # the shape of a report with none waiting


def test_v12_with_only_pending_jobs_has_no_value_and_the_report_says_why():
    period = Period(D(2026, 10, 1), D(2026, 12, 31), as_of=D(2026, 11, 30))
    item = follow_along(
        facts(period, jobs=[Job(1, 1, D(2026, 11, 15)), Job(2, 2, D(2026, 11, 20))])
    )
    assert (item.value, item.as_dict()["pending"]) == (None, 2)
    row = next(
        r for r in report_context(_report({"V12": item.as_dict()}))["items"] if r["key"] == "V12"
    )
    assert row["pending"] == 2


def test_v12_of_an_ended_period_still_waits_for_a_late_job():
    # Q3 seen on 10 Oct: a job started 28 Sep has weeks running to 25 Oct.
    period = Period(D(2026, 7, 1), D(2026, 9, 30), as_of=D(2026, 10, 10))
    item = follow_along(facts(period, jobs=[Job(1, 1, D(2026, 7, 6)), Job(2, 2, D(2026, 9, 28))],
                              support_face_to_face={1: _weekly(D(2026, 7, 6))}))  # fmt: skip
    assert (item.value, item.as_dict()["pending"]) == (100.0, 1)


# --- 2. Per-specialist figures never round across a rating -------------------------------


def _v6_at_5_9952():
    # 2920 days (417.142857 weeks): Ana's 2501 contacts are 5.99555 a week, which rounds
    # to 6.00 (rating 5) while the exact figure rates 4; Ben's 2920 are 7.0 exactly.
    period = Period(D(2018, 1, 1), D(2025, 12, 29), as_of=D(2026, 11, 30))
    assert period.days == 2920
    ben = Specialist(2, "ben@example.org")
    return frequent_employer_contact(
        facts(period, specialists=(ANA, ben), face_to_face_contacts={1: 2501, 2: 2920})
    )


def test_a_per_specialist_value_that_rounds_across_a_rating_shows_two_more_decimals():
    item = _v6_at_5_9952().as_dict()
    assert item["per_specialist"] == {"ana@example.org": 6.0, "ben@example.org": 7.0}
    # 2501 x 7 / 2920 = 5.99554...: "6.00" would read as a 5; the exact figure rates 4.
    assert item["per_specialist_shown"] == {"ana@example.org": 5.9955}
    names = {"ana@example.org": "Ana Lopez", "ben@example.org": "Ben Okafor"}
    row = next(r for r in report_context(_report({"V6": item}), names)["items"] if r["key"] == "V6")
    assert row["per_specialist"] == [("Ana Lopez", "5.9955"), ("Ben Okafor", "7.0")]
    table = per_specialist_table(_report({"V6": item}), names)
    assert table.rows == [["Ana Lopez", 5.9955], ["Ben Okafor", 7.0]]
    assert "Ana Lopez,5.9955" in table_csv(table)


def test_a_per_specialist_value_that_agrees_with_its_rating_carries_no_extra():
    period = Period(D(2026, 7, 1), D(2026, 9, 30), as_of=D(2026, 11, 30))  # 92 days
    item = frequent_employer_contact(facts(period, face_to_face_contacts={1: 80})).as_dict()
    assert item["per_specialist"] == {"ana@example.org": 6.09}  # 80 x 7 / 92 = 6.087
    assert "per_specialist_shown" not in item


def test_the_dashboard_chart_labels_the_exact_per_specialist_value():
    from reports.views import _charts

    item = _v6_at_5_9952().as_dict()
    chart = _charts(_report({"V6": item}), [], {"ana@example.org": "Ana Lopez"})["contacts"]
    from reports.charts import to_svg

    svg = to_svg(chart)
    assert "5.9955" in svg
    assert ">6<" not in svg.replace(" ", "")


def test_the_items_by_quarter_table_shows_the_exact_figure_beside_its_rating():
    from reports.views import trend_rows

    s2 = {"value": 96.0, "rating": 4, "provisional": False, "value_shown": 95.96}
    rows = {spec.key: cells for spec, cells in trend_rows([("2026 Q3", _report({"S2": s2}))])}
    assert rows["S2"][0]["value"] == 95.96  # never 96.0 beside a 4
    assert rows["S1"][0]["value"] is None


def test_the_printed_report_says_how_many_jobs_v12_waits_for():
    from django.template.loader import render_to_string

    period = Period(D(2026, 10, 1), D(2026, 12, 31), as_of=D(2026, 11, 30))
    item = follow_along(facts(period, jobs=[Job(1, 1, D(2026, 11, 15))]))
    html = render_to_string(
        "reports/_report_body.html", report_context(_report({"V12": item.as_dict()}))
    )
    assert "1 job still in the first 4 weeks, not yet counted" in html


# --- 3 and 4. The several-program workbook -----------------------------------------------


@pytest.fixture
def long_named_programs(db):
    """Two programs whose names agree on their first 40 characters, each with a specialist
    who has a name."""
    from ips.models import Program, StaffMember
    from tests.conftest import make_user

    made = []
    for n, side in enumerate(("East", "West")):
        name = f"Northumberland Community Mental Health IPS Service {side}"
        program = Program.objects.create(name=name, slug=side.lower())
        user = make_user(f"spec{side.lower()}")
        user.first_name, user.last_name = ("Ana", "Lopez") if n == 0 else ("Ben", "Okafor")
        user.save()
        StaffMember.objects.create(user=user, program=program, role=Role.SPECIALIST)
        made.append(program)
    return made


def test_several_program_workbook_has_unique_short_sheets_names_and_quarters(
    long_named_programs, tmp_path
):
    path = tmp_path / "two.xlsx"
    call_command(
        "ips_report", "--program", long_named_programs[0].name,
        "--program", long_named_programs[1].name, "--start", "2026-07-01",
        "--end", "2026-09-30", "--format", "xlsx", "--output", str(path), stdout=io.StringIO(),
    )  # fmt: skip
    book = load_workbook(path)
    names = book.sheetnames
    assert len(names) == len(set(names))
    assert all(len(n) <= 31 for n in names)
    assert names[:2] == ["Programs", "Programs and total"]
    programs = [[c.value for c in row] for row in book["Programs"].iter_rows()]
    assert programs == [
        ["Tag", "Program"],
        ["P1", "Northumberland Community Mental Health IPS Service East"],
        ["P2", "Northumberland Community Mental Health IPS Service West"],
    ]
    for tag in ("P1", "P2"):
        for title in ("Fidelity items", "Per specialist", "Per quarter", "Earnings and endings"):
            assert f"{tag} · {title}" in names
    # Specialists by name, not email.
    people = [row[0].value for row in book["P1 · Per specialist"].iter_rows(min_row=2)]
    assert people == ["Ana Lopez"]
    people = [row[0].value for row in book["P2 · Per specialist"].iter_rows(min_row=2)]
    assert people == ["Ben Okafor"]
    quarters = [row[0].value for row in book["P1 · Per quarter"].iter_rows(min_row=2)]
    assert quarters == ["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3"]


# --- 5. A record opened and closed the same day is no ending ----------------------------


def test_a_record_opened_and_closed_the_same_day_is_neither_closed_nor_left():
    period = Period(D(2026, 10, 1), D(2026, 10, 31), as_of=D(2026, 11, 30))
    seekers = [
        Seeker(1, D(2026, 10, 5), closed_date=D(2026, 10, 5), specialist_id=1),  # same day
        Seeker(2, D(2026, 9, 1), closed_date=D(2026, 10, 20), specialist_id=1),  # left
        Seeker(3, None, closed_date=D(2026, 10, 7), specialist_id=1),  # never entered
    ]
    data = facts(period, seekers=seekers)
    assert closed_in_period(data) == 1
    (row,) = supervision_rows(data, set())
    assert row.left_caseload == 1
    assert row.caseload == 1  # only person 2 was served
    assert outcomes(data)["served"] == 1


# --- 6. A UK program: IPS Grow figures lead the quarterly return; money in pounds -------


def test_uk_quarterly_return_leads_with_the_uk_figures(db):
    from ips.models import Program
    from jobseekers.models import JobSeeker
    from reports.build import quarterly_reports

    program = Program.objects.create(name="Leeds IPS", slug="leeds", country="UK")
    JobSeeker.objects.create(program=program, ref="L1", name="P1", entry_date=D(2026, 8, 10),
                             referral_date=D(2026, 8, 3))  # fmt: skip
    quarters = quarterly_reports(program, D(2026, 9, 30), 1)
    table = quarterly_table(quarters, program.country)
    assert table.header[1:7] == [
        "Referrals (UK)", "Supported into work (UK)", "Job starts (UK, 4 paid hours)",
        "Employment rate (UK, %)", "UK 40 % benchmark", "In-work referrals ÷ served (%)",
    ]  # fmt: skip
    row = dict(zip(table.header, table.rows[0], strict=True))
    assert row["Referrals (UK)"] == 1
    assert row["Employment rate (UK, %)"] == 0.0
    assert row["UK 40 % benchmark"] == "under"
    assert row["Served"] == 1  # the US figures follow
    assert quarterly_table(quarters).header[1] == "Served"  # a US program: unchanged


def test_uk_quarterly_return_page_leads_with_the_uk_figures(client, program, users):
    program.country = "UK"
    program.save()
    client.force_login(users[Role.DIRECTOR])
    response = client.get(f"/admin/fidelity/quarterly/?program={program.pk}")
    assert response.context["table"].header[1] == "Referrals (UK)"


def test_uk_wages_are_in_pounds_on_screen_and_in_the_workbook():
    report = _report()
    assert ("Median hourly wage", "£11.50") in [
        (r["label"], r["shown"]) for r in earnings_rows(report, "UK")
    ]
    assert ("Median hourly wage", "$11.50") in [
        (r["label"], r["shown"]) for r in earnings_rows(report)
    ]
    context = report_context(report, {}, "UK")
    assert {"label": "Median hourly wage", "shown": "£11.50"} in context["earnings"]
    assert ["Median hourly wage (pounds)", 11.5] in earnings_table(report, "UK").rows
    assert ["Median hourly wage (dollars)", 11.5] in earnings_table(report).rows


# --- 7. The workbook's job endings use the screen's labels ------------------------------


def test_earnings_sheet_labels_endings_as_the_screen_does():
    rows = earnings_table(_report()).rows
    assert ["Jobs ended: Left by choice", 2] in rows
    assert ["Jobs ended: No reason recorded", 1] in rows
    assert not any("quit" in str(row[0]) for row in rows)


def _report(items=None):
    base_items = {
        key: {"value": None, "rating": None, "provisional": False}
        for key in ("S1", "S2", "O1", "V4", "V6", "V8", "V9", "V10", "V12", "V13")
    }
    return {
        "program": "North Team",
        "period": {"start": "2026-07-01", "end": "2026-09-30", "partial": False},
        "fidelity": {"items": base_items | (items or {}), "review": {"total": None, "band": None}},
        "outcomes": {
            "served": 0, "worked_competitive": 0, "employment_rate": 0, "tier": "below_minimal",
            "job_starts": 0, "days_to_first_job": None, "referrals": 0,
            "supported_into_work": 0, "job_starts_uk": 0, "employment_rate_uk": 0,
            "job_retention_share": 0, "closed": 0,
            "warnings": {"uk_below_benchmark": True, "in_work_referrals_high": False},
        },
        "retention": {
            "marks": {},
            "job_endings": {
                "ended": 3, "by_reason": {"quit": 2, "": 1},
                "next_job_by_period_end": 0, "median_days_to_next_job": None,
            },
        },
        "earnings": {
            "jobs_held": 3, "median_hours_per_week": 20.0, "median_hourly_wage": 11.5,
            "median_tenure_days": 40,
        },
        "education": {"in_education": 0, "working_and_in_education": 0},
    }  # fmt: skip
