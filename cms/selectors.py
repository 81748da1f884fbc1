"""Reads for the public site and the portal, each in a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, QuerySet

from cms.filters import OpeningFilter
from employers.models import JobOpening
from ips.geo import bounding_box, haversine_miles_many
from jobseekers.models import CareerProfile, JobSeeker, Match, MatchOutcome

PUBLIC_OPENING_RELATED = ("employer", "occupation")
LISTING_ORDER = ("-posted_on", "-created_at", "-id")


def public_openings() -> QuerySet[JobOpening]:
    """Open openings a specialist marked shareable, with what a public card shows."""
    return JobOpening.objects.public().select_related(*PUBLIC_OPENING_RELATED)


@dataclass(frozen=True)
class OpeningsListing:
    page: Page
    distances: dict[int, float] = field(default_factory=dict)
    near_zip: str = ""
    miles: float | None = None


def openings_listing(filterset: OpeningFilter, page_number, per_page: int) -> OpeningsListing:
    """One page of filtered public openings; near a ZIP: nearest first, in two queries."""
    queryset = filterset.qs
    origin = filterset.origin()
    if origin is None:
        page = Paginator(queryset.order_by(*LISTING_ORDER), per_page).get_page(page_number)
        return OpeningsListing(page=page)
    lat, lon, miles = origin
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, miles)
    rows = list(
        queryset.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
        ).values_list("id", "latitude", "longitude")
    )
    distances: dict[int, float] = {}
    if rows:
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        miles_away = haversine_miles_many(
            lat, lon, np.array([r[1] for r in rows]), np.array([r[2] for r in rows])
        )
        inside = miles_away <= miles
        order = np.lexsort((ids[inside], miles_away[inside]))
        distances = {
            int(i): round(float(d), 1)
            for i, d in zip(ids[inside][order], miles_away[inside][order], strict=True)
        }
    page = Paginator(list(distances), per_page).get_page(page_number)
    by_id = JobOpening.objects.select_related(*PUBLIC_OPENING_RELATED).in_bulk(page.object_list)
    page.object_list = [by_id[i] for i in page.object_list if i in by_id]
    return OpeningsListing(
        page=page, distances=distances, near_zip=filterset.form.cleaned_data["zip"], miles=miles
    )


def portal_seeker(user) -> JobSeeker | None:
    """The job seeker whose portal account `user` is, or None (staff are never seekers)."""
    if user is None or not user.is_authenticated or user.is_staff or user.is_superuser:
        return None
    return JobSeeker.objects.filter(portal_user=user).select_related("program").first()


def matches_for_seeker(seeker: JobSeeker, limit: int = 20) -> list[Match]:
    """The seeker's own stored matches on public openings, best first, with interest marked."""
    interested = MatchOutcome.objects.filter(
        seeker=seeker, opening=OuterRef("opening"), kind=MatchOutcome.Kind.INTEREST
    )
    return list(
        Match.objects.filter(
            seeker=seeker, opening__status=JobOpening.Status.OPEN, opening__shareable=True
        )
        .select_related("opening__employer", "opening__occupation")
        .annotate(interested=Exists(interested))
        .order_by("rank", "-score", "id")[:limit]
    )


def current_profile(seeker: JobSeeker) -> CareerProfile | None:
    """The seeker's current career profile with its kinds of work, or None."""
    return (
        CareerProfile.objects.filter(seeker=seeker, is_current=True)
        .prefetch_related("preferred_occupations", "ruled_out_occupations")
        .first()
    )
