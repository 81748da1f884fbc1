"""Every database constraint of our models, proven at the database: a bad row written
straight to the table (no form, no full_clean) raises IntegrityError, a good one saves.

The tables are keyed by constraint name and checked against `_meta.constraints`, so a
new constraint without a row here fails `test_every_constraint_has_bad_and_good_rows`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction

from tests.factories import (
    BasicNeedFactory,
    BenefitsCounsellingFactory,
    BenefitsParametersFactory,
    CareerProfileFactory,
    DigestLogFactory,
    DomainAssessmentFactory,
    DomainRatingFactory,
    EmployerContactFactory,
    EmployerFactory,
    FamilyConsentFactory,
    FollowUpTaskFactory,
    GoalFactory,
    GoalReviewFactory,
    InterventionFactory,
    InterventionReviewFactory,
    JobFactory,
    JobOpeningFactory,
    JobSeekerFactory,
    MatchFactory,
    MatchModelFactory,
    MatchOutcomeFactory,
    Medicaid1619bThresholdFactory,
    MentalHealthTeamFactory,
    ProgramFactory,
    RetentionMilestoneFactory,
    StaffMemberFactory,
    StatusCheckInFactory,
    SupportContactFactory,
    TimeEntryFactory,
    UserFactory,
    WageReportFactory,
    WeekOfHoursSaveFactory,
)

OUR_APPS = ("ips", "employers", "jobseekers", "coaching")
D = dt.date(2026, 3, 1)
Write = Callable[[], object]


def constraints() -> dict[str, models.BaseConstraint]:
    return {
        c.name: c
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
        for c in model._meta.constraints
    }


def row(factory, **values) -> Callable[[], Write]:
    """Arrange nothing; the write is one row with `values`."""
    return lambda: lambda: factory(**values)


def second(factory, first: Callable[[], dict], then: Callable[[dict], dict]) -> Callable[[], Write]:
    """Arrange a first row; the write is a second row built from the first one's values."""

    def arrange() -> Write:
        values = first()
        factory(**values)
        return lambda: factory(**then(values))

    return arrange


def same(values: dict) -> dict:
    return values


def staff_row() -> dict:
    return {"user": UserFactory(), "program": ProgramFactory()}


def in_program(**extra) -> Callable[[], dict]:
    return lambda: {"program": ProgramFactory(), **extra}


def for_seeker(**extra) -> Callable[[], dict]:
    return lambda: {"seeker": JobSeekerFactory(), **extra}


def for_assessment(**extra) -> Callable[[], dict]:
    return lambda: {"assessment": DomainAssessmentFactory(), **extra}


def for_job(**extra) -> Callable[[], dict]:
    return lambda: {"job": JobFactory(), **extra}


def pair() -> dict:
    seeker = JobSeekerFactory()
    return {"seeker": seeker, "opening": JobOpeningFactory(program=seeker.program)}


def goal_review() -> dict:
    goal = GoalFactory()
    return {"goal": goal, "assessment": DomainAssessmentFactory(seeker=goal.seeker)}


def intervention_review() -> dict:
    intervention = InterventionFactory()
    return {
        "intervention": intervention,
        "assessment": DomainAssessmentFactory(seeker=intervention.seeker),
    }


def other_program(values: dict) -> dict:
    return {**values, "program": ProgramFactory()}


def blank_ref(values: dict) -> dict:
    return {**values, "ref": ""}


