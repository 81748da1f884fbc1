"""PSR outcomes for a period (issue 18, item 7; defined in docs/figures.md): goal
attainment at re-assessments, the person's satisfaction and quality of life, social
supports, and how domain ratings changed between a person's assessments. Pure: plain
values in, plain values out.

Means are rounded to 2 decimals (null when nobody is counted); counts are people unless
named goals.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

ATTAINMENT_LEVELS = (-2, -1, 0, 1, 2)  # goal attainment scaling, much less .. much more


@dataclass(frozen=True)
class AssessmentFacts:
    """One PSR assessment: its person, date, the person's satisfaction (1-5) and the
    domain ratings given (domain -> 1-5)."""

    seeker_id: int
    date: dt.date
    satisfaction: int | None
    ratings: dict[str, int]


@dataclass(frozen=True)
class LifeFacts:
    """What a status check-in records of the person's life: quality of life (1-5), the
    number of people they can count on, and their rating of our services (1-5)."""

    seeker_id: int
    date: dt.date
    quality_of_life: int | None = None
    social_supports: int | None = None
    service_rating: int | None = None


def _mean(values: list[int]) -> float | None:
    """Mean rounded half up to 2 decimals (as a person would: 0.125 -> 0.13)."""
    if not values:
        return None
    exact = Fraction(sum(values), len(values))
    return math.floor(exact * 100 + Fraction(1, 2)) / 100


def _latest_per_person(rows: Iterable[Any], attr: str) -> list[int]:
    """Each person's latest recorded value of `attr` among `rows` (sorted by date)."""
    latest: dict[int, int] = {}
    for row in sorted(rows, key=lambda r: r.date):
        value = getattr(row, attr)
        if value is not None:
            latest[row.seeker_id] = value
    return list(latest.values())


def goal_attainment(attainments: list[int]) -> dict[str, object]:
    """Goals reviewed at re-assessments dated in the period, by attainment level.

    Shape: `{"reviewed": 5, "by_level": {"-2": 0, "-1": 1, "0": 2, "1": 1, "2": 1},
    "met_or_better": 4, "mean": 0.4}` (levels as in GoalReview.Attainment)."""
    counts = Counter(attainments)
    return {
        "reviewed": len(attainments),
        "by_level": {str(level): counts.get(level, 0) for level in ATTAINMENT_LEVELS},
        "met_or_better": sum(1 for a in attainments if a >= 0),
        "mean": _mean(attainments),
    }


def domain_change(
    in_period: list[AssessmentFacts], before: list[AssessmentFacts]
) -> dict[str, object]:
    """Change in domain ratings for the same people: each person's latest assessment in
    the period against their previous assessment (in the period or before it), domain by
    domain where both rated it.

    Shape: `{"people": 3, "by_domain": {"housing": {"people": 2, "mean_change": 1.5}, ...}}`
    (domains nobody was compared on are left out)."""
    by_person: dict[int, list[AssessmentFacts]] = defaultdict(list)
    for row in sorted([*before, *in_period], key=lambda a: a.date):
        by_person[row.seeker_id].append(row)
    latest_in_period = {a.seeker_id: a for a in sorted(in_period, key=lambda a: a.date)}
    changes: dict[str, list[int]] = defaultdict(list)
    compared = set()
    for person, latest in latest_in_period.items():
        history = [a for a in by_person[person] if a.date < latest.date]
        if not history:
            continue
        previous = history[-1]
        for domain, rating in latest.ratings.items():
            if domain in previous.ratings:
                changes[domain].append(rating - previous.ratings[domain])
                compared.add(person)
    return {
        "people": len(compared),
        "by_domain": {
            domain: {"people": len(values), "mean_change": _mean(values)}
            for domain, values in sorted(changes.items())
        },
    }


def psr_outcomes(
    *,
    attainments: list[int],
    assessments: list[AssessmentFacts],
    earlier_assessments: list[AssessmentFacts],
    life: list[LifeFacts],
) -> dict[str, object]:
    """The period's PSR outcomes: `attainments` of goals reviewed in the period,
    `assessments` dated in it, `earlier_assessments` (the same people's, before it) and
    `life` (check-ins dated in it).

    Shape: `{"goal_attainment": {...}, "satisfaction": {"people", "mean"},
    "service_rating": {...}, "quality_of_life": {...}, "social_supports": {...},
    "domain_change": {...}}`; satisfaction, quality of life, social supports and service
    rating take each person's latest value in the period."""

    def summary(values: list[int]) -> dict[str, object]:
        return {"people": len(values), "mean": _mean(values)}

    return {
        "goal_attainment": goal_attainment(attainments),
        "satisfaction": summary(_latest_per_person(assessments, "satisfaction")),
        "service_rating": summary(_latest_per_person(life, "service_rating")),
        "quality_of_life": summary(_latest_per_person(life, "quality_of_life")),
        "social_supports": summary(_latest_per_person(life, "social_supports")),
        "domain_change": domain_change(assessments, earlier_assessments),
    }
