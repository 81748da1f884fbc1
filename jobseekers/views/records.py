"""Screens for the caseload, a referral, the seeker record, entry, stage moves, closing."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ips.audit import record_event, record_rows_shown, rows_by_program
from ips.models import AuditEvent, StaffMember
from ips.permissions import requires
from ips.roles import CASEWORK_ROLES, LEADERSHIP, Role, has_role, program_ids
from ips.validators import query_id
from jobseekers import forms, selectors, services, stages
from jobseekers.models import (
    JobSeeker,
)
from jobseekers.panels import record_panels
from jobseekers.views.common import _data, _form_view, _seeker

_NOT_MOVES = (stages.CLOSED, stages.REFERRED, stages.WORKING)


@requires("jobseekers.change_jobseeker")
def caseload(request):
    """My caseload by stage; leadership see every specialist's caseload and the ratio."""
    user = request.user
    if not (user.is_superuser or program_ids(user, CASEWORK_ROLES)):
        raise PermissionDenied
    leads = user.is_superuser or bool(program_ids(user, LEADERSHIP))
    mine = StaffMember.objects.filter(user=user, role=Role.SPECIALIST, active=True).first()
    wanted = request.GET.get("specialist", "" if leads or mine is None else "mine")
    specialist = None
    if wanted == "mine":
        specialist = mine
    elif query_id(wanted) is not None:
        specialist = get_object_or_404(StaffMember.objects.for_user(user), pk=query_id(wanted))
    elif wanted:
        raise Http404("Unknown caseload.")
    data = selectors.caseload_for(user, today=timezone.localdate(), specialist=specialist)
    record_rows_shown(request=request, what="caseload", counts=rows_by_program(data.rows))
    return render(
        request,
        "jobseekers/caseload.html",
        {
            "caseload": data,
            "leads": leads,
            "group_by_specialist": leads and specialist is None,
            "specialist": specialist,
            "wanted": wanted,
            "specialists": forms.specialists_for(user),
        },
    )


@requires("jobseekers.add_jobseeker")
def refer(request):
    """Record a referral (anyone is referred: IPS is zero-exclusion)."""
    if not (request.user.is_superuser or program_ids(request.user, CASEWORK_ROLES)):
        raise PermissionDenied
    form = forms.ReferralForm(_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        program = form.cleaned_data.pop("program")
        if not (
            request.user.is_superuser or program.pk in program_ids(request.user, CASEWORK_ROLES)
        ):
            raise PermissionDenied
        try:
            seeker = services.refer_seeker(program=program, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_service_errors(form, error)
        else:
            messages.success(request, f"{seeker.name} referred.")
            return redirect("jobseekers:record", seeker.pk)
    return render(
        request,
        "jobseekers/form.html",
        {"form": form, "title": "New referral"},
    )


@requires("jobseekers.view_jobseeker")
def record(request, pk: int):
    """The seeker record: profile, assessments, goals, jobs, contacts, benefits, panels."""
    seeker = _seeker(request, pk, casework=False)
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary="record")
    data = selectors.seeker_record(seeker)
    panels = record_panels(request, seeker)
    return render(
        request,
        "jobseekers/record.html",
        {
            "record": data,
            "seeker": seeker,
            "casework": selectors.may_do_casework(request.user, seeker),
            "may_end_jobs": has_role(
                request.user, CASEWORK_ROLES | {Role.COACH}, seeker.program_id
            ),
            "moves": [
                s for s in stages.allowed_moves(seeker.stage) if s not in ("closed", "referred")
            ],
            "panels": panels,
            "today": timezone.localdate(),
            "interest": selectors.interest_signals(seeker, today=timezone.localdate()),
        },
    )


def _seeker_version(seeker: JobSeeker) -> Callable[[], int]:
    return lambda: JobSeeker.objects.get(pk=seeker.pk).version


@requires("jobseekers.change_jobseeker")
def enter(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.EntryForm(_data(request), user=request.user, seeker=seeker, version=seeker.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Entry onto the caseload",
        save=lambda f: services.enter_caseload(
            seeker=seeker, by=request.user, expected_version=f.expected_version, **f.cleaned_data
        ),
        latest_version=_seeker_version(seeker),
    )


@requires("jobseekers.change_jobseeker")
def move_stage(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.StageForm(_data(request), seeker=seeker, version=seeker.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Change of stage",
        save=lambda f: services.move_seeker_stage(
            seeker=seeker, by=request.user, expected_version=f.expected_version, **f.cleaned_data
        ),
        latest_version=_seeker_version(seeker),
    )


@requires("jobseekers.change_jobseeker")
def close(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.CloseForm(_data(request), version=seeker.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Close the record",
        save=lambda f: services.close_seeker(
            seeker=seeker, by=request.user, expected_version=f.expected_version, **f.cleaned_data
        ),
        latest_version=_seeker_version(seeker),
    )