# (constraint name, case id, arrange) -> arrange() returns the write that must FAIL.
BAD = [
    ("program_minimum_wage_not_negative", "wage -0.01", row(ProgramFactory, minimum_wage="-0.01")),
    (
        "program_name_unique_ci",
        "same name in other capitals",
        second(ProgramFactory, lambda: {"name": "North Team"}, lambda v: {"name": "NORTH team"}),
    ),
    ("staff_one_row_per_program", "same user twice", second(StaffMemberFactory, staff_row, same)),
    ("staff_fte_between_0_and_1", "fte 0", row(StaffMemberFactory, fte=Decimal("0"))),
    ("staff_fte_between_0_and_1", "fte 1.01", row(StaffMemberFactory, fte=Decimal("1.01"))),
    ("staff_fte_between_0_and_1", "fte -0.5", row(StaffMemberFactory, fte=Decimal("-0.5"))),
    ("staff_role_known", "role janitor", row(StaffMemberFactory, role="janitor")),
    (
        "mh_team_unique_per_program",
        "same name twice",
        second(MentalHealthTeamFactory, in_program(name="ACT"), same),
    ),
    ("time_entry_hours_0_to_24", "hours -1", row(TimeEntryFactory, hours=Decimal("-1"))),
    ("time_entry_hours_0_to_24", "hours 24.5", row(TimeEntryFactory, hours=Decimal("24.5"))),
    ("time_entry_activity_known", "activity nap", row(TimeEntryFactory, activity="nap")),
    ("time_entry_location_known", "location moon", row(TimeEntryFactory, location="moon")),
    (
        "employer_ref_unique_per_program",
        "same ref twice",
        second(EmployerFactory, in_program(ref="E-1"), same),
    ),
    ("employer_contact_mode_known", "mode fax", row(EmployerContactFactory, mode="fax")),
    ("opening_hours_0_to_80", "hours -1", row(JobOpeningFactory, hours_per_week=Decimal("-1"))),
    ("opening_hours_0_to_80", "hours 81", row(JobOpeningFactory, hours_per_week=Decimal("81"))),
    ("opening_wage_not_negative", "wage -1", row(JobOpeningFactory, hourly_wage=Decimal("-1"))),
    ("opening_status_known", "status maybe", row(JobOpeningFactory, status="maybe")),
    (
        "opening_closed_not_before_posted",
        "closed a day early",
        row(JobOpeningFactory, posted_on=D, closed_on=D - dt.timedelta(days=1)),
    ),
    (
        "seeker_ref_unique_per_program",
        "same ref twice",
        second(JobSeekerFactory, in_program(ref="S-1"), same),
    ),
    (
        "seeker_entry_not_before_referral",
        "entry before referral",
        row(JobSeekerFactory, referral_date=D, entry_date=D - dt.timedelta(days=1)),
    ),
    (
        "seeker_closed_not_before_entry",
        "closed before entry",
        row(JobSeekerFactory, entry_date=D, closed_date=D - dt.timedelta(days=1)),
    ),
    ("seeker_stage_known", "stage retired", row(JobSeekerFactory, stage="retired")),
    (
        "one_current_profile_per_seeker",
        "two current versions",
        second(
            CareerProfileFactory,
            for_seeker(version=1, is_current=True),
            lambda v: {**v, "version": 2},
        ),
    ),
    (
        "profile_version_unique",
        "version 1 twice",
        second(
            CareerProfileFactory,
            for_seeker(version=1, is_current=False),
            same,
        ),
    ),
    (
        "profile_commute_not_negative",
        "commute -1",
        row(CareerProfileFactory, max_commute_miles=Decimal("-1")),
    ),
    (
        "profile_hours_range_ordered",
        "max below min",
        row(CareerProfileFactory, min_hours_per_week=Decimal(20), max_hours_per_week=Decimal(10)),
    ),
    (
        "profile_min_hours_not_negative",
        "min -1",
        row(CareerProfileFactory, min_hours_per_week=Decimal(-1), max_hours_per_week=None),
    ),
    (
        "assessment_satisfaction_1_to_5",
        "satisfaction 0",
        row(DomainAssessmentFactory, satisfaction=0),
    ),
    (
        "assessment_satisfaction_1_to_5",
        "satisfaction 6",
        row(DomainAssessmentFactory, satisfaction=6),
    ),
    (
        "assessment_next_due_after_date",
        "next due before date",
        row(DomainAssessmentFactory, date=D, next_due=D - dt.timedelta(days=1)),
    ),
    (
        "one_rating_per_domain_per_assessment",
        "housing twice",
        second(DomainRatingFactory, for_assessment(domain="housing"), same),
    ),
    ("domain_rating_1_to_5", "rating 0", row(DomainRatingFactory, rating=0)),
    (
        "domain_not_discussed_keeps_no_words",
        "not discussed with strengths",
        row(DomainRatingFactory, not_discussed=True, strengths="Cooks", rating=None),
    ),
    (
        "domain_not_discussed_keeps_no_words",
        "not discussed with a rating",
        row(DomainRatingFactory, not_discussed=True, strengths="", rating=2),
    ),
    (
        "assessment_completed_on_or_after_date",
        "completed before the date",
        row(DomainAssessmentFactory, date=D, completed_on=D - dt.timedelta(days=1)),
    ),
    ("domain_rating_1_to_5", "rating 6", row(DomainRatingFactory, rating=6)),
    ("one_review_per_goal", "reviewed twice", second(GoalReviewFactory, goal_review, same)),
    ("goal_attainment_minus2_to_2", "attainment -3", row(GoalReviewFactory, attainment=-3)),
    ("goal_attainment_minus2_to_2", "attainment 3", row(GoalReviewFactory, attainment=3)),
    (
        "basic_need_unmet_has_referral",
        "not met, no referral",
        row(BasicNeedFactory, met=False, referral=""),
    ),
    (
        "one_check_per_basic_need_per_assessment",
        "food twice",
        second(BasicNeedFactory, for_assessment(need="food"), same),
    ),
    (
        "family_consent_withdrawn_on_or_after_given",
        "withdrawn before given",
        row(FamilyConsentFactory, given_on=D, withdrawn_on=D - dt.timedelta(days=1)),
    ),
    (
        "intervention_review_on_or_after_start",
        "review before start",
        row(InterventionFactory, started_on=D, review_date=D - dt.timedelta(days=1)),
    ),
    (
        "intervention_stopped_on_or_after_start",
        "stopped before start",
        row(InterventionFactory, started_on=D, review_date=D, stopped_on=D - dt.timedelta(1)),
    ),
    (
        "one_review_per_intervention",
        "reviewed twice at one assessment",
        second(InterventionReviewFactory, intervention_review, same),
    ),
    (
        "job_ref_unique_per_program",
        "same ref twice",
        second(JobFactory, in_program(ref="J-1"), same),
    ),
    (
        "job_end_not_before_start",
        "ends a day early",
        row(JobFactory, start_date=D, end_date=D - dt.timedelta(days=1)),
    ),
    ("job_hours_0_to_80", "hours -1", row(JobFactory, hours_per_week=Decimal("-1"))),
    ("job_hours_0_to_80", "hours 80.5", row(JobFactory, hours_per_week=Decimal("80.5"))),
    ("job_wage_not_negative", "wage -0.01", row(JobFactory, hourly_wage=Decimal("-0.01"))),
    (
        "job_paid_hours_not_negative",
        "paid hours -1",
        row(JobFactory, paid_hours_to_date=Decimal("-1")),
    ),
    (
        "one_active_match_model",
        "two active",
        second(MatchModelFactory, lambda: {"is_active": True}, same),
    ),
    ("one_match_per_pair", "pair twice", second(MatchFactory, pair, same)),
    (
        "one_outcome_per_kind",
        "interest twice",
        second(MatchOutcomeFactory, lambda: {**pair(), "kind": "interest"}, same),
    ),
    ("support_contact_mode_known", "mode pigeon", row(SupportContactFactory, mode="pigeon")),
    (
        "support_contact_minutes_at_most_a_day",
        "1441 minutes",
        row(SupportContactFactory, minutes=24 * 60 + 1),
    ),
    (
        "one_milestone_per_job_and_day",
        "30 days twice",
        second(RetentionMilestoneFactory, for_job(days=30), same),
    ),
    ("milestone_days_known", "45 days", row(RetentionMilestoneFactory, days=45)),
    (
        "follow_up_due_not_before_created",
        "due before created",
        row(FollowUpTaskFactory, created_on=D, due_date=D - dt.timedelta(days=1)),
    ),
    (
        "one_open_introduction_per_match",
        "two open introductions to one opening",
        second(FollowUpTaskFactory, lambda: {**pair(), "kind": "introduction"}, same),
    ),
    (
        "checkin_quality_of_life_1_to_5",
        "rating 6",
        row(StatusCheckInFactory, quality_of_life=6),
    ),
    ("checkin_service_rating_1_to_5", "rating 0", row(StatusCheckInFactory, service_rating=0)),
    (
        "checkin_inpatient_days_at_most_a_year",
        "367 days",
        row(StatusCheckInFactory, inpatient_days=367),
    ),
    ("checkin_housing_known", "a castle", row(StatusCheckInFactory, housing="castle")),
    (
        "one_digest_per_staff_and_day",
        "two digests a day",
        second(DigestLogFactory, lambda: {"staff": StaffMemberFactory(), "day": D}, same),
    ),
    ("checkin_justice_known", "unknown", row(StatusCheckInFactory, justice="parking")),
]

