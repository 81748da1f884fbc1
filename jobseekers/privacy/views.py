"""Supervisors' screens for a person's rights: download their record, erase it."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from ips.audit import record_event
from ips.models import AuditEvent
from ips.permissions import requires
from ips.roles import LEADERSHIP, has_role
from ips.validators import DomainForm
from jobseekers.models import JobSeeker
from jobseekers.privacy.services import erase_seeker, export_seeker_record


class EraseForm(DomainForm):
    confirm = forms.BooleanField(
        label="I confirm the person asked for their record to be erased",
        error_messages={"required": "Tick the box to confirm the person asked for this."},
    )


def _seeker_for_leadership(request, seeker_id: int):
    seeker = get_object_or_404(JobSeeker.objects.for_user(request.user), pk=seeker_id)
    if not has_role(request.user, LEADERSHIP, seeker.program_id):
        raise PermissionDenied
    return seeker


@require_http_methods(["GET"])
@requires("jobseekers.delete_jobseeker")
def rights(request, seeker_id: int):
    """The person's-rights page: downloads and erasure."""
    seeker = _seeker_for_leadership(request, seeker_id)
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary="rights page")
    return render(request, "jobseekers/privacy.html", {"seeker": seeker, "form": EraseForm()})


@require_http_methods(["GET"])
@requires("jobseekers.delete_jobseeker")
def download(request, seeker_id: int, fmt: str):
    """The whole record as JSON or PDF (audited)."""
    if fmt not in ("json", "pdf"):
        raise Http404("Records download as json or pdf.")
    seeker = _seeker_for_leadership(request, seeker_id)
    record = export_seeker_record(seeker=seeker, request=request, fmt=fmt)
    filename = f"record-{seeker.pk}-{slugify(seeker.name) or 'person'}"
    if fmt == "pdf":
        from jobseekers.privacy.pdf import render_record_pdf  # fpdf2 loads for a PDF only

        body = render_record_pdf(record, title=f"Record held about {seeker.name}")
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    response = HttpResponse(
        json.dumps(record, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
    return response


@require_POST
@requires("jobseekers.delete_jobseeker")
def erase(request, seeker_id: int):
    """Erase the person's record on their request, after an explicit confirmation."""
    seeker = _seeker_for_leadership(request, seeker_id)
    form = EraseForm(request.POST)
    if seeker.erased_at is not None:
        messages.info(request, "This record was already erased.")
        return redirect("privacy:rights", seeker_id=seeker.pk)
    if not form.is_valid():
        return render(request, "jobseekers/privacy.html", {"seeker": seeker, "form": form})
    erase_seeker(seeker=seeker, request=request)
    messages.success(request, "The record was erased. Counts for past reports are kept.")
    return redirect("privacy:rights", seeker_id=seeker.pk)
