"""A person's rights over their record: a copy of everything held (JSON and PDF), and
erasure on request that keeps the de-identified counts past reports relied on.

Generic over the models: every row that points at the job seeker (directly, or through
one of their jobs, profiles, assessments or goals) is found through Django's model
metadata, so a model added later is covered without a change here.
"""

from __future__ import annotations

import datetime as dt
import operator
import uuid
from decimal import Decimal
from functools import reduce
from importlib import import_module
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.models import EditingSession, FormState
from wagtail.models import ModelLogEntry, Revision

from ips.audit import record_event
from ips.models import AuditEvent
from jobseekers.models import JobSeeker
from jobseekers.privacy.identifiers import PersonIdentifiers
from jobseekers.privacy.signals import seeker_erasing

# Rows that fidelity items and outcomes count (jobs, follow-along contacts, PSR check-ins):
# kept on erasure with their free text removed. Every other row about the person is deleted.
KEEP_FOR_COUNTS = {"jobseekers.Job", "coaching.SupportContact", "jobseekers.StatusCheckIn"}
# The seeker row keeps dates, stage, program, specialist and team (caseload, S1, O1, V4,
# outcomes) and loses everything that identifies the person.
SEEKER_PERSONAL_FIELDS = (
    "ref", "preferred_name", "email", "phone", "zip", "referral_source", "close_note",
)  # fmt: skip
ERASED_NAME = "Erased record"


def _value(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):  # UUID: an event's submission key
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _row(obj: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"program"}:
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(obj, field.name)
            data[field.name] = str(related) if related is not None else None
        else:
            data[field.name] = _value(getattr(obj, field.attname))
    for field in obj._meta.many_to_many:
        data[field.name] = [str(item) for item in getattr(obj, field.name).all()]
    return data


def _children(obj: models.Model) -> list[tuple[str, models.QuerySet]]:
    """Reverse one-to-many relations of `obj` (rows pointing at it), as (label, queryset)."""
    found = []
    for rel in obj._meta.related_objects:
        if rel.many_to_many or not rel.field.concrete:
            continue
        label = rel.related_model._meta.label
        found.append((label, rel.related_model._default_manager.filter(**{rel.field.name: obj})))
    return found


def _rows_about(seeker) -> list[tuple[str, models.Model]]:
    """(label, row) of every row about the seeker: pointing at them, or at such a row."""
    found: list[tuple[str, models.Model]] = []
    seen: set[tuple[str, int]] = set()

    def walk(obj: models.Model, depth: int) -> None:
        for label, queryset in _children(obj):
            if label == "ips.AuditEvent":
                continue
            for child in queryset:
                key = (label, child.pk)
                if key in seen:
                    continue
                seen.add(key)
                found.append((label, child))
                if depth < 2:
                    walk(child, depth + 1)

    walk(seeker, 1)
    return found


def seeker_record(seeker) -> dict:
    """Everything held about one job seeker, as plain JSON-ready values."""
    record = {"person": _row(seeker), "sections": {}}
    sections: dict[str, list[dict]] = record["sections"]
    for label, row in _rows_about(seeker):
        sections.setdefault(label, []).append(_row(row))
    contacts = seeker.employer_contacts.select_related("employer").order_by("date")
    sections["employers.EmployerContact"] = [
        {
            "date": c.date.isoformat(),
            "employer": c.employer.name,
            "mode": c.mode,
            "purpose": c.purpose,
            "notes": c.notes,
        }
        for c in contacts
    ]
    return record


def export_seeker_record(*, seeker, request, fmt: str) -> dict:
    """The record for a download, with the export written to the audit trail."""
    record_event(request=request, action=AuditEvent.Action.EXPORT, obj=seeker, summary=fmt)
    return seeker_record(seeker)


def _blank_free_text(obj: models.Model) -> None:
    changed = []
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.TextField) and getattr(obj, field.attname):
            setattr(obj, field.attname, "")
            changed.append(field.attname)
    if changed:
        obj.save(update_fields=changed)


def identifiers_of(seeker) -> PersonIdentifiers:
    """What names the person in free text: their name, emails (their portal account's too),
    phone and agency reference."""
    user = seeker.portal_user
    emails = (seeker.email, *((user.email, user.get_username()) if user else ()))
    return PersonIdentifiers.of(
        name=seeker.name,
        preferred_name=seeker.preferred_name,
        emails=emails,
        phone=seeker.phone,
        ref=seeker.ref,
    )