# The same rules' edge values that must SAVE (boundaries included, conditions not met).
GOOD = [
    ("program_minimum_wage_not_negative", "wage 0", row(ProgramFactory, minimum_wage="0")),
    (
        "program_name_unique_ci",
        "another name",
        second(ProgramFactory, lambda: {"name": "North Team"}, lambda v: {"name": "North Team 2"}),
    ),
    (
        "staff_one_row_per_program",
        "same user, other program",
        second(StaffMemberFactory, staff_row, other_program),
    ),
    ("staff_fte_between_0_and_1", "fte 0.01", row(StaffMemberFactory, fte=Decimal("0.01"))),
    ("staff_fte_between_0_and_1", "fte 1", row(StaffMemberFactory, fte=Decimal("1"))),
    ("staff_role_known", "role coach", row(StaffMemberFactory, role="coach")),
    (
        "mh_team_unique_per_program",
        "same name, other program",
        second(MentalHealthTeamFactory, in_program(name="ACT"), other_program),
    ),
    ("time_entry_hours_0_to_24", "hours 0", row(TimeEntryFactory, hours=Decimal("0"))),
    ("time_entry_hours_0_to_24", "hours 24", row(TimeEntryFactory, hours=Decimal("24"))),
    ("time_entry_activity_known", "activity other", row(TimeEntryFactory, activity="other")),
    ("time_entry_location_known", "location office", row(TimeEntryFactory, location="office")),
    (
        "employer_ref_unique_per_program",
        "blank refs",
        second(EmployerFactory, in_program(ref=""), same),
    ),
    (
        "employer_ref_unique_per_program",
        "same ref, other program",
        second(EmployerFactory, in_program(ref="E-1"), other_program),
    ),
    ("employer_contact_mode_known", "mode video", row(EmployerContactFactory, mode="video")),
    ("opening_hours_0_to_80", "hours 80", row(JobOpeningFactory, hours_per_week=Decimal("80"))),
    ("opening_hours_0_to_80", "hours unknown", row(JobOpeningFactory, hours_per_week=None)),
    ("opening_wage_not_negative", "wage 0", row(JobOpeningFactory, hourly_wage=Decimal("0"))),
    ("opening_status_known", "status filled", row(JobOpeningFactory, status="filled")),
    (
        "opening_closed_not_before_posted",
        "closed the day posted",
        row(JobOpeningFactory, posted_on=D, closed_on=D),
    ),
    (
        "seeker_ref_unique_per_program",
        "blank refs",
        second(JobSeekerFactory, in_program(ref=""), same),
    ),
    (
        "seeker_entry_not_before_referral",
        "entry on referral day",
        row(JobSeekerFactory, referral_date=D, entry_date=D),
    ),
    (
        "seeker_closed_not_before_entry",
        "closed on entry day",
        row(JobSeekerFactory, entry_date=D, closed_date=D),
    ),
    ("seeker_stage_known", "stage closed", row(JobSeekerFactory, stage="closed")),
    (
        "one_current_profile_per_seeker",
        "an old version and a current one",
        second(
            CareerProfileFactory,
            for_seeker(version=1, is_current=False),
            lambda v: {**v, "version": 2, "is_current": True},
        ),
    ),
    (
        "profile_version_unique",
        "versions 1 and 2",
        second(
            CareerProfileFactory,
            for_seeker(version=1, is_current=False),
            lambda v: {**v, "version": 2},
        ),
    ),
    ("profile_commute_not_negative", "commute 0", row(CareerProfileFactory, max_commute_miles=0)),
    (
        "profile_hours_range_ordered",
        "min equals max",
        row(CareerProfileFactory, min_hours_per_week=Decimal(20), max_hours_per_week=Decimal(20)),
    ),
    (
        "profile_min_hours_not_negative",
        "min 0",
        row(CareerProfileFactory, min_hours_per_week=Decimal(0)),
    ),
    (
        "assessment_satisfaction_1_to_5",
        "satisfaction 5",
        row(DomainAssessmentFactory, satisfaction=5),
    ),
    (
        "assessment_next_due_after_date",
        "next due on the date",
        row(DomainAssessmentFactory, date=D, next_due=D),
    ),
    (
        "one_rating_per_domain_per_assessment",
        "two domains",
        second(
            DomainRatingFactory,
            for_assessment(domain="housing"),
            lambda v: {**v, "domain": "education"},
        ),
    ),
    ("domain_rating_1_to_5", "rating 1", row(DomainRatingFactory, rating=1)),
    (
        "domain_not_discussed_keeps_no_words",
        "not discussed, empty",
        row(DomainRatingFactory, not_discussed=True, strengths="", rating=None),
    ),
    (
        "assessment_completed_on_or_after_date",
        "completed on the date",
        row(DomainAssessmentFactory, date=D, completed_on=D),
    ),
    ("domain_rating_1_to_5", "not rated", row(DomainRatingFactory, rating=None)),
    (
        "one_review_per_goal",
        "reviewed at two assessments",
        second(
            GoalReviewFactory,
            goal_review,
            lambda v: {**v, "assessment": DomainAssessmentFactory(seeker=v["goal"].seeker)},
        ),
    ),
    ("goal_attainment_minus2_to_2", "attainment -2", row(GoalReviewFactory, attainment=-2)),
    ("goal_attainment_minus2_to_2", "attainment 2", row(GoalReviewFactory, attainment=2)),
    (
        "basic_need_unmet_has_referral",
        "met, no referral",
        row(BasicNeedFactory, met=True, referral=""),
    ),
    (
        "one_check_per_basic_need_per_assessment",
        "food and clothing",
        second(BasicNeedFactory, for_assessment(need="food"), lambda v: {**v, "need": "clothing"}),
    ),
    (
        "family_consent_withdrawn_on_or_after_given",
        "withdrawn the day it was given",
        row(FamilyConsentFactory, given_on=D, withdrawn_on=D),
    ),
    (
        "intervention_review_on_or_after_start",
        "review on the start",
        row(InterventionFactory, started_on=D, review_date=D),
    ),
    (
        "intervention_stopped_on_or_after_start",
        "stopped on the start",
        row(InterventionFactory, started_on=D, review_date=D, stopped_on=D),
    ),
    (
        "one_review_per_intervention",
        "reviewed at two assessments",
        second(
            InterventionReviewFactory,
            intervention_review,
            lambda v: {
                **v,
                "assessment": DomainAssessmentFactory(seeker=v["intervention"].seeker),
            },
        ),
    ),
    ("job_ref_unique_per_program", "blank refs", second(JobFactory, in_program(ref=""), same)),
    (
        "job_end_not_before_start",
        "ends the day it starts",
        row(JobFactory, start_date=D, end_date=D),
    ),
    ("job_hours_0_to_80", "hours 80", row(JobFactory, hours_per_week=Decimal("80"))),
    ("job_wage_not_negative", "wage 0", row(JobFactory, hourly_wage=Decimal("0"))),
    ("job_paid_hours_not_negative", "paid hours 0", row(JobFactory, paid_hours_to_date=0)),
    (
        "one_active_match_model",
        "one active, one not",
        second(MatchModelFactory, lambda: {"is_active": True}, lambda v: {"is_active": False}),
    ),
    (
        "one_match_per_pair",
        "same seeker, other opening",
        second(MatchFactory, pair, lambda v: {"seeker": v["seeker"]}),
    ),
    (
        "one_outcome_per_kind",
        "interest, then interview",
        second(
            MatchOutcomeFactory,
            lambda: {**pair(), "kind": "interest"},
            lambda v: {**v, "kind": "interview"},
        ),
    ),
    ("support_contact_mode_known", "mode text", row(SupportContactFactory, mode="text")),
    (
        "support_contact_minutes_at_most_a_day",
        "1440 minutes",
        row(SupportContactFactory, minutes=24 * 60),
    ),
    (
        "one_milestone_per_job_and_day",
        "30 and 90 days",
        second(RetentionMilestoneFactory, for_job(days=30), lambda v: {**v, "days": 90}),
    ),
    ("milestone_days_known", "365 days", row(RetentionMilestoneFactory, days=365)),
    (
        "follow_up_due_not_before_created",
        "due the day created",
        row(FollowUpTaskFactory, created_on=D, due_date=D),
    ),
    (
        "one_open_introduction_per_match",
        "the first one done",
        second(
            FollowUpTaskFactory,
            lambda: {**pair(), "kind": "introduction", "done_on": D},
            lambda v: {**v, "done_on": None},
        ),
    ),
    ("checkin_quality_of_life_1_to_5", "rating 5", row(StatusCheckInFactory, quality_of_life=5)),
    ("checkin_service_rating_1_to_5", "rating 1", row(StatusCheckInFactory, service_rating=1)),
    (
        "checkin_inpatient_days_at_most_a_year",
        "366 days",
        row(StatusCheckInFactory, inpatient_days=366),
    ),
    ("checkin_housing_known", "not asked", row(StatusCheckInFactory, housing="")),
    (
        "one_digest_per_staff_and_day",
        "the next day",
        second(
            DigestLogFactory,
            lambda: {"staff": StaffMemberFactory(), "day": D},
            lambda v: {**v, "day": D + dt.timedelta(days=1)},
        ),
    ),
    ("checkin_justice_known", "incarceration", row(StatusCheckInFactory, justice="incarceration")),
]

