"""Screens for the career profile and the work history."""

from __future__ import annotations

from ips.permissions import requires
from jobseekers import forms, selectors, services
from jobseekers.views.common import _data, _form_view, _seeker


@requires("jobseekers.change_careerprofile")
def edit_profile(request, pk: int):
    """A new version of the career profile (the earlier one is kept)."""
    from jobseekers.viewsets import occupation_chooser_viewset

    seeker = _seeker(request, pk)
    current = seeker.profiles.filter(is_current=True).first()
    form = forms.CareerProfileForm(
        _data(request),
        instance=current,
        user=request.user,
        seeker=seeker,
        occupation_widget=occupation_chooser_viewset.widget_class,
        version=current.version if current else 0,  # the profile version it starts from
    )
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Career profile",
        save=lambda f: services.update_career_profile(
            seeker=seeker, changes=f.changes(), by=request.user, expected_version=f.expected_version
        ),
        latest_version=lambda: selectors.current_profile_version(seeker),
    )


@requires("jobseekers.change_careerprofile")
def add_work_history(request, pk: int):
    seeker = _seeker(request, pk)
    form = forms.WorkHistoryForm(_data(request))
    return _form_view(
        request,
        seeker=seeker,
        form=form,
        title="Add a job to the work history",
        save=lambda f: services.add_work_history_entry(
            seeker=seeker, entry=f.cleaned_data, by=request.user
        ),
    )
