"""Services: referral to closing, profile versions, assessments and goals, job starts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jobseekers import services
from jobseekers.models import CareerProfile, DomainRating, Goal, GoalReview, Job, JobSeeker

D = dt.date


def test_referral_then_entry_moves_referred_to_engaged(program, staff, users):
    seeker = services.refer_seeker(
        program=program, name=" Jo Park ", referral_date=D(2026, 3, 1), referral_source="Team A"
    )
    assert (seeker.stage, seeker.name) == ("referred", "Jo Park")
    seeker = services.enter_caseload(
        seeker=seeker,
        entry_date=D(2026, 3, 4),
        specialist=staff["specialist"],
        by=users["specialist"],
    )
    seeker.refresh_from_db()
    assert (seeker.stage, seeker.entry_date, seeker.stage_changed_on) == (
        "engaged",
        D(2026, 3, 4),
        D(2026, 3, 4),
    )


def test_entry_before_referral_is_refused_and_changes_nothing(program):
    seeker = services.refer_seeker(program=program, name="Jo", referral_date=D(2026, 3, 1))
    with pytest.raises(ValidationError, match="before the referral"):
        services.enter_caseload(seeker=seeker, entry_date=D(2026, 2, 1))
    seeker.refresh_from_db()
    assert (seeker.stage, seeker.entry_date) == ("referred", None)


def test_referral_refuses_a_specialist_of_another_program(program, other_staff):
    with pytest.raises(ValidationError, match="another program"):
        services.refer_seeker(
            program=program,
            name="Jo",
            referral_date=D(2026, 3, 1),
            specialist=other_staff["specialist"],
        )
    assert not JobSeeker.objects.filter(name="Jo").exists()


def test_illegal_stage_move_is_refused(seeker):
    with pytest.raises(ValidationError, match="only after a job start"):
        services.move_seeker_stage(seeker=seeker, stage="follow_along", on=D(2026, 3, 1))
    seeker.refresh_from_db()
    assert seeker.stage == "job_search"


def test_referred_person_cannot_start_a_job(program, employer):
    seeker = services.refer_seeker(program=program, name="Jo", referral_date=D(2026, 3, 1))
    with pytest.raises(ValidationError, match="caseload"):
        services.record_job_start(
            seeker=seeker, employer=employer, title="Baker", start_date=D(2026, 3, 2)
        )
    assert not Job.objects.exists()


def test_closing_for_not_ready_is_refused(seeker):
    with pytest.raises(ValidationError, match="readiness"):
        services.close_seeker(seeker=seeker, closed_date=D(2026, 3, 1), reason="not_ready")
    seeker.refresh_from_db()
    assert (seeker.stage, seeker.closed_date) == ("job_search", None)


def test_closing_records_the_reason_and_reopening_clears_it(seeker):
    services.close_seeker(seeker=seeker, closed_date=D(2026, 3, 1), reason="moved")
    seeker.refresh_from_db()
    assert (seeker.stage, seeker.close_reason, seeker.closed_date) == (
        "closed",
        "moved",
        D(2026, 3, 1),
    )
    services.enter_caseload(seeker=seeker, entry_date=D(2026, 5, 1))
    seeker.refresh_from_db()
    assert (seeker.stage, seeker.closed_date, seeker.close_reason) == ("engaged", None, "")


def test_closing_as_other_needs_a_note(seeker):
    with pytest.raises(ValidationError, match="Say what happened"):
        services.close_seeker(seeker=seeker, closed_date=D(2026, 3, 1), reason="other")


def test_profile_update_keeps_the_earlier_version(seeker, users):
    first = services.update_career_profile(
        seeker=seeker,
        changes={"dream_job": "Chef", "preferred_occupations": ["35-2014.00"]},
        by=users["specialist"],
    )
    second = services.update_career_profile(
        seeker=seeker, changes={"short_term_goal": "Kitchen job near home"}, by=None
    )
    first.refresh_from_db()
    assert (first.version, first.is_current) == (1, False)
    assert (second.version, second.is_current) == (2, True)
    assert second.dream_job == "Chef"  # carried over
    assert [o.code for o in second.preferred_occupations.all()] == ["35-2014.00"]
    assert first.created_by == users["specialist"].staff_memberships.get()
    assert second.created_by is None
    assert CareerProfile.objects.filter(seeker=seeker).count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"diagnosis": "x"}, "diagnosis"),
        ({"min_hours_per_week": 30, "max_hours_per_week": 10}, "max_hours_per_week"),
        ({"preferred_occupations": ["99-9999.99"]}, "preferred_occupations"),
        ({"work_history": [{"went_well": "people"}]}, "work_history"),
        ({"travel_mode": "rocket"}, "travel_mode"),
    ],
)
def test_bad_profile_changes_are_refused_and_write_nothing(seeker, changes, field):
    with pytest.raises(ValidationError) as error:
        services.update_career_profile(seeker=seeker, changes=changes, by=None)
    assert field in error.value.message_dict
    assert not CareerProfile.objects.filter(seeker=seeker).exists()


def test_profile_refuses_an_employer_of_another_program(seeker, other_employer):
    with pytest.raises(ValidationError, match="another program"):
        services.update_career_profile(
            seeker=seeker, changes={"ruled_out_employers": [other_employer]}, by=None
        )


def test_work_history_entry_adds_a_version(seeker):
    services.update_career_profile(seeker=seeker, changes={"dream_job": "Chef"}, by=None)
    profile = services.add_work_history_entry(
        seeker=seeker,
        entry={"employer": "Diner", "title": "Dishwasher", "went_well": "the team"},
        by=None,
    )
    assert profile.version == 2
    assert profile.work_history[0]["title"] == "Dishwasher"


def test_assessment_defaults_reassessment_to_90_days_and_records_goal_attainment(seeker, users):
    first = services.record_assessment(
        seeker=seeker,
        date=D(2026, 2, 1),
        domains={"employment": {"strengths": "Reliable", "needs": "A first job", "rating": 2}},
        by=users["specialist"],
    )
    assert first.next_due == D(2026, 5, 2)
    goal = services.set_goal(
        seeker=seeker,
        domain="employment",
        description="Work in a kitchen",
        target_date=D(2026, 6, 1),
        steps=[("Visit two kitchens", D(2026, 3, 1)), ("", None)],
        assessment=first,
        by=users["specialist"],
    )
    assert goal.steps.count() == 1
    second = services.record_assessment(
        seeker=seeker,
        date=D(2026, 5, 2),
        domains={"employment": {"strengths": "Working", "needs": "", "rating": 4}},
        satisfaction=5,
        goal_attainment={goal.pk: 1},
        by=users["specialist"],
    )
    assert GoalReview.objects.get(assessment=second).attainment == 1
    assert second.satisfaction == 5
    assert DomainRating.objects.filter(assessment__seeker=seeker).count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"domains": {"astrology": {"strengths": "x"}}}, "domains"),
        ({"domains": {"housing": {"strengths": "", "needs": ""}}}, "domains"),
        ({"domains": {"housing": {"strengths": "ok"}}, "satisfaction": 9}, "satisfaction"),
        ({"domains": {"housing": {"strengths": "ok", "rating": 0}}}, "rating"),
    ],
)
def test_bad_assessment_is_refused(seeker, kwargs, field):
    with pytest.raises(ValidationError) as error:
        services.record_assessment(seeker=seeker, date=D(2026, 2, 1), by=None, **kwargs)
    assert field in error.value.message_dict
    assert not seeker.assessments.exists()


def test_goal_attainment_for_someone_elses_goal_is_refused(seeker, other_seeker):
    goal = services.set_goal(seeker=other_seeker, domain="housing", description="x", by=None)
    with pytest.raises(ValidationError, match="not this person"):
        services.record_assessment(
            seeker=seeker,
            date=D(2026, 2, 1),
            domains={"housing": {"strengths": "ok"}},
            goal_attainment={goal.pk: 0},
            by=None,
        )
    assert not seeker.assessments.exists()


def test_goal_status_changes(seeker):
    goal = services.set_goal(seeker=seeker, domain="housing", description="Own flat", by=None)
    services.update_goal_status(goal=goal, status="achieved", by=None)
    assert Goal.objects.get(pk=goal.pk).status == "achieved"
    with pytest.raises(ValidationError):
        services.update_goal_status(goal=goal, status="failed", by=None)


def test_job_start_moves_to_working(seeker, employer):
    job = services.record_job_start(
        seeker=seeker,
        employer=employer,
        title="Baker",
        start_date=D(2026, 3, 2),
        hours_per_week=Decimal("20"),
        hourly_wage=Decimal("15.00"),
    )
    seeker.refresh_from_db()
    assert seeker.stage == "working"
    assert job.competitive


def test_wage_under_minimum_cannot_be_competitive(seeker, employer):
    with pytest.raises(ValidationError, match="minimum wage"):
        services.record_job_start(
            seeker=seeker,
            employer=employer,
            title="Baker",
            start_date=D(2026, 3, 2),
            hourly_wage=Decimal("7.24"),
            competitive=True,
        )
    assert not Job.objects.exists()
    seeker.refresh_from_db()
    assert seeker.stage == "job_search"


def test_wage_at_minimum_is_competitive(seeker, employer):
    job = services.record_job_start(
        seeker=seeker,
        employer=employer,
        title="Baker",
        start_date=D(2026, 3, 2),
        hourly_wage=Decimal("7.25"),
    )
    assert job.competitive


def test_update_job_keeps_the_competitive_wage_rule(seeker, employer):
    job = services.record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=D(2026, 3, 2)
    )
    with pytest.raises(ValidationError, match="minimum wage"):
        services.update_job(job=job, changes={"hourly_wage": Decimal("5")})
    job.refresh_from_db()
    assert job.hourly_wage is None


def test_job_start_refuses_an_employer_of_another_program(seeker, other_employer):
    with pytest.raises(ValidationError, match="another program"):
        services.record_job_start(
            seeker=seeker, employer=other_employer, title="Cook", start_date=D(2026, 3, 2)
        )


def test_job_end_restarts_the_search_and_asks_for_a_profile_update(seeker, employer):
    job = services.record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=D(2026, 3, 2)
    )
    services.record_job_end(job=job, end_date=D(2026, 4, 1), reason="quit")
    seeker.refresh_from_db()
    assert (seeker.stage, seeker.profile_update_requested_on) == ("job_search", D(2026, 4, 1))
    services.update_career_profile(seeker=seeker, changes={"dream_job": "Pastry chef"}, by=None)
    seeker.refresh_from_db()
    assert seeker.profile_update_requested_on is None


def test_job_end_before_start_is_refused(seeker, employer):
    job = services.record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=D(2026, 3, 2)
    )
    with pytest.raises(ValidationError, match="before it started"):
        services.record_job_end(job=job, end_date=D(2026, 3, 1), reason="quit")
    job.refresh_from_db()
    assert job.end_date is None


def test_benefits_counselling_is_logged(seeker):
    row = services.log_benefits_counselling(
        seeker=seeker, date=D(2026, 2, 20), counsellor="WIPA", by=None
    )
    assert row.program_id == seeker.program_id


def test_working_comes_only_from_a_job_start(seeker):
    with pytest.raises(ValidationError, match="job start"):
        services.move_seeker_stage(seeker=seeker, stage="working", on=D(2026, 3, 1))
    seeker.refresh_from_db()
    assert seeker.stage == "job_search"


def test_working_person_moves_to_follow_along(seeker, employer):
    services.record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=D(2026, 3, 2)
    )
    services.move_seeker_stage(seeker=seeker, stage="follow_along", on=D(2026, 6, 1))
    seeker.refresh_from_db()
    assert (seeker.stage, seeker.stage_changed_on) == ("follow_along", D(2026, 6, 1))
