"""Screens for goals and steps, interventions, cultural preferences, family consent
and coordination contacts."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from ips.permissions import requires
from ips.validators import query_id
from jobseekers import forms, services
from jobseekers.models import (
    FamilyConsent,
    Goal,
    GoalStep,
)
from jobseekers.views.common import _data, _form_view, _seeker


@requires("jobseekers.add_goal")
def add_goal(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.GoalForm(_data(request))
    latest = seeker.assessments.order_by("-date", "-pk").first()
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="New goal",
        save=lambda f: services.set_goal(
            seeker=seeker,
            domain=f.cleaned_data["domain"],
            description=f.cleaned_data["description"],
            target_date=f.cleaned_data["target_date"],
            steps=f.steps(),
            assessment=latest,
            by=request.user,
        ),
    )


@requires("jobseekers.add_intervention")
def add_intervention(request, pk: int):
    """A PSR intervention in the person's plan, for one of their active goals."""
    seeker = _seeker(request, pk)
    wanted = query_id(request.GET.get("goal", ""))  # "Add an intervention" under a goal
    form = forms.InterventionForm(
        _data(request), seeker=seeker, initial={"goal": wanted} if wanted else {}
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="New intervention",
        save=lambda f: services.add_intervention(by=request.user, **f.cleaned_data),
    )


@requires("jobseekers.add_culturalpreference")
def cultural_preferences(request, pk: int):
    """Record cultural values and preferences, prefilled from the last record."""
    seeker = _seeker(request, pk)
    latest = seeker.cultural_preferences.first()
    form = forms.CulturalPreferenceForm(
        _data(request),
        initial={"values_and_preferences": latest.values_and_preferences} if latest else {},
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Cultural values and preferences",
        save=lambda f: services.record_cultural_preferences(
            seeker=seeker, by=request.user, **f.cleaned_data
        ),
    )


@requires("jobseekers.add_familyconsent")
def family_consent(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.FamilyConsentForm(_data(request))
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Consent to involve family",
        save=lambda f: services.record_family_consent(
            seeker=seeker, by=request.user, **f.cleaned_data
        ),
    )


@requires("jobseekers.change_familyconsent")
def withdraw_consent(request, pk: int):
    consent = get_object_or_404(FamilyConsent.objects.for_user(request.user), pk=pk)
    seeker = _seeker(request, consent.seeker_id)
    form = forms.WithdrawConsentForm(_data(request), version=consent.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title=f"Withdraw consent to involve {consent.contact_name}",
        save=lambda f: services.withdraw_family_consent(
            consent=consent,
            withdrawn_on=f.cleaned_data["withdrawn_on"],
            expected_version=f.expected_version,
            by=request.user,
        ),
        latest_version=lambda: FamilyConsent.objects.get(pk=consent.pk).version,
    )


@requires("jobseekers.add_coordinationcontact")
def log_coordination(request, pk: int):
    """Log a contact with another service, starting from the last one's service and person."""
    seeker = _seeker(request, pk)
    last = seeker.coordination_contacts.first()
    initial = (
        {f: getattr(last, f) for f in ("service", "service_name", "contact_person")} if last else {}
    )
    form = forms.CoordinationContactForm(_data(request), initial=initial)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Coordination with another service",
        save=lambda f: services.log_coordination_contact(
            seeker=seeker, by=request.user, **f.cleaned_data
        ),
    )


@requires("jobseekers.change_goal")
def goal_status(request, pk: int):
    goal = get_object_or_404(Goal.objects.for_user(request.user), pk=pk)
    seeker = _seeker(request, goal.seeker_id)
    form = forms.GoalStatusForm(
        _data(request), initial={"status": goal.status}, version=goal.version
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Goal status",
        save=lambda f: services.update_goal_status(
            goal=goal, by=request.user, expected_version=f.expected_version, **f.cleaned_data
        ),
        latest_version=lambda: Goal.objects.get(pk=goal.pk).version,
    )


@requires("jobseekers.change_goalstep")
def step_done(request, pk: int):
    """Mark a goal step done today (POST only)."""
    step = get_object_or_404(GoalStep.objects.for_user(request.user).select_related("goal"), pk=pk)
    seeker = _seeker(request, step.goal.seeker_id)
    if request.method != "POST":
        return redirect("jobseekers:record", seeker.pk)
    services.complete_goal_step(step=step, done_on=timezone.localdate(), by=request.user)
    messages.success(request, f"Step done: {step.description}")
    return redirect("jobseekers:record", seeker.pk)
