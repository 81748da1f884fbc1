"""Screens for a job start and a job end."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from employers.models import JobOpening
from ips.permissions import requires
from ips.roles import has_role
from ips.validators import query_id
from jobseekers import forms, selectors, services
from jobseekers.models import (
    Job,
)
from jobseekers.views.common import JOB_END_ROLES, _data, _form_view, _seeker

# `?opening=` naming no opening the user may use here: the form, to fill in by hand.
BAD_OPENING_LINK = (
    "The link named no opening we can find, so nothing was filled in from one. "
    "Fill in the job start below, or open it again from the opening."
)


def _opening_from_query(request, seeker) -> tuple[JobOpening | None, str]:
    """`?opening=ID` (the opening's or a match's "Record a job start"): an opening of the
    person's program the user may see; any other id (damaged, deleted, another program's)
    gives no opening and a notice (BAD_OPENING_LINK) instead of an error page (issue 17),
    and says nothing about whether such an opening exists elsewhere."""
    raw = request.GET.get("opening", "")
    if not raw:
        return None, ""
    opening_id = query_id(raw)
    if opening_id is None:
        return None, BAD_OPENING_LINK
    visible = JobOpening.objects.for_user(request.user).filter(program=seeker.program)
    opening = visible.filter(pk=opening_id).first()
    if opening is None:  # gone, another program's, or never was: the same notice
        return None, BAD_OPENING_LINK
    return opening, ""


@requires("jobseekers.add_job")
def start_job(request, pk: int):
    from jobseekers.viewsets import employer_chooser_viewset, occupation_chooser_viewset

    seeker = _seeker(request, pk)
    opening, opening_notice = _opening_from_query(request, seeker)
    form = forms.JobStartForm(
        _data(request),
        user=request.user,
        seeker=seeker,
        occupation_widget=occupation_chooser_viewset.widget_class(),
        employer_widget=employer_chooser_viewset.widget_class(),
        opening=opening,
        coaches=selectors.coach_choices(seeker.program),
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Job start",
        save=lambda f: services.record_job_start(
            seeker=seeker,
            by=request.user,
            idempotency_key=f.submission_key,
            allow_duplicate=f.allow_duplicate,
            **f.cleaned_data,
        ),
        event_url=lambda job: reverse("jobs:inspect", args=[job.pk]),
        notice=opening_notice
        or (
            f"{form.filled_notice} This job start will not be linked to that opening."
            if form.filled_notice
            else ""
        ),
    )


@requires("jobseekers.change_job")
def end_job(request, pk: int):
    job = get_object_or_404(Job.objects.for_user(request.user), pk=pk)
    seeker = _seeker(request, job.seeker_id, casework=False)
    if not has_role(request.user, JOB_END_ROLES, seeker.program_id):
        raise PermissionDenied
    form = forms.JobEndForm(_data(request), version=job.version)
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title=f"End of the job: {job.title}",
        save=lambda f: services.record_job_end(
            job=job,
            end_date=f.cleaned_data["end_date"],
            reason=f.cleaned_data["reason"],
            note=f.cleaned_data["note"],
            by=request.user,
            expected_version=f.expected_version,
        ),
        latest_version=lambda: Job.objects.get(pk=job.pk).version,
    )
