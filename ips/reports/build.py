"""Build the program report of spec/interchange.md for one program and period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ips.fidelity.anchors import band
from ips.fidelity.compute import fidelity_items, outcomes
from ips.fidelity.models import FidelityReview
from ips.fidelity.quarterly import closed_in_period, earnings, education, job_endings, retention
from ips.fidelity.selectors import program_facts
from ips.models import Program
from jobseekers.checkins.selectors import learning_people, psr_figures_for


def latest_review_total(program: Program, start: dt.date, end: dt.date) -> int | None:
    """Total of the latest completed fidelity review dated in the period, if any."""
    return (
        FidelityReview.objects.filter(
            program=program,
            status=FidelityReview.Status.COMPLETED,
            review_date__range=(start, end),
        )
        .order_by("-review_date", "-id")
        .values_list("total", flat=True)
        .first()
    )


def program_report(
    program: Program, start: dt.date, end: dt.date, as_of: dt.date | None = None
) -> dict[str, Any]:
    """The report object of interchange.md: program, period (with `partial`: true when the
    period ends after `as_of`, default today), fidelity items and review, outcomes, PSR."""
    facts = program_facts(program, start, end, as_of)
    total = latest_review_total(program, start, end)
    return {
        "program": program.name,
        "period": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "partial": facts.period.partial,
        },
        "fidelity": {
            "items": {key: item.as_dict() for key, item in fidelity_items(facts).items()},
            "review": {"total": total, "band": band(total)},
        },
        "outcomes": outcomes(facts) | {"closed": closed_in_period(facts)},
        # Added key (interchange.md allows new keys): PSR outcomes from status check-ins.
        "psr": psr_figures_for(program, start, end).as_dict(),
        # Added keys (docs/figures.md): retention, job endings, earnings, education.
        "retention": {"marks": retention(facts), "job_endings": job_endings(facts)},
        "earnings": earnings(facts),
        "education": education(facts, learning_people(program, start, end)),
    }
