"""Reads for job seekers: the caseload dashboard, the seeker record, benefits figures.
Each selector runs a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, Subquery, Sum
from django.utils import timezone

from employers.models import EmployerContact
from ips.models import Program, StaffMember
from ips.roles import LEADERSHIP, Role, program_ids
from jobseekers import benefits, stages
from jobseekers.models import (
    CASEWORK_ROLES,
    BenefitsParameters,
    CareerProfile,
    CoordinationContact,
    Domain,
    DomainAssessment,
    FamilyConsent,
    Goal,
    Intervention,
    Job,
    JobSeeker,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

CLOSED_SHOWN_DAYS = 90


@dataclass(frozen=True)
class CaseloadRow:
    """One person on a caseload. `name` is the record's name, as every workspace screen
    shows it; `preferred_name` (empty when none) is shown beside it, marked as such."""

    seeker_id: int
    name: str
    stage: str
    stage_label: str
    specialist_id: int | None
    specialist_name: str
    specialist_fte: float | None
    entry_date: dt.date | None
    days_since_entry: int | None
    last_contact: dt.date | None
    days_since_contact: int | None
    rapid_search_missed: bool
    reassessment_due: dt.date | None
    profile_update_asked: bool
    program_id: int | None = None
    first_face_to_face: dt.date | None = None  # first employer contact naming them since entry
    preferred_name: str = ""

    @property
    def waiting_for_first_contact(self) -> bool:
        """Looking for work with no face-to-face employer contact on their behalf yet
        (fidelity item V4, rapid job search: spec/metrics.md)."""
        return self.stage in stages.SEARCHING_STAGES and self.first_face_to_face is None


@dataclass(frozen=True)
class ProgramRatio:
    program: str
    active_seekers: int
    specialist_fte: Decimal
    ratio: float | None
    standard: int

    @property
    def over_standard(self) -> bool:
        return self.ratio is not None and self.ratio > self.standard


UNASSIGNED = "No specialist yet"


@dataclass(frozen=True)
class SpecialistCaseload:
    name: str
    rows: list[CaseloadRow]
    active: int
    per_fte: float | None


@dataclass
class Caseload:
    today: dt.date
    rows: list[CaseloadRow]
    ratios: list[ProgramRatio] = field(default_factory=list)

    def by_stage(self) -> list[tuple[str, str, list[CaseloadRow]]]:
        """(stage, label, rows) in caseload order, empty stages included."""
        labels = dict(JobSeeker.Stage.choices)
        return [(s, labels[s], [r for r in self.rows if r.stage == s]) for s in stages.STAGES]

    def by_specialist(self) -> list[SpecialistCaseload]:
        """Each specialist's rows with their active count per FTE, unassigned last."""
        groups: dict[str, list[CaseloadRow]] = {}
        for row in self.rows:
            groups.setdefault(row.specialist_name or UNASSIGNED, []).append(row)
        result = []
        for name, rows in groups.items():
            active = sum(r.stage in stages.ACTIVE_STAGES for r in rows)
            fte = rows[0].specialist_fte
            ratio = stages.caseload_ratio(active, fte) if fte else None
            result.append(SpecialistCaseload(name=name, rows=rows, active=active, per_fte=ratio))
        return sorted(result, key=lambda g: (g.name == UNASSIGNED, g.name))

    @property
    def flagged(self) -> int:
        return sum(row.rapid_search_missed for row in self.rows)


