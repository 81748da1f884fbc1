"""/jobs: job starts (and ends) of the caller's job seekers (issue 22). A job start is
recorded through `jobseekers.services.record_job_start`, the workspace's job-start screen's
service, with its rules (`job_start_problems`: the person is on the caseload and the job
does not start before the entry date; a competitive job pays at least the minimum wage)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from api.common import (
    Day,
    Id,
    IdempotencyKey,
    PageQuery,
    acting_staff,
    audit_list,
    audit_read,
    may_see_sensitive,
    page,
    page_schema,
    refuse_unknown_parameters,
)
from api.keys import refuse_changed_request, remember_request
from employers.models import Employer, JobOpening
from ips.idempotency import AlreadyRecorded, LikelyDuplicate
from ips.models import Occupation
from jobseekers import selectors
from jobseekers.models import Job, JobSeeker
from jobseekers.services import record_job_start

router = Router(tags=["jobs"])

DATE = "ISO 8601 date, YYYY-MM-DD"
Disclosure = Literal[("", *Job.Disclosure.values)]  # type: ignore[valid-type]


class JobSensitive(Schema):
    """Only with the `sensitive` scope (and a casework role in the person's program)."""

    disclosure: str = Field(description="What the employer knows: none, partial, full, or empty")


class JobOut(Schema):
    id: int
    program_id: int
    seeker_id: int
    employer_id: int
    opening_id: int | None
    ref: str = Field(description="The agency's own identifier (may be empty)")
    title: str
    occupation: str | None = Field(description="O*NET-SOC code, e.g. 35-2014.00")
    start_date: dt.date = Field(description=DATE)
    end_date: dt.date | None = Field(description=f"{DATE}; null while the job lasts")
    hours_per_week: Decimal | None = Field(description="Hours a week")
    hourly_wage: Decimal | None = Field(description="Pay in dollars an hour")
    paid_hours_to_date: Decimal | None = Field(description="Hours paid so far, in hours")
    competitive: bool = Field(description="Open to anyone, at least minimum wage, same pay")
    permanent: bool
    end_reason: str = Field(description="quit, better_job, fired, laid_off, ... or empty")
    idempotency_key: str | None = Field(description="UUID sent as Idempotency-Key, if any")
    sensitive: JobSensitive | None = Field(
        description="Disclosure to the employer: null without the `sensitive` scope"
    )

    @staticmethod
    def resolve_occupation(obj) -> str | None:
        return obj.occupation_id

    @staticmethod
    def resolve_idempotency_key(obj) -> str | None:
        return str(obj.idempotency_key) if obj.idempotency_key else None

    @staticmethod
    def resolve_sensitive(obj, context) -> dict | None:
        if not may_see_sensitive(context["request"], obj.program_id):
            return None
        return {"disclosure": obj.disclosure}


class JobFilter(Schema):
    seeker: Id | None = Field(None, description="Only this job seeker's jobs (an id)")
    employer: Id | None = Field(None, description="Only jobs at this employer (an id)")
    program: Id | None = Field(None, description="Only this program's (a program id)")
    current: bool | None = Field(None, description="true: not ended; false: ended")
    started_from: Day | None = Field(None, description=f"Started on or after ({DATE})")
    started_to: Day | None = Field(None, description=f"Started on or before ({DATE})")


class JobIn(Schema):
    """A job start, as the job-start screen records it."""

    seeker_id: int = Field(description="A job seeker of the caller's programs, on the caseload")
    employer_id: int = Field(description="An employer of the person's program")
    opening_id: Id | None = Field(None, description="The opening filled, at that employer")
    title: str = Field(min_length=1, max_length=200, pattern=r"\S")
    occupation: str | None = Field(None, max_length=10, description="O*NET-SOC code")
    start_date: Day = Field(description=f"First day of work ({DATE})")
    hours_per_week: Decimal | None = Field(
        None, ge=0, le=80, decimal_places=1, description="Hours a week (0 to 80)"
    )
    hourly_wage: Decimal | None = Field(
        None, ge=0, le=Decimal("99999.99"), decimal_places=2, description="Dollars an hour"
    )
    paid_hours_to_date: Decimal | None = Field(
        None, ge=0, le=Decimal("999999.99"), decimal_places=2, description="Hours paid so far"
    )
    competitive: bool = Field(True, description="Competitive: at least the minimum wage")
    permanent: bool = True
    disclosure: Disclosure = Field("", description="Needs the `sensitive` scope when not empty")
    ref: str = Field("", max_length=64, description="The agency's own identifier")
    allow_duplicate: bool = Field(
        False, description="Save even though the same start was recorded minutes ago"
    )


JobPage = page_schema("JobPage", JobOut)


def jobs(request):
    return Job.objects.for_user(request.user).filter(seeker__erased_at__isnull=True)


@router.get("/jobs", response=JobPage)
def list_jobs(request, query: Query[PageQuery], filters: Query[JobFilter]):
    """Jobs of the caller's job seekers; the audit trail notes how many were read."""
    refuse_unknown_parameters(request, JobFilter)
    rows = jobs(request)
    for name, lookup in (
        ("seeker", "seeker_id"),
        ("employer", "employer_id"),
        ("program", "program_id"),
        ("started_from", "start_date__gte"),
        ("started_to", "start_date__lte"),
    ):
        value = getattr(filters, name)
        if value is not None:
            rows = rows.filter(**{lookup: value})
    if filters.current is not None:
        rows = rows.filter(end_date__isnull=filters.current)
    return audit_list(request, "jobs", page(request, rows, query))


@router.get("/jobs/{job_id}", response=JobOut)
def get_job(request, job_id: Id):
    """One job; the read lands in the audit trail."""
    job = get_object_or_404(jobs(request), pk=job_id)
    audit_read(request, job, "job")
    return job


@router.post("/jobs", response={201: JobOut})
def post_job(request, payload: JobIn, idempotency_key: IdempotencyKey = None):
    """Record a job start (`jobseekers.services.record_job_start`): the person moves to
    "working" and the job's support plan opens. Specialists and leadership of the person's
    program. Once per Idempotency-Key: a retry answers the first job; the key sent with a
    different request is a 422 (api.keys)."""
    refuse_changed_request(request, idempotency_key)
    seeker = (
        JobSeeker.objects.for_user(request.user)
        .filter(erased_at__isnull=True, pk=payload.seeker_id)
        .first()
    )
    if seeker is None:
        raise ValidationError({"seeker_id": ["No such job seeker in your programs."]})
    acting_staff(request, seeker.program_id, "jobseekers.add_job")
    if not selectors.may_do_casework(request.user, seeker):
        raise PermissionDenied("Only specialists and leadership of the program record a job.")
    if payload.disclosure and not may_see_sensitive(request, seeker.program_id):
        raise PermissionDenied("Recording disclosure needs the `sensitive` scope.")
    employer = Employer.objects.for_user(request.user).filter(pk=payload.employer_id).first()
    if employer is None:
        raise ValidationError({"employer_id": ["No such employer in your programs."]})
    opening = None
    if payload.opening_id is not None:
        opening = JobOpening.objects.for_user(request.user).filter(pk=payload.opening_id).first()
        if opening is None:
            raise ValidationError({"opening_id": ["No such opening in your programs."]})
    occupation = None
    if payload.occupation:
        occupation = Occupation.objects.filter(pk=payload.occupation).first()
        if occupation is None:
            raise ValidationError({"occupation": ["No such O*NET-SOC code."]})
    try:
        with transaction.atomic():
            job = record_job_start(
                seeker=seeker,
                employer=employer,
                opening=opening,
                occupation=occupation,
                title=payload.title,
                start_date=payload.start_date,
                hours_per_week=payload.hours_per_week,
                hourly_wage=payload.hourly_wage,
                paid_hours_to_date=payload.paid_hours_to_date,
                competitive=payload.competitive,
                permanent=payload.permanent,
                disclosure=payload.disclosure,
                ref=payload.ref,
                by=request.user,
                idempotency_key=idempotency_key,
                allow_duplicate=payload.allow_duplicate,
            )
            remember_request(request, idempotency_key)
    except AlreadyRecorded as replay:
        job = replay.row
        remember_request(request, idempotency_key)
    except ValidationError as refused:
        raise _named_as_in_the_body(refused) from None
    return Status(201, jobs(request).get(pk=job.pk))


# The service's field names for the ids the body sends (a filled opening is refused on
# "opening": the 422 names body.opening_id, the field the caller sent).
_BODY_NAMES = {"opening": "opening_id", "employer": "employer_id", "seeker": "seeker_id"}


def _named_as_in_the_body(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict") or isinstance(error, LikelyDuplicate):
        return error
    return ValidationError(
        {_BODY_NAMES.get(name, name): messages for name, messages in error.message_dict.items()}
    )
