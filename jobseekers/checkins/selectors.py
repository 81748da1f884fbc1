"""Reads for PSR status check-ins: facts for the figures, and a person's timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from ips.models import Program
from jobseekers.checkins.compute import (
    CheckInFacts,
    PsrFigures,
    previous_period,
    psr_figures,
    quarter_of,
)
from jobseekers.checkins.outcomes import AssessmentFacts, LifeFacts, psr_outcomes
from jobseekers.models import (
    DomainAssessment,
    DomainRating,
    Goal,
    GoalReview,
    JobSeeker,
    StatusCheckIn,
)

FACT_FIELDS = (
    "seeker_id", "date", "housing", "education_enrolled", "education_completed", "justice",
    "inpatient_days", "er_visits",
)  # fmt: skip


def check_in_facts(program: Program, start: dt.date, end: dt.date) -> list[CheckInFacts]:
    """Check-ins of the program dated in [start, end], as plain facts (one query)."""
    rows = StatusCheckIn.objects.filter(program=program, date__gte=start, date__lte=end)
    return [CheckInFacts(*values) for values in rows.values_list(*FACT_FIELDS)]


def psr_and_learning(program: Program, start: dt.date, end: dt.date) -> tuple[PsrFigures, set[int]]:
    """The period's PSR figures (compared with the previous period of the same length) and
    the ids of the people a check-in in the period records as enrolled in or completing a
    course or credential (one query for both)."""
    before_start, before_end = previous_period(start, end)
    facts = check_in_facts(program, before_start, end)
    now = [f for f in facts if f.date >= start]
    figures = psr_figures(now, [f for f in facts if f.date <= before_end])
    learning = {f.seeker_id for f in now if f.education_enrolled or f.education_completed}
    return figures, learning


def learners(programs: list[Program], start: dt.date, end: dt.date) -> set[int]:
    """Ids of the people of `programs` a check-in dated in [start, end] records as enrolled
    in or completing a course or credential: `psr_and_learning`'s second part for many
    programs in one query (a combined report of 200 programs: 206 -> 7 queries)."""
    rows = StatusCheckIn.objects.filter(program__in=programs, date__gte=start, date__lte=end)
    rows = rows.filter(Q(education_enrolled=True) | Q(education_completed=True))
    return set(rows.values_list("seeker_id", flat=True))


def psr_outcomes_for(program: Program, start: dt.date, end: dt.date) -> dict:
    """PSR outcomes of the period (jobseekers.checkins.outcomes.psr_outcomes): goal
    attainment at re-assessments in [start, end], satisfaction, quality of life, social
    supports and domain-rating change for the people assessed in it (4 queries)."""
    attainments = list(
        GoalReview.objects.filter(
            program=program, assessment__date__gte=start, assessment__date__lte=end
        ).values_list("attainment", flat=True)
    )
    assessed = DomainAssessment.objects.filter(
        program=program, date__gte=start, date__lte=end
    ).values("seeker_id")
    rows = list(
        DomainAssessment.objects.filter(
            program=program, date__lte=end, seeker_id__in=assessed
        ).values_list("pk", "seeker_id", "date", "satisfaction")
    )
    ratings: dict[int, dict[str, int]] = {pk: {} for pk, *_ in rows}
    for assessment_id, domain, rating in DomainRating.objects.filter(
        assessment_id__in=list(ratings), rating__isnull=False
    ).values_list("assessment_id", "domain", "rating"):
        if rating is not None:  # the query leaves out unrated domains already
            ratings[assessment_id][domain] = rating
    facts = [AssessmentFacts(seeker, day, sat, ratings[pk]) for pk, seeker, day, sat in rows]
    life = [
        LifeFacts(*values)
        for values in StatusCheckIn.objects.filter(
            program=program, date__gte=start, date__lte=end
        ).values_list("seeker_id", "date", "quality_of_life", "social_supports", "service_rating")
    ]
    return psr_outcomes(
        attainments=attainments,
        assessments=[f for f in facts if f.date >= start],
        earlier_assessments=[f for f in facts if f.date < start],
        life=life,
    )


def psr_figures_for(program: Program, start: dt.date, end: dt.date) -> PsrFigures:
    """The period's figures, compared with the previous period of the same length (1 query)."""
    return psr_and_learning(program, start, end)[0]


def quarterly_psr(
    program: Program, last_day: dt.date, quarters: int = 4
) -> list[tuple[str, PsrFigures]]:
    """Figures for the last `quarters` calendar quarters up to `last_day` (one query)."""
    spans = []
    start, end = quarter_of(last_day)
    for _ in range(quarters):
        spans.append((start, end))
        start, end = quarter_of(start - dt.timedelta(days=1))
    spans.reverse()
    earliest = previous_period(*spans[0])[0]
    facts = check_in_facts(program, earliest, spans[-1][1])
    result = []
    for q_start, q_end in spans:
        p_start, p_end = previous_period(q_start, q_end)
        figures = psr_figures(
            [f for f in facts if q_start <= f.date <= q_end],
            [f for f in facts if p_start <= f.date <= p_end],
        )
        result.append((f"{q_start.year} Q{(q_start.month - 1) // 3 + 1}", figures))
    return result


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date
    kind: str  # "check_in", "assessment", "goal"
    item: object


def person_timeline(seeker: JobSeeker) -> list[TimelineEntry]:
    """Check-ins, assessments (with their domain ratings) and goals, newest first (3 queries)."""
    entries = [TimelineEntry(c.date, "check_in", c) for c in seeker.check_ins.all()]
    assessments = DomainAssessment.objects.filter(seeker=seeker).prefetch_related("ratings")
    entries += [TimelineEntry(a.date, "assessment", a) for a in assessments]
    goals = Goal.objects.filter(seeker=seeker)
    entries += [TimelineEntry(g.created_at.date(), "goal", g) for g in goals]
    return sorted(entries, key=lambda e: (e.date, e.kind), reverse=True)
