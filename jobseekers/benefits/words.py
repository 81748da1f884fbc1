"""The estimate in plain words for the benefits screen: "now" against "if you took this
job". Pure: estimates in, sentences out. SGA is named only for someone who gets SSDI
(metrics.md: SGA never applies to SSI after application)."""

from __future__ import annotations

from decimal import Decimal

from jobseekers.benefits.rules import GRACE_MONTHS, TWP_MONTHS, Estimate, Person, cents


def dollars(amount: Decimal) -> str:
    """$994, $1,556.50: whole dollars without cents, otherwise to the cent."""
    amount = cents(amount)
    if amount == amount.to_integral_value():
        return f"${amount:,.0f}"
    return f"${amount:,.2f}"


def _change(what: str, before: Decimal, after: Decimal) -> str:
    if before == after:
        return f"your {what} would stay {dollars(before)}"
    return f"your {what} would go from {dollars(before)} to {dollars(after)}"


def summary(now: Estimate, then: Estimate, person: Person, state: str | None) -> list[str]:
    """Sentences comparing this month with the month in the job, for `person` (the job
    seeker, with the job's earnings). The first sentence is about SSI and total income."""
    total = _change("total income", now.total_income, then.total_income)
    if person.ssi_eligible:
        ssi = _change("SSI", now.ssi_total, then.ssi_total)
        lines = [f"{ssi[0].upper()}{ssi[1:]}; {total}."]
    else:
        lines = [f"{total[0].upper()}{total[1:]}."]
    ssdi_now, ssdi_then = now.people[0].ssdi, then.people[0].ssdi
    if person.ssdi > 0:
        ssdi = _change("SSDI", ssdi_now.paid, ssdi_then.paid)
        lines.append(f"{ssdi[0].upper()}{ssdi[1:]}.")
        lines.extend(_ssdi_lines(then, person))
    if person.ssi_eligible and then.ssi_total == 0:
        lines.append(_medicaid_line(then, person, state))
    return lines


def _ssdi_lines(then: Estimate, person: Person) -> list[str]:
    result = then.people[0].ssdi
    counted = f"Counted earnings {dollars(result.countable_for_sga)} (pay less IRWE and subsidy)"
    sga = f"the SGA amount of {dollars(result.sga_limit)} a month"
    if result.twp_month:
        month = person.twp_months_used + 1
        return [
            f"This would be trial work month {month} of {TWP_MONTHS}: "
            "SSDI is paid whatever the earnings. Report the wages to SSA."
        ]
    if not (person.epe or person.twp_months_used >= TWP_MONTHS):
        return ["Pay at or under the trial work amount: not a trial work month."]
    if not result.above_sga:
        return [f"{counted} would not be above {sga}, so SSDI continues."]
    if result.grace_month:
        month = person.grace_months_used + 1
        return [
            f"{counted} would be above {sga}; this would be grace month {month} of "
            f"{GRACE_MONTHS}, so SSDI is still paid."
        ]
    return [f"{counted} would be above {sga} after the grace months, so SSDI stops."]


def _medicaid_line(then: Estimate, person: Person, state: str | None) -> str:
    covered = then.people[0].medicaid_1619b
    if covered is True:
        return (
            "SSI cash would stop, but Medicaid would continue under 1619(b) while yearly pay "
            f"stays under {state}'s threshold."
        )
    if covered is False:
        return (
            f"Yearly pay of {dollars(person.gross_earnings * 12)} would be over {state}'s "
            "1619(b) threshold: ask about an individual threshold so Medicaid can continue."
        )
    if state:
        return (
            f"No 1619(b) threshold is stored for {state}: ask the benefits planner about Medicaid."
        )
    return "Give the state to see whether Medicaid would continue under 1619(b)."
