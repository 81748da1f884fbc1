"""API v1 (issue 22): the endpoints. Every read starts from the model's `for_user`
(a service token through `api.principal.ServicePrincipal`), so another program's row is a
404; every write goes through the owning service (`employers.services`)."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema, Status, Swagger

from api import errors
from api.auth import AUTH, PerCallerThrottle
from api.common import (
    Day,
    Id,
    IdempotencyKey,
    PageQuery,
    Parser,
    apply_filterset,
    page,
    page_schema,
    refuse_anothers_key,
    refuse_unknown_parameters,
)
from api.keys import refuse_changed_request, remember_request
from api.schemas import (
    DATE,
    ContactIn,
    ContactOut,
    EmployerOut,
    Mode,
    OpeningOut,
    ProgramOut,
    ReportQuery,
    SeekerOut,
)
from employers.filters import EmployerContactFilterSet, EmployerFilterSet, JobOpeningFilterSet
from employers.models import Employer, EmployerContact, JobOpening
from employers.services import log_employer_contact
from ips.audit import record_event, record_rows_shown, rows_by_program
from ips.idempotency import AlreadyRecorded
from ips.models import Program, StaffMember
from ips.permissions import PROGRAM_FIGURES, allowed_in_program
from jobseekers.models import JobSeeker
from reports.build import program_report

THROTTLE = "600/min"  # per token (or per signed-in staff member)
THROTTLES = [PerCallerThrottle(THROTTLE)]


class Docs(Swagger):
    """The interactive docs, reading the schema from its own view (api.urls)."""

    def get_openapi_url(self, api, path_params) -> str:
        return reverse("api:openapi")


class Api(NinjaAPI):
    """NinjaAPI whose schema also documents the problem-details answers (api.errors)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return link_writes_to_reads(errors.document_problems(schema))


# What a write answers, and the read of the same row: OpenAPI links (a client, and
# schemathesis' stateful run, follow them from the POST/PATCH to the GET).
WRITE_THEN_READ = {
    ("post", "/employer-contacts", "201"): ("/employer-contacts/{contact_id}", "contact_id"),
    ("post", "/jobs", "201"): ("/jobs/{job_id}", "job_id"),
    ("post", "/time-entries", "201"): ("/time-entries/{entry_id}", "entry_id"),
    ("post", "/check-ins", "201"): ("/check-ins/{check_in_id}", "check_in_id"),
    ("patch", "/seekers/{seeker_id}/career-profile", "200"): (
        "/career-profiles/{profile_id}",
        "profile_id",
    ),
}


def link_writes_to_reads(schema: dict) -> dict:
    """Add to each write's success answer a link to the GET of the row it answers (in
    place; returned for chaining)."""
    paths = schema.get("paths", {})
    prefix = next((p[: p.index("/programs")] for p in paths if "/programs" in p), "")
    for (method, path, status), (read, parameter) in WRITE_THEN_READ.items():
        write = paths.get(prefix + path, {}).get(method)
        target = paths.get(prefix + read, {}).get("get")
        if write is None or target is None:
            continue
        responses = write["responses"]
        answer = responses.get(status) or responses[int(status)]  # ninja keys them by int
        answer.setdefault("links", {})["ReadTheRow"] = {
            "operationId": target["operationId"],
            "parameters": {parameter: "$response.body#/id"},
            "description": "The row this write answers",
        }
    return schema


api = Api(
    title="IPS job development tracker API",
    version="1",
    description=(
        "Read a program's records and log employer contacts. Authenticate with "
        "`Authorization: Bearer <token>` (a personal access token, or a program's "
        "read-only service token) or the app's own session with its CSRF token. Errors are "
        "RFC 9457 problem details. Lists are cursor-paginated: follow `next`."
    ),
    auth=AUTH,
    throttle=THROTTLES,
    docs=Docs(),
    docs_url=None,  # the interactive docs: api.urls, for signed-in staff only
    openapi_url=None,  # the schema: api.urls, for a token or a signed-in staff session
    urls_namespace="api-v1",
    parser=Parser(),
)
errors.install(api)


ProgramPage = page_schema("ProgramPage", ProgramOut)
SeekerPage = page_schema("SeekerPage", SeekerOut)
EmployerPage = page_schema("EmployerPage", EmployerOut)
OpeningPage = page_schema("OpeningPage", OpeningOut)
ContactPage = page_schema("ContactPage", ContactOut)


# Programs -----------------------------------------------------------------------------


@api.get("/programs", response=ProgramPage, tags=["programs"])
def list_programs(request, query: Query[PageQuery]):
    """The programs the caller works in (no filters: any other parameter is a 422)."""
    refuse_unknown_parameters(request, PageQuery)
    return page(request, Program.objects.for_user(request.user), query)


@api.get("/programs/{program_id}", response=ProgramOut, tags=["programs"])
def get_program(request, program_id: Id):
    return get_object_or_404(Program.objects.for_user(request.user), pk=program_id)


