"""The scoping matrix: every program-owned model x every role x own / other program.

Each row's expected visibility is decided here in plain Python from DESIGN.md ("Who may
see what"), independently of the querysets, and compared with `Model.objects.for_user`.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from coaching.models import (
    DigestLog,
    FollowUpTask,
    InterestNotice,
    JobSupportPlan,
    RetentionMilestone,
    SupportContact,
    WithdrawalNotice,
)
from employers.models import Employer, EmployerContact, EmployerPerson, JobOpening
from ips.models import (
    AuditEvent,
    MentalHealthTeam,
    Program,
    StaffMember,
    TimeEntry,
    WeekOfHoursSave,
)
from ips.roles import LEADERSHIP, Role
from jobseekers.models import (
    BasicNeed,
    BenefitsCounselling,
    CareerProfile,
    CoordinationContact,
    CulturalPreference,
    DomainAssessment,
    DomainRating,
    FamilyConsent,
    Goal,
    GoalReview,
    GoalStep,
    InterestWithdrawal,
    Intervention,
    InterventionReview,
    Job,
    JobSeeker,
    Match,
    MatchOutcome,
    StatusCheckIn,
    WageReport,
)
from tests.factories import (
    PROGRAM_OWNED_FACTORIES,
    DomainAssessmentFactory,
    GoalFactory,
    InterventionFactory,
    JobFactory,
    JobSeekerFactory,
)

OUR_APPS = ("ips", "employers", "jobseekers", "coaching")

# How a model's rows are scoped, beyond "staff see only their programs' rows".
PROGRAM = "the program's staff"
SEEKER = "casework roles; coaches only for seekers who have or had a job"
CASEWORK = "specialists and leadership, never coaches"
OWN_TIME = "leadership the program's; everyone else only their own"
LEADERSHIP_ONLY = "supervisors and directors only (the audit trail)"

RULES: dict[type, str] = {
    Program: PROGRAM,
    StaffMember: PROGRAM,
    MentalHealthTeam: PROGRAM,
    TimeEntry: OWN_TIME,
    WeekOfHoursSave: OWN_TIME,
    Employer: PROGRAM,
    EmployerPerson: PROGRAM,
    EmployerContact: CASEWORK,
    JobOpening: PROGRAM,
    JobSeeker: SEEKER,
    CareerProfile: SEEKER,
    DomainAssessment: SEEKER,
    DomainRating: SEEKER,
    Goal: SEEKER,
    GoalStep: SEEKER,
    GoalReview: SEEKER,
    Intervention: SEEKER,
    InterventionReview: SEEKER,
    CulturalPreference: SEEKER,
    FamilyConsent: SEEKER,
    BasicNeed: SEEKER,
    CoordinationContact: SEEKER,
    BenefitsCounselling: SEEKER,
    WageReport: SEEKER,
    Job: PROGRAM,
    Match: CASEWORK,
    MatchOutcome: CASEWORK,
    SupportContact: SEEKER,
    JobSupportPlan: PROGRAM,
    RetentionMilestone: PROGRAM,
    FollowUpTask: SEEKER,
    StatusCheckIn: SEEKER,
    AuditEvent: LEADERSHIP_ONLY,
    DigestLog: PROGRAM,
    InterestNotice: PROGRAM,
    WithdrawalNotice: PROGRAM,
    InterestWithdrawal: SEEKER,
}

# From a row to the job seeker it is about (models with the SEEKER rule).
SEEKER_OF = {
    JobSeeker: lambda row: row,
    DomainRating: lambda row: row.assessment.seeker,
    BasicNeed: lambda row: row.assessment.seeker,
    GoalStep: lambda row: row.goal.seeker,
    GoalReview: lambda row: row.goal.seeker,
    InterventionReview: lambda row: row.intervention.seeker,
}

# A row of the model about a given seeker (default: `factory(seeker=seeker)`).
ROW_ABOUT = {
    DomainRating: lambda f, s: f(assessment=DomainAssessmentFactory(seeker=s)),
    BasicNeed: lambda f, s: f(assessment=DomainAssessmentFactory(seeker=s)),
    GoalStep: lambda f, s: f(goal=GoalFactory(seeker=s)),
    GoalReview: lambda f, s: f(goal=GoalFactory(seeker=s)),
    InterventionReview: lambda f, s: f(intervention=InterventionFactory(seeker=s)),
    SupportContact: lambda f, s: f(seeker=s, job=s.jobs.first()),
}

ROLES = (
    "specialist",
    "coach",
    "supervisor",
    "director",
    "director_of_both",
    "superuser",
    "portal_user",
    "anonymous",
)


def program_owned_models() -> set[type]:
    return {
        model
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
        if any(f.name == "program" and f.is_relation for f in model._meta.fields)
    }


def expected_visible(model, row, user) -> bool:
    """DESIGN.md "Who may see what", for one row and one user."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = dict(
        StaffMember.objects.filter(user=user, active=True).values_list("program_id", "role")
    )
    role = roles.get(row.pk if model is Program else row.program_id)
    rule = RULES[model]
    if role is None:
        return False
    if rule == CASEWORK:
        return role != Role.COACH
    if rule == SEEKER:
        seeker = SEEKER_OF.get(model, lambda r: r.seeker)(row)
        return role != Role.COACH or seeker.jobs.exists()
    if rule == LEADERSHIP_ONLY:
        return role in LEADERSHIP
    if rule == OWN_TIME:
        return role in LEADERSHIP or row.staff.user_id == user.pk
    return True


