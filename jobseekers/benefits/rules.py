"""SSA work incentives for one month: SSI countable income in the order of POMS
SI 00820.500, SSDI's trial work period and extended period of eligibility, and 1619(b).
Source of every rule: spec/metrics.md "Benefits estimate: the rules". Pure: plain
Decimals in, frozen dataclasses out; every yearly figure comes in `Parameters`.

Rounding: each countable amount is rounded to the cent (half up) before it is taken
from the benefit rate, so SSI and totals are exact to the cent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
TWP_MONTHS = 9  # in a rolling 60 months
GRACE_MONTHS = 3  # the first month above SGA in the extended period and the two after it


@dataclass(frozen=True)
class Parameters:
    """One year's SSA figures. Money is monthly dollars except the 1619(b) thresholds
    (yearly gross earnings, keyed by two-letter state code) and the student exclusion's
    yearly cap."""

    year: int
    sga_non_blind: Decimal
    sga_blind: Decimal
    trial_work_month_above: Decimal
    ssi_fbr_individual: Decimal
    ssi_fbr_couple: Decimal
    general_exclusion: Decimal = Decimal("20")
    earned_income_exclusion: Decimal = Decimal("65")
    student_exclusion_monthly: Decimal = ZERO
    student_exclusion_yearly: Decimal = ZERO
    medicaid_1619b_thresholds: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Person:
    """One person's month. Money in monthly dollars, never negative.

    `student_exclusion_used` is the student earned income exclusion already used this
    calendar year (before this month); `subsidy` is the value of support the employer
    gives beyond the work done (counts only for SGA)."""

    gross_earnings: Decimal
    ssi_eligible: bool = True
    ssdi: Decimal = ZERO
    other_unearned: Decimal = ZERO
    blind: bool = False
    student_under_22: bool = False
    irwe: Decimal = ZERO
    bwe: Decimal = ZERO
    twp_months_used: int = 0
    epe: bool = False
    grace_months_used: int = 0
    subsidy: Decimal = ZERO
    student_exclusion_used: Decimal = ZERO


@dataclass(frozen=True)
class Step:
    """One line of a calculation: what was done, by how much, and what is left."""

    text: str
    amount: Decimal
    result: Decimal


@dataclass(frozen=True)
class SsdiResult:
    """One person's SSDI month (all zero/False when the person gets no SSDI)."""

    paid: Decimal
    twp_month: bool
    grace_month: bool
    countable_for_sga: Decimal
    above_sga: bool
    sga_limit: Decimal
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class SsiResult:
    """SSI of one person or one eligible couple (the couple's figures, combined)."""

    payment: Decimal
    countable_earned: Decimal
    countable_unearned: Decimal
    rate: Decimal
    student_exclusion: Decimal
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class PersonResult:
    ssi: Decimal
    ssdi: SsdiResult
    countable_earned: Decimal
    countable_unearned: Decimal
    medicaid_1619b: bool | None


@dataclass(frozen=True)
class Estimate:
    """The month's estimate for one person or a couple, labelled with its year."""

    year: int
    people: tuple[PersonResult, ...]
    ssi: SsiResult | None
    ssi_total: Decimal
    total_income: Decimal

    @property
    def label(self) -> str:
        return f"Estimate using {self.year} Social Security figures"