@api.get(
    "/programs/{program_id}/report",
    response=dict[str, Any],
    tags=["programs"],
    summary="Program report",
)
def program_report_view(request, program_id: Id, query: Query[ReportQuery]):
    """The program report (`ips_report --format json`, spec/interchange.md) for the days
    `start` to `end` (ISO 8601 dates, both included). Supervisors, directors and service
    tokens; 404 for another program; an unknown parameter is a 422."""
    refuse_unknown_parameters(request, ReportQuery)
    program = get_object_or_404(Program.objects.for_user(request.user), pk=program_id)
    if not allowed_in_program(request.user, PROGRAM_FIGURES, program.pk):
        raise PermissionDenied("The program report is for supervisors and directors.")
    if query.end < query.start:
        raise ValidationError({"end": ["The period ends before it starts."]})
    if query.start > timezone.localdate():
        raise ValidationError({"start": ["The period has not begun yet."]})
    return program_report(program, query.start, query.end)


# Job seekers --------------------------------------------------------------------------


def _seekers(request):
    return JobSeeker.objects.for_user(request.user).filter(erased_at__isnull=True)


@api.get("/seekers", response=SeekerPage, tags=["job seekers"])
def list_seekers(request, query: Query[PageQuery]):
    """Job seekers the caller may see (without sensitive fields); the audit trail notes
    how many were read, per program. No filters yet: any other parameter is a 422, so a
    list that looks filtered always is."""
    refuse_unknown_parameters(request, PageQuery)
    shown = page(request, _seekers(request), query)
    record_rows_shown(
        request=request, what="API job seekers list", counts=rows_by_program(shown["results"])
    )
    return shown


@api.get("/seekers/{seeker_id}", response=SeekerOut, tags=["job seekers"])
def get_seeker(request, seeker_id: Id):
    """One job seeker; the read lands in the audit trail."""
    seeker = get_object_or_404(_seekers(request), pk=seeker_id)
    record_event(
        request=request, action="view", obj=seeker, summary=f"API read by {request.auth.via}"
    )
    return seeker


# Employers and openings ---------------------------------------------------------------


class NearQuery(Schema):
    near_zip: str | None = Field(None, description="Within `radius` miles of this US ZIP code")
    radius: float | None = Field(None, description="Miles from `near_zip` (1 to 500; default 10)")


class EmployerQuery(NearQuery):
    """The workspace's employer filters (employers.filters.EmployerFilterSet)."""

    program: Id | None = Field(None, description="A program id")
    industry: str | None = Field(None, description="Industry contains this text")
    specialist: Id | None = Field(None, description="Met by this staff member (a staff id)")
    contacted_after: Day | None = Field(None, description=f"Contacted on or after ({DATE})")
    contacted_before: Day | None = Field(None, description=f"Contacted on or before ({DATE})")


class OpeningQuery(NearQuery):
    """The workspace's opening filters (employers.filters.JobOpeningFilterSet)."""

    program: Id | None = Field(None, description="A program id")
    status: Literal[tuple(JobOpening.Status.values)] | None = None  # type: ignore[valid-type]
    shareable: bool | None = Field(None, description="Shown on the public site")
    specialist: Id | None = Field(None, description="Added by this staff member (a staff id)")
    posted_on_after: Day | None = Field(None, description=f"Posted on or after ({DATE})")
    posted_on_before: Day | None = Field(None, description=f"Posted on or before ({DATE})")
    schedule: Literal[tuple(JobOpening.Schedule.values)] | None = None  # type: ignore[valid-type]
    industry: str | None = Field(None, description="The employer's industry contains this")


class ContactQuery(NearQuery):
    """The workspace's contact filters (employers.filters.EmployerContactFilterSet)."""

    program: Id | None = Field(None, description="A program id")
    specialist: Id | None = Field(None, description="Made by this staff member (a staff id)")
    date_after: Day | None = Field(None, description=f"On or after ({DATE})")
    date_before: Day | None = Field(None, description=f"On or before ({DATE})")
    mode: Mode | None = None
    purpose: Literal[tuple(EmployerContact.Purpose.values)] | None = None  # type: ignore[valid-type]
    industry: str | None = Field(None, description="The employer's industry contains this")
    client_present: bool | None = Field(None, description="The job seeker came along")


def _filtered(request, filterset_class, query_class, rows):
    refuse_unknown_parameters(request, query_class)
    return apply_filterset(request, filterset_class, rows)


@api.get("/employers", response=EmployerPage, tags=["employers"])
def list_employers(request, query: Query[PageQuery], filters: Query[EmployerQuery]):
    """Employers of the caller's programs, with the workspace listing's filters."""
    rows = _filtered(
        request, EmployerFilterSet, EmployerQuery, Employer.objects.for_user(request.user)
    )
    return page(request, rows, query)


