"""/time-entries: staff hours by day, activity and place (fidelity items S2 and V13;
issue 22). Leadership reads the program's entries, other staff their own
(TimeEntry.for_user). An entry is added through `ips.services.log_time_entry`, the
workspace's "add a time entry" screen's service, once per Idempotency-Key."""

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
    page,
    page_schema,
    refuse_unknown_parameters,
    refuse_unless_staff_writes,
)
from api.keys import refuse_changed_request, remember_request
from ips.idempotency import AlreadyRecorded
from ips.models import StaffMember, TimeEntry
from ips.roles import LEADERSHIP, program_ids
from ips.services import log_time_entry

router = Router(tags=["time entries"])

DATE = "ISO 8601 date, YYYY-MM-DD"
Activity = Literal[tuple(TimeEntry.Activity.values)]  # type: ignore[valid-type]
Location = Literal[tuple(TimeEntry.Location.values)]  # type: ignore[valid-type]


class TimeEntryOut(Schema):
    id: int
    program_id: int
    staff_id: int
    date: dt.date = Field(description=DATE)
    hours: Decimal = Field(description="Hours that day (0 to 24, in hours)")
    activity: str = Field(description="employment_services or other")
    location: str = Field(description="community or office")
    idempotency_key: str | None = Field(description="UUID sent as Idempotency-Key, if any")

    @staticmethod
    def resolve_idempotency_key(obj) -> str | None:
        return str(obj.idempotency_key) if obj.idempotency_key else None


class TimeFilter(Schema):
    staff: Id | None = Field(None, description="Only this staff member's hours (a staff id)")
    program: Id | None = Field(None, description="Only this program's (a program id)")
    activity: Activity | None = None
    location: Location | None = None
    date_from: Day | None = Field(None, description=f"On or after ({DATE})")
    date_to: Day | None = Field(None, description=f"On or before ({DATE})")


class TimeEntryIn(Schema):
    """One day's hours for one activity and place, as the workspace's add screen takes."""

    staff_id: int | None = Field(
        None,
        description="Whose hours (a staff id): your own staff row when left out (required "
        "when you work in several programs); leadership may name anyone of their program",
    )
    date: Day = Field(description=DATE)
    hours: Decimal = Field(ge=0, le=24, decimal_places=2, description="Hours that day (0 to 24)")
    activity: Activity
    location: Location
    allow_duplicate: bool = Field(
        False, description="Save even though the same entry was made minutes ago"
    )


TimePage = page_schema("TimePage", TimeEntryOut)


def entries(request):
    """TimeEntry.for_user; a service token (a stand-in supervisor, no user account to own
    entries) gets the leadership half of that rule only."""
    if request.auth.via == "service":
        return TimeEntry.objects.filter(program_id__in=program_ids(request.user, LEADERSHIP))
    return TimeEntry.objects.for_user(request.user)


@router.get("/time-entries", response=TimePage)
def list_entries(request, query: Query[PageQuery], filters: Query[TimeFilter]):
    """Hours the caller may see: leadership the program's, others their own."""
    refuse_unknown_parameters(request, TimeFilter)
    rows = entries(request)
    for name, lookup in (
        ("staff", "staff_id"),
        ("program", "program_id"),
        ("activity", "activity"),
        ("location", "location"),
        ("date_from", "date__gte"),
        ("date_to", "date__lte"),
    ):
        value = getattr(filters, name)
        if value is not None:
            rows = rows.filter(**{lookup: value})
    return page(request, rows, query)


@router.get("/time-entries/{entry_id}", response=TimeEntryOut)
def get_entry(request, entry_id: Id):
    return get_object_or_404(entries(request), pk=entry_id)


def _whose(request, staff_id: int | None) -> StaffMember:
    """The staff row the hours are for: the caller's own, or (leadership) a colleague's."""
    if staff_id is None:
        own = list(StaffMember.objects.filter(user=request.user, active=True)[:2])
        if len(own) != 1:
            raise ValidationError(
                {"staff_id": ["Name the staff row: you work in several programs, or none."]}
            )
        return own[0]
    member = StaffMember.objects.for_user(request.user).filter(pk=staff_id, active=True).first()
    if member is None:
        raise ValidationError({"staff_id": ["No such active staff member in your programs."]})
    if member.user_id != request.user.pk and member.program_id not in program_ids(
        request.user, LEADERSHIP
    ):
        raise PermissionDenied("Only leadership records a colleague's hours.")
    return member


@router.post("/time-entries", response={201: TimeEntryOut})
def post_entry(request, payload: TimeEntryIn, idempotency_key: IdempotencyKey = None):
    """Add one time entry (`ips.services.log_time_entry`). Once per Idempotency-Key: a
    retry answers the first entry; the same entry minutes ago without a key is a 422 with
    `duplicate_of` unless `allow_duplicate`; the key sent with a different request is a 422
    (api.keys)."""
    refuse_unless_staff_writes(request)
    refuse_changed_request(request, idempotency_key)
    member = _whose(request, payload.staff_id)
    acting_staff(request, member.program_id, "ips.add_timeentry")
    try:
        with transaction.atomic():
            entry = log_time_entry(
                staff=member,
                date=payload.date,
                hours=payload.hours,
                activity=payload.activity,
                location=payload.location,
                idempotency_key=idempotency_key,
                allow_duplicate=payload.allow_duplicate,
            )
            remember_request(request, idempotency_key)
    except AlreadyRecorded as replay:
        entry = replay.row
    shown = entries(request).filter(pk=entry.pk).first()
    if shown is None:  # the key was another staff member's entry
        raise ValidationError({"__all__": ["This Idempotency-Key was used for another entry."]})
    remember_request(request, idempotency_key)
    return Status(201, shown)