def caseload_for(
    user, *, today: dt.date, specialist: StaffMember | None = None, program: Program | None = None
) -> Caseload:
    """The caseload dashboard: seekers by stage with days since entry and since the last
    employer contact naming them, the 30-day rapid-search flag (V4) and, for leadership,
    each program's caseload ratio (S1) against its standard. Three queries."""
    seekers = JobSeeker.objects.for_user(user).filter(
        Q(closed_date__isnull=True) | Q(closed_date__gte=today - dt.timedelta(CLOSED_SHOWN_DAYS))
    )
    if specialist is not None:
        seekers = seekers.filter(specialist=specialist)
    if program is not None:
        seekers = seekers.filter(program=program)
    latest_assessment = DomainAssessment.objects.filter(seeker=OuterRef("pk")).order_by(
        "-date", "-pk"
    )
    seekers = (
        seekers.select_related("specialist__user")
        .annotate(
            last_contact=Max("employer_contacts__date"),
            first_f2f=Min(
                "employer_contacts__date",
                filter=Q(
                    employer_contacts__mode=EmployerContact.Mode.FACE_TO_FACE,
                    employer_contacts__date__gte=F("entry_date"),
                ),
            ),
            next_assessment=Subquery(latest_assessment.values("next_due")[:1]),
        )
        .order_by("name", "pk")
    )
    rows = [_row(seeker, today) for seeker in seekers]
    return Caseload(today=today, rows=rows, ratios=caseload_ratios(user, on=today))


class _CaseloadAnnotations(TypedDict):
    """What `caseload_for` annotates on each job seeker."""

    last_contact: dt.date | None
    first_f2f: dt.date | None
    next_assessment: dt.date | None


def _row(seeker: WithAnnotations[JobSeeker, _CaseloadAnnotations], today: dt.date) -> CaseloadRow:
    searching = seeker.stage in stages.SEARCHING_STAGES
    return CaseloadRow(
        seeker_id=seeker.pk,
        name=seeker.name,
        preferred_name=seeker.preferred_name
        if seeker.preferred_name and seeker.preferred_name != seeker.name
        else "",
        stage=seeker.stage,
        stage_label=seeker.get_stage_display(),
        specialist_id=seeker.specialist_id,
        specialist_name=seeker.specialist.display_name if seeker.specialist else "",
        specialist_fte=float(seeker.specialist.fte) if seeker.specialist else None,
        entry_date=seeker.entry_date,
        days_since_entry=stages.days_between(seeker.entry_date, today),
        last_contact=seeker.last_contact,
        days_since_contact=stages.days_between(seeker.last_contact, today),
        rapid_search_missed=searching
        and stages.rapid_search_missed(seeker.entry_date, seeker.first_f2f, today),
        reassessment_due=seeker.next_assessment,
        profile_update_asked=seeker.profile_update_requested_on is not None,
        program_id=seeker.program_id,
        first_face_to_face=seeker.first_f2f,
    )


def caseload_ratios(user, *, on: dt.date) -> list[ProgramRatio]:
    """Active seekers / specialist FTE per program the user leads (item S1). Two queries."""
    led = program_ids(user, LEADERSHIP) if not user.is_superuser else None
    programs = Program.objects.all() if led is None else Program.objects.filter(pk__in=led)
    if led == []:
        return []
    active = dict(
        JobSeeker.objects.active_on(on)
        .filter(program__in=programs)
        .values("program")
        .annotate(n=Count("pk"))
        .values_list("program", "n")
    )
    ftes = (
        programs.annotate(
            fte=Sum("staff__fte", filter=Q(staff__role=Role.SPECIALIST, staff__active=True))
        )
        .order_by("name")
        .values_list("pk", "name", "fte", "caseload_standard")
    )
    return [
        ProgramRatio(
            program=name,
            active_seekers=active.get(pk, 0),
            specialist_fte=fte or Decimal(0),
            ratio=stages.caseload_ratio(active.get(pk, 0), float(fte or 0)),
            standard=standard,
        )
        for pk, name, fte, standard in ftes
    ]


def may_do_casework(user, seeker: JobSeeker) -> bool:
    """Specialists and leadership of the seeker's own program (or a superuser)."""
    if user.is_superuser:
        return True
    return seeker.program_id in program_ids(user, CASEWORK_ROLES)


