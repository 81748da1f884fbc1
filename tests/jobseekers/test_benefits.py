"""The benefits estimate against spec/metrics.md (Benefits) and the SSA rules. No DB."""

from decimal import Decimal as D

import pytest

from jobseekers.benefits import (
    Parameters,
    estimate,
    is_above_sga,
    is_trial_work_month,
    monthly_earnings,
    ssi_countable_income,
    ssi_payment,
)

P2025 = Parameters(
    year=2025,
    sga_non_blind=D("1620"),
    sga_blind=D("2700"),
    trial_work_month_above=D("1160"),
    ssi_fbr_individual=D("967"),
    ssi_fbr_couple=D("1450"),
)
P2026 = Parameters(
    year=2026,
    sga_non_blind=D("1690"),
    sga_blind=D("2830"),
    trial_work_month_above=D("1210"),
    ssi_fbr_individual=D("994"),
    ssi_fbr_couple=D("1491"),
)


@pytest.mark.parametrize(
    ("earned", "unearned", "countable_unearned", "countable_earned"),
    [
        (D("1000"), D("0"), D("0"), D("457.50")),  # (1000 - 20 - 65) / 2
        (D("1000"), D("100"), D("80"), D("467.50")),  # $20 off unearned first
        (D("1000"), D("10"), D("0"), D("462.50")),  # $10 rest of the $20 off earned
        (D("50"), D("0"), D("0"), D("0")),  # below the exclusions
        (D("0"), D("500"), D("480"), D("0")),
    ],
)
def test_general_exclusion_comes_off_unearned_income_first(
    earned, unearned, countable_unearned, countable_earned
):
    assert ssi_countable_income(earned, unearned, P2026) == (countable_unearned, countable_earned)


@pytest.mark.parametrize(
    ("params", "earned", "unearned", "payment"),
    [
        (P2026, D("1000"), D("0"), D("536.50")),  # 994 - 457.50
        (P2026, D("1000"), D("100"), D("446.50")),  # 994 - 80 - 467.50
        (P2025, D("1000"), D("0"), D("509.50")),  # 967 - 457.50
        (P2026, D("0"), D("0"), D("994")),
        (P2026, D("3000"), D("0"), D("0")),  # never below zero
    ],
)
def test_ssi_payment_is_fbr_less_countable_income(params, earned, unearned, payment):
    assert ssi_payment(earned, unearned, params) == payment


def test_couple_uses_the_couple_rate():
    assert ssi_payment(D("0"), D("0"), P2026, couple=True) == D("1491")


@pytest.mark.parametrize(
    ("params", "earnings", "is_twp"),
    [
        (P2025, D("1160.00"), False),  # exactly at the amount is not a trial-work month
        (P2025, D("1160.01"), True),  # one cent above is
        (P2026, D("1210.00"), False),
        (P2026, D("1210.01"), True),
        (P2026, D("1160.01"), False),  # the 2025 figure does not apply in 2026
    ],
)
def test_trial_work_month_needs_earnings_strictly_above_the_amount(params, earnings, is_twp):
    assert is_trial_work_month(earnings, params) is is_twp


@pytest.mark.parametrize(
    ("earnings", "blind", "above"),
    [
        (D("1690.00"), False, False),
        (D("1690.01"), False, True),
        (D("2000"), True, False),
        (D("2830.01"), True, True),
    ],
)
def test_sga_uses_the_blind_or_non_blind_amount(earnings, blind, above):
    assert is_above_sga(earnings, P2026, blind=blind) is above


def test_monthly_earnings_are_hours_times_wage_times_52_over_12():
    # 20 h x $15 x 52 / 12 = 1300.00
    assert monthly_earnings(D("20"), D("15")) == D("1300.00")


def test_estimate_for_20_hours_at_15_dollars_in_2026():
    result = estimate(hours_per_week=D("20"), hourly_wage=D("15"), params=P2026)
    assert result.monthly_earnings == D("1300.00")
    assert result.countable_earned == D("607.50")  # (1300 - 20 - 65) / 2
    assert result.ssi_payment == D("386.50")
    assert result.total_with_ssi == D("1686.50")
    assert result.trial_work_month is True
    assert result.above_sga is False
    assert result.label == "Estimate using 2026 Social Security figures"


def test_estimate_rejects_negative_hours():
    with pytest.raises(ValueError, match="negative"):
        estimate(hours_per_week=D("-1"), hourly_wage=D("15"), params=P2026)
