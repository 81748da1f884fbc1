"""The estimate's question as plain data: read, checked and answered the same way by
`manage.py benefits_estimate` and the benefits screen (spec/interchange.md, "Benefits
estimate"). Pure: a mapping in, a `Question` out, or `InputError` naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from jobseekers.benefits.rules import (
    GRACE_MONTHS,
    TWP_MONTHS,
    Estimate,
    Parameters,
    Person,
    estimate,
)

MONEY_MAX = Decimal("1000000")
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV "
    "NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
# interchange.md: omitted fields take the values of the example
DEFAULTS: dict[str, Any] = {"year": 2026, "state": "MI", "couple": False}
MONEY_FIELDS = ("gross_earnings", "ssdi", "other_unearned", "irwe", "bwe")
# Not in interchange.md's example: needed for the yearly student cap and SGA's subsidy.
EXTRA_MONEY_FIELDS = ("subsidy", "student_exclusion_used")
FLAG_FIELDS = ("ssi_eligible", "blind", "student_under_22", "epe")
COUNT_FIELDS = {"twp_months_used": TWP_MONTHS, "grace_months_used": GRACE_MONTHS}
PERSON_FIELDS = frozenset((*MONEY_FIELDS, *EXTRA_MONEY_FIELDS, *FLAG_FIELDS, *COUNT_FIELDS))


class InputError(ValueError):
    """Bad input: `field` is its path in the question (`people[0].irwe`)."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Question:
    year: int
    state: str | None
    people: tuple[Person, ...]


def _money(value: object, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InputError(field, "must be a number of dollars.")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise InputError(field, "must be a number of dollars.") from None
    if not amount.is_finite():
        raise InputError(field, "must be a number of dollars.")
    if amount < 0:
        raise InputError(field, "cannot be negative.")
    if amount > MONEY_MAX:
        raise InputError(field, f"cannot be more than ${MONEY_MAX:,} a month.")
    if amount != amount.quantize(Decimal("0.01")):
        raise InputError(field, "give dollars and cents (at most two decimals).")
    return amount


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(field, "must be true or false.")
    return value


def _count(value: object, field: str, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise InputError(field, f"must be a whole number from 0 to {most}.")
    return value


def read_person(data: object, where: str) -> Person:
    """One person of `people`; raises InputError naming the field."""
    if not isinstance(data, Mapping):
        raise InputError(where, "must be an object.")
    for name in data:
        if name not in PERSON_FIELDS:
            raise InputError(f"{where}.{name}", "is not a known field.")
    if "gross_earnings" not in data:
        raise InputError(f"{where}.gross_earnings", "is required.")
    values: dict[str, Any] = {}
    for name, value in data.items():
        path = f"{where}.{name}"
        if name in COUNT_FIELDS:
            values[name] = _count(value, path, COUNT_FIELDS[name])
        elif name in FLAG_FIELDS:
            values[name] = _flag(value, path)
        else:
            values[name] = _money(value, path)
    person = Person(**values)
    if person.bwe and not person.blind:
        raise InputError(f"{where}.bwe", "blind work expenses count only for a blind person.")
    return person


def read_question(data: object) -> Question:
    """The whole question (interchange.md "Benefits estimate"); raises InputError naming
    the first bad field. Nothing is written either way."""
    if not isinstance(data, Mapping):
        raise InputError("(input)", "must be one JSON object.")
    for name in data:
        if name not in ("year", "state", "couple", "people"):
            raise InputError(name, "is not a known field.")
    year = data.get("year", DEFAULTS["year"])
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
        raise InputError("year", "must be a year such as 2026.")
    state = data.get("state", DEFAULTS["state"])
    if state is not None and (not isinstance(state, str) or state.upper() not in US_STATES):
        raise InputError("state", "must be a two-letter US state code such as MI, or null.")
    couple = _flag(data.get("couple", DEFAULTS["couple"]), "couple")
    people = data.get("people")
    if not isinstance(people, list) or not people:
        raise InputError("people", "must be a list of one person, or two for a couple.")
    if couple and len(people) != 2:
        raise InputError("people", "a couple needs two people.")
    if not couple and len(people) != 1:
        raise InputError("couple", "two people are estimated only as a couple (couple: true).")
    persons = tuple(read_person(p, f"people[{i}]") for i, p in enumerate(people))
    if couple and persons[0].ssi_eligible != persons[1].ssi_eligible:
        raise InputError(
            "people[1].ssi_eligible",
            "an eligible couple means both are SSI-eligible; with one, SSA deems the "
            "spouse's income, which this estimate does not do: ask a benefits planner.",
        )
    return Question(year=year, state=state.upper() if state else None, people=persons)


def answer(question: Question, params: Parameters) -> Estimate:
    """The estimate for a checked question with its year's parameters."""
    return estimate(question.people, params, state=question.state)


def as_json(result: Estimate) -> dict[str, Any]:
    """The command's output object (interchange.md), amounts as numbers to the cent."""

    def money(value: Decimal) -> float:
        return float(value.quantize(Decimal("0.01")))

    return {
        "year": result.year,
        "people": [
            {
                "ssi": money(p.ssi),
                "ssdi": money(p.ssdi.paid),
                "countable_earned": money(p.countable_earned),
                "countable_unearned": money(p.countable_unearned),
                "twp_month": p.ssdi.twp_month,
                "countable_for_sga": money(p.ssdi.countable_for_sga),
                "above_sga": p.ssdi.above_sga,
                "medicaid_1619b": p.medicaid_1619b,
            }
            for p in result.people
        ],
        "ssi_total": money(result.ssi_total),
        "total_income": money(result.total_income),
    }