def build_rows(model, programs: list[Program]) -> None:
    """Rows of `model` in each program: about a hired and an unhired seeker where the
    model is about a seeker, one per staff member for time entries, else one plain row."""
    factory = PROGRAM_OWNED_FACTORIES.get(model)
    for program in programs:
        hired = JobSeekerFactory(program=program, name="Hired")
        JobFactory(seeker=hired)
        unhired = JobSeekerFactory(program=program, name="Not hired yet")
        if model in (TimeEntry, WeekOfHoursSave):
            for member in StaffMember.objects.filter(program=program):
                factory(staff=member)
        elif model in (JobSeeker, Program, StaffMember):
            continue  # the fixtures and the seekers above are the rows
        elif RULES[model] == SEEKER:
            for seeker in (hired, unhired):
                ROW_ABOUT.get(model, lambda f, s: f(seeker=s))(factory, seeker)
        else:
            factory(program=program)


@pytest.fixture
def role_users(users, director_of_both, superuser, seeker_user):
    return {
        **users,
        "director_of_both": director_of_both,
        "superuser": superuser,
        "portal_user": seeker_user,
        "anonymous": AnonymousUser(),
    }


def test_every_program_owned_model_has_a_scoping_rule():
    assert program_owned_models() | {Program} == set(RULES)


@pytest.mark.parametrize("model", list(RULES), ids=lambda m: m.__name__)
def test_for_user_shows_each_role_exactly_what_the_design_allows(
    model, role_users, program, other_program
):
    build_rows(model, [program, other_program])
    rows = list(model._default_manager.all())
    sides = {"own program": program.pk, "other program": other_program.pk}
    assert {r.pk if model is Program else r.program_id for r in rows} == set(sides.values())
    wrong = {}
    for role in ROLES:
        user = role_users[role]
        seen = set(model._default_manager.for_user(user).values_list("pk", flat=True))
        for side, program_id in sides.items():
            mine = [r for r in rows if (r.pk if model is Program else r.program_id) == program_id]
            expected = {r.pk for r in mine if expected_visible(model, r, user)}
            actual = seen & {r.pk for r in mine}
            if actual != expected:
                wrong[f"{role} / {side}"] = {
                    "shown but not allowed": sorted(actual - expected),
                    "allowed but hidden": sorted(expected - actual),
                }
    assert wrong == {}


@pytest.mark.parametrize("model", list(RULES), ids=lambda m: m.__name__)
def test_home_staff_see_some_of_their_program_and_nothing_of_the_other(
    model, role_users, program, other_program
):
    """Guards the matrix against passing on empty sets."""
    build_rows(model, [program, other_program])
    leadership = model._default_manager.for_user(role_users["director"])
    assert leadership.exists()
    assert not leadership.filter(
        **({"pk": other_program.pk} if model is Program else {"program": other_program})
    ).exists()
    owner = "pk" if model is Program else "program_id"
    both = model._default_manager.for_user(role_users["director_of_both"])
    owners = set(both.values_list(owner, flat=True))
    assert owners == {program.pk, other_program.pk}


def test_coach_sees_a_seeker_once_hired_and_keeps_seeing_them_after_the_job_ends(users, program):
    coach = users[Role.COACH]
    seeker = JobSeekerFactory(program=program)
    profile = PROGRAM_OWNED_FACTORIES[CareerProfile](seeker=seeker)
    assert not JobSeeker.objects.for_user(coach).filter(pk=seeker.pk).exists()
    assert not CareerProfile.objects.for_user(coach).filter(pk=profile.pk).exists()
    job = JobFactory(seeker=seeker)
    assert JobSeeker.objects.for_user(coach).filter(pk=seeker.pk).exists()
    assert CareerProfile.objects.for_user(coach).filter(pk=profile.pk).exists()
    job.end_date = job.start_date
    job.end_reason = Job.EndReason.QUIT
    job.save()
    assert JobSeeker.objects.for_user(coach).filter(pk=seeker.pk).exists()


def test_inactive_staff_membership_shows_nothing(staff, program):
    member = staff[Role.DIRECTOR]
    JobSeekerFactory(program=program)
    member.active = False
    member.save()
    user = StaffMember.objects.get(pk=member.pk).user  # fresh: roles are cached on the user
    assert not JobSeeker.objects.for_user(user).exists()
    assert not Program.objects.for_user(user).exists()


def test_a_seekers_portal_account_sees_no_staff_rows_even_of_their_own_record(seeker_user):
    assert not JobSeeker.objects.for_user(seeker_user).exists()
    assert not Program.objects.for_user(seeker_user).exists()
