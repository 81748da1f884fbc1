"""Screens for the benefits estimate, benefits counselling and wage reports."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from employers.models import JobOpening
from ips.audit import record_event
from ips.models import AuditEvent
from ips.permissions import requires
from jobseekers import benefits, forms, selectors, services
from jobseekers.benefits import words
from jobseekers.models import (
    Job,
)
from jobseekers.views.common import _data, _form_view, _seeker


@requires("jobseekers.view_benefitsparameters")
def benefits_estimate(request, pk: int):
    """ "If you took this job": this month and the job's month side by side, in plain
    words, each step one click away. The question and its answer are the ones
    `manage.py benefits_estimate` uses (selectors.benefits_estimate). Reads only."""
    seeker = _seeker(request, pk, casework=False)
    record_event(request=request, action=AuditEvent.Action.VIEW, obj=seeker, summary="benefits")
    form = forms.BenefitsEstimateForm(
        request.GET or None,
        initial={
            "year": timezone.localdate().year,
            "twp_months_used": _twp_months(seeker),
        },
        jobs=Job.objects.for_user(request.user).filter(seeker=seeker),
        openings=JobOpening.objects.for_user(request.user)
        .filter(program=seeker.program_id)
        .open()
        .order_by("title", "pk")[:200],
    )
    more = ("student_under_22", "irwe", "blind", "bwe", "subsidy", "twp_months_used", "epe")
    context = {
        "form": form,
        "seeker": seeker,
        "show_more": bool(form.errors) or any(request.GET.get(f) for f in (*more, "couple")),
    }
    if form.is_valid():
        try:
            asked = {
                "now": benefits.read_question(
                    form.question(form.cleaned_data["earnings_now"] or 0)
                ),
                "then": benefits.read_question(form.question(form.job_monthly_earnings())),
            }
            answers = {key: selectors.benefits_estimate(q) for key, q in asked.items()}
        except benefits.InputError as error:
            form.refuse(error)
        else:
            person = asked["then"].people[0]
            context.update(
                now=answers["now"],
                then=answers["then"],
                earnings_now=asked["now"].people[0].gross_earnings,
                earnings_then=person.gross_earnings,
                sentences=words.summary(
                    answers["now"], answers["then"], person, asked["then"].state
                ),
                gets_ssdi=person.ssdi > 0,
            )
    return render(
        request,
        "jobseekers/benefits.html",
        context,
    )


def _twp_months(seeker) -> int | None:
    """Trial work months as the planner last recorded them, else counted from jobs."""
    recorded = selectors.twp_months_recorded(seeker)
    if recorded is not None:
        return recorded
    return selectors.twp_months_from_jobs(seeker, timezone.localdate())


@requires("jobseekers.add_benefitscounselling")
def log_counselling(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.CounsellingForm(_data(request))
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Benefits counselling",
        save=lambda f: services.log_benefits_counselling(
            seeker=seeker, by=request.user, **f.cleaned_data
        ),
    )


@requires("jobseekers.add_benefitscounselling")
def wage_report(request, pk: int):
    """Record that a month's pay was reported to SSA (`services.record_wage_report`).
    From the home's reminder (`?month=YYYY-MM&next=/admin/`) it returns home."""
    seeker = _seeker(request, pk)
    today = timezone.localdate()
    initial = {"month": request.GET.get("month", "")}
    form = forms.WageReportForm(_data(request), initial=initial, today=today)
    back = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Pay reported to SSA",
        save=lambda f: services.record_wage_report(
            seeker=seeker, by=request.user, today=today, **f.cleaned_data
        ),
        success_url=back if safe and back.startswith("/") else "",
    )
