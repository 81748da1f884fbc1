"""What every job-seeker service shares: the acting user (`Actor`), the audit-trail entry,
the same-program and model checks, and the stage move (rules in `jobseekers.stages`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from wagtail.log_actions import log

from ips.models import Program, StaffMember
from jobseekers import stages
from jobseekers.models import JobSeeker

# The acting user: staff in a view, None for an import or the person's own portal change.
Actor = Any


def _staff_of(user: Actor, program: Program) -> StaffMember | None:
    """The acting user's staff row in `program` (None for imports and the portal)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return StaffMember.objects.filter(user=user, program=program, active=True).first()


def _log(instance: Any, action: str, by: Actor, note: str) -> None:
    log(instance=instance, action=action, user=by, data={"note": note})


def _check_same_program(program: Program, **rows: Any) -> None:
    errors = {
        name: "This belongs to another program."
        for name, row in rows.items()
        if row is not None and getattr(row, "program_id", program.pk) != program.pk
    }
    if errors:
        raise ValidationError(errors)


def _validate(instance, exclude: Iterable[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude), validate_unique=True)


def _set_stage(seeker: JobSeeker, target: str, on: dt.date, by: Actor, note: str = "") -> None:
    try:
        stages.check_move(seeker.stage, target)
    except stages.StageError as error:
        raise ValidationError({"stage": str(error)}) from error
    before = seeker.stage
    seeker.stage = target
    seeker.stage_changed_on = on
    _log(seeker, "wagtail.edit", by, note or f"Stage {before} -> {target}")