def parameters_for(year: int) -> benefits.Parameters | None:
    """The benefits figures of `year` (or of the latest earlier year stored, else the
    earliest), with that year's 1619(b) thresholds by state; None when none are stored.
    Two queries."""
    row = BenefitsParameters.objects.filter(year__lte=year).order_by("-year").first()
    if row is None:
        row = BenefitsParameters.objects.order_by("year").first()
    if row is None:
        return None
    return benefits.Parameters(
        year=row.year,
        sga_non_blind=row.sga_non_blind,
        sga_blind=row.sga_blind,
        trial_work_month_above=row.trial_work_month_above,
        ssi_fbr_individual=row.ssi_fbr_individual,
        ssi_fbr_couple=row.ssi_fbr_couple,
        general_exclusion=row.general_exclusion,
        earned_income_exclusion=row.earned_income_exclusion,
        student_exclusion_monthly=row.student_exclusion_monthly,
        student_exclusion_yearly=row.student_exclusion_yearly,
        medicaid_1619b_thresholds={t.state: t.threshold for t in row.medicaid_thresholds.all()},
    )


def twp_months_from_jobs(seeker: JobSeeker, today: dt.date) -> int | None:
    """SSDI trial work months suggested by the person's recorded jobs (hours x wage,
    prorated by days held), or None when no job has both. Two queries."""
    from jobseekers.benefits.history import twp_months_from_jobs as count

    jobs = [
        (
            job.start_date,
            job.end_date,
            benefits.monthly_earnings(job.hours_per_week, job.hourly_wage),
        )
        for job in Job.objects.filter(seeker=seeker, hours_per_week__isnull=False)
        .exclude(hourly_wage__isnull=True)
        .only("start_date", "end_date", "hours_per_week", "hourly_wage")
        if job.hours_per_week is not None and job.hourly_wage is not None  # for the type
    ]
    if not jobs:
        return None
    amounts = dict(BenefitsParameters.objects.values_list("year", "trial_work_month_above"))
    return count(jobs, amounts, today)


def twp_months_recorded(seeker: JobSeeker) -> int | None:
    """SSDI trial work months used, as last recorded with benefits counselling (the BPQY
    or the planner's count), or None. One query."""
    return (
        seeker.benefits_counselling.filter(twp_months_used__isnull=False)
        .order_by("-date", "-pk")
        .values_list("twp_months_used", flat=True)
        .first()
    )


WAGE_REPORTING_BENEFITS = frozenset({"ssi", "ssdi"})


# How many months back an unreported month of pay stays on the list (older ones are for
# the benefits planner: SSA's own records show them).
WAGE_REPORT_MONTHS_SHOWN = 3


@dataclass(frozen=True)
class WageReportDue:
    """One month of pay a person worked and has not reported to SSA yet."""

    seeker: JobSeeker
    month: dt.date  # the first day of the month of pay
    benefits: tuple[str, ...]  # "SSI", "SSDI"
    report_by: dt.date  # the 10th of the next month (20 CFR 416.714)
    overdue: bool  # `report_by` has passed


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(first: dt.date) -> dt.date:
    return _month_start(first, -1) - dt.timedelta(days=1)


def _ssa_benefits(seeker: JobSeeker) -> tuple[str, ...]:
    received: set[str] = set()
    for profile in seeker.profiles.all():
        received |= WAGE_REPORTING_BENEFITS & set(profile.benefits_received or ())
    return tuple(name.upper() for name in sorted(received))


