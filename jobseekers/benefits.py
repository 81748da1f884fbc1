"""Work-incentives estimate: "what if I work N hours at $W an hour" (spec/metrics.md,
Benefits). Pure: plain Decimals in, a frozen Estimate out. Always an estimate, with
the parameters' year; a benefits counsellor gives the real answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


@dataclass(frozen=True)
class Parameters:
    """One year's SSA figures (monthly amounts in dollars)."""

    year: int
    sga_non_blind: Decimal
    sga_blind: Decimal
    trial_work_month_above: Decimal
    ssi_fbr_individual: Decimal
    ssi_fbr_couple: Decimal
    general_exclusion: Decimal = Decimal("20")
    earned_income_exclusion: Decimal = Decimal("65")


@dataclass(frozen=True)
class Estimate:
    """The result of one "what if" question, labelled with its year."""

    year: int
    hours_per_week: Decimal
    hourly_wage: Decimal
    monthly_earnings: Decimal
    unearned_income: Decimal
    countable_unearned: Decimal
    countable_earned: Decimal
    ssi_without_work: Decimal
    ssi_payment: Decimal
    total_with_ssi: Decimal
    trial_work_month: bool
    trial_work_month_above: Decimal
    above_sga: bool
    sga_limit: Decimal

    @property
    def label(self) -> str:
        return f"Estimate using {self.year} Social Security figures"


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_earnings(hours_per_week: Decimal, hourly_wage: Decimal) -> Decimal:
    """Gross monthly earnings: hours a week x wage x 52 / 12, to the cent."""
    if hours_per_week < 0 or hourly_wage < 0:
        raise ValueError("Hours and wage cannot be negative.")
    return _cents(hours_per_week * hourly_wage * WEEKS_PER_MONTH)


def ssi_countable_income(
    earned: Decimal, unearned: Decimal, params: Parameters
) -> tuple[Decimal, Decimal]:
    """(countable unearned, countable earned): the $20 general exclusion comes off
    unearned income first and any rest off earned; then $65 of earned; then half."""
    general_left = params.general_exclusion
    countable_unearned = max(ZERO, unearned - general_left)
    general_left = max(ZERO, general_left - unearned)
    earned_after = max(ZERO, earned - general_left - params.earned_income_exclusion)
    return _cents(countable_unearned), _cents(earned_after / 2)


def ssi_payment(
    earned: Decimal, unearned: Decimal, params: Parameters, *, couple: bool = False
) -> Decimal:
    """SSI = max(0, FBR - countable unearned - countable earned)."""
    fbr = params.ssi_fbr_couple if couple else params.ssi_fbr_individual
    countable_unearned, countable_earned = ssi_countable_income(earned, unearned, params)
    return max(ZERO, _cents(fbr - countable_unearned - countable_earned))


def is_trial_work_month(earnings: Decimal, params: Parameters) -> bool:
    """A trial-work month needs earnings strictly above the year's amount."""
    return earnings > params.trial_work_month_above


def is_above_sga(earnings: Decimal, params: Parameters, *, blind: bool = False) -> bool:
    """Substantial gainful activity: earnings above the year's SGA amount."""
    return earnings > (params.sga_blind if blind else params.sga_non_blind)


def estimate(
    *,
    hours_per_week: Decimal,
    hourly_wage: Decimal,
    params: Parameters,
    unearned_income: Decimal = ZERO,
    couple: bool = False,
    blind: bool = False,
) -> Estimate:
    """Answer "what if I work N hours at $W an hour" for SSI and SSDI."""
    if unearned_income < 0:
        raise ValueError("Other income cannot be negative.")
    earned = monthly_earnings(hours_per_week, hourly_wage)
    countable_unearned, countable_earned = ssi_countable_income(earned, unearned_income, params)
    payment = ssi_payment(earned, unearned_income, params, couple=couple)
    return Estimate(
        year=params.year,
        hours_per_week=hours_per_week,
        hourly_wage=hourly_wage,
        monthly_earnings=earned,
        unearned_income=unearned_income,
        countable_unearned=countable_unearned,
        countable_earned=countable_earned,
        ssi_without_work=ssi_payment(ZERO, unearned_income, params, couple=couple),
        ssi_payment=payment,
        total_with_ssi=earned + unearned_income + payment,
        trial_work_month=is_trial_work_month(earned, params),
        trial_work_month_above=params.trial_work_month_above,
        above_sga=is_above_sga(earned, params, blind=blind),
        sga_limit=params.sga_blind if blind else params.sga_non_blind,
    )
