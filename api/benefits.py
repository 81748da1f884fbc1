"""POST /benefits-estimate: the work-incentives estimate of spec/interchange.md
("Benefits estimate"), the same question and answer as `manage.py benefits_estimate FILE`
and the benefits screen (`jobseekers.benefits.read_question`, then
`jobseekers.selectors.benefits_estimate`). It reads no person's record and writes nothing:
every staff role and service token may ask. Money is monthly dollars."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from ips.permissions import allowed_in_program
from ips.roles import program_roles
from jobseekers import benefits, selectors
from jobseekers.benefits.question import (
    COUNT_FIELDS,
    DEFAULTS,
    EXTRA_MONEY_FIELDS,
    FLAG_FIELDS,
    MONEY_FIELDS,
    MONEY_MAX,
    US_STATES,
)

router = Router(tags=["benefits"])

MONTHLY = "dollars a month (at most two decimals)"
_MONEY_HELP = {
    "gross_earnings": f"Pay before deductions, in {MONTHLY}; required",
    "ssdi": f"SSDI paid, in {MONTHLY}",
    "other_unearned": f"Other unearned income, in {MONTHLY}",
    "irwe": f"Impairment-related work expenses, in {MONTHLY}",
    "bwe": f"Blind work expenses (a blind person only), in {MONTHLY}",
    "subsidy": f"Value of employer support beyond the work done (SGA only), in {MONTHLY}",
    "student_exclusion_used": "Student earned income exclusion used this year, in dollars",
}


def _person_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for name in (*MONEY_FIELDS, *EXTRA_MONEY_FIELDS):
        properties[name] = {
            "type": "number",
            "minimum": 0,
            "maximum": float(MONEY_MAX),
            "multipleOf": 0.01,
            "description": _MONEY_HELP[name],
        }
    for name in FLAG_FIELDS:
        properties[name] = {"type": "boolean"}
    for name, most in COUNT_FIELDS.items():
        properties[name] = {"type": "integer", "minimum": 0, "maximum": most}
    return {
        "type": "object",
        "required": ["gross_earnings"],
        "additionalProperties": False,
        "properties": properties,
        "description": "One person's month; omitted fields take the example's values "
        "(spec/interchange.md)",
    }


QUESTION_SCHEMA = {
    "type": "object",
    "required": ["people"],
    "additionalProperties": False,
    "properties": {
        "year": {
            "type": "integer",
            "minimum": 1900,
            "maximum": 2100,
            "description": f"The benefits figures' year (default {DEFAULTS['year']})",
        },
        "state": {
            "anyOf": [{"type": "string", "enum": sorted(US_STATES)}, {"type": "null"}],
            "description": "Two-letter US state code for Medicaid 1619(b), or null "
            f"(default {DEFAULTS['state']})",
        },
        "couple": {"type": "boolean", "description": "Two people estimated as a couple"},
        "people": {
            "type": "array",
            "minItems": 1,
            "maxItems": 2,
            "items": _person_schema(),
            "description": "One person, or two when `couple` is true",
        },
    },
}


class PersonEstimate(Schema):
    ssi: float = Field(description=f"SSI cash, in {MONTHLY} (a couple's on the first person)")
    ssdi: float = Field(description=f"SSDI paid, in {MONTHLY}")
    countable_earned: float = Field(description=f"Countable earned income, in {MONTHLY}")
    countable_unearned: float = Field(description=f"Countable unearned income, in {MONTHLY}")
    twp_month: bool = Field(description="The month uses a Trial Work Period month")
    countable_for_sga: float = Field(description=f"Earnings counted for SGA, in {MONTHLY}")
    above_sga: bool = Field(description="Above Substantial Gainful Activity")
    medicaid_1619b: bool | None = Field(
        description="Medicaid continues under 1619(b); null when it does not apply"
    )


class EstimateOut(Schema):
    """The command's output (spec/interchange.md), amounts rounded to cents."""

    year: int = Field(description="The year of the benefits figures used")
    people: list[PersonEstimate]
    ssi_total: float = Field(description=f"SSI of everyone, in {MONTHLY}")
    total_income: float = Field(description=f"Earnings and benefits together, in {MONTHLY}")


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number")


@router.post(
    "/benefits-estimate",
    response=EstimateOut,
    summary="Benefits estimate",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": QUESTION_SCHEMA}},
        }
    },
)
def estimate(request):
    """Estimate SSI and SSDI for one month (spec/metrics.md "Benefits estimate"): the
    JSON question of `manage.py benefits_estimate` in, its JSON answer out. A bad field is
    a 422 naming it (`body.people[0].irwe`). An estimate only: a benefits planner gives
    the real answer."""
    user = request.user
    if (
        not any(
            allowed_in_program(user, "jobseekers.view_benefitsparameters", pid)
            for pid in program_roles(user)
        )
        and not user.is_superuser
    ):
        raise PermissionDenied("Benefits estimates are for program staff.")
    try:
        data = json.loads(request.body or b"", parse_float=Decimal, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError):
        raise HttpError(400, "The body is not one valid JSON object.") from None
    try:
        question = benefits.read_question(data)
        result = selectors.benefits_estimate(question)
    except benefits.InputError as error:
        field = "__all__" if error.field == "(input)" else error.field  # "body" / "body.<field>"
        raise ValidationError({field: [error.message]}) from None
    return benefits.as_json(result)
