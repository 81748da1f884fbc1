"""The audit trail of job seekers' records (issue: security, privacy and resilience)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ips.models import AuditEvent

SEEKER_LABEL = "jobseekers.JobSeeker"


def seeker_id_of(obj: models.Model) -> int | None:
    """The job seeker a row is about, if any (the seeker row itself, or a row pointing at one)."""
    if obj._meta.label == SEEKER_LABEL:
        return obj.pk
    seeker_id = getattr(obj, "seeker_id", None)
    if seeker_id is not None:
        return seeker_id
    job = getattr(obj, "job", None) if hasattr(obj, "job_id") else None
    return getattr(job, "seeker_id", None) if job is not None else None


def client_ip(request) -> str | None:
    """The caller's address: REMOTE_ADDR, or behind our trusted proxy (TRUST_X_FORWARDED_FOR)
    the last X-Forwarded-For entry; also django-axes' AXES_CLIENT_IP_CALLABLE."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        # The proxy appends the address it saw; entries before it are whatever the caller sent.
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR") or None


def record_event(
    *,
    request,
    action: str,
    obj: models.Model | None = None,
    seeker_id: int | None = None,
    program_id: int | None = None,
    object_type: str = "",
    summary: str = "",
) -> AuditEvent:
    """Write one audit event for the request's user."""
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    if obj is not None:
        seeker_id = seeker_id if seeker_id is not None else seeker_id_of(obj)
        program_id = program_id if program_id is not None else getattr(obj, "program_id", None)
        object_type = object_type or obj._meta.label
    return AuditEvent.objects.create(
        program_id=program_id,
        user=user if authenticated else None,
        user_label=user.get_username() if authenticated else "anonymous",
        action=action,
        object_type=object_type,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        seeker_id=seeker_id,
        summary=summary[:300],
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )


def audit_object_access(request, obj: models.Model, *, view_name: str) -> None:
    """Record a workspace view or change of any row that is about a job seeker."""
    if seeker_id_of(obj) is None:
        return
    if request.method == "POST":
        action = AuditEvent.Action.DELETE if view_name == "delete" else AuditEvent.Action.CHANGE
    else:
        action = AuditEvent.Action.VIEW
    record_event(request=request, action=action, obj=obj, summary=f"workspace {view_name}")
