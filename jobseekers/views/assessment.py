"""Screens for the domain assessment (start and continue)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect

from ips.permissions import requires
from jobseekers import forms, selectors, services
from jobseekers.models import (
    DomainAssessment,
)
from jobseekers.views.common import _data, _form_view, _seeker


def _save_assessment(request, seeker, assessment=None):
    """The service call of both assessment screens."""
    return lambda f: services.record_assessment(
        seeker=seeker,
        date=f.cleaned_data["date"],
        domains=f.domains(),
        satisfaction=f.cleaned_data["satisfaction"],
        notes=f.cleaned_data["notes"],
        goal_attainment=f.goal_attainment(),
        intervention_reviews=f.intervention_reviews(),
        basic_needs=f.basic_needs(),
        complete=f.cleaned_data["complete"],
        assessment=assessment,
        expected_version=getattr(f, "expected_version", None),
        by=request.user,
    )


@requires("jobseekers.add_domainassessment")
def assess(request, pk: int):
    """A PSR domain assessment or re-assessment, prefilled from the last one."""
    seeker = _seeker(request, pk)
    form = forms.AssessmentForm(
        _data(request),
        goals=selectors.prefetch_goals(seeker),
        interventions=selectors.running_interventions(seeker),
        previous=selectors.latest_assessment(seeker),
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="PSR domain assessment",
        template="jobseekers/assessment_form.html",
        save=_save_assessment(request, seeker),
    )


@requires("jobseekers.change_domainassessment")
def continue_assessment(request, pk: int):
    """Continue an assessment not yet complete (a completed one goes back to the record)."""
    assessment = get_object_or_404(DomainAssessment.objects.for_user(request.user), pk=pk)
    seeker = _seeker(request, assessment.seeker_id)
    if assessment.completed_on is not None:
        messages.info(request, f"That assessment was completed on {assessment.completed_on}.")
        return redirect("jobseekers:record", seeker.pk)
    form = forms.ContinueAssessmentForm(
        _data(request),
        goals=selectors.prefetch_goals(seeker),
        interventions=selectors.running_interventions(seeker),
        previous=assessment,
        initial={f: getattr(assessment, f) for f in ("date", "satisfaction", "notes")},
        version=assessment.version,
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="PSR domain assessment",
        template="jobseekers/assessment_form.html",
        save=_save_assessment(request, seeker, assessment),
        latest_version=lambda: DomainAssessment.objects.get(pk=assessment.pk).version,
    )