def wage_reporting_due(user, today: dt.date) -> list[WageReportDue]:
    """Months of pay to report to SSA for the user's own caseload (as specialist): each
    of the last WAGE_REPORT_MONTHS_SHOWN whole months before `today` in which the person
    held a job, got SSI or SSDI (current career profile) and has no WageReport, while
    their record is open (a closed record ends its reminders, as its checks). SSI
    recipients report gross wages monthly, by the 10th of the next month (POMS
    SI 00820.143, SI 02301.005); SSDI beneficiaries report work and pay changes.
    Oldest month first within a person. Five queries (programs, people, their current
    profiles, their jobs, their reports), whatever the caseload."""
    from jobseekers.models import WageReport

    first = _month_start(today, WAGE_REPORT_MONTHS_SHOWN)
    last_end = _month_start(today) - dt.timedelta(days=1)
    seekers = [
        seeker
        for seeker in JobSeeker.objects.for_user(user)
        .filter(specialist__user=user, erased_at__isnull=True, closed_date__isnull=True)
        .filter(Exists(Job.objects.held_between(first, last_end).filter(seeker=OuterRef("pk"))))
        .order_by("name", "pk")
        .prefetch_related(Prefetch("profiles", CareerProfile.objects.filter(is_current=True)))
        if _ssa_benefits(seeker)
    ]
    ids = [seeker.pk for seeker in seekers]
    jobs: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for seeker_id, start, end in Job.objects.filter(seeker_id__in=ids).values_list(
        "seeker_id", "start_date", "end_date"
    ):
        jobs.setdefault(seeker_id, []).append((start, end))
    reported = set(
        WageReport.objects.filter(seeker_id__in=ids, month__gte=first).values_list(
            "seeker_id", "month"
        )
    )
    due = []
    for seeker in seekers:
        for back in range(WAGE_REPORT_MONTHS_SHOWN, 0, -1):
            month = _month_start(today, back)
            end = _month_end(month)
            worked = any(
                start <= end and (stop is None or stop >= month)
                for start, stop in jobs.get(seeker.pk, [])
            )
            if worked and (seeker.pk, month) not in reported:
                report_by = _month_start(month, -1) + dt.timedelta(days=9)
                due.append(
                    WageReportDue(
                        seeker, month, _ssa_benefits(seeker), report_by, report_by < today
                    )
                )
    return due


def benefits_referral_due(user) -> list[JobSeeker]:
    """The user's own open caseload (as specialist) who get SSI or SSDI (current career
    profile) and have no benefits counselling or referral recorded: IPS offers every
    such person work incentives planning before a job starts (IPS Fidelity Scale, item
    "Work incentives planning"). Three queries."""
    seekers = (
        JobSeeker.objects.for_user(user)
        .filter(specialist__user=user, erased_at__isnull=True)
        .exclude(stage=JobSeeker.Stage.CLOSED)
        .filter(benefits_counselling__isnull=True)
        .order_by("name", "pk")
        .prefetch_related(Prefetch("profiles", CareerProfile.objects.filter(is_current=True)))
    )
    return [seeker for seeker in seekers if _ssa_benefits(seeker)]


def benefits_estimate(question: benefits.Question) -> benefits.Estimate:
    """Answer a checked benefits question with its year's stored figures: the one path
    of the benefits screen and `manage.py benefits_estimate`. Raises
    `benefits.InputError` (field "year") when no figures are stored at all."""
    params = parameters_for(question.year)
    if params is None:
        raise benefits.InputError("year", "no benefits figures are stored yet.")
    return benefits.answer(question, params)


@dataclass
class SeekerRecord:
    seeker: JobSeeker
    profile: object | None
    profile_versions: list
    assessments: list
    goals: list
    jobs: list
    contacts: list
    counselling: list
    first_job_start: dt.date | None
    counselling_timing: list[tuple[object, str]]
    timeline: list[tuple[str, str, list[int | None]]]
    wage_reports: list = field(default_factory=list)  # the latest 12 months reported
    culture: object | None = None
    family_in_force: list = field(default_factory=list)
    family_withdrawn: list = field(default_factory=list)
    coordination: list = field(default_factory=list)


