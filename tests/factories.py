"""factory-boy factories for every model of ips, employers, jobseekers and coaching.

Program-consistent: a row of program P builds its related rows in P. Pass `program=P`,
or pass a parent row (a seeker, an employer, a job, ...) and the row takes the parent's
program: `JobFactory(seeker=s)` is a job of `s.program` at an employer of that program.
Dates are fixed (no "today") so figures built from them are deterministic.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

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
    Occupation,
    Program,
    StaffMember,
    TimeEntry,
    WeekOfHoursSave,
)
from ips.roles import Role
from jobseekers.models import (
    BasicNeed,
    BenefitsCounselling,
    BenefitsParameters,
    CareerProfile,
    CoordinationContact,
    CulturalPreference,
    Domain,
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
    MatchModel,
    MatchOutcome,
    Medicaid1619bThreshold,
    StatusCheckIn,
    WageReport,
)

PASSWORD = "correct horse battery staple"
DAY = dt.date(2026, 1, 5)  # the reference day the factories' dates hang off
SAME_PROGRAM = factory.SelfAttribute("..program")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = "Tester"
    password = factory.django.Password(PASSWORD)


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    zip = "48226"


class ProgramOwnedFactory(DjangoModelFactory):
    """A row of a program: takes `program`, else the program of the first parent given."""

    class Meta:
        abstract = True

    program = factory.SubFactory(ProgramFactory)

    # Parent rows, in order, whose program a row takes when `program` is not passed.
    _program_from: tuple[str, ...] = ()

    @classmethod
    def _generate(cls, strategy, params):
        if "program" not in params:
            for name in cls._program_from:
                parent = params.get(name)
                if parent is not None and getattr(parent, "program_id", None) is not None:
                    params = {**params, "program": parent.program}
                    break
        return super()._generate(strategy, params)


class StaffMemberFactory(ProgramOwnedFactory):
    class Meta:
        model = StaffMember

    user = factory.SubFactory(UserFactory)
    role = Role.SPECIALIST
    fte = Decimal("1.00")

    class Params:
        coach = factory.Trait(role=Role.COACH)
        supervisor = factory.Trait(role=Role.SUPERVISOR)
        director = factory.Trait(role=Role.DIRECTOR)


class MentalHealthTeamFactory(ProgramOwnedFactory):
    class Meta:
        model = MentalHealthTeam

    name = factory.Sequence(lambda n: f"Community team {n}")


class TimeEntryFactory(ProgramOwnedFactory):
    class Meta:
        model = TimeEntry

    _program_from = ("staff",)
    staff = factory.SubFactory(StaffMemberFactory, program=SAME_PROGRAM)
    date = DAY
    hours = Decimal("7.50")
    activity = TimeEntry.Activity.EMPLOYMENT_SERVICES
    location = TimeEntry.Location.COMMUNITY


class WeekOfHoursSaveFactory(ProgramOwnedFactory):
    class Meta:
        model = WeekOfHoursSave

    _program_from = ("staff",)
    staff = factory.SubFactory(StaffMemberFactory, program=SAME_PROGRAM)
    monday = dt.date(2026, 3, 2)


class OccupationFactory(DjangoModelFactory):
    """Occupations are reference data (loaded by migration); this adds made-up ones."""

    class Meta:
        model = Occupation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"99-{9000 + n % 1000}.00")
    title = factory.Sequence(lambda n: f"Test occupation {n}")


class EmployerFactory(ProgramOwnedFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Employer {n}")
    ref = factory.Sequence(lambda n: f"E-F{n}")
    industry = "Food service"
    zip = "48226"


class EmployerPersonFactory(ProgramOwnedFactory):
    class Meta:
        model = EmployerPerson

    _program_from = ("employer",)
    employer = factory.SubFactory(EmployerFactory, program=SAME_PROGRAM)
    name = factory.Sequence(lambda n: f"Manager {n}")
    job_title = "Hiring manager"


class EmployerContactFactory(ProgramOwnedFactory):
    class Meta:
        model = EmployerContact
        skip_postgeneration_save = True

    _program_from = ("employer", "specialist")
    date = DAY
    specialist = factory.SubFactory(StaffMemberFactory, program=SAME_PROGRAM)
    employer = factory.SubFactory(EmployerFactory, program=SAME_PROGRAM)
    mode = EmployerContact.Mode.FACE_TO_FACE
    purpose = EmployerContact.Purpose.LEARN_NEEDS

    @factory.post_generation
    def seekers(self, create, extracted, **kwargs):
        """`seekers=[...]`: the job seekers named on the contact."""
        if create and extracted:
            self.seekers.add(*extracted)


class JobOpeningFactory(ProgramOwnedFactory):
    class Meta:
        model = JobOpening

    _program_from = ("employer",)
    employer = factory.SubFactory(EmployerFactory, program=SAME_PROGRAM)
    title = factory.Sequence(lambda n: f"Line cook {n}")
    hours_per_week = Decimal("20.0")
    schedule = JobOpening.Schedule.DAYTIME
    hourly_wage = Decimal("15.00")
    zip = "48226"
    status = JobOpening.Status.OPEN
    posted_on = DAY


class JobSeekerFactory(ProgramOwnedFactory):
    class Meta:
        model = JobSeeker

    _program_from = ("specialist",)
    ref = factory.Sequence(lambda n: f"S-F{n}")
    name = factory.Sequence(lambda n: f"Seeker {n}")
    specialist = factory.SubFactory(StaffMemberFactory, program=SAME_PROGRAM)
    referral_date = DAY
    entry_date = DAY + dt.timedelta(days=7)
    stage = JobSeeker.Stage.JOB_SEARCH
    zip = "48226"


class CareerProfileFactory(ProgramOwnedFactory):
    class Meta:
        model = CareerProfile

    _program_from = ("seeker",)
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    version = 1
    is_current = True
    dream_job = "Chef"
    wanted_job_titles = "cook, kitchen assistant"
    min_hours_per_week = Decimal("10.0")
    max_hours_per_week = Decimal("25.0")
    travel_mode = CareerProfile.TravelMode.BUS
    max_commute_miles = Decimal("10.0")


class DomainAssessmentFactory(ProgramOwnedFactory):
    class Meta:
        model = DomainAssessment

    _program_from = ("seeker",)
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    date = DAY
    assessed_by = factory.SelfAttribute("seeker.specialist")
    next_due = DAY + dt.timedelta(days=90)
    satisfaction = 4


class DomainRatingFactory(ProgramOwnedFactory):
    class Meta:
        model = DomainRating

    _program_from = ("assessment",)
    assessment = factory.SubFactory(DomainAssessmentFactory, program=SAME_PROGRAM)
    domain = factory.Iterator(Domain.values)
    strengths = "Gets on well with people"
    rating = 3


class GoalFactory(ProgramOwnedFactory):
    class Meta:
        model = Goal

    _program_from = ("seeker", "assessment")
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    domain = Domain.EMPLOYMENT
    description = "Find a kitchen job near home"
    target_date = DAY + dt.timedelta(days=60)


class GoalStepFactory(ProgramOwnedFactory):
    class Meta:
        model = GoalStep

    _program_from = ("goal",)
    goal = factory.SubFactory(GoalFactory, program=SAME_PROGRAM)
    description = "Visit two restaurants"
    due_date = DAY + dt.timedelta(days=14)


class GoalReviewFactory(ProgramOwnedFactory):
    class Meta:
        model = GoalReview

    _program_from = ("goal", "assessment")
    goal = factory.SubFactory(GoalFactory, program=SAME_PROGRAM)
    assessment = factory.SubFactory(
        DomainAssessmentFactory, program=SAME_PROGRAM, seeker=factory.SelfAttribute("..goal.seeker")
    )
    attainment = GoalReview.Attainment.EXPECTED


class InterventionFactory(ProgramOwnedFactory):
    class Meta:
        model = Intervention

    _program_from = ("seeker", "goal")
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    goal = factory.SubFactory(
        GoalFactory, program=SAME_PROGRAM, seeker=factory.SelfAttribute("..seeker")
    )
    kind = Intervention.Kind.JOB_COACHING
    provider = "Employment specialist"
    place = Intervention.Place.COMMUNITY
    frequency = "weekly"
    started_on = DAY
    review_date = DAY + dt.timedelta(days=90)


class InterventionReviewFactory(ProgramOwnedFactory):
    class Meta:
        model = InterventionReview

    _program_from = ("intervention", "assessment")
    intervention = factory.SubFactory(InterventionFactory, program=SAME_PROGRAM)
    assessment = factory.SubFactory(
        DomainAssessmentFactory,
        program=SAME_PROGRAM,
        seeker=factory.SelfAttribute("..intervention.seeker"),
    )
    decision = InterventionReview.Decision.CONTINUE
    person_view = "It helps"


class BasicNeedFactory(ProgramOwnedFactory):
    class Meta:
        model = BasicNeed

    _program_from = ("assessment",)
    assessment = factory.SubFactory(DomainAssessmentFactory, program=SAME_PROGRAM)
    need = BasicNeed.Need.FOOD
    met = False
    referral = "Food bank on 7 Mile"


class CulturalPreferenceFactory(ProgramOwnedFactory):
    class Meta:
        model = CulturalPreference

    _program_from = ("seeker",)
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    recorded_on = DAY
    values_and_preferences = "Spanish at home"


class FamilyConsentFactory(ProgramOwnedFactory):
    class Meta:
        model = FamilyConsent

    _program_from = ("seeker",)
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    contact_name = "Rosa"
    relationship = "aunt"
    scope = "How the job search is going"
    given_on = DAY


class CoordinationContactFactory(ProgramOwnedFactory):
    class Meta:
        model = CoordinationContact

    _program_from = ("seeker",)
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    service = CoordinationContact.Service.PSYCHIATRY
    contact_person = "Dr Okoye"
    date = DAY
    agreed = "Clinic visits on Fridays"


class BenefitsParametersFactory(DjangoModelFactory):
    """Reference data (loaded by migration for real years); this adds far-future years."""

    class Meta:
        model = BenefitsParameters
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2200 + n)
    sga_non_blind = Decimal("1620.00")
    sga_blind = Decimal("2700.00")
    trial_work_month_above = Decimal("1160.00")
    ssi_fbr_individual = Decimal("967.00")
    ssi_fbr_couple = Decimal("1450.00")


class Medicaid1619bThresholdFactory(DjangoModelFactory):
    class Meta:
        model = Medicaid1619bThreshold

    parameters = factory.SubFactory(BenefitsParametersFactory)
    state = "MI"
    threshold = Decimal("45000.00")
    source = "SSA 1619(b) table"


class BenefitsCounsellingFactory(ProgramOwnedFactory):
    class Meta:
        model = BenefitsCounselling

    _program_from = ("seeker",)
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    date = DAY
    counsellor = "Work incentives planner"


class WageReportFactory(ProgramOwnedFactory):
    class Meta:
        model = WageReport

    _program_from = ("seeker",)
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    month = dt.date(2026, 2, 1)
    reported_on = dt.date(2026, 3, 4)


class JobFactory(ProgramOwnedFactory):
    class Meta:
        model = Job

    _program_from = ("seeker", "employer", "opening")
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    employer = factory.SubFactory(EmployerFactory, program=SAME_PROGRAM)
    title = "Line cook"
    start_date = DAY + dt.timedelta(days=30)
    hours_per_week = Decimal("20.0")
    hourly_wage = Decimal("15.00")
    competitive = True
    permanent = True


class MatchModelFactory(DjangoModelFactory):
    class Meta:
        model = MatchModel

    version = factory.Sequence(lambda n: f"test-{n}")
    weights = factory.LazyFunction(dict)


class MatchFactory(ProgramOwnedFactory):
    class Meta:
        model = Match

    _program_from = ("seeker", "opening")
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    opening = factory.SubFactory(JobOpeningFactory, program=SAME_PROGRAM)
    score = 0.5
    rank = 1
    reasons = factory.LazyFunction(lambda: ["3 miles, by bus"])


class MatchOutcomeFactory(ProgramOwnedFactory):
    class Meta:
        model = MatchOutcome

    _program_from = ("seeker", "opening")
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    opening = factory.SubFactory(JobOpeningFactory, program=SAME_PROGRAM)
    kind = MatchOutcome.Kind.INTEREST
    date = DAY


class SupportContactFactory(ProgramOwnedFactory):
    """A follow-along contact: by default with a coach, about a job the seeker holds."""

    class Meta:
        model = SupportContact

    _program_from = ("seeker", "job", "staff")
    date = DAY + dt.timedelta(days=40)
    staff = factory.SubFactory(StaffMemberFactory, program=SAME_PROGRAM, role=Role.COACH)
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    job = factory.SubFactory(
        JobFactory, program=SAME_PROGRAM, seeker=factory.SelfAttribute("..seeker")
    )
    mode = SupportContact.Mode.FACE_TO_FACE
    location = SupportContact.Location.WORKPLACE
    minutes = 45


class JobSupportPlanFactory(ProgramOwnedFactory):
    class Meta:
        model = JobSupportPlan

    _program_from = ("job",)
    job = factory.SubFactory(JobFactory, program=SAME_PROGRAM)
    what_helps = "A quiet start to the shift"


class RetentionMilestoneFactory(ProgramOwnedFactory):
    class Meta:
        model = RetentionMilestone

    _program_from = ("job",)
    job = factory.SubFactory(JobFactory, program=SAME_PROGRAM)
    days = 30
    confirmed_on = factory.LazyAttribute(lambda o: o.job.start_date + dt.timedelta(days=o.days))
    still_employed = True


class FollowUpTaskFactory(ProgramOwnedFactory):
    class Meta:
        model = FollowUpTask

    _program_from = ("seeker", "job")
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    kind = FollowUpTask.Kind.PROFILE_UPDATE
    assigned_to = factory.SelfAttribute("seeker.specialist")
    created_on = DAY
    due_date = DAY + dt.timedelta(days=3)


class DigestLogFactory(ProgramOwnedFactory):
    class Meta:
        model = DigestLog

    _program_from = ("staff",)
    staff = factory.SubFactory(StaffMemberFactory, program=SAME_PROGRAM)
    day = DAY
    claimed_at = factory.LazyFunction(lambda: dt.datetime(2026, 3, 2, 6, 30, tzinfo=dt.UTC))


class InterestNoticeFactory(ProgramOwnedFactory):
    class Meta:
        model = InterestNotice

    _program_from = ("outcome",)
    outcome = factory.SubFactory(MatchOutcomeFactory, program=SAME_PROGRAM)
    recipient = "specialist@example.org"
    claimed_at = factory.LazyFunction(lambda: dt.datetime(2026, 3, 2, 6, 30, tzinfo=dt.UTC))


class InterestWithdrawalFactory(ProgramOwnedFactory):
    class Meta:
        model = InterestWithdrawal

    _program_from = ("seeker", "opening")
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    opening = factory.SubFactory(JobOpeningFactory, program=SAME_PROGRAM)
    date = DAY


class WithdrawalNoticeFactory(ProgramOwnedFactory):
    class Meta:
        model = WithdrawalNotice

    _program_from = ("withdrawal",)
    withdrawal = factory.SubFactory(InterestWithdrawalFactory, program=SAME_PROGRAM)
    recipient = "specialist@example.org"
    claimed_at = factory.LazyFunction(lambda: dt.datetime(2026, 3, 2, 6, 30, tzinfo=dt.UTC))


class StatusCheckInFactory(ProgramOwnedFactory):
    class Meta:
        model = StatusCheckIn

    _program_from = ("seeker",)
    seeker = factory.SubFactory(JobSeekerFactory, program=SAME_PROGRAM)
    date = DAY + dt.timedelta(days=30)
    housing = StatusCheckIn.Housing.SUPPORTED
    quality_of_life = 4


class AuditEventFactory(ProgramOwnedFactory):
    class Meta:
        model = AuditEvent

    user_label = "someone"
    action = AuditEvent.Action.VIEW
    object_type = "jobseekers.JobSeeker"
    object_id = "1"


# Every factory of a program-owned model, by model: the matrices walk this table.
PROGRAM_OWNED_FACTORIES: dict[type, type[ProgramOwnedFactory]] = {
    f._meta.model: f
    for f in (
        StaffMemberFactory,
        MentalHealthTeamFactory,
        TimeEntryFactory,
        WeekOfHoursSaveFactory,
        EmployerFactory,
        EmployerPersonFactory,
        EmployerContactFactory,
        JobOpeningFactory,
        JobSeekerFactory,
        CareerProfileFactory,
        DomainAssessmentFactory,
        DomainRatingFactory,
        GoalFactory,
        GoalStepFactory,
        GoalReviewFactory,
        InterventionFactory,
        InterventionReviewFactory,
        CulturalPreferenceFactory,
        FamilyConsentFactory,
        BasicNeedFactory,
        CoordinationContactFactory,
        BenefitsCounsellingFactory,
        WageReportFactory,
        JobFactory,
        MatchFactory,
        MatchOutcomeFactory,
        SupportContactFactory,
        JobSupportPlanFactory,
        RetentionMilestoneFactory,
        FollowUpTaskFactory,
        StatusCheckInFactory,
        AuditEventFactory,
        DigestLogFactory,
        InterestNoticeFactory,
        InterestWithdrawalFactory,
        WithdrawalNoticeFactory,
    )
}
REFERENCE_FACTORIES: dict[type, type[DjangoModelFactory]] = {
    f._meta.model: f
    for f in (
        ProgramFactory,
        OccupationFactory,
        BenefitsParametersFactory,
        Medicaid1619bThresholdFactory,
        MatchModelFactory,
    )
}
FACTORIES = {**PROGRAM_OWNED_FACTORIES, **REFERENCE_FACTORIES}
