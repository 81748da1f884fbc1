"""Retention, job endings, earnings and education (docs/figures.md), hand-computed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ips.fidelity.compute import Job, Period, ProgramFacts, Seeker, Specialist
from ips.fidelity.quarterly import closed_in_period, earnings, education, job_endings, retention

pytestmark = pytest.mark.django_db(databases=["default"])
D = dt.date
Q3 = Period(D(2026, 7, 1), D(2026, 9, 30), as_of=D(2026, 11, 30))


def facts(seekers, jobs, period=Q3) -> ProgramFacts:
    return ProgramFacts(period, [Specialist(1, "ana@example.org")], list(seekers), list(jobs))


PEOPLE = [
    Seeker(1, D(2026, 1, 5)),
    Seeker(2, D(2026, 2, 1)),
    Seeker(3, D(2026, 6, 1), closed_date=D(2026, 8, 15)),
    Seeker(4, D(2026, 6, 20)),
]
JOBS = [
    # 90-day mark 4 July, 180-day mark 2 October (after Q3); still in the job.
    Job(10, 1, D(2026, 4, 5), hours_per_week=Decimal(20), hourly_wage=Decimal("15.00")),
    # 30-day mark 31 July; ended 20 July (let go): not retained at 30 days.
    Job(11, 2, D(2026, 7, 1), end_date=D(2026, 7, 20), end_reason="fired",
        hours_per_week=Decimal(12), hourly_wage=Decimal("13.50")),
    # Person 2's next job, 11 days after the ending.
    Job(12, 2, D(2026, 7, 31), hours_per_week=Decimal(25)),
    # Held before entry (1 June): a job held, never a job start, so never in retention.
    Job(13, 3, D(2026, 5, 1), end_date=D(2026, 8, 10), end_reason="quit"),
    # 365-day mark of a job begun before the period: 10 July 2025 + 365 = 10 July 2026.
    Job(14, 4, D(2025, 7, 10), hourly_wage=Decimal("20.00")),
]  # fmt: skip


def test_retention_counts_job_starts_whose_mark_falls_in_the_period():
    marks = retention(facts(PEOPLE, JOBS))
    assert marks["30"] == {"reached": 2, "still_employed": 1, "share": 0.5}  # jobs 11, 12
    # Job 10 (4 July, still in the job) and job 11 (29 September, ended 20 July).
    assert marks["90"] == {"reached": 2, "still_employed": 1, "share": 0.5}
    assert marks["180"] == {"reached": 0, "still_employed": 0, "share": None}
    # Job 14 began before person 4's entry (20 June 2026): not a job start.
    assert marks["365"] == {"reached": 0, "still_employed": 0, "share": None}


def test_a_mark_after_today_is_not_yet_reached():
    period = Period(D(2026, 7, 1), D(2026, 9, 30), as_of=D(2026, 7, 20))
    marks = retention(facts(PEOPLE, JOBS, period))
    assert marks["30"]["reached"] == 0  # 31 July and 30 August are still ahead
    assert marks["90"]["reached"] == 1  # 4 July has passed


def test_job_endings_by_reason_with_the_time_to_the_next_job():
    endings = job_endings(facts(PEOPLE, JOBS))
    assert endings == {
        "ended": 2,
        "by_reason": {"fired": 1, "quit": 1},
        "next_job_by_period_end": 1,
        "median_days_to_next_job": 11.0,  # 20 July to 31 July
    }


def test_earnings_are_medians_of_the_jobs_held():
    figures = earnings(facts(PEOPLE, JOBS))
    assert figures["jobs_held"] == 5
    assert figures["median_hours_per_week"] == 20.0  # 12, 20, 25
    assert figures["median_hourly_wage"] == 15.0  # 13.50, 15, 20
    # Days to 30 Sept or the end: 178 (10), 19 (11), 61 (12), 101 (13), 447 (14).
    assert figures["median_tenure_days"] == 101.0


def test_education_counts_people_served_and_those_also_working():
    result = education(facts(PEOPLE, JOBS), learning={2, 3, 99})  # 99: not served
    assert result == {
        "in_education": 2,
        "working_and_in_education": 2,
        "in_education_share": 0.5,
    }


def test_closed_counts_closing_dates_in_the_period():
    assert closed_in_period(facts(PEOPLE, JOBS)) == 1


# --- The quarterly return screen and its downloads -------------------------------------

QUARTERLY = "/admin/fidelity/quarterly/"


@pytest.fixture
def worked_quarter(program, staff, frozen_today):
    """Last complete quarter: two people served, one started a job, one closed. Today is
    mid-quarter (frozen): on a quarter's last day the screen's last row is that quarter,
    complete, not "so far"."""
    from django.utils import timezone

    from employers.models import Employer
    from jobseekers.models import Job as JobRow
    from jobseekers.models import JobSeeker
    from reports.periods import last_complete_quarter

    start, end = last_complete_quarter(timezone.localdate())
    employer = Employer.objects.create(program=program, name="Cafe")
    working = JobSeeker.objects.create(
        program=program, ref="Q1", name="Ann", entry_date=start, referral_date=start
    )
    JobSeeker.objects.create(
        program=program,
        ref="Q2",
        name="Bo",
        entry_date=start - dt.timedelta(days=40),
        closed_date=start + dt.timedelta(days=10),
    )
    JobRow.objects.create(
        program=program,
        seeker=working,
        employer=employer,
        title="Cook",
        start_date=start + dt.timedelta(days=5),
        hours_per_week=Decimal(20),
    )
    return start


def test_quarterly_return_has_a_row_per_quarter_in_page_csv_and_xlsx(
    client, users, program, worked_quarter
):
    import csv
    import io

    from openpyxl import load_workbook

    from reports.periods import quarter_label

    client.force_login(users["director"])
    page = client.get(QUARTERLY)
    assert page.status_code == 200
    table = page.context["table"]
    assert len(table.rows) == 9
    assert table.rows[-1][0].endswith("so far")
    last_complete = next(r for r in table.rows if r[0] == quarter_label(worked_quarter))
    header = table.header
    row = dict(zip(header, last_complete, strict=True))
    assert row["Served"] == 2
    assert row["Worked in a competitive job"] == 1
    assert row["Employment rate (%)"] == 50.0
    assert row["Job starts"] == 1
    assert row["New referrals"] == 1
    assert row["Closed"] == 1

    text = client.get(QUARTERLY + "?format=csv").content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == header
    assert len(rows) == 10

    body = client.get(QUARTERLY + f"?program={program.pk}&format=xlsx").content
    sheet = load_workbook(io.BytesIO(body))["Per quarter"]
    assert [c.value for c in sheet[1]] == header
    assert sheet.max_row == 10


@pytest.mark.parametrize(
    ("query", "status"),
    [("?format=pdf", 400), ("?program=abc", 400), ("?program=99999999", 404)],
)
def test_quarterly_return_refuses_bad_input(client, users, program, query, status):
    client.force_login(users["director"])
    assert client.get(QUARTERLY + query).status_code == status


def test_quarterly_return_is_for_leadership_of_the_program_only(
    client, users, program, other_program, outsider
):
    client.force_login(users["specialist"])
    refused = client.get(QUARTERLY)  # Wagtail turns "permission denied" into a redirect home
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    client.force_login(users["director"])
    assert client.get(QUARTERLY + f"?program={other_program.pk}").status_code == 404
