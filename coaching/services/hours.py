"""Staff time: one entry (`record_time_entry`, also the importer's) and a whole week at
once (`record_week_of_time`, refused as a StaleWeek when the week changed meanwhile).
Hours are hours a week per activity, checked by ips.services.check_hours."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from coaching import schedule
from ips.idempotency import AlreadyRecorded
from ips.models import StaffMember, TimeEntry, WeekOfHoursSave
from ips.services import check_hours


def _check_hours(hours: Decimal, activity: str, location: str) -> dict[str, str]:
    return check_hours(hours=hours, activity=activity, location=location)


def _entry_key(
    key: uuid.UUID | None, day: dt.date, activity: str, location: str
) -> uuid.UUID | None:
    """The key of one entry of a week saved with submission key `key` (one per cell)."""
    return None if key is None else uuid.uuid5(key, f"{day}/{activity}/{location}")


class StaleWeek(ValidationError):
    """The week was saved again (here, on another device, or entry by entry) after the copy
    being sent was opened: nothing was saved from the copy (issue 14)."""

    def __init__(self, last: WeekOfHoursSave | None):
        when = ""
        if last is not None:
            saved = date_format(timezone.localtime(last.created_at), "DATETIME_FORMAT")
            when = f" (last saved {saved})"
        super().__init__(
            f"These hours were changed after this page was opened{when}. Nothing was saved "
            "from this copy, so the later hours are kept. The page now shows the saved hours: "
            "enter your change again if it is still needed.",
            code="stale",
        )


def _week_entries(staff: StaffMember, monday: dt.date):
    return TimeEntry.objects.filter(
        staff=staff, date__gte=monday, date__lt=monday + dt.timedelta(days=7)
    )


def week_version(staff: StaffMember, monday: dt.date) -> str:
    """The version of one staff member's ISO week of hours, as the week screen shows it:
    a hex digest (40 characters) of the latest saving of the week (its key) and of every
    entry's id, version and hours. Any save through any path changes it: the week screen
    (a new saving and new entries each time), the time-entry screen or the import (an
    entry's version or id). A week never saved and without entries has the digest of
    nothing. Two queries."""
    last = (
        WeekOfHoursSave.objects.filter(staff=staff, monday=monday)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    rows = sorted(_week_entries(staff, monday).values_list("pk", "version", "hours"))
    text = f"{last}|" + ";".join(f"{pk}:{version}:{hours}" for pk, version, hours in rows)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


@transaction.atomic
def record_week_of_time(
    *,
    staff: StaffMember,
    monday: dt.date,
    hours: Mapping[tuple[dt.date, str, str], Decimal],
    idempotency_key: uuid.UUID | None = None,
    based_on: str | None = None,
) -> int:
    """Replace a staff member's hours for one ISO week (feeds S2 and V13); returns the
    number of entries kept (zero hours are not stored).

    `hours` maps (day, activity, location) to hours that day (0 to 24, quarter hours).
    `idempotency_key` is the sending's key: when this sending was saved already, nothing
    changes and AlreadyRecorded is raised (carrying the saving). `based_on` is the
    `week_version` the sender's copy was made from: when the week changed since, StaleWeek
    (a ValidationError) is raised and nothing changes, unless the week already holds exactly
    these hours (then nothing needs saving and the count is returned). ValidationError for
    a week not starting on a Monday, a day outside it, bad hours or more than 24 hours in a
    day (ips.services.check_hours)."""
    StaffMember.objects.select_for_update().filter(pk=staff.pk).first()  # one save at a time
    if idempotency_key is not None:
        saved = WeekOfHoursSave.objects.filter(
            program_id=staff.program_id, idempotency_key=idempotency_key
        ).first()
        if saved is not None:
            raise AlreadyRecorded(saved)
    # Entries saved by a sending made before savings were recorded carry derived keys.
    cells = [_entry_key(idempotency_key, *cell) for cell in hours] if idempotency_key else []
    first = (
        TimeEntry.objects.filter(program_id=staff.program_id, idempotency_key__in=cells)
        .order_by("date", "pk")
        .first()
        if cells
        else None
    )
    if first is not None:
        raise AlreadyRecorded(first)
    days = set(schedule.week_days(monday))
    errors: list[str] = []
    if monday.weekday() != 0:
        errors.append("The week must start on a Monday.")
    for (day, activity, location), value in hours.items():
        if day not in days:
            errors.append(f"{date_format(day)} is not in the week of {date_format(monday)}.")
        errors.extend(f"{day}: {msg}" for msg in _check_hours(value, activity, location).values())
    errors.extend(
        f"{date_format(day)}: more than 24 hours in one day."
        for day in schedule.days_over_limit(hours)
    )
    if errors:
        raise ValidationError(errors)
    wanted = {cell: value for cell, value in hours.items() if value > 0}
    if based_on is not None and based_on != week_version(staff, monday):
        stored = {(e.date, e.activity, e.location): e.hours for e in _week_entries(staff, monday)}
        if stored == wanted:
            return len(stored)
        raise StaleWeek(
            WeekOfHoursSave.objects.filter(staff=staff, monday=monday)
            .order_by("-created_at", "-pk")
            .first()
        )
    TimeEntry.objects.filter(staff=staff, date__in=days).delete()
    entries = [
        TimeEntry(
            program_id=staff.program_id,
            staff=staff,
            date=day,
            hours=value,
            activity=activity,
            location=location,
            idempotency_key=_entry_key(idempotency_key, day, activity, location),
        )
        for (day, activity, location), value in sorted(wanted.items())
    ]
    try:
        with transaction.atomic():  # a savepoint: a concurrent same sending won the race
            WeekOfHoursSave.objects.create(
                program_id=staff.program_id,
                staff=staff,
                monday=monday,
                idempotency_key=idempotency_key,
            )
            TimeEntry.objects.bulk_create(entries)
    except IntegrityError:
        saved = WeekOfHoursSave.objects.filter(
            program_id=staff.program_id, idempotency_key=idempotency_key
        ).first()
        if idempotency_key is None or saved is None:
            raise
        raise AlreadyRecorded(saved) from None
    return len(entries)


@transaction.atomic
def record_time_entry(
    *, staff: StaffMember, date: dt.date, hours: Decimal, activity: str, location: str
) -> tuple[TimeEntry, bool]:
    """Set one day's hours for an activity and place (re-recording updates; for imports)."""
    errors = _check_hours(hours, activity, location)
    if errors:
        raise ValidationError(errors)
    return TimeEntry.objects.update_or_create(
        staff=staff,
        date=date,
        activity=activity,
        location=location,
        defaults={"program_id": staff.program_id, "hours": hours},
    )
