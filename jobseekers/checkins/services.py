"""Writes for PSR status check-ins."""

from __future__ import annotations

from django.db import transaction

from ips.models import StaffMember
from jobseekers.models import JobSeeker, StatusCheckIn


@transaction.atomic
def record_check_in(
    *, seeker: JobSeeker, by: StaffMember | None, fields: dict, entered_by_person: bool = False
) -> StatusCheckIn:
    """Save a check-in made with the person (history is kept: never overwrites one)."""
    return StatusCheckIn.objects.create(
        program=seeker.program,
        seeker=seeker,
        recorded_by=by,
        entered_by_person=entered_by_person,
        **fields,
    )