def seeker_record(
    seeker: JobSeeker, *, contacts_shown: int = 20, today: dt.date | None = None
) -> SeekerRecord:
    """Everything on the seeker record page, in a fixed number of queries."""
    profiles = list(
        seeker.profiles.select_related("created_by__user").prefetch_related(
            "preferred_occupations", "ruled_out_occupations", "ruled_out_employers"
        )
    )
    current = next((p for p in profiles if p.is_current), None)
    assessments = list(
        DomainAssessment.objects.filter(seeker=seeker)
        .select_related("assessed_by__user")
        .prefetch_related(
            "ratings",
            "goal_reviews__goal",
            "intervention_reviews__intervention",
            "basic_needs",
        )
        .order_by("date", "pk")
    )
    goals = list(
        Goal.objects.filter(seeker=seeker)
        .prefetch_related("steps", "interventions__reviews__assessment")
        .order_by("status", "pk")
    )
    jobs = list(
        Job.objects.filter(seeker=seeker).select_related("employer", "occupation", "program")
    )
    contacts = list(
        seeker.employer_contacts.select_related("employer", "specialist__user").order_by(
            "-date", "-pk"
        )[:contacts_shown]
    )
    counselling = list(seeker.benefits_counselling.all())
    wage_reports = list(seeker.wage_reports.order_by("-month")[:12]) if jobs else []
    starts = [j.start_date for j in jobs]
    in_force, withdrawn = family_contacts(seeker, today or timezone.localdate())
    return SeekerRecord(
        culture=seeker.cultural_preferences.first(),
        family_in_force=in_force,
        family_withdrawn=withdrawn,
        coordination=list(seeker.coordination_contacts.all()[:contacts_shown]),
        seeker=seeker,
        profile=current,
        profile_versions=profiles,
        assessments=assessments,
        goals=goals,
        jobs=jobs,
        contacts=contacts,
        counselling=counselling,
        first_job_start=min(starts) if starts else None,
        counselling_timing=[
            (row, counselling_relative_to_start(row.date, min(starts) if starts else None))
            for row in counselling
        ],
        timeline=assessment_timeline(assessments),
        wage_reports=wage_reports,
    )


def counselling_relative_to_start(day: dt.date, first_start: dt.date | None) -> str:
    """When benefits counselling happened relative to the first job start, in words."""
    if first_start is None:
        return "before any job start"
    days = (first_start - day).days
    if days > 0:
        return f"{days} days before the first job start"
    if days < 0:
        return f"{-days} days after the first job start"
    return "on the day of the first job start"


def assessment_timeline(assessments: list) -> list[tuple[str, str, list[int | None]]]:
    """Per domain, the 1-5 rating at each assessment (oldest first), to show change."""
    table = []
    for value, label in Domain.choices:
        ratings = []
        for assessment in assessments:
            found = next((r for r in assessment.ratings.all() if r.domain == value), None)
            ratings.append(found.rating if found else None)
        table.append((value, label, ratings))
    return table


def prefetch_goals(seeker: JobSeeker):
    """Active goals with steps (for the re-assessment form)."""
    return seeker.goals.filter(status=Goal.Status.ACTIVE).prefetch_related("steps")


def current_profile_version(seeker: JobSeeker) -> int:
    """The version number of the seeker's current career profile (0 when there is none)."""
    versions = CareerProfile.objects.filter(seeker=seeker, is_current=True).values_list(
        "version", flat=True
    )
    return versions.first() or 0


def latest_assessment(seeker: JobSeeker) -> DomainAssessment | None:
    """The person's latest PSR assessment (by date, then entry) with its domain rows, or
    None: what a new assessment is prefilled from (issue 24: nothing is typed twice)."""
    return (
        DomainAssessment.objects.filter(seeker=seeker)
        .prefetch_related("ratings", "basic_needs")
        .order_by("-date", "-pk")
        .first()
    )


def running_interventions(seeker: JobSeeker) -> list[Intervention]:
    """The person's interventions not stopped, with their goals (for the re-assessment)."""
    return list(
        seeker.interventions.filter(stopped_on__isnull=True)
        .select_related("goal")
        .order_by("goal_id", "started_on", "pk")
    )


def family_contacts(seeker: JobSeeker, on: dt.date) -> tuple[list, list]:
    """(consents in force on `on`: whom staff may contact; consents withdrawn by then:
    whom not to contact), one query (PSR practice parameters: family involvement with
    the person's consent)."""
    rows = list(FamilyConsent.objects.filter(seeker=seeker).order_by("contact_name", "pk"))
    in_force = {c.pk for c in rows if c.given_on <= on and not c.is_withdrawn_by(on)}
    return (
        [c for c in rows if c.pk in in_force],
        [c for c in rows if c.is_withdrawn_by(on)],
    )


