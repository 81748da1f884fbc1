"""PSR outcome figures on small hand-made cases (pure, no database)."""

import datetime as dt

import pytest

from jobseekers.checkins.compute import (
    CheckInFacts,
    next_check_in_due,
    previous_period,
    psr_figures,
    quarter_of,
)

D = dt.date


def test_figures_for_a_small_program():
    current = [
        # Ana: moved from a shelter into supported housing; enrolled; no justice contact.
        CheckInFacts(1, D(2026, 7, 10), housing="shelter", justice="none", inpatient_days=3),
        CheckInFacts(1, D(2026, 9, 1), housing="supported", education_enrolled=True, er_visits=1),
        # Ben: homeless at his only check-in; a new charge; not asked about education.
        CheckInFacts(2, D(2026, 8, 5), housing="homeless", justice="new_charge", inpatient_days=10),
        # Cy: nothing asked but the date.
        CheckInFacts(3, D(2026, 8, 20)),
    ]
    previous = [
        CheckInFacts(1, D(2026, 5, 1), inpatient_days=12, er_visits=3),
        CheckInFacts(2, D(2026, 4, 2), inpatient_days=4),
        CheckInFacts(9, D(2026, 4, 9), inpatient_days=30),  # not seen this period: not compared
    ]
    figures = psr_figures(current, previous)
    assert figures.people == 3
    assert figures.stable_housing_share == 0.5  # Ana (latest: supported) of Ana and Ben
    assert figures.education_share == 1.0  # only Ana was asked
    assert figures.no_new_justice_share == 0.5
    assert figures.compared_people == 2
    assert (figures.inpatient_days, figures.inpatient_days_previous) == (13, 16)
    assert figures.inpatient_days_change == -3
    assert (figures.er_visits, figures.er_visits_previous, figures.er_visits_change) == (1, 3, -2)


def test_no_check_ins_gives_empty_shares_not_zero():
    figures = psr_figures([], [])
    assert figures.people == 0
    assert figures.stable_housing_share is None
    assert figures.education_share is None
    assert figures.no_new_justice_share is None


def test_latest_housing_in_the_period_counts_not_the_first():
    rows = [
        CheckInFacts(1, D(2026, 9, 1), housing="homeless"),
        CheckInFacts(1, D(2026, 7, 1), housing="own_or_family"),
    ]
    assert psr_figures(rows, []).stable_housing_share == 0.0


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        ((D(2026, 7, 1), D(2026, 9, 30)), (D(2026, 4, 1), D(2026, 6, 30))),
        ((D(2026, 1, 1), D(2026, 3, 31)), (D(2025, 10, 1), D(2025, 12, 31))),
        ((D(2026, 1, 1), D(2026, 12, 31)), (D(2025, 1, 1), D(2025, 12, 31))),
        ((D(2026, 3, 10), D(2026, 3, 19)), (D(2026, 2, 28), D(2026, 3, 9))),
    ],
)
def test_previous_period_has_the_same_length_just_before(period, previous):
    assert previous_period(*period) == previous


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (D(2026, 1, 1), (D(2026, 1, 1), D(2026, 3, 31))),
        (D(2026, 5, 15), (D(2026, 4, 1), D(2026, 6, 30))),
        (D(2026, 12, 31), (D(2026, 10, 1), D(2026, 12, 31))),
    ],
)
def test_quarter_of(day, quarter):
    assert quarter_of(day) == quarter


def test_next_check_in_is_quarterly_or_at_the_next_reassessment_whichever_first():
    last = D(2026, 1, 10)
    assert next_check_in_due(last_check_in=last, entry_date=None, next_assessment_due=None) == D(
        2026, 4, 11
    )
    assert next_check_in_due(
        last_check_in=last, entry_date=None, next_assessment_due=D(2026, 3, 1)
    ) == D(2026, 3, 1)
    assert next_check_in_due(
        last_check_in=None, entry_date=D(2026, 2, 1), next_assessment_due=None
    ) == D(2026, 5, 3)
    assert next_check_in_due(last_check_in=None, entry_date=None, next_assessment_due=None) is None