@api.get("/employers/{employer_id}", response=EmployerOut, tags=["employers"])
def get_employer(request, employer_id: Id):
    return get_object_or_404(Employer.objects.for_user(request.user), pk=employer_id)


@api.get("/openings", response=OpeningPage, tags=["employers"])
def list_openings(request, query: Query[PageQuery], filters: Query[OpeningQuery]):
    """Openings of the caller's programs, with the workspace listing's filters."""
    rows = _filtered(
        request, JobOpeningFilterSet, OpeningQuery, JobOpening.objects.for_user(request.user)
    )
    return page(request, rows, query)


@api.get("/openings/{opening_id}", response=OpeningOut, tags=["employers"])
def get_opening(request, opening_id: Id):
    return get_object_or_404(JobOpening.objects.for_user(request.user), pk=opening_id)


# Employer contacts --------------------------------------------------------------------


def _contacts(request):
    return EmployerContact.objects.for_user(request.user).prefetch_related("seekers")


@api.get("/employer-contacts", response=ContactPage, tags=["employer contacts"])
def list_contacts(request, query: Query[PageQuery], filters: Query[ContactQuery]):
    """The job-development log: specialists and leadership of the program, with the
    workspace listing's filters."""
    rows = _filtered(request, EmployerContactFilterSet, ContactQuery, _contacts(request))
    return page(request, rows, query)


@api.get("/employer-contacts/{contact_id}", response=ContactOut, tags=["employer contacts"])
def get_contact(request, contact_id: Id):
    return get_object_or_404(_contacts(request), pk=contact_id)


@api.post("/employer-contacts", response={201: ContactOut}, tags=["employer contacts"])
def post_contact(
    request,
    payload: ContactIn,
    idempotency_key: IdempotencyKey = None,
):
    """Log an employer contact through the quick log's service
    (`employers.services.log_employer_contact`). The caller must be a specialist,
    supervisor or director of the employer's program; service tokens are read-only."""
    if not request.auth.can_write:
        raise PermissionDenied("This token is read-only.")
    if request.auth.via == "service":
        # A contact is made by a staff member, who the row names: a program's token is not one.
        raise PermissionDenied(
            "A service token cannot log employer contacts: a contact is a staff member's. "
            "Use that staff member's personal token."
        )
    key = idempotency_key  # a malformed one is refused before the view (422, its field)
    refuse_changed_request(request, key)
    employer = Employer.objects.for_user(request.user).filter(pk=payload.employer_id).first()
    if employer is None:
        raise ValidationError({"employer_id": ["No such employer in your programs."]})
    if not allowed_in_program(request.user, "employers.add_employercontact", employer.program_id):
        raise PermissionDenied("Only specialists, supervisors and directors log contacts.")
    specialist = StaffMember.objects.filter(
        user=request.user, program_id=employer.program_id, active=True
    ).first()
    if specialist is None:
        raise PermissionDenied("Only staff of the employer's program log its contacts.")
    wanted = set(payload.seeker_ids)
    seekers = list(JobSeeker.objects.for_user(request.user).filter(pk__in=wanted))
    if len(seekers) != len(wanted):
        raise ValidationError({"seeker_ids": ["A job seeker named here is not in your programs."]})
    # Whom the quick log may name (employers.selectors.loggable_seekers): open records only,
    # so an entry queued on a phone before a record was closed is refused, not logged.
    closed = sorted(s.name for s in seekers if s.closed_date is not None or s.erased_at)
    if closed:
        raise ValidationError(
            {"seeker_ids": [f"This person's record is closed: {', '.join(closed)}."]}
        )
    try:
        with transaction.atomic():
            contact = log_employer_contact(
                specialist=specialist,
                employer=employer,
                date=payload.date,
                mode=payload.mode,
                client_present=payload.client_present,
                seekers=seekers,
                purpose=payload.purpose,
                notes=payload.notes,
                next_step=payload.next_step,
                next_step_due=payload.next_step_due,
                idempotency_key=key,
                allow_duplicate=payload.allow_duplicate,
            )
            remember_request(request, key)
    except AlreadyRecorded as replay:
        contact = replay.row
        refuse_anothers_key(request, contact.specialist)
        remember_request(request, key)
    return Status(201, _contacts(request).get(pk=contact.pk))


# Resource modules -----------------------------------------------------------------------
# Each further resource lives in its own module as a ninja `Router` (paging and the
# Idempotency-Key header from `api.common`) and is added here, one line each.
api.add_router("/", "api.staff.router")
api.add_router("/", "api.profiles.router")
api.add_router("/", "api.jobs.router")
api.add_router("/", "api.time.router")
api.add_router("/", "api.checkins.router")
api.add_router("/", "api.matches.router")
api.add_router("/", "api.benefits.router")
api.add_router("/field", "api.field.router")  # the offline field forms (issue 23)
