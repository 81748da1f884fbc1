"""What the offline field forms need (issue 23): who is signed in, the pickers' data of
the signed-in user only, and the support log as a POST.

The staff quick log (employers) and the coach's support log (coaching) queue entries on
the phone while there is no signal (static/ips/field.js) and send them here, or to
`POST /employer-contacts` (api.v1), when the connection returns. Every read starts from
`for_user`; a support contact is saved through the support log screen's own form and
service (`coaching.forms.SupportContactForm`, `coaching.services.log_support_contact`),
so the phone and the screen refuse the same things.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from ninja import Field, Router, Schema, Status

from api.common import Day, IdempotencyKey, refuse_anothers_key
from api.keys import refuse_changed_request, remember_request
from api.schemas import DATE
from coaching import services as coaching_services
from coaching.forms import SupportContactForm
from coaching.models import SupportContact
from employers.selectors import casework_programs, recent_employers
from ips.idempotency import AlreadyRecorded, LikelyDuplicate
from jobseekers.models import Job, JobSeeker

router = Router(tags=["field app"])

CASELOAD_LIMIT = 200  # a caseload is 20 to 25 people (IPS standard); this is a ceiling
RECENT_EMPLOYERS = 10


class MeOut(Schema):
    user_id: int = Field(description="The signed-in user's id: the phone's queue is kept by it")


class Choice(Schema):
    value: str
    label: str


class PickerSeeker(Schema):
    id: int
    name: str


class PickerEmployer(Schema):
    id: int
    name: str


class PickerJob(Schema):
    id: int
    seeker_id: int
    label: str = Field(description="Person: job title at employer")


class PickersOut(Schema):
    """The pickers of the two field forms for the signed-in user only: their own caseload
    (open records where they are the specialist, or the coach of a job), the employers
    they logged contacts with most recently, those people's current jobs, and the
    support log's fixed choices."""

    user_id: int
    seekers: list[PickerSeeker]
    employers: list[PickerEmployer]
    jobs: list[PickerJob]
    modes: list[Choice]
    locations: list[Choice]
    with_whom: list[Choice]
    support_types: list[Choice]


class SupportContactIn(Schema):
    """One follow-along contact, as the support log screen records it."""

    seeker_id: int = Field(description="An open job seeker of the caller's programs")
    job_id: int | None = Field(default=None, description="One of that person's jobs, if any")
    date: Day = Field(description=f"Day of the contact ({DATE}); today or earlier")
    mode: Literal[tuple(SupportContact.Mode.values)] = Field(  # type: ignore[valid-type]
        default="face_to_face", description="How the contact was made"
    )
    location: Literal[("", *SupportContact.Location.values)] = ""  # type: ignore[valid-type]
    with_whom: list[str] = Field(
        default_factory=list, description=f"Any of {', '.join(SupportContact.WithWhom.values)}"
    )
    minutes: int | None = Field(default=None, description="Length of the contact, in minutes")
    support_types: list[str] = Field(
        default_factory=list,
        description=f"Any of {', '.join(SupportContact.SupportType.values)}",
    )
    still_employed: bool | None = Field(
        default=None, description="The answer to 'still in this job?', if asked"
    )
    check: int | None = Field(
        default=None, description="The retention check answered (30, 90, 180 or 365 days)"
    )
    notes: str = Field(default="", max_length=5000)
    allow_duplicate: bool = Field(
        default=False, description="Save even though the same contact was logged minutes ago"
    )


class SupportContactOut(Schema):
    id: int
    program_id: int
    seeker_id: int
    job_id: int | None
    staff_id: int = Field(description="Staff member id who gave the support")
    date: dt.date = Field(description=DATE)
    mode: str
    location: str
    with_whom: list[str]
    minutes: int | None = Field(description="Minutes")
    support_types: list[str]
    still_employed: bool | None
    notes: str
    idempotency_key: str | None = Field(description="UUID sent as Idempotency-Key, if any")

    @staticmethod
    def resolve_idempotency_key(obj) -> str | None:
        return str(obj.idempotency_key) if obj.idempotency_key else None


def _choices(choices) -> list[dict[str, str]]:
    return [{"value": value, "label": str(label)} for value, label in choices]


def _staff_only(request) -> None:
    if request.auth.via == "service":
        raise PermissionDenied("The field app is for staff members, not a program's token.")


@router.get("/me", response=MeOut)
def me(request):
    """Who is signed in: the phone checks it before sending a queued entry (an entry is
    never sent as another user)."""
    _staff_only(request)
    return {"user_id": request.user.pk}


