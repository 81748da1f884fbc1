"""The signed-in job seeker's pages: home (matches), interest, suggestions, profile,
preferences."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from cms import selectors, services
from cms.forms import PreferencesForm
from cms.models import PortalPreference
from cms.views.common import _posted, safe_next, seeker_required
from employers.models import JobOpening
from ips.versioning import StaleCopyError
from jobseekers.selectors import current_profile_version

PORTAL_CONFLICT_MESSAGE = _(
    "Your profile was changed by your specialist while you were making your choices, so "
    "your choices were not saved yet. Check them below, then save again."
)


FIRST_CARDS = 5  # issue 20, item 3: five cards, then "show more"


@seeker_required
def home(request):
    """Openings for you: a count, five cards (all with ?more=1), three reasons each; after a
    job start, the question whether to keep or pause suggestions."""
    seeker = request.seeker
    preference = PortalPreference.objects.filter(seeker=seeker).first()
    paused = bool(preference and preference.suggestions_paused)
    job = selectors.current_job(seeker)
    ask_about_job = job is not None and not (preference and preference.answered_job_id == job.pk)
    cards = (
        [] if paused else [selectors.match_card(m) for m in selectors.matches_for_seeker(seeker)]
    )
    show_all = request.GET.get("more") == "1"
    context = {
        "seeker": seeker,
        "cards": cards if show_all else cards[:FIRST_CARDS],
        "count": len(cards),
        "hidden": 0 if show_all else max(len(cards) - FIRST_CARDS, 0),
        "paused": paused,
        "job": job,
        "ask_about_job": ask_about_job and not paused,
        "openings_path": services.public_openings_path(),
    }
    return render(request, "cms/portal/home.html", context)


@require_POST
@seeker_required
def withdraw_interest(request, opening_id: int):
    """Take back "I'm interested" (services.withdraw_interest)."""
    opening = get_object_or_404(JobOpening, pk=opening_id)
    try:
        withdrawn = services.withdraw_interest(seeker=request.seeker, opening=opening)
    except services.PortalError as error:
        messages.error(request, str(error))
    else:
        if withdrawn:
            messages.success(
                request,
                gettext("Done. You are no longer marked interested in “%(title)s”.")
                % {"title": opening.title},
            )
    return redirect(safe_next(request, request.POST.get("next")) or "portal:home")


@require_POST
@seeker_required
def suggestions(request):
    """Keep or pause job suggestions (services.choose_job_suggestions)."""
    choice = request.POST.get("choice")
    if choice not in ("keep", "pause"):
        messages.error(request, gettext("Please choose to keep or pause job suggestions."))
        return redirect("portal:home")
    services.choose_job_suggestions(seeker=request.seeker, keep=choice == "keep")
    if choice == "keep":
        messages.success(request, gettext("We will keep showing you jobs that may suit you."))
    else:
        messages.success(
            request,
            gettext("Job suggestions are paused. You can start them again here any time."),
        )
    return redirect("portal:home")


@require_http_methods(["GET", "HEAD", "POST"])
@seeker_required
def interested(request, opening_id: int):
    """Say "I'm interested" (a POST only). Opened as a page (a reload, a bookmark, back
    from signing in) it records nothing: it goes to the opening, with a note on how to say
    it when the opening is still listed and not yet chosen (red-team finding: was a blank
    405)."""
    if request.method != "POST":
        return _to_the_opening(request, opening_id)
    opening = get_object_or_404(JobOpening.objects.public(), pk=opening_id)
    services.record_interest(seeker=request.seeker, opening=opening)
    messages.success(
        request,
        gettext(
            "Thank you. We told your specialist you are interested in “%(title)s”. "
            "They will get in touch."
        )
        % {"title": opening.title},
    )
    return redirect(safe_next(request, request.POST.get("next")) or "portal:home")


def _to_the_opening(request, opening_id: int):
    opening = JobOpening.objects.public().filter(pk=opening_id).first()
    if opening is not None and not selectors.said_interested(request.seeker, opening):
        messages.info(
            request,
            gettext(
                "To tell your specialist you are interested in this job, "
                "press the “I'm interested” button."
            ),
        )
    return redirect(f"{services.public_openings_path()}{opening_id}/")


@seeker_required
def profile(request):
    current = selectors.current_profile(request.seeker)
    labels = dict(JobOpening.Schedule.choices)
    context = {
        "seeker": request.seeker,
        "profile": current,
        "schedules": ", ".join(
            gettext(labels.get(s, s)) for s in (current.preferred_schedules or [])
        )
        if current
        else "",
        "preference": PortalPreference.objects.filter(seeker=request.seeker).first(),
    }
    return render(request, "cms/portal/profile.html", context)


@seeker_required
def preferences(request):
    seeker = request.seeker
    current = selectors.current_profile(seeker)
    preference = PortalPreference.objects.filter(seeker=seeker).first()
    form = PreferencesForm(
        _posted(request),
        initial=_preference_initial(current, preference),
        occupations=selectors.preference_occupations(current),
        version=current.version if current else 0,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_portal_preferences(
                seeker=seeker,
                changes=form.profile_changes(),
                weekly_email=form.cleaned_data["weekly_email"],
                expected_version=form.expected_version,
            )
        except StaleCopyError:
            latest = current_profile_version(seeker)
            form.refuse_stale(StaleCopyError(PORTAL_CONFLICT_MESSAGE), latest)
            return render(request, "cms/portal/preferences.html", {"form": form}, status=409)
        messages.success(
            request, gettext("Your choices are saved. Your specialist can see them too.")
        )
        return redirect("portal:profile")
    status = 400 if form.errors else 200
    return render(request, "cms/portal/preferences.html", {"form": form}, status=status)


def _preference_initial(current, preference) -> dict:
    initial = {"weekly_email": bool(preference and preference.weekly_email)}
    if current is not None:
        initial.update(
            min_hours_per_week=current.min_hours_per_week,
            max_hours_per_week=current.max_hours_per_week,
            preferred_schedules=current.preferred_schedules,
            travel_mode=current.travel_mode,
            max_commute_miles=current.max_commute_miles,
            preferred_occupations=list(current.preferred_occupations.all()),
        )
    return initial
