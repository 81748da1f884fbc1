"""Recording an event once (issue 14, item 4): a double tap, a retried request or a
replayed offline queue records one job start, contact, time entry or check-in.

Two rules, both applied by the owning service so screens, the import and the API share
them:

1. **The key.** Each form that records an event carries a client-made UUID (a hidden
   field holding a fresh `uuid4` on every GET, posted back). The row stores it in
   `idempotency_key`, unique per program (a database constraint; rows made before the key
   existed have none). A second call with a key already stored records nothing and raises
   `AlreadyRecorded` carrying the first row. Two concurrent calls: the constraint lets one
   INSERT win; the loser's IntegrityError (inside a savepoint) becomes `AlreadyRecorded`.
2. **The near duplicate.** Without a matching key, a row identical to one made less than
   `DUPLICATE_WINDOW` ago (the fields named by the model's `DUPLICATE_FIELDS`: same
   person, employer, date, kind...) is refused with `LikelyDuplicate`, unless the caller
   says it really is a second event (`allow_duplicate=True`, the "save anyway" box).

A service calls `refuse_replay(...)` first (before its own checks: a replay is answered
with the first row even when the input would no longer pass, e.g. a retention check it
already confirmed), then `save_event(row, allow_duplicate=...)` for the INSERT.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import ngettext

KEY_FIELD = "idempotency_key"
# "Within minutes": a double tap or a retry comes seconds apart, a slow phone's queue a
# few minutes; a real second contact with the same employer on the same day is rarer.
DUPLICATE_WINDOW = dt.timedelta(minutes=10)


class AlreadyRecorded(Exception):
    """This submission's key is stored already: nothing new was saved. `row` is the first."""

    def __init__(self, row: models.Model):
        self.row = row
        super().__init__(f"Already saved: {row}")


class LikelyDuplicate(ValidationError):
    """An identical row was made minutes ago (`row`); refused unless confirmed."""

    def __init__(self, row: models.Model):
        self.row = row
        minutes = max(1, int((timezone.now() - row.created_at).total_seconds() // 60))
        ago = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
        super().__init__(
            f"An identical {row._meta.verbose_name} was saved {ago} ago "
            f"({row}). If this really is a second one, tick \u201csave anyway\u201d and save "
            "again.",
            code="duplicate",
        )


def key_field() -> models.UUIDField:
    """The `idempotency_key` column of an event model (null for rows made before)."""
    return models.UUIDField(
        null=True,
        blank=True,
        editable=False,
        help_text="Made by the form that recorded this row; a second submission with the "
        "same key records nothing.",
    )


def key_constraint(prefix: str) -> models.UniqueConstraint:
    """One key per program (another program's row may carry the same UUID)."""
    return models.UniqueConstraint(
        fields=["program", KEY_FIELD],
        condition=Q(idempotency_key__isnull=False),
        name=f"{prefix}_idempotency_key_unique_per_program",
    )


def parse_key(raw: Any) -> uuid.UUID | None:
    """A submitted key as a UUID; None when missing or malformed."""
    if isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw or "").strip())
    except ValueError:
        return None


def recorded(
    model: type[models.Model], *, program_id: int, key: uuid.UUID | None
) -> models.Model | None:
    """The row of `model` stored with this key in this program, or None."""
    if key is None:
        return None
    return model._base_manager.filter(program_id=program_id, **{KEY_FIELD: key}).first()


def refuse_replay(model: type[models.Model], *, program_id: int, key: uuid.UUID | None) -> None:
    """Raise AlreadyRecorded when this key is stored in the program already."""
    first = recorded(model, program_id=program_id, key=key)
    if first is not None:
        raise AlreadyRecorded(first)


def near_duplicate(row: models.Model, *, now: dt.datetime | None = None) -> models.Model | None:
    """The earliest row identical to unsaved `row` on its model's `DUPLICATE_FIELDS`, made
    within DUPLICATE_WINDOW before `now`; None when there is none."""
    model = type(row)
    lookup = {}
    for name in model.DUPLICATE_FIELDS:
        attname = model._meta.get_field(name).attname
        lookup[attname] = getattr(row, attname)
    since = (now or timezone.now()) - DUPLICATE_WINDOW
    rows = model._base_manager.filter(program_id=row.program_id, created_at__gte=since, **lookup)
    return rows.order_by("created_at", "pk").first()


EventT = TypeVar("EventT", bound=models.Model)


def save_event(row: EventT, *, allow_duplicate: bool = False) -> EventT:
    """INSERT a new event row once: AlreadyRecorded when its key is stored (also when a
    concurrent request stored it first), LikelyDuplicate for an identical row made minutes
    ago unless `allow_duplicate`. Call inside the service's transaction."""
    model, key = type(row), getattr(row, KEY_FIELD)
    refuse_replay(model, program_id=row.program_id, key=key)
    if not allow_duplicate:
        first = near_duplicate(row)
        if first is not None:
            raise LikelyDuplicate(first)
    try:
        # A savepoint: a lost race leaves the caller's transaction usable.
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError:
        first = recorded(model, program_id=row.program_id, key=key)
        if first is None:
            raise
        raise AlreadyRecorded(first) from None
    return row


def duplicate_message(error: LikelyDuplicate | AlreadyRecorded, url: str) -> str:
    """The refusal as safe HTML linking to the first row (for a form error or a message)."""
    if isinstance(error, AlreadyRecorded):
        return format_html(
            'Already saved: <a href="{}">{}</a>. This form was sent before, so nothing new '
            "was recorded. To record another, open a fresh form.",
            url,
            error.row,
        )
    return format_html('{} <a href="{}">Open the first one</a>.', error.messages[0], url)


def first_recorded(queryset: models.QuerySet, key: uuid.UUID | None) -> models.Model | None:
    """The row of `queryset` (already scoped to the user) stored with this key, or None:
    a screen's early answer to a replay, before its form's own checks."""
    return None if key is None else queryset.filter(**{KEY_FIELD: key}).first()
