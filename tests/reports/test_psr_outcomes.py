"""PSR outcomes in the report (docs/figures.md): hand-computed, pure and through
`ips_report`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from jobseekers.checkins.outcomes import AssessmentFacts, LifeFacts, psr_outcomes

D = dt.date


def test_psr_outcomes_hand_computed():
    assessments = [
        AssessmentFacts(1, D(2026, 8, 1), 4, {"housing": 4, "employment": 3}),
        AssessmentFacts(1, D(2026, 9, 1), 5, {"housing": 5, "employment": 2}),  # latest
        AssessmentFacts(2, D(2026, 8, 15), None, {"housing": 2}),
    ]
    earlier = [
        AssessmentFacts(1, D(2026, 2, 1), 3, {"housing": 1}),
        AssessmentFacts(2, D(2026, 3, 1), 2, {"housing": 3, "finances": 2}),
    ]
    life = [
        LifeFacts(1, D(2026, 7, 10), quality_of_life=2, social_supports=1, service_rating=4),
        LifeFacts(1, D(2026, 9, 10), quality_of_life=4, social_supports=3),  # latest
        LifeFacts(2, D(2026, 8, 20), quality_of_life=3, social_supports=0, service_rating=5),
    ]
    result = psr_outcomes(
        attainments=[2, 0, 0, -1, 1], assessments=assessments,
        earlier_assessments=earlier, life=life,
    )  # fmt: skip
    assert result["goal_attainment"] == {
        "reviewed": 5,
        "by_level": {"-2": 0, "-1": 1, "0": 2, "1": 1, "2": 1},
        "met_or_better": 4,
        "mean": 0.4,
    }
    assert result["satisfaction"] == {"people": 1, "mean": 5.0}  # person 2 gave none
    assert result["quality_of_life"] == {"people": 2, "mean": 3.5}  # 4 and 3, latest each
    assert result["social_supports"] == {"people": 2, "mean": 1.5}
    assert result["service_rating"] == {"people": 2, "mean": 4.5}  # 4 (earlier) and 5
    # Person 1: 1 Sept against 1 Aug (housing +1, employment -1); person 2: 15 Aug
    # against 1 March (housing -1; finances not rated again).
    assert result["domain_change"] == {
        "people": 2,
        "by_domain": {
            "employment": {"people": 1, "mean_change": -1.0},
            "housing": {"people": 2, "mean_change": 0.0},
        },
    }


def test_nobody_assessed_gives_empty_figures_not_zeros():
    result = psr_outcomes(attainments=[], assessments=[], earlier_assessments=[], life=[])
    assert result["goal_attainment"]["mean"] is None
    assert result["quality_of_life"] == {"people": 0, "mean": None}
    assert result["domain_change"] == {"people": 0, "by_domain": {}}


@pytest.mark.django_db
def test_ips_report_carries_goal_attainment_and_domain_change(program, seeker, staff):
    from jobseekers.models import DomainAssessment, DomainRating, Goal, GoalReview

    def assess(day, housing, satisfaction=None):
        a = DomainAssessment.objects.create(
            program=program, seeker=seeker, date=day, satisfaction=satisfaction
        )
        DomainRating.objects.create(program=program, assessment=a, domain="housing", rating=housing)
        return a

    assess(D(2026, 4, 1), 2)
    latest = assess(D(2026, 8, 1), 4, satisfaction=5)
    goal = Goal.objects.create(program=program, seeker=seeker, domain="housing", description="x")
    GoalReview.objects.create(program=program, assessment=latest, goal=goal, attainment=1)
    out = io.StringIO()
    call_command(
        "ips_report", "--program", program.name, "--start", "2026-07-01", "--end",
        "2026-09-30", stdout=out,
    )  # fmt: skip
    found = json.loads(out.getvalue())["psr_outcomes"]
    assert found["goal_attainment"]["by_level"]["1"] == 1
    assert found["satisfaction"] == {"people": 1, "mean": 5.0}
    assert found["domain_change"]["by_domain"] == {"housing": {"people": 1, "mean_change": 2.0}}
