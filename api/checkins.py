"""/check-ins: PSR status check-ins (housing, education, justice, hospital use, supports
and the person's own ratings; issue 22). Casework roles of the person's program read and
write them, as in the workspace (coaches do not). The answers are PSR data: they come back
only to a caller `api.common.may_see_sensitive` allows; without it a check-in shows only
that it happened. A check-in is saved through `jobseekers.checkins.services.record_check_in`
after the workspace form's own checks (`CheckInForm`), once per Idempotency-Key."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from api.common import (
    Day,
    Id,
    IdempotencyKey,
    PageQuery,
    Text,
    acting_staff,
    audit_list,
    audit_read,
    may_see_sensitive,
    page,
    page_schema,
    refuse_unknown_parameters,
)
from api.keys import refuse_changed_request, remember_request
from ips.idempotency import AlreadyRecorded, recorded
from ips.roles import CASEWORK_ROLES, program_ids
from jobseekers.checkins.forms import CheckInForm
from jobseekers.checkins.services import record_check_in
from jobseekers.models import JobSeeker, StatusCheckIn

router = Router(tags=["status check-ins"])

DATE = "ISO 8601 date, YYYY-MM-DD"
Housing = Literal[("", *StatusCheckIn.Housing.values)]  # type: ignore[valid-type]
Justice = Literal[("", *StatusCheckIn.Justice.values)]  # type: ignore[valid-type]
ANSWERS = (
    "housing", "housing_moves", "education_enrolled", "education_completed", "justice",
    "inpatient_admissions", "inpatient_days", "er_visits", "social_supports",
    "quality_of_life", "service_rating", "notes",
)  # fmt: skip


class CheckInAnswers(Schema):
    """The PSR answers; null (or empty text) where the question was not asked."""

    housing: str = Field(description="own_or_family, supported, shelter, homeless, institution")
    housing_moves: int | None = Field(description="Moves since the last check-in")
    education_enrolled: bool | None = Field(description="Enrolled in a course")
    education_completed: bool | None = Field(description="Completed a course or credential")
    justice: str = Field(description="none, new_contact, new_charge, incarceration")
    inpatient_admissions: int | None = Field(description="Psychiatric hospital admissions")
    inpatient_days: int | None = Field(description="Days in hospital (at most 366)")
    er_visits: int | None = Field(description="Emergency-room visits")
    social_supports: int | None = Field(description="People the person can count on")
    quality_of_life: int | None = Field(description="The person's rating of their life, 1-5")
    service_rating: int | None = Field(description="The person's rating of our services, 1-5")
    notes: str


class CheckInOut(Schema):
    id: int
    program_id: int
    seeker_id: int
    date: dt.date = Field(description=DATE)
    entered_by_person: bool = Field(description="The person filled it in on the portal")
    recorded_by_id: int | None = Field(description="Staff member id who recorded it")
    idempotency_key: str | None = Field(description="UUID sent as Idempotency-Key, if any")
    answers: CheckInAnswers | None = Field(
        description="The PSR answers: null without the `sensitive` scope"
    )

    @staticmethod
    def resolve_idempotency_key(obj) -> str | None:
        return str(obj.idempotency_key) if obj.idempotency_key else None

    @staticmethod
    def resolve_answers(obj, context) -> dict | None:
        if not may_see_sensitive(context["request"], obj.program_id):
            return None
        return {name: getattr(obj, name) for name in ANSWERS}


class CheckInFilter(Schema):
    seeker: Id | None = Field(None, description="Only this job seeker's check-ins (an id)")
    program: Id | None = Field(None, description="Only this program's (a program id)")
    date_from: Day | None = Field(None, description=f"On or after ({DATE})")
    date_to: Day | None = Field(None, description=f"On or before ({DATE})")


Count = int | None


class CheckInIn(Schema):
    """A check-in made with the person; everything but the date is optional."""

    seeker_id: int = Field(description="A job seeker of the caller's programs")
    date: Day = Field(description=f"Day of the check-in ({DATE}); today at the latest")
    housing: Housing = ""
    housing_moves: Count = Field(None, ge=0, le=366)
    education_enrolled: bool | None = None
    education_completed: bool | None = None
    justice: Justice = ""
    inpatient_admissions: Count = Field(None, ge=0, le=366)
    inpatient_days: Count = Field(None, ge=0, le=366, description="Days in hospital")
    er_visits: Count = Field(None, ge=0, le=366)
    social_supports: Count = Field(None, ge=0, le=1000)
    quality_of_life: Count = Field(None, ge=1, le=5)
    service_rating: Count = Field(None, ge=1, le=5)
    notes: Text = Field("", max_length=5000)
    allow_duplicate: bool = Field(
        False, description="Save even though the person's check-in that day was saved minutes ago"
    )


CheckInPage = page_schema("CheckInPage", CheckInOut)


def check_ins(request):
    """Check-ins of the caller's casework programs (coaches see none, as in the workspace)."""
    user = request.user
    rows = StatusCheckIn.objects.for_user(user).filter(seeker__erased_at__isnull=True)
    if not user.is_superuser:
        rows = rows.filter(program_id__in=program_ids(user, CASEWORK_ROLES))
    return rows


