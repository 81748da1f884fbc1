"""Workspace screens for PSR status check-ins: enter one, the person's timeline, the program."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ips.audit import record_event
from ips.idempotency import AlreadyRecorded, LikelyDuplicate, duplicate_message
from ips.models import AuditEvent, Program, StaffMember
from ips.permissions import PROGRAM_FIGURES, allowed_in_program, require_in_program, requires
from ips.roles import LEADERSHIP, has_role, program_ids
from ips.validators import parse_query_date
from jobseekers.checkins.compute import next_check_in_due, quarter_of
from jobseekers.checkins.forms import CheckInForm
from jobseekers.checkins.selectors import person_timeline, psr_figures_for, quarterly_psr
from jobseekers.checkins.services import record_check_in
from jobseekers.models import DomainAssessment, JobSeeker


def _timeline_url(seeker: JobSeeker) -> str:
    return reverse("checkins:timeline", kwargs={"seeker_id": seeker.pk})


def _visible_seeker(request, seeker_id: int, permission: str) -> JobSeeker:
    """The seeker if visible (404 otherwise), when the user's role in the seeker's program
    grants `permission` (403 otherwise: a coach sees the person but not their check-ins)."""
    seeker = get_object_or_404(JobSeeker.objects.for_user(request.user), pk=seeker_id)
    require_in_program(request.user, permission, seeker.program_id)
    return seeker


@require_http_methods(["GET", "POST"])
@requires("jobseekers.add_statuscheckin")
def check_in(request, seeker_id: int):
    """Record a status check-in with the person."""
    seeker = _visible_seeker(request, seeker_id, "jobseekers.add_statuscheckin")
    form = CheckInForm(request.POST or None, seeker=seeker)
    if request.method == "POST" and form.is_valid():
        by = StaffMember.objects.filter(user=request.user, program=seeker.program).first()
        try:
            record_check_in(
                seeker=seeker,
                by=by,
                fields=form.cleaned_data,
                idempotency_key=form.submission_key,
                allow_duplicate=form.allow_duplicate,
            )
        except AlreadyRecorded as error:
            messages.info(request, duplicate_message(error, _timeline_url(seeker)))
            return redirect("checkins:timeline", seeker_id=seeker.pk)
        except LikelyDuplicate as error:
            form.refuse_duplicate(error, _timeline_url(seeker))
        else:
            messages.success(request, "Check-in saved.")
            return redirect("checkins:timeline", seeker_id=seeker.pk)
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary="check-in")
    return render(request, "jobseekers/checkins/form.html", {"seeker": seeker, "form": form})


@require_http_methods(["GET"])
@requires("jobseekers.view_statuscheckin")
def timeline(request, seeker_id: int):
    """How life is going beyond the job, over time, to review with the person."""
    seeker = _visible_seeker(request, seeker_id, "jobseekers.view_statuscheckin")
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary="life")
    entries = person_timeline(seeker)
    last = next((e.date for e in entries if e.kind == "check_in"), None)
    next_assessment = (
        DomainAssessment.objects.filter(seeker=seeker)
        .order_by("-date")
        .values_list("next_due", flat=True)
    ).first()
    due = next_check_in_due(
        last_check_in=last, entry_date=seeker.entry_date, next_assessment_due=next_assessment
    )
    return render(
        request,
        "jobseekers/checkins/timeline.html",
        {"seeker": seeker, "entries": entries, "next_due": due, "today": timezone.localdate()},
    )


def _parse_day(value: str | None, default: dt.date) -> dt.date:
    return parse_query_date(value) if value else default


@require_http_methods(["GET"])
@requires(PROGRAM_FIGURES)
def program_outcomes(request):
    """Directors' view: housing, education, justice and hospital use for a period."""
    allowed = Program.objects.for_user(request.user)
    if not request.user.is_superuser:
        allowed = allowed.filter(id__in=program_ids(request.user, LEADERSHIP))
    programs = list(allowed)
    if not programs:
        raise PermissionDenied
    program = programs[0]
    if request.GET.get("program"):
        program = next((p for p in programs if str(p.pk) == request.GET["program"]), None)
        if program is None:
            raise PermissionDenied
    q_start, q_end = quarter_of(timezone.localdate())
    error = ""
    try:
        start = _parse_day(request.GET.get("start"), q_start)
        end = _parse_day(request.GET.get("end"), q_end)
        if end < start:
            raise ValueError
    except ValueError:
        error = "Give the period as two dates, YYYY-MM-DD, the end not before the start."
        start, end = q_start, q_end
    quarters = quarterly_psr(program, end)
    context = {
        "programs": programs,
        "program": program,
        "start": start,
        "end": end,
        "error": error,
        "figures": psr_figures_for(program, start, end),
        "quarters": quarters,
        "housing_bars": _bars(quarters),
    }
    return render(request, "jobseekers/checkins/program.html", context)


def _bars(quarters, height: int = 120, baseline: int = 135) -> list[dict]:
    """Bar geometry for the stable-housing chart (one bar per quarter)."""
    bars = []
    for index, (label, figures) in enumerate(quarters):
        share = figures.stable_housing_share
        bar = {"label": label, "x": 10 + index * 100, "height": None}
        if share is not None:
            bar_height = round(share * height)
            bar.update(
                height=bar_height,
                y=baseline - bar_height,
                label_y=baseline - bar_height - 4,
                percent=round(share * 100),
            )
        bars.append(bar)
    return bars


def seeker_panel(request, seeker) -> str | None:
    """ "Life beyond the job" on the seeker record: the latest status check-in, when the
    next is due, and (leadership) the person's-rights page; nothing for a role without
    the check-in permission in the person's program (a coach: issue 13, finding 6)."""
    if not allowed_in_program(request.user, "jobseekers.view_statuscheckin", seeker.program_id):
        return None
    latest = seeker.check_ins.order_by("-date", "-id").first()
    next_assessment = (
        seeker.assessments.order_by("-date").values_list("next_due", flat=True).first()
    )
    due = next_check_in_due(
        last_check_in=latest.date if latest else None,
        entry_date=seeker.entry_date,
        next_assessment_due=next_assessment,
    )
    return render_to_string(
        "jobseekers/checkins/_panel.html",
        {
            "seeker": seeker,
            "latest": latest,
            "next_due": due,
            "today": timezone.localdate(),
            "leadership": has_role(request.user, LEADERSHIP, seeker.program_id),
        },
    )
