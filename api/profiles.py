"""/career-profiles: the IPS vocational profile (issue 22). Read: every version the
caller may see (casework roles; coaches for people who have or had a job). Update: a new
current version through `jobseekers.services.update_career_profile`, as the workspace's
profile screen does (specialists and leadership of the person's program).

Sensitive fields (disclosure preference, benefits received) come back only to a caller
`api.common.may_see_sensitive` allows; the old free-text family-contacts note is never
served (family contacts live in consent records, which a withdrawal erases)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from api.common import (
    Id,
    PageQuery,
    acting_staff,
    audit_list,
    audit_read,
    may_see_sensitive,
    page,
    page_schema,
    refuse_unknown_parameters,
)
from employers.models import JobOpening
from ips.versioning import StaleCopyError
from jobseekers import selectors
from jobseekers.forms import BENEFITS_CHOICES, SOURCE_CHOICES
from jobseekers.models import CareerProfile, JobSeeker
from jobseekers.services import PROFILE_M2M_FIELDS, clean_work_history, update_career_profile

router = Router(tags=["career profiles"])

Benefit = Literal[tuple(v for v, _ in BENEFITS_CHOICES)]  # type: ignore[valid-type]
Source = Literal[tuple(v for v, _ in SOURCE_CHOICES)]  # type: ignore[valid-type]
Schedule = Literal[tuple(JobOpening.Schedule.values)]  # type: ignore[valid-type]
Travel = Literal[("", *CareerProfile.TravelMode.values)]  # type: ignore[valid-type]
Disclosure = Literal[tuple(CareerProfile.Disclosure.values)]  # type: ignore[valid-type]
SENSITIVE = ("disclosure_preference", "benefits_received")
HOURS = "Hours a week (0 to 99.9, one decimal)"


class WorkHistoryItem(Schema):
    employer: str = ""
    title: str = ""
    start: str = Field("", description="When it started, as the person says it (e.g. May 2021)")
    end: str = Field("", description="When it ended, as the person says it")
    went_well: str = ""
    was_hard: str = ""
    why_ended: str = ""


class ProfileSensitive(Schema):
    """Only with the `sensitive` scope (and a casework role in the person's program)."""

    disclosure_preference: str = Field(
        description="none, specialist_may, self, or empty (not decided yet)"
    )
    benefits_received: list[str] = Field(
        description="ssi, ssdi, medicaid, medicare, snap, housing, other"
    )


class ProfileOut(Schema):
    id: int
    program_id: int
    seeker_id: int
    version: int = Field(description="1 for the first profile; each update adds one")
    is_current: bool = Field(description="The latest version (earlier ones are kept)")
    dream_job: str
    short_term_goal: str
    preferred_occupations: list[str] = Field(description="O*NET-SOC codes of work wanted")
    ruled_out_occupations: list[str] = Field(description="O*NET-SOC codes ruled out")
    ruled_out_employer_ids: list[int] = Field(description="Employers the person ruled out")
    wanted_job_titles: str
    min_hours_per_week: Decimal | None = Field(description=HOURS)
    max_hours_per_week: Decimal | None = Field(description=HOURS)
    preferred_schedules: list[str] = Field(description="Opening schedules the person can work")
    wanted_hourly_wage: Decimal | None = Field(description="Dollars an hour")
    home_zip: str | None = Field(
        description="Home US ZIP code (5 digits, or empty); null without the `sensitive` "
        "scope, as the job seeker's own home ZIP is"
    )
    travel_mode: str = Field(description="walk, bike, bus, car, ride, or empty")
    max_commute_miles: Decimal | None = Field(description="Longest commute wanted, in miles")
    strengths: str
    interests: str
    skills: str
    education: str
    licences: str
    supports_that_help: str
    work_history: list[dict[str, Any]] = Field(
        description="Jobs before: employer, title, start, end, went_well, was_hard, why_ended"
    )
    information_sources: list[str] = Field(description="person, team, record, family")
    created_at: dt.datetime = Field(description="ISO 8601 date and time")
    sensitive: ProfileSensitive | None = Field(
        description="Disclosure and benefits: null without the `sensitive` scope"
    )

    @staticmethod
    def resolve_preferred_occupations(obj) -> list[str]:
        return [o.pk for o in obj.preferred_occupations.all()]

    @staticmethod
    def resolve_ruled_out_occupations(obj) -> list[str]:
        return [o.pk for o in obj.ruled_out_occupations.all()]

    @staticmethod
    def resolve_ruled_out_employer_ids(obj) -> list[int]:
        return [e.pk for e in obj.ruled_out_employers.all()]

    @staticmethod
    def resolve_home_zip(obj, context) -> str | None:
        if not may_see_sensitive(context["request"], obj.program_id):
            return None
        return obj.home_zip

    @staticmethod
    def resolve_sensitive(obj, context) -> dict | None:
        if not may_see_sensitive(context["request"], obj.program_id):
            return None
        return {name: getattr(obj, name) for name in SENSITIVE}


class ProfileFilter(Schema):
    seeker: Id | None = Field(None, description="Only this job seeker's profiles (an id)")
    program: Id | None = Field(None, description="Only this program's (a program id)")
    current: bool | None = Field(
        None, description="true: only current versions; false: only earlier ones"
    )


class ProfileChanges(Schema):
    """The fields to change; a field left out keeps its value. `version` is the profile
    version the change was made from (0 when the person has none yet): when someone saved
    a newer one since, the answer is 409 and nothing is saved."""

    version: int = Field(ge=0, description="The current profile's version the change starts from")
    dream_job: str = Field(None, max_length=300)
    short_term_goal: str = Field(None, max_length=300)
    preferred_occupations: list[str] = Field(None, description="O*NET-SOC codes, e.g. 35-2014.00")
    ruled_out_occupations: list[str] = Field(None, description="O*NET-SOC codes")
    ruled_out_employers: list[int] = Field(None, description="Employer ids of the program")
    wanted_job_titles: str = Field(None, max_length=5000)
    min_hours_per_week: Decimal | None = Field(
        None, ge=0, le=Decimal("99.9"), decimal_places=1, description=HOURS
    )
    max_hours_per_week: Decimal | None = Field(
        None, ge=0, le=Decimal("99.9"), decimal_places=1, description=HOURS
    )
    preferred_schedules: list[Schedule] = None
    wanted_hourly_wage: Decimal | None = Field(
        None, ge=0, le=Decimal("99999.99"), decimal_places=2, description="Dollars an hour"
    )
    home_zip: str = Field(
        None, pattern=r"^([0-9]{5})?$", description="US ZIP code (5 digits, or empty)"
    )
    travel_mode: Travel = None
    max_commute_miles: Decimal | None = Field(
        None, ge=0, le=Decimal("999.9"), decimal_places=1, description="Miles"
    )
    strengths: str = Field(None, max_length=5000)
    interests: str = Field(None, max_length=5000)
    skills: str = Field(None, max_length=5000)
    education: str = Field(None, max_length=5000)
    licences: str = Field(None, max_length=5000)
    supports_that_help: str = Field(None, max_length=5000)
    work_history: list[WorkHistoryItem] = None
    information_sources: list[Source] = None
    disclosure_preference: Disclosure = Field(None, description="Needs the `sensitive` scope")
    benefits_received: list[Benefit] = Field(None, description="Needs the `sensitive` scope")


ProfilePage = page_schema("ProfilePage", ProfileOut)


def profiles(request):
    """The career profiles the caller may read, with what a page prints loaded."""
    return (
        CareerProfile.objects.for_user(request.user)
        .filter(seeker__erased_at__isnull=True)
        .prefetch_related(
            Prefetch("preferred_occupations"),
            Prefetch("ruled_out_occupations"),
            Prefetch("ruled_out_employers"),
        )
    )


@router.get("/career-profiles", response=ProfilePage)
def list_profiles(request, query: Query[PageQuery], filters: Query[ProfileFilter]):
    """Career profiles, every version (filter `current=true` for the latest); the audit
    trail notes how many were read, per program."""
    refuse_unknown_parameters(request, ProfileFilter)
    rows = profiles(request)
    if filters.seeker is not None:
        rows = rows.filter(seeker_id=filters.seeker)
    if filters.program is not None:
        rows = rows.filter(program_id=filters.program)
    if filters.current is not None:
        rows = rows.filter(is_current=filters.current)
    return audit_list(request, "career profiles", page(request, rows, query))


@router.get("/career-profiles/{profile_id}", response=ProfileOut)
def get_profile(request, profile_id: Id):
    """One version of a career profile; the read lands in the audit trail."""
    profile = get_object_or_404(profiles(request), pk=profile_id)
    audit_read(request, profile, "career profile")
    return profile


def _unchanged(profile: CareerProfile | None, changes: dict) -> bool:
    """The current profile already holds exactly `changes` (a retried update)."""
    if profile is None:
        return False
    for name, value in changes.items():
        if name in PROFILE_M2M_FIELDS:
            if sorted(r.pk for r in getattr(profile, name).all()) != sorted(value or []):
                return False
        elif name == "work_history":
            if profile.work_history != clean_work_history(value):
                return False
        elif getattr(profile, name) != value:
            return False
    return True


@router.patch("/seekers/{seeker_id}/career-profile", response=ProfileOut)
def update_profile(request, seeker_id: Id, payload: ProfileChanges):
    """Save a new current version of the person's career profile with the fields sent
    (`jobseekers.services.update_career_profile`; the earlier version is kept). Specialists
    and leadership of the person's program; changing disclosure or benefits needs the
    `sensitive` scope. Sending the same change again after it was saved answers the saved
    profile and adds no version; a change made from an older version than the current one
    is 409, nothing saved."""
    seeker = get_object_or_404(
        JobSeeker.objects.for_user(request.user).filter(erased_at__isnull=True), pk=seeker_id
    )
    acting_staff(request, seeker.program_id, "jobseekers.change_careerprofile")
    if not selectors.may_do_casework(request.user, seeker):
        raise PermissionDenied("Only specialists and leadership of the program change a profile.")
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    if set(changes) & set(SENSITIVE) and not may_see_sensitive(request, seeker.program_id):
        raise PermissionDenied("Changing disclosure or benefits needs the `sensitive` scope.")
    if "work_history" in changes:
        changes["work_history"] = [dict(e) for e in changes["work_history"]]
    try:
        profile = update_career_profile(
            seeker=seeker, changes=changes, by=request.user, expected_version=version
        )
    except StaleCopyError:
        current = profiles(request).filter(seeker=seeker, is_current=True).first()
        if current is not None and current.version == version + 1 and _unchanged(current, changes):
            return current  # the same change, sent again: it is saved already
        raise HttpError(
            409,
            "The profile was changed since that version: nothing was saved. "
            "Read it again and resend the change.",
        ) from None
    return profiles(request).get(pk=profile.pk)