# One submission key per program (ips.idempotency) on every event model.
EVENT_FACTORIES = (
    ("employer_contact", EmployerContactFactory),
    ("job", JobFactory),
    ("support_contact", SupportContactFactory),
    ("time_entry", TimeEntryFactory),
    ("status_checkin", StatusCheckInFactory),
    ("week_of_hours", WeekOfHoursSaveFactory),
)
KEY = uuid.UUID("8f7b3c1e-2d4a-4b6c-9e0f-123456789abc")
BAD += [
    (
        f"{name}_idempotency_key_unique_per_program",
        "same key twice",
        second(f, in_program(idempotency_key=KEY), same),
    )
    for name, f in EVENT_FACTORIES
]
GOOD += [
    case
    for name, f in EVENT_FACTORIES
    for case in (
        (
            f"{name}_idempotency_key_unique_per_program",
            "same key, other program",
            second(f, in_program(idempotency_key=KEY), other_program),
        ),
        (
            f"{name}_idempotency_key_unique_per_program",
            "no keys",
            second(f, in_program(idempotency_key=None), same),
        ),
    )
]


def thresholds() -> dict:
    return {"parameters": BenefitsParametersFactory(), "state": "MI"}


def other_state(values: dict) -> dict:
    return {**values, "state": "OH"}


