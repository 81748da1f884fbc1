"""The seeker record and what it shows: casework access, assessments, goals,
interventions, family contacts, coordination evidence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from ips.roles import CASEWORK_ROLES, program_ids
from jobseekers.models import (
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
from jobseekers.selectors.benefits import counselling_relative_to_start


def may_do_casework(user, seeker: JobSeeker) -> bool:
    """Specialists and leadership of the seeker's own program (or a superuser)."""
    if user.is_superuser:
        return True
    return seeker.program_id in program_ids(user, CASEWORK_ROLES)


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
