"""The audit trail of job seekers' records (issue: security, privacy and resilience)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import models
from django.db.models import Count

from ips.models import AuditEvent

SEEKER_LABEL = "jobseekers.JobSeeker"
# Query-string keys that do not filter which rows are shown.
NOT_FILTERS = frozenset({"export", "p", "ordering"})
SEARCH_KEY = "q"  # Wagtail's search box: the text may be a person's name, so it is withheld


def is_about_seekers(model: type[models.Model]) -> bool:
    """Whether each row of `model` is about one job seeker (the seeker, or a row with a
    `seeker` or `job` link), as `seeker_id_of` reads it."""
    if model._meta.label == SEEKER_LABEL:
        return True
    links = {f.name for f in model._meta.concrete_fields if f.is_relation}
    return bool(links & {"seeker", "job"})


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


def _account(user):
    """The user account an event names: none for anonymous visitors and for an API service
    token (api.principal.ServicePrincipal, named by `user_label` only)."""
    if user is None or not user.is_authenticated or getattr(user, "is_service_token", False):
        return None
    return user


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
    """Write one audit event for the request's user (or API service token)."""
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    if obj is not None:
        seeker_id = seeker_id if seeker_id is not None else seeker_id_of(obj)
        program_id = program_id if program_id is not None else getattr(obj, "program_id", None)
        object_type = object_type or obj._meta.label
    return AuditEvent.objects.create(
        program_id=program_id,
        user=_account(user),
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


def describe_filter(query) -> str:
    """A listing's filter for the trail ("stage=job_search; specialist=4"); the text typed in
    the search box is withheld, since it may be a person's name."""
    parts = []
    for key in sorted(set(query) - NOT_FILTERS):
        values = [v for v in query.getlist(key) if v]
        if values:
            shown = "(search text)" if key == SEARCH_KEY else ",".join(values)
            parts.append(f"{key}={shown}")
    return "; ".join(parts) or "none"


def rows_by_program(rows: Iterable) -> Counter:
    """{program id: rows} of loaded rows (objects or dataclasses with a `program_id`)."""
    return Counter(getattr(row, "program_id", None) for row in rows)


def record_rows_shown(
    *,
    request,
    what: str,
    counts: Mapping[int | None, int],
    object_type: str = SEEKER_LABEL,
    action: str = AuditEvent.Action.VIEW,
) -> None:
    """One event per program for a listing or an export of rows about job seekers: which
    screen, how many rows and the filter, never the rows themselves (one INSERT)."""
    user = getattr(request, "user", None)
    authenticated = user is not None and user.is_authenticated
    described = describe_filter(request.GET)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            program_id=program_id,
            user=_account(user),
            user_label=user.get_username() if authenticated else "anonymous",
            action=action,
            object_type=object_type,
            summary=f"{what}: {n} rows; filter: {described}"[:300],
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        )
        for program_id, n in sorted(counts.items(), key=lambda item: item[0] or 0)
        if n
    )


def audit_listing(request, model: type[models.Model], rows, *, export_format: str = "") -> None:
    """A workspace listing page (VIEW) or its CSV/XLSX export (EXPORT, one count query) of
    rows about job seekers; listings of other rows are not audited."""
    if not is_about_seekers(model):
        return
    name, label = str(model._meta.verbose_name_plural), model._meta.label
    if not export_format:
        counts = rows_by_program(rows)
        record_rows_shown(request=request, what=f"{name} listing", counts=counts, object_type=label)
        return
    exported = model._default_manager.filter(pk__in=rows.values("pk"))
    counts = dict(exported.order_by().values_list("program_id").annotate(n=Count("pk")))
    record_rows_shown(
        request=request,
        what=f"{name} {export_format} export",
        counts=counts,
        object_type=label,
        action=AuditEvent.Action.EXPORT,
    )
