"""Work-incentives estimate (spec/metrics.md "Benefits estimate: the rules"): the pure
rules (`rules`) and the question the command and the screen both read (`question`).
Always an estimate, with the parameters' year; a benefits planner gives the real answer.
"""

from jobseekers.benefits.question import (
    US_STATES,
    InputError,
    Question,
    answer,
    as_json,
    read_question,
)
from jobseekers.benefits.rules import (
    CENT,
    ZERO,
    Estimate,
    Parameters,
    Person,
    PersonResult,
    SsdiResult,
    SsiResult,
    Step,
    cents,
    estimate,
    medicaid_1619b,
    monthly_earnings,
    ssdi,
    ssi,
    student_exclusion,
)

__all__ = [
    "CENT",
    "ZERO",
    "Estimate",
    "InputError",
    "US_STATES",
    "Parameters",
    "Person",
    "PersonResult",
    "Question",
    "SsdiResult",
    "SsiResult",
    "Step",
    "answer",
    "as_json",
    "cents",
    "estimate",
    "medicaid_1619b",
    "monthly_earnings",
    "read_question",
    "ssdi",
    "ssi",
    "student_exclusion",
]