@router.get("/check-ins", response=CheckInPage)
def list_check_ins(request, query: Query[PageQuery], filters: Query[CheckInFilter]):
    """Status check-ins; the audit trail notes how many were read, per program."""
    refuse_unknown_parameters(request, CheckInFilter)
    rows = check_ins(request)
    for name, lookup in (
        ("seeker", "seeker_id"),
        ("program", "program_id"),
        ("date_from", "date__gte"),
        ("date_to", "date__lte"),
    ):
        value = getattr(filters, name)
        if value is not None:
            rows = rows.filter(**{lookup: value})
    return audit_list(request, "status check-ins", page(request, rows, query))


@router.get("/check-ins/{check_in_id}", response=CheckInOut)
def get_check_in(request, check_in_id: Id):
    """One check-in; the read lands in the audit trail."""
    row = get_object_or_404(check_ins(request), pk=check_in_id)
    audit_read(request, row, "status check-in")
    return row


def _form_data(payload: CheckInIn) -> dict[str, str]:
    data = {}
    for name in ("date", *ANSWERS):
        value = getattr(payload, name)
        if value is None:
            data[name] = ""
        elif isinstance(value, bool):
            data[name] = "true" if value else "false"
        else:
            data[name] = str(value)
    return data


@router.post("/check-ins", response={201: CheckInOut})
def post_check_in(request, payload: CheckInIn, idempotency_key: IdempotencyKey = None):
    """Record a status check-in (`record_check_in`), checked as the workspace's check-in
    form checks it (not in the future, not before the referral; days in hospital need an
    admission). Specialists and leadership of the person's program. Once per
    Idempotency-Key: a retry answers the first check-in; the key sent with a different
    request is a 422 (api.keys)."""
    refuse_changed_request(request, idempotency_key)
    seeker = (
        JobSeeker.objects.for_user(request.user)
        .filter(erased_at__isnull=True, pk=payload.seeker_id)
        .first()
    )
    if seeker is None:
        raise ValidationError({"seeker_id": ["No such job seeker in your programs."]})
    by = acting_staff(request, seeker.program_id, "jobseekers.add_statuscheckin")
    first = recorded(StatusCheckIn, program_id=seeker.program_id, key=idempotency_key)
    if first is None:
        form = CheckInForm(_form_data(payload), seeker=seeker)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        try:
            with transaction.atomic():
                first = record_check_in(
                    seeker=seeker,
                    by=by,
                    fields=form.cleaned_data,
                    idempotency_key=idempotency_key,
                    allow_duplicate=payload.allow_duplicate,
                )
                remember_request(request, idempotency_key)
        except AlreadyRecorded as replay:
            first = replay.row
    shown = check_ins(request).filter(pk=first.pk).first()
    if shown is None:
        raise ValidationError({"__all__": ["This Idempotency-Key was used for another record."]})
    remember_request(request, idempotency_key)
    return Status(201, shown)
