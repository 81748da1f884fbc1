"""Writes of the program layer."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ips.domain import tidy_program_name
from ips.geo import Geocoder, default_geocoder
from ips.idempotency import refuse_replay, save_event
from ips.models import GeoPoint, Program, StaffMember, TimeEntry


def locate(row: GeoPoint, *, address: str, zip_code: str, geocoder: Geocoder | None = None) -> bool:
    """Geocode a GeoPoint row from an address and ZIP and cache the result with its source.

    Returns True when coordinates were found. Nothing is saved when none are found, so a
    failed lookup never erases earlier coordinates. Provider errors propagate for the
    calling task to retry.
    """
    found = (geocoder or default_geocoder())(address or "", zip_code or "")
    if found is None:
        return False
    row.latitude, row.longitude = found.latitude, found.longitude
    row.geocode_source = found.source
    row.geocoded_at = timezone.now()
    row.save(update_fields=["latitude", "longitude", "geocode_source", "geocoded_at"])
    return True


def name_taken_message(name: str, *, exclude_pk: int | None = None) -> str | None:
    """The error for a program name another program has already (ignoring capitals and
    spaces), naming that program; None when the name is free."""
    programs = (
        Program.objects.all() if exclude_pk is None else Program.objects.exclude(pk=exclude_pk)
    )
    others = programs.named(name) if name else []
    if not others:
        return None
    return (
        f"The program \u201c{others[0].name}\u201d already has this name; program names must"
        " differ by more than capitals and spaces."
    )


@transaction.atomic
def create_program(*, name: str) -> Program:
    """A new program named `name` (tidied) with a free slug; ValidationError on the name
    when it is empty or another program has it already."""
    name = tidy_program_name(name)
    problem = "A program needs a name." if not name else name_taken_message(name)
    if problem:
        raise ValidationError({"name": problem})
    base = slugify(name)[:70] or "program"
    slug, n = base, 1
    while Program.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Program.objects.create(name=name, slug=slug)


MAX_HOURS_PER_DAY = Decimal(24)


def check_hours(*, hours: Decimal, activity: str, location: str) -> dict[str, str]:
    """The refusals of one time entry by field: hours outside 0-24, an unknown activity
    or place (items S2 and V13 of the fidelity scale count these hours)."""
    errors = {}
    if not Decimal(0) <= hours <= MAX_HOURS_PER_DAY:
        errors["hours"] = "Hours must be between 0 and 24."
    if activity not in TimeEntry.Activity.values:
        errors["activity"] = f"Unknown activity: {activity!r}."
    if location not in TimeEntry.Location.values:
        errors["location"] = f"Unknown place: {location!r}."
    return errors


@transaction.atomic
def log_time_entry(
    *,
    staff: StaffMember,
    date: dt.date,
    hours: Decimal,
    activity: str,
    location: str,
    idempotency_key: uuid.UUID | None = None,
    allow_duplicate: bool = False,
) -> TimeEntry:
    """Add one time entry (the workspace's "add" screen). Once per `idempotency_key`
    (ips.idempotency): AlreadyRecorded carrying the first entry; LikelyDuplicate for the
    same hours, day, activity and place entered minutes ago, unless `allow_duplicate`;
    ValidationError by field for hours outside 0-24 or an unknown activity or place."""
    refuse_replay(TimeEntry, program_id=staff.program_id, key=idempotency_key)
    errors = check_hours(hours=hours, activity=activity, location=location)
    if errors:
        raise ValidationError(errors)
    entry = TimeEntry(
        program_id=staff.program_id,
        staff=staff,
        date=date,
        hours=hours,
        activity=activity,
        location=location,
        idempotency_key=idempotency_key,
    )
    return save_event(entry, allow_duplicate=allow_duplicate)