def cents(value: Decimal) -> Decimal:
    """Round to the cent, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_earnings(hours_per_week: Decimal, hourly_wage: Decimal) -> Decimal:
    """Gross monthly earnings: hours a week x wage x 52 / 12, to the cent.
    Raises ValueError on a negative hour or wage."""
    if hours_per_week < 0 or hourly_wage < 0:
        raise ValueError("Hours and wage cannot be negative.")
    return cents(hours_per_week * hourly_wage * WEEKS_PER_MONTH)


def student_exclusion(person: Person, params: Parameters) -> Decimal:
    """The student earned income exclusion this month (POMS SI 00820.510): the person's
    gross earnings up to the monthly cap and what is left of the yearly cap."""
    if not person.student_under_22:
        return ZERO
    left_this_year = max(ZERO, params.student_exclusion_yearly - person.student_exclusion_used)
    return min(person.gross_earnings, params.student_exclusion_monthly, left_this_year)


def _take(steps: list[Step], text: str, value: Decimal, amount: Decimal) -> Decimal:
    """Take `amount` (at most `value`) off `value`, noting the step; returns the rest."""
    taken = min(value, max(ZERO, amount))
    rest = value - taken
    steps.append(Step(text, -taken, rest))
    return rest


def ssi(
    people: tuple[Person, ...], params: Parameters, *, ssdi_paid: tuple[Decimal, ...]
) -> SsiResult:
    """SSI of one person or an eligible couple, metrics.md "Benefits estimate: the rules":
    unearned less the $20; earned less the student exclusion (each student's own), the
    rest of the $20, $65, IRWE, one half, then blind work expenses (blind people only).
    A couple gets one $20 and one $65 on combined income and the couple rate.
    `ssdi_paid` is each person's SSDI actually paid this month (unearned income)."""
    steps: list[Step] = []
    unearned = sum(
        (p.other_unearned + paid for p, paid in zip(people, ssdi_paid, strict=True)), ZERO
    )
    general = params.general_exclusion
    countable_unearned = unearned
    if unearned:
        steps.append(Step("Unearned income (SSDI paid and other income)", unearned, unearned))
        countable_unearned = _take(steps, "$20 general income exclusion", unearned, general)
    general_left = general - (unearned - countable_unearned)

    gross = sum((p.gross_earnings for p in people), ZERO)
    steps.append(Step("Gross earned income", gross, gross))
    seie = sum((student_exclusion(p, params) for p in people), ZERO)
    earned = gross
    if seie:
        earned = _take(steps, "Student earned income exclusion", earned, seie)
    if general_left:
        earned = _take(steps, "Rest of the $20 general exclusion", earned, general_left)
    earned = _take(steps, "$65 earned income exclusion", earned, params.earned_income_exclusion)
    irwe = sum((p.irwe for p in people), ZERO)
    if irwe:
        earned = _take(steps, "Impairment-related work expenses (IRWE)", earned, irwe)
    half = cents(earned / 2)
    earned = _take(steps, "One half of the rest", earned, earned - half)
    bwe = sum((p.bwe for p in people if p.blind), ZERO)
    if bwe:
        earned = _take(steps, "Blind work expenses (BWE)", earned, bwe)

    rate = params.ssi_fbr_couple if len(people) == 2 else params.ssi_fbr_individual
    payment = max(ZERO, cents(rate - countable_unearned - earned))
    steps.append(Step("Countable income", countable_unearned + earned, countable_unearned + earned))
    steps.append(Step("SSI: the federal benefit rate less countable income", rate, payment))
    return SsiResult(
        payment=payment,
        countable_earned=cents(earned),
        countable_unearned=cents(countable_unearned),
        rate=rate,
        student_exclusion=seie,
        steps=tuple(steps),
    )


def ssdi(person: Person, params: Parameters) -> SsdiResult:
    """SSDI this month, metrics.md "Benefits estimate: the rules": paid whatever the
    earnings during the trial work period (a month with gross earnings above the year's
    amount is a TWP month); after the 9th TWP month (the extended period) not paid in a
    month whose countable earnings (gross less IRWE and subsidy) exceed SGA, except the
    three grace months. SGA is never judged for a person without SSDI."""
    sga = params.sga_blind if person.blind else params.sga_non_blind
    countable = max(ZERO, person.gross_earnings - person.irwe - person.subsidy)
    if person.ssdi <= 0:
        return SsdiResult(ZERO, False, False, cents(countable), False, sga, ())
    steps = [Step("Gross earnings", person.gross_earnings, person.gross_earnings)]
    rest = _take(steps, "IRWE", person.gross_earnings, person.irwe)
    _take(steps, "Subsidy and special conditions", rest, person.subsidy)
    above = countable > sga
    in_epe = person.epe or person.twp_months_used >= TWP_MONTHS
    twp_month = not in_epe and person.gross_earnings > params.trial_work_month_above
    grace = in_epe and above and person.grace_months_used < GRACE_MONTHS
    paid = ZERO if in_epe and above and not grace else person.ssdi
    steps.append(Step("SSDI this month", person.ssdi, paid))
    return SsdiResult(paid, twp_month, grace, cents(countable), above, sga, tuple(steps))


def medicaid_1619b(
    person: Person,
    params: Parameters,
    *,
    state: str | None,
    ssi_paid: Decimal,
    ssi_without_earnings: Decimal | None = None,
) -> bool | None:
    """Whether Medicaid continues under 1619(b) when earnings have ended SSI cash: the
    person's yearly gross earnings (month x 12) are under the state's threshold (POMS
    SI 02302.010: SSI cash would be paid but for the earnings). None when it does not
    apply: no state, not SSI-eligible, SSI still paid, no earnings, or SSI would be $0
    even without work (`ssi_without_earnings`: unearned income such as SSDI ends it, and
    1619(b) does not continue Medicaid for that); None too when no threshold is stored."""
    if state is None or not person.ssi_eligible or ssi_paid > 0:
        return None
    if person.gross_earnings <= 0:
        return None
    if ssi_without_earnings is not None and ssi_without_earnings <= 0:
        return None
    threshold = params.medicaid_1619b_thresholds.get(state)
    if threshold is None:
        return None
    return person.gross_earnings * 12 < threshold


def estimate(
    people: tuple[Person, ...], params: Parameters, *, state: str | None = None
) -> Estimate:
    """The month for one person (or an eligible couple: two people, both SSI-eligible).
    For a couple the SSI is the couple's, on the first person, 0 on the second.
    Raises ValueError for a couple that is not two people."""
    if len(people) not in (1, 2):
        raise ValueError("An estimate is for one person or a couple of two.")
    if len(people) == 2 and people[0].ssi_eligible != people[1].ssi_eligible:
        raise ValueError("An eligible couple is two SSI-eligible people (no deeming here).")
    ssdis = tuple(ssdi(p, params) for p in people)
    paid = tuple(s.paid for s in ssdis)
    eligible = tuple(p for p in people if p.ssi_eligible)
    unit = ssi(people, params, ssdi_paid=paid) if eligible else None
    ssi_total = unit.payment if unit else ZERO
    idle = tuple(replace(p, gross_earnings=ZERO, subsidy=ZERO) for p in people)
    idle_paid = tuple(ssdi(p, params).paid for p in idle)
    without_work = ssi(idle, params, ssdi_paid=idle_paid).payment if eligible else ZERO
    results = tuple(
        PersonResult(
            ssi=ssi_total if i == 0 else ZERO,
            ssdi=ssdis[i],
            countable_earned=unit.countable_earned if unit and i == 0 else ZERO,
            countable_unearned=unit.countable_unearned if unit and i == 0 else ZERO,
            medicaid_1619b=medicaid_1619b(
                p, params, state=state, ssi_paid=ssi_total, ssi_without_earnings=without_work
            ),
        )
        for i, p in enumerate(people)
    )
    income = sum(
        (p.gross_earnings + p.other_unearned + s.paid for p, s in zip(people, ssdis, strict=True)),
        ZERO,
    )
    return Estimate(
        year=params.year,
        people=results,
        ssi=unit,
        ssi_total=ssi_total,
        total_income=cents(income + ssi_total),
    )
