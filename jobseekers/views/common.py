"""What the job seeker screens share: the seeker in scope, the form screen, posted data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ips.audit import record_event
from ips.idempotency import AlreadyRecorded, LikelyDuplicate, duplicate_message
from ips.models import AuditEvent
from ips.roles import CASEWORK_ROLES, Role
from ips.versioning import StaleCopyError
from jobseekers import forms, selectors
from jobseekers.models import (
    JobSeeker,
)

JOB_END_ROLES = CASEWORK_ROLES | {Role.COACH}


def _seeker(request, pk: int, *, casework: bool = True) -> JobSeeker:
    """The seeker if the user may see it (404 otherwise); casework needs a casework role
    in the seeker's own program (403 otherwise)."""
    seeker = get_object_or_404(
        JobSeeker.objects.for_user(request.user).select_related("program", "specialist__user"),
        pk=pk,
    )
    if casework and not selectors.may_do_casework(request.user, seeker):
        raise PermissionDenied
    return seeker


def _form_view(
    request,
    *,
    seeker,
    form,
    title: str,
    save: Callable,
    template: str = "",
    latest_version: Callable[[], int] | None = None,
    event_url: Callable[[Any], str] | None = None,
    success_url: str = "",
    notice: str = "",
):
    """Validate, call the service, show its errors on the form, or go back to the record.
    A stale copy (someone saved first) shows the conflict with the latest version. A form
    recording an event (`event_url` links to a row): a replayed sending goes back to the
    record saying "Already saved"; a near duplicate asks for "save anyway"."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except AlreadyRecorded as error:
            messages.info(request, duplicate_message(error, event_url(error.row)))
            return redirect("jobseekers:record", seeker.pk)
        except LikelyDuplicate as error:
            form.refuse_duplicate(error, event_url(error.row))
        except StaleCopyError as error:
            form.refuse_stale(error, latest_version())
            seeker, status = _seeker(request, seeker.pk, casework=False), 409  # the latest
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            record_event(
                request=request, action=AuditEvent.Action.CHANGE, obj=seeker, summary=title
            )
            messages.success(request, f"{title}: saved.")
            return redirect(success_url or reverse("jobseekers:record", args=[seeker.pk]))
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary=title)
    return render(
        request,
        template or "jobseekers/form.html",
        {"form": form, "seeker": seeker, "title": title, "notice": notice},
        status=status,
    )


def _data(request):
    return request.POST if request.method == "POST" else None
