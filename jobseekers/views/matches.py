"""Screens for an interest handled, a match found unsuitable, a match the person was told of."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from employers.models import JobOpening
from ips.audit import record_event
from ips.models import AuditEvent
from ips.permissions import requires
from jobseekers import forms, services
from jobseekers.models import (
    JobSeeker,
    MatchOutcome,
)
from jobseekers.views.common import _data, _form_view, _seeker

# ---- Closing the loop (issue 17, item 4): "I'm interested" and match actions ----


def _matched_opening(seeker: JobSeeker, opening_id: int) -> JobOpening:
    """An opening matched to `seeker`, or one they said they were interested in, that the
    seeker's program may see (its own, or another program's public one); 404 otherwise."""
    visible = Q(program_id=seeker.program_id) | Q(status=JobOpening.Status.OPEN, shareable=True)
    linked = Q(matches__seeker=seeker) | Q(match_outcomes__seeker=seeker)
    found = JobOpening.objects.filter(visible).filter(linked).filter(pk=opening_id)
    return get_object_or_404(found.select_related("employer").distinct())


@requires("jobseekers.change_jobseeker")
def interest_handled(request, pk: int, outcome_id: int):
    """Record what came of an "I'm interested" (services.handle_interest)."""
    seeker = _seeker(request, pk)
    outcome = get_object_or_404(
        MatchOutcome.objects.for_user(request.user).select_related("opening__employer"),
        pk=outcome_id,
        seeker=seeker,
        kind=MatchOutcome.Kind.INTEREST,
    )
    back = request.POST.get("next") or request.GET.get("next") or ""
    form = forms.InterestHandledForm(_data(request), initial={"next": back})
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        success_url=back if safe and back.startswith("/") else "",
        title=f"Interested in {outcome.opening.title} at {outcome.opening.employer.name}",
        save=lambda f: services.handle_interest(
            outcome=outcome,
            handling=f.cleaned_data["handling"],
            note=f.cleaned_data["note"],
            by=request.user,
        ),
    )


@requires("jobseekers.change_jobseeker")
def match_unsuitable(request, pk: int, opening_id: int):
    """ "Not suitable", with the reason the recommender learns from."""
    seeker = _seeker(request, pk)
    opening = _matched_opening(seeker, opening_id)
    form = forms.MatchUnsuitableForm(_data(request))
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title=f"Not suitable: {opening.title} at {opening.employer.name}",
        save=lambda f: services.mark_match_unsuitable(
            seeker=seeker, opening=opening, reason=f.cleaned_data["reason"], by=request.user
        ),
    )


@requires("jobseekers.change_jobseeker")
def match_told(request, pk: int, opening_id: int):
    """POST: record that the person was told about this opening; back to the page given as
    `next` (one of this site's), else to the record."""
    seeker = _seeker(request, pk)
    opening = _matched_opening(seeker, opening_id)
    if request.method != "POST":
        return redirect("jobseekers:record", seeker.pk)
    services.record_match_told(seeker=seeker, opening=opening, by=request.user)
    record_event(
        request=request, action=AuditEvent.Action.CHANGE, obj=seeker, summary="told of opening"
    )
    messages.success(request, f"Noted: you told them about {opening.title}.")
    # Back to the page it was pressed on (the match's page, "People this might suit").
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    if safe and back.startswith("/"):
        return redirect(back)
    return redirect(reverse("jobseekers:record", args=[seeker.pk]) + "#matches")
