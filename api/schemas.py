"""Request and response shapes of API v1. Each field's description gives its unit
(dollars an hour, hours a week) or format (ISO 8601 date, UUID) where it has one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from api.common import Day, may_see_sensitive
from employers.models import EmployerContact

DATE = "ISO 8601 date, YYYY-MM-DD"
Mode = Literal[tuple(EmployerContact.Mode.values)]  # type: ignore[valid-type]
Purpose = Literal[("", *EmployerContact.Purpose.values)]  # type: ignore[valid-type]


class ProgramOut(Schema):
    id: int
    name: str
    slug: str
    zip: str = Field(description="US ZIP code where the program works (5 digits, or empty)")
    minimum_wage: Decimal = Field(
        description="Hourly minimum wage where the program works, in dollars an hour"
    )
    caseload_standard: int = Field(description="Job seekers per full-time specialist")
    country: str = Field(description="Outcome set shown first: US or UK")


class SeekerSensitive(Schema):
    """Contact details and home: only with the `sensitive` scope (and a casework role in
    the person's program, api.common.may_see_sensitive)."""

    email: str = Field(description="Email address, or empty")
    phone: str = Field(description="Phone number as given, or empty")
    zip: str = Field(description="Home US ZIP code (5 digits, or empty)")
    referral_source: str = Field(description="Who referred the person")
    close_reason: str = Field(description="Why the record was closed, or empty")
    close_note: str


class SeekerOut(Schema):
    """A job seeker; contact details only under `sensitive` (null without the scope).
    Benefits, disclosure and family contacts are never here (career profiles, consent)."""

    id: int
    program_id: int
    ref: str = Field(description="The agency's own identifier (may be empty)")
    name: str
    preferred_name: str
    stage: str = Field(description="referred, engaged, job_search, working, follow_along, closed")
    specialist_id: int | None = Field(description="Staff member id of the specialist")
    referral_date: dt.date | None = Field(description=DATE)
    entry_date: dt.date | None = Field(description=f"Day the seeker entered IPS ({DATE})")
    closed_date: dt.date | None = Field(description=DATE)
    sensitive: SeekerSensitive | None = Field(
        description="Contact details and home: null without the `sensitive` scope"
    )

    @staticmethod
    def resolve_sensitive(obj, context) -> dict | None:
        if not may_see_sensitive(context["request"], obj.program_id):
            return None
        return {name: getattr(obj, name) for name in SeekerSensitive.model_fields}


class EmployerOut(Schema):
    id: int
    program_id: int
    ref: str = Field(description="The agency's own identifier (may be empty)")
    name: str
    industry: str
    address: str
    zip: str = Field(description="US ZIP code (5 digits, or empty)")
    phone: str
    website: str = Field(description="URL, or empty")
    latitude: float | None = Field(description="Decimal degrees (WGS 84), null if not located")
    longitude: float | None = Field(description="Decimal degrees (WGS 84), null if not located")


class OpeningOut(Schema):
    id: int
    program_id: int
    employer_id: int
    title: str
    description: str
    hours_per_week: Decimal | None = Field(description="Hours a week")
    schedule: str
    hourly_wage: Decimal | None = Field(description="Pay in dollars an hour")
    zip: str = Field(description="US ZIP code of the workplace (5 digits, or empty)")
    status: str = Field(description="open, filled or closed")
    shareable: bool = Field(description="Shown on the public site while open")
    posted_on: dt.date | None = Field(description=DATE)
    closed_on: dt.date | None = Field(description=DATE)


class ContactOut(Schema):
    id: int
    program_id: int
    date: dt.date = Field(description=DATE)
    specialist_id: int = Field(description="Staff member id who made the contact")
    employer_id: int
    person_id: int | None = Field(description="Person at the employer met, if any")
    mode: str = Field(description="face_to_face, phone, email or video")
    client_present: bool = Field(description="The job seeker came along")
    purpose: str
    notes: str
    next_step: str
    next_step_due: dt.date | None = Field(description=DATE)
    next_step_done: bool
    seeker_ids: list[int] = Field(description="Job seekers the contact was for")
    idempotency_key: str | None = Field(description="UUID sent as Idempotency-Key, if any")

    @staticmethod
    def resolve_seeker_ids(obj) -> list[int]:
        return [s.pk for s in obj.seekers.all()]

    @staticmethod
    def resolve_idempotency_key(obj) -> str | None:
        return str(obj.idempotency_key) if obj.idempotency_key else None


class ContactIn(Schema):
    """A job-development contact, as the quick log records it."""

    employer_id: int = Field(description="An employer of the caller's program")
    date: Day = Field(description=f"Day of the contact ({DATE}); tomorrow at most")
    mode: Mode = Field(default="face_to_face", description="How the contact was made")
    client_present: bool = Field(default=False, description="The job seeker came along")
    purpose: Purpose = ""
    notes: str = Field(default="", max_length=5000)
    next_step: str = Field(default="", max_length=300)
    next_step_due: Day | None = Field(default=None, description=DATE)
    seeker_ids: list[int] = Field(default_factory=list, description="Job seekers it was for")
    allow_duplicate: bool = Field(
        default=False,
        description="Save even though the same contact was logged minutes ago",
    )


class ReportQuery(Schema):
    start: Day = Field(description=f"First day of the period ({DATE})")
    end: Day = Field(description=f"Last day of the period, included ({DATE})")
