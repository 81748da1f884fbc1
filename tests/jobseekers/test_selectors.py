"""Selectors: benefits figures by year, the record page's counselling timing."""

import datetime as dt
from decimal import Decimal

import pytest

from jobseekers import selectors, services
from jobseekers.models import BenefitsParameters, Medicaid1619bThreshold


@pytest.mark.parametrize(
    ("year", "used", "sga", "twp", "fbr"),
    [
        (2025, 2025, Decimal("1620"), Decimal("1160"), Decimal("967")),
        (2026, 2026, Decimal("1690"), Decimal("1210"), Decimal("994")),
        (2031, 2026, Decimal("1690"), Decimal("1210"), Decimal("994")),  # latest stored year
        (2001, 2025, Decimal("1620"), Decimal("1160"), Decimal("967")),  # earliest stored year
    ],
)
def test_shipped_benefits_parameters_match_the_spec(db, year, used, sga, twp, fbr):
    params = selectors.parameters_for(year)
    assert (params.year, params.sga_non_blind, params.trial_work_month_above) == (used, sga, twp)
    assert params.ssi_fbr_individual == fbr


def test_counselling_is_placed_relative_to_the_first_job_start(seeker, employer):
    services.log_benefits_counselling(seeker=seeker, date=dt.date(2026, 2, 1), by=None)
    services.log_benefits_counselling(seeker=seeker, date=dt.date(2026, 3, 20), by=None)
    services.record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=dt.date(2026, 3, 1)
    )
    timing = [when for _, when in selectors.seeker_record(seeker).counselling_timing]
    assert timing == ["19 days after the first job start", "28 days before the first job start"]


def test_counselling_without_a_job_is_before_any_start():
    assert selectors.counselling_relative_to_start(dt.date(2026, 1, 1), None) == (
        "before any job start"
    )
    assert selectors.counselling_relative_to_start(dt.date(2026, 1, 1), dt.date(2026, 1, 1)) == (
        "on the day of the first job start"
    )


@pytest.mark.parametrize(
    ("year", "monthly", "yearly"),
    [(2025, Decimal("2350"), Decimal("9460")), (2026, Decimal("2410"), Decimal("9730"))],
)
def test_shipped_student_exclusion_caps_and_sources(db, year, monthly, yearly):
    params = selectors.parameters_for(year)
    assert (params.student_exclusion_monthly, params.student_exclusion_yearly) == (monthly, yearly)
    row = BenefitsParameters.objects.get(year=year)
    assert "ssa.gov" in row.source


def test_shipped_1619b_thresholds_carry_their_source(db):
    assert selectors.parameters_for(2026).medicaid_1619b_thresholds["MD"] == Decimal("62929")
    assert selectors.parameters_for(2025).medicaid_1619b_thresholds == {"MD": Decimal("57296")}
    assert all("1619b" in t.source for t in Medicaid1619bThreshold.objects.all())


def test_parameters_for_a_year_take_two_queries(db, django_assert_num_queries):
    with django_assert_num_queries(2):
        selectors.parameters_for(2026)


def test_trial_work_months_from_recorded_jobs(seeker, employer, django_assert_num_queries):
    assert selectors.twp_months_from_jobs(seeker, dt.date(2026, 6, 1)) is None  # no job yet
    services.record_job_start(
        seeker=seeker,
        employer=employer,
        title="Baker",
        start_date=dt.date(2026, 2, 1),
        hours_per_week=Decimal("30"),
        hourly_wage=Decimal("15"),  # $1,950 a month, above 2026's $1,210
    )
    with django_assert_num_queries(2):
        assert selectors.twp_months_from_jobs(seeker, dt.date(2026, 6, 1)) == 4  # Feb-May
