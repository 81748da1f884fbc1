"""Workspace screens of the recommender: short function views over the selectors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from employers.models import JobOpening
from ips.audit import record_rows_shown, rows_by_program
from ips.permissions import requires
from jobseekers.matching import selectors
from jobseekers.models import CareerProfile, Match

VIEW_MATCHES = "jobseekers.view_match"


def _can_view_matches(user) -> bool:
    return user.is_authenticated and user.has_perm(VIEW_MATCHES)


def opening_record_url(opening_id: int) -> str:
    """The workspace record of an opening (the employers app's viewset's inspect screen,
    not its edit form: red-team finding, issue 17), if registered."""
    try:
        return reverse("openings:inspect", args=[opening_id])
    except NoReverseMatch:
        return ""


def seeker_panel(request, seeker):
    """ "Openings for this person" on the seeker record, or None for roles without matches."""
    if not _can_view_matches(request.user):
        return None
    matches = list(selectors.staff_matches_for_seeker(request.user, seeker, limit=10))
    has_profile = CareerProfile.objects.current().filter(seeker=seeker).exists()
    # Another program's public opening is shown, but its workspace page is not theirs.
    items = [
        {"card": card, "record_url": opening_record_url(card.match.opening_id) if card.own else ""}
        for card in selectors.match_cards(request.user, matches)
    ]
    return render_to_string(
        "jobseekers/matching/seeker_panel.html",
        {"seeker": seeker, "items": items, "has_profile": has_profile},
        request=request,
    )


@requires(VIEW_MATCHES)
def openings_board(request):
    """Open openings of the user's programs with how many people each might suit (matches
    staff marked not suitable are not counted, nor people in a job now)."""
    if not _can_view_matches(request.user):
        raise PermissionDenied
    openings = (
        JobOpening.objects.for_user(request.user)
        .open()
        .select_related("employer")
        .annotate(
            suited=Count(
                "matches",
                # Not people in a job now (red-team finding, issue 17); "People this
                # might suit" still lists them, marked as in a job.
                filter=Q(matches__seeker__in=selectors.matchable_seekers().not_in_a_job())
                & Q(matches__program_id__in=_program_ids(request.user))
                # Not the people staff marked it not suitable for (mark_match_unsuitable).
                & Q(matches__in=Match.objects.not_declined().values("id")),
            )
        )
        .order_by("-suited", "title")[:200]
    )
    return render(request, "jobseekers/matching/openings_board.html", {"openings": openings})


def _program_ids(user):
    from ips.models import Program

    return Program.objects.for_user(user).values("id")


@requires(VIEW_MATCHES)
def opening_people(request, opening_id: int):
    """ "People this might suit": the seekers an opening was matched to, best first."""
    if not _can_view_matches(request.user):
        raise PermissionDenied
    opening = get_object_or_404(
        JobOpening.objects.for_user(request.user).select_related("employer"), pk=opening_id
    )
    matches = list(selectors.people_for_opening(request.user, opening))
    counts = rows_by_program(m.seeker for m in matches)
    record_rows_shown(request=request, what="people this opening might suit", counts=counts)
    return render(
        request,
        "jobseekers/matching/opening_people.html",
        {
            "opening": opening,
            "cards": selectors.match_cards(request.user, matches),
            "record_url": opening_record_url(opening.pk),
        },
    )