# The benefits reference data and the planner's record (issue 19).
BAD += [
    (
        "student_exclusion_caps_ordered",
        "yearly cap under the monthly",
        row(BenefitsParametersFactory, student_exclusion_monthly=100, student_exclusion_yearly=50),
    ),
    (
        "one_1619b_threshold_per_state_year",
        "same state and year twice",
        second(Medicaid1619bThresholdFactory, thresholds, same),
    ),
    ("threshold_1619b_positive", "threshold 0", row(Medicaid1619bThresholdFactory, threshold=0)),
    (
        "counselling_twp_months_0_to_9",
        "10 months",
        row(BenefitsCounsellingFactory, twp_months_used=10),
    ),
    (
        "one_wage_report_per_month",
        "same month twice",
        second(WageReportFactory, lambda: {"seeker": JobSeekerFactory(), "month": D}, same),
    ),
]
GOOD += [
    (
        "student_exclusion_caps_ordered",
        "yearly cap over the monthly",
        row(BenefitsParametersFactory, student_exclusion_monthly=100, student_exclusion_yearly=400),
    ),
    (
        "one_1619b_threshold_per_state_year",
        "another state, same year",
        second(Medicaid1619bThresholdFactory, thresholds, other_state),
    ),
    ("threshold_1619b_positive", "threshold 1", row(Medicaid1619bThresholdFactory, threshold=1)),
    (
        "counselling_twp_months_0_to_9",
        "9 months",
        row(BenefitsCounsellingFactory, twp_months_used=9),
    ),
    (
        "one_wage_report_per_month",
        "the next month",
        second(
            WageReportFactory,
            lambda: {"seeker": JobSeekerFactory(), "month": D},
            lambda v: {**v, "month": dt.date(2026, 4, 1)},
        ),
    ),
]


def _params(table):
    return [pytest.param(name, arrange, id=f"{name}: {case}") for name, case, arrange in table]


def test_every_constraint_has_bad_and_good_rows():
    names = set(constraints())
    assert {name for name, _, _ in BAD} == names
    assert {name for name, _, _ in GOOD} == names


@pytest.mark.parametrize(("name", "arrange"), _params(BAD))
def test_database_rejects_a_row_that_breaks(db, name, arrange):
    write = arrange()
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    message = str(error.value).lower()
    if isinstance(constraints()[name], models.CheckConstraint):
        assert name in message
    else:
        assert name in message or "unique constraint failed" in message


@pytest.mark.parametrize(("name", "arrange"), _params(GOOD))
def test_database_accepts_a_row_that_keeps(db, name, arrange):
    obj = arrange()()
    assert type(obj)._default_manager.filter(pk=obj.pk).exists()
