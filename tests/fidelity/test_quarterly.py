"""Retention, job endings, earnings and education (docs/figures.md), hand-computed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ips.fidelity.compute import Job, Period, ProgramFacts, Seeker, Specialist
from ips.fidelity.quarterly import closed_in_period, earnings, education, job_endings, retention

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