@router.get("/pickers", response=PickersOut)
def pickers(request):
    """The pickers' data of the signed-in user only (see PickersOut); five queries."""
    _staff_only(request)
    user = request.user
    own = (
        JobSeeker.objects.for_user(user)
        .filter(closed_date__isnull=True, erased_at__isnull=True)
        .filter(Q(specialist__user=user) | Q(jobs__support_plan__coach__user=user))
        .distinct()
        .order_by("name", "pk")[:CASELOAD_LIMIT]
    )
    seekers = list(own.values("id", "name"))
    jobs = (
        Job.objects.for_user(user)
        .filter(seeker_id__in=[s["id"] for s in seekers], end_date__isnull=True)
        .select_related("seeker", "employer")
        .order_by("seeker__name", "-start_date")
    )
    employers = recent_employers(user, limit=RECENT_EMPLOYERS) if casework_programs(user) else []
    return {
        "user_id": user.pk,
        "seekers": seekers,
        "employers": [{"id": e.pk, "name": e.name} for e in employers],
        "jobs": [
            {
                "id": j.pk,
                "seeker_id": j.seeker_id,
                "label": f"{j.seeker.name}: {j.title} at {j.employer.name}",
            }
            for j in jobs
        ],  # fmt: skip
        "modes": _choices(SupportContact.Mode.choices),
        "locations": _choices(SupportContact.Location.choices),
        "with_whom": _choices(SupportContact.WithWhom.choices),
        "support_types": _choices(SupportContact.SupportType.choices),
    }


# The support log's seekers are the open records of the caller's programs (its form).
CLOSED_OR_ELSEWHERE = "This person's record is closed, or is not in your programs."
API_FIELDS = {"seeker": "seeker_id", "job": "job_id"}  # the form's names -> the API's


def _by_api_field(messages: dict[str, list[str]]) -> ValidationError:
    """The form's or service's errors by field, named as the API's body names them."""
    return ValidationError({API_FIELDS.get(name, name): m for name, m in messages.items()})


def _form_data(payload: SupportContactIn) -> dict:
    """The support log form's POST data for `payload` (its own field names)."""
    still = {True: "yes", False: "no", None: ""}[payload.still_employed]
    return {
        "seeker": payload.seeker_id,
        "job": payload.job_id or "",
        "date": payload.date.isoformat(),
        "mode": payload.mode,
        "location": payload.location,
        "with_whom": payload.with_whom,
        "minutes": "" if payload.minutes is None else payload.minutes,
        "support_types": payload.support_types,
        "still_employed": still,
        "check": "" if payload.check is None else payload.check,
        "notes": payload.notes,
    }


@router.post("/support-contacts", response={201: SupportContactOut})
def post_support_contact(
    request, payload: SupportContactIn, idempotency_key: IdempotencyKey = None
):
    """Log a follow-along contact through the support log screen's form and service;
    once per Idempotency-Key (a retry returns the first contact, 201). 422 names each
    refused field (e.g. `body.seeker_id` for a closed record or another program's
    person); 403 without a staff role in the person's program. The key sent with a
    different request is a 422 (api.keys)."""
    _staff_only(request)
    refuse_changed_request(request, idempotency_key)
    if not request.user.has_perm("coaching.add_supportcontact"):
        raise PermissionDenied("Only staff who log support may do this.")
    scoped = SupportContact.objects.for_user(request.user)
    if idempotency_key is not None:
        first = scoped.filter(idempotency_key=idempotency_key).first()
        if first is not None:
            remember_request(request, idempotency_key)
            return Status(201, first)
    form = SupportContactForm(_form_data(payload), user=request.user)
    form.fields["seeker"].error_messages["invalid_choice"] = CLOSED_OR_ELSEWHERE
    form.fields["job"].error_messages["invalid_choice"] = "No such job in your programs."
    if not form.is_valid():
        raise _by_api_field({name: list(errors) for name, errors in form.errors.items()})
    data = form.cleaned_data
    try:
        with transaction.atomic():
            contact = coaching_services.log_support_contact(
                staff=form.staff,
                seeker=data["seeker"],
                date=data["date"],
                mode=data["mode"],
                job=data["job"],
                with_whom=data["with_whom"],
                location=data["location"],
                minutes=data["minutes"],
                support_types=data["support_types"],
                notes=data["notes"],
                check=data["check"],
                still_employed=data["still_employed"],
                idempotency_key=idempotency_key,
                allow_duplicate=payload.allow_duplicate,
            )
            remember_request(request, idempotency_key)
    except AlreadyRecorded as replay:
        contact = replay.row
        refuse_anothers_key(request, contact.staff)
        remember_request(request, idempotency_key)
    except LikelyDuplicate:
        raise  # problem details name the first row (duplicate_of)
    except ValidationError as refused:
        if not hasattr(refused, "error_dict"):
            raise
        raise _by_api_field(refused.message_dict) from refused
    return Status(201, contact)
