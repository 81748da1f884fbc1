"""A person's rights over their record: a copy of everything held (JSON and PDF), and
erasure on request that keeps the de-identified counts past reports relied on.

Generic over the models: every row that points at the job seeker (directly, or through
one of their jobs, profiles, assessments or goals) is found through Django's model
metadata, so a model added later is covered without a change here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

from ips.audit import record_event
from ips.models import AuditEvent

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
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _row(obj: models.Model) -> dict:
    data = {}
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


def seeker_record(seeker) -> dict:
    """Everything held about one job seeker, as plain JSON-ready values."""
    record = {"person": _row(seeker), "sections": {}}
    sections: dict[str, list[dict]] = record["sections"]
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
                sections.setdefault(label, []).append(_row(child))
                if depth < 2:
                    walk(child, depth + 1)

    walk(seeker, 1)
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


@transaction.atomic
def erase_seeker(*, seeker, request) -> None:
    """Remove a person's personal data on request; keep the de-identified rows counts use."""
    JobSeeker = apps.get_model("jobseekers", "JobSeeker")
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
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
    portal_user = seeker.portal_user
    for name in SEEKER_PERSONAL_FIELDS:
        setattr(seeker, name, "")
    seeker.name = ERASED_NAME
    seeker.portal_user = None
    seeker.latitude = seeker.longitude = None
    seeker.geocode_source = ""
    seeker.geocoded_at = None
    seeker.erased_at = timezone.now()
    seeker.save()
    if portal_user is not None:
        portal_user.delete()
    record_event(request=request, action=AuditEvent.Action.ERASE, obj=seeker, summary="erased")
