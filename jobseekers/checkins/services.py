"""Writes for PSR status check-ins."""

from __future__ import annotations

import uuid

from django.db import transaction

from ips.idempotency import refuse_replay, save_event
from ips.models import StaffMember
from jobseekers.models import JobSeeker, StatusCheckIn


@transaction.atomic
def record_check_in(
    *,
    seeker: JobSeeker,
    by: StaffMember | None,
    fields: dict,
    entered_by_person: bool = False,
    idempotency_key: uuid.UUID | None = None,
    allow_duplicate: bool = False,
) -> StatusCheckIn:
    """Save a check-in made with the person (history is kept: never overwrites one).

    Once per `idempotency_key` (ips.idempotency): AlreadyRecorded carrying the first
    check-in when the key is stored; LikelyDuplicate when the person's check-in for the
    same day was saved minutes ago, unless `allow_duplicate`."""
    refuse_replay(StatusCheckIn, program_id=seeker.program_id, key=idempotency_key)
    check_in = StatusCheckIn(
        program=seeker.program,
        seeker=seeker,
        recorded_by=by,
        entered_by_person=entered_by_person,
        idempotency_key=idempotency_key,
        **fields,
    )
    return save_event(check_in, allow_duplicate=allow_duplicate)