def _redact_linked_contacts(seeker, identifiers: PersonIdentifiers) -> None:
    """Employer contacts stay (they count for V4 and belong to the employer's story), but the
    notes about this person lose their name, email and phone."""
    for contact in seeker.employer_contacts.all():
        changed = []
        for field in ("notes", "next_step"):
            value = getattr(contact, field)
            redacted = identifiers.redact(value, name_parts=True)
            if redacted != value:
                setattr(contact, field, redacted)
                changed.append(field)
        if changed:
            contact.save(update_fields=changed)


def _traces(objects: list[models.Model]) -> Q:
    """Rows of generic tables (content type + object id) pointing at any of `objects`."""
    by_type: dict[ContentType, list[str]] = {}
    for obj in objects:
        by_type.setdefault(ContentType.objects.get_for_model(obj), []).append(str(obj.pk))
    return reduce(
        operator.or_,
        (Q(content_type=ct, object_id__in=ids) for ct, ids in by_type.items()),
        Q(pk__in=[]),
    )


def _forget_history(objects: list[models.Model]) -> None:
    """History entries keep who did what when, not the person: Wagtail's log entries and
    revisions, Django admin's log; unsaved edit forms and editing sessions go."""
    traces = _traces(objects)
    ModelLogEntry.objects.filter(traces).update(label=ERASED_NAME, data={})
    Revision.objects.filter(traces).update(object_str=ERASED_NAME, content={})
    LogEntry.objects.filter(traces).update(object_repr=ERASED_NAME, change_message="")
    FormState.objects.filter(traces).delete()
    EditingSession.objects.filter(traces).delete()


def _forget_sign_ins(user, identifiers: PersonIdentifiers) -> None:
    """The sign-in logs (django-axes) under the person's email or username, and the portal
    account's sessions (a deleted account's session no longer signs anyone in, but its row
    would stay until it expires)."""
    names = {*identifiers.emails, *((user.get_username(),) if user else ())}
    if names:
        by_name = reduce(operator.or_, (Q(username__iexact=n) for n in names))
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(by_name).delete()
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if user is None or not hasattr(store, "get_model_class"):
        return  # cache or cookie sessions cannot be listed; they end with the account
    rows = store.get_model_class().objects.values_list("session_key", "session_data")
    for key, data in rows.iterator():
        if store().decode(data).get(SESSION_KEY) == str(user.pk):
            store(session_key=key).delete()


@transaction.atomic
def erase_seeker(*, seeker, request) -> None:
    """Remove a person's personal data on request; keep the de-identified rows counts use.

    Reaches every row about them, the history and admin logs of those rows, the sign-in
    logs and sessions of their portal account, and (through
    `jobseekers.privacy.signals.seeker_erasing`) what higher layers keep, such as stored
    import files.
    """
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    identifiers = identifiers_of(seeker)
    portal_user = seeker.portal_user
    rows = [row for _, row in _rows_about(seeker)]
    seeker_erasing.send(sender=JobSeeker, seeker=seeker, identifiers=identifiers)
    _redact_linked_contacts(seeker, identifiers)
    for label, queryset in _children(seeker):
        if label == "ips.AuditEvent":
            continue
        if label in KEEP_FOR_COUNTS:
            for row in queryset:
                for _, grandchildren in _children(row):
                    for grandchild in grandchildren:
                        _blank_free_text(grandchild)
                _blank_free_text(row)
        else:
            queryset.delete()
    for name in SEEKER_PERSONAL_FIELDS:
        setattr(seeker, name, "")
    seeker.name = ERASED_NAME
    seeker.portal_user = None
    seeker.latitude = seeker.longitude = None
    seeker.geocode_source = ""
    seeker.geocoded_at = None
    seeker.erased_at = timezone.now()
    seeker.save()
    _forget_history([seeker, *rows, *([portal_user] if portal_user else [])])
    _forget_sign_ins(portal_user, identifiers)
    if portal_user is not None:
        portal_user.delete()
    record_event(request=request, action=AuditEvent.Action.ERASE, obj=seeker, summary="erased")