@dataclass(frozen=True)
class CoordinationEvidence:
    """Contacts with other services in a period: evidence for the fidelity review's
    integration items (IPS-25 items 2-3, integration with treatment) and the PSR
    practice parameters' coordinated services."""

    contacts: int
    people: int
    by_service: dict[str, int]


def coordination_evidence(program_ids, start: dt.date, end: dt.date) -> CoordinationEvidence:
    """Coordination contacts dated `start`..`end` (both included) in the programs: how
    many, about how many people, and how many per service (labels). Two queries."""
    rows = CoordinationContact.objects.filter(
        program_id__in=list(program_ids), date__gte=start, date__lte=end
    )
    per_service = dict(
        rows.order_by().values_list("service").annotate(n=Count("pk")).values_list("service", "n")
    )
    labels = dict(CoordinationContact.Service.choices)
    return CoordinationEvidence(
        contacts=sum(per_service.values()),
        people=rows.values("seeker_id").distinct().count(),
        by_service={labels[k]: v for k, v in sorted(per_service.items())},
    )


@dataclass(frozen=True)
class CoachChoice:
    staff: StaffMember
    people: int  # people in a job (not ended) whose support plan this coach follows


def coach_choices(program: Program) -> list[CoachChoice]:
    """The program's active job coaches for a job start's "Who is the coach?", the one
    following the fewest people in a job first (the default: issue 17, item 4), then by
    name. `coached_plans` is coaching.JobSupportPlan.coach's reverse name (read by name
    only: this layer does not import coaching). One query."""
    coaches = (
        StaffMember.objects.filter(program=program, role=Role.COACH, active=True)
        .select_related("user")
        .annotate(
            people=Count(
                "coached_plans__job__seeker",
                filter=Q(coached_plans__job__end_date__isnull=True),
                distinct=True,
            )
        )
        .order_by("people", "user__first_name", "user__last_name", "pk")
    )
    return [CoachChoice(staff=c, people=c.people) for c in coaches]


@dataclass(frozen=True)
class InterestSignals:
    """The person's "I'm interested" signals not yet handled (oldest first), and those
    they took back in the last `days` days (newest first)."""

    open: list
    withdrawn: list


def interest_signals(seeker: JobSeeker, *, today: dt.date, days: int = 14) -> InterestSignals:
    """What the seeker record shows until the specialist handles it (issue 17, item 4).
    Two queries."""
    from jobseekers.models import InterestWithdrawal, MatchOutcome

    open_ = list(
        MatchOutcome.objects.filter(
            seeker=seeker, kind=MatchOutcome.Kind.INTEREST, handled_on__isnull=True
        )
        .select_related("opening__employer")
        .order_by("date", "pk")
    )
    withdrawn = list(
        latest_withdrawals(InterestWithdrawal.objects.filter(seeker=seeker))
        .filter(date__gte=today - dt.timedelta(days=days))
        .select_related("opening__employer")
    )
    return InterestSignals(open=open_, withdrawn=withdrawn)


def latest_withdrawals(withdrawals):
    """The take-backs (a QuerySet of InterestWithdrawal) that are still the person's last
    word on their opening: none the person followed with a new "I'm interested" in it, nor
    with a later take-back of it (the newest signal wins: red-team finding, issue 17)."""
    from jobseekers.models import InterestWithdrawal, MatchOutcome

    pair = {"seeker_id": OuterRef("seeker_id"), "opening_id": OuterRef("opening_id")}
    interested_again = MatchOutcome.objects.filter(
        kind=MatchOutcome.Kind.INTEREST, created_at__gt=OuterRef("created_at"), **pair
    )
    taken_back_again = InterestWithdrawal.objects.filter(pk__gt=OuterRef("pk"), **pair)
    return withdrawals.exclude(Exists(interested_again)).exclude(Exists(taken_back_again))
