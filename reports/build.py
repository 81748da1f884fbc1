"""Build the program report of spec/interchange.md for one program and period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ips.fidelity.anchors import band
from ips.fidelity.compute import fidelity_items, outcomes
from ips.fidelity.models import FidelityReview
from ips.fidelity.quarterly import closed_in_period, earnings, education, job_endings, retention
from ips.fidelity.selectors import program_facts
from ips.models import Program
from jobseekers.checkins.selectors import learners, psr_and_learning, psr_outcomes_for
from reports.periods import last_quarters, quarter_label


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
    program: Program,
    start: dt.date,
    end: dt.date,
    as_of: dt.date | None = None,
    *,
    with_psr_outcomes: bool = True,
) -> dict[str, Any]:
    """The report object of interchange.md: program, period (with `partial`: true when the
    period ends after `as_of`, default today), fidelity items and review, outcomes, PSR.
    `with_psr_outcomes=False` leaves out `psr_outcomes` (4 queries) where only the
    outcomes are read, as in the quarterly trend and return."""
    facts = program_facts(program, start, end, as_of)
    total = latest_review_total(program, start, end)
    psr, learning = psr_and_learning(program, start, end)
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
        "psr": psr.as_dict(),
        # Added keys (docs/figures.md): retention, job endings, earnings, education.
        "retention": {"marks": retention(facts), "job_endings": job_endings(facts)},
        "earnings": earnings(facts),
        "education": education(facts, learning),
        # Added key (docs/figures.md): goal attainment, satisfaction, quality of life,
        # social supports and domain-rating change from the PSR assessments and check-ins.
        **({"psr_outcomes": psr_outcomes_for(program, start, end)} if with_psr_outcomes else {}),
    }


def quarterly_reports(
    program: Program, last_day: dt.date, count: int = 8, as_of: dt.date | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """The report of each of the `count` calendar quarters up to the one holding
    `last_day` (or today, if sooner: a quarter not yet begun has no figures), oldest first,
    labelled "2026 Q3" ("2026 Q4 so far" while a quarter has
    not ended). Each is `program_report` of that quarter: the quarterly return's rows."""
    result = []
    today = as_of or timezone.localdate()
    for start, end in last_quarters(min(last_day, today), count):
        report = program_report(program, start, end, as_of, with_psr_outcomes=False)
        label = quarter_label(start)
        result.append((f"{label} so far" if report["period"]["partial"] else label, report))
    return result


def combined_report(
    programs: list[Program], start: dt.date, end: dt.date, as_of: dt.date | None = None
) -> dict[str, Any]:
    """Several programs taken together for a period: the outcomes, retention, earnings and
    education of the union of their records, so every count is the sum of the programs'
    counts and every rate is recomputed from the summed counts, never an average of rates
    (issue 18). Fidelity items are per program and are not totalled.

    Shape: `{"programs": [names], "period": {...}, "outcomes": {...}, "retention": {...},
    "earnings": {...}, "education": {...}}`, each as in `program_report`.
    """
    facts = program_facts(programs, start, end, as_of)
    learning = learners(programs, start, end)
    return {
        "programs": [p.name for p in programs],
        "period": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "partial": facts.period.partial,
        },
        "outcomes": outcomes(facts) | {"closed": closed_in_period(facts)},
        "retention": {"marks": retention(facts), "job_endings": job_endings(facts)},
        "earnings": earnings(facts),
        "education": education(facts, learning),
    }
