"""Reads for the public site and the portal, each in a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

import numpy as np
from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import StrIndex
from django.utils import timezone
from django.utils.translation import gettext

from cms.filters import OpeningFilter
from cms.models import PortalPreference
from cms.words import reason_words
from employers.models import JobOpening
from ips.geo import bounding_box, haversine_miles_many
from ips.models import Occupation, StaffMember
from ips.roles import is_staff_member
from ips.search import query_words
from jobseekers.models import CareerProfile, Job, JobSeeker, Match, MatchOutcome

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

PUBLIC_OPENING_RELATED = ("employer", "occupation")
LISTING_ORDER = ("-posted_on", "-created_at", "-id")


def public_openings() -> QuerySet[JobOpening]:
    """Open openings a specialist marked shareable, with what a public card shows."""
    return JobOpening.objects.public().select_related(*PUBLIC_OPENING_RELATED)


# Deep pages: the listing shows at most this many pages (2,000 openings at 20 a page); a
# later page number is answered with a message to narrow the search (issue 21 item 1).
MAX_PAGES = 100
NOT_FOUND_RANK = 1_000_000  # a word found only in the employer's name or the kind of work


@dataclass(frozen=True)
class OpeningsListing:
    page: Page
    distances: dict[int, float] = field(default_factory=dict)
    near_zip: str = ""
    miles: float | None = None
    beyond: bool = False  # a page past MAX_PAGES was asked for: nothing is listed


class BoundedPaginator(Paginator):
    """A Paginator that offers at most MAX_PAGES pages (the count stays the real one)."""

    @property
    def num_pages(self) -> int:
        return min(super().num_pages, MAX_PAGES)


def past_the_bound(page_number) -> bool:
    """True when `page_number` (the raw query value) is a whole number above MAX_PAGES."""
    text = str(page_number or "").strip()
    return text.isascii() and text.isdigit() and (len(text) > 6 or int(text) > MAX_PAGES)


def keyword_rank(words: list[str]) -> Combinable:
    """Relevance of an opening for folded `words`, smaller first: the sum of each word's
    position in the folded title-then-description (a word in the title ranks above one
    only in the description; one found only in the employer's name or kind of work
    counts NOT_FOUND_RANK). StrIndex is instr() on SQLite and strpos() on PostgreSQL."""
    rank: Combinable = Value(0)
    for word in words:
        rank = rank + Case(
            When(search_text__contains=word, then=StrIndex("search_text", Value(word))),
            default=Value(NOT_FOUND_RANK),
        )
    return rank


def openings_listing(filterset: OpeningFilter, page_number, per_page: int) -> OpeningsListing:
    """One page of filtered public openings: with words, most relevant first (keyword_rank),
    else newest first; near a ZIP: nearest first, in two queries. At most MAX_PAGES pages;
    a later page gives an empty listing with `beyond` set (the page says to narrow it)."""
    queryset = filterset.qs
    origin = filterset.origin()
    if past_the_bound(page_number):
        return OpeningsListing(page=Paginator([], per_page).page(1), beyond=True)
    if origin is None:
        words = query_words(filterset.form.cleaned_data.get("q")) if filterset.is_valid() else []
        if words:
            ordered = queryset.annotate(rank=keyword_rank(words)).order_by("rank", *LISTING_ORDER)
        else:
            ordered = queryset.order_by(*LISTING_ORDER)
        page = BoundedPaginator(ordered, per_page).get_page(page_number)
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
    page = BoundedPaginator(list(distances), per_page).get_page(page_number)
    by_id = JobOpening.objects.select_related(*PUBLIC_OPENING_RELATED).in_bulk(page.object_list)
    page.object_list = [by_id[i] for i in page.object_list if i in by_id]
    return OpeningsListing(
        page=page, distances=distances, near_zip=filterset.form.cleaned_data["zip"], miles=miles
    )


def is_portal_account(user) -> bool:
    """A job seeker's own account: never staff, never a superuser, never a program role."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and not (user.is_staff or user.is_superuser or is_staff_member(user))
    )


def portal_seeker(user) -> JobSeeker | None:
    """The job seeker whose portal account `user` is, or None (staff are never seekers)."""
    if not is_portal_account(user):
        return None
    return (
        JobSeeker.objects.filter(portal_user=user)
        .select_related("program", "specialist__user")
        .first()
    )


def portal_user_by_email(email: str):
    """The active portal account with this email address, or None: one query either way, so
    the time taken does not tell whether the address is a client's (is_portal_account's rule)."""
    active_staff = StaffMember.objects.filter(user=OuterRef("pk"), active=True)
    return (
        get_user_model()
        .objects.filter(
            email__iexact=email.strip(),
            is_active=True,
            is_staff=False,
            is_superuser=False,
            job_seeker__isnull=False,
        )
        .exclude(Exists(active_staff))
        .first()
    )


def preference_occupations(profile: CareerProfile | None) -> QuerySet[Occupation]:
    """Kinds of work a seeker can pick: those they chose before and those openings list now."""
    listed = JobOpening.objects.public().filter(occupation__isnull=False).values("occupation")
    chosen = Q(pk__in=listed)
    if profile is not None:
        chosen |= Q(pk__in=profile.preferred_occupations.values("pk"))
    return Occupation.objects.filter(chosen).order_by("title")


def weekly_email_recipients(week_start: dt.date) -> list[int]:
    """Seekers who opted in to the weekly email and were not sent one this week."""
    return list(
        PortalPreference.objects.filter(
            weekly_email=True,
            suggestions_paused=False,
            seeker__portal_user__is_active=True,
            seeker__closed_date__isnull=True,
        )
        .exclude(seeker__portal_user__email="")
        .filter(Q(last_weekly_week__isnull=True) | Q(last_weekly_week__lt=week_start))
        .values_list("seeker_id", flat=True)
    )


def new_matches_since(seeker: JobSeeker, since: dt.datetime, limit: int = 10) -> list[Match]:
    """The seeker's matches on public openings listed since `since`, not yet marked interested
    and not marked not suitable by staff: what the weekly email pushes."""
    return list(_seeker_matches(seeker, since).filter(interested=False)[:limit])


def matches_for_seeker(
    seeker: JobSeeker, limit: int = 20, listed_since: dt.datetime | None = None
) -> list[Match]:
    """The seeker's own stored matches on public openings, best first, with interest marked;
    none staff marked not suitable (jobseekers.services.mark_match_unsuitable: the opening
    is not pushed, but stays on the public openings list for the person to find)."""
    return list(_seeker_matches(seeker, listed_since)[:limit])


class _Interest(TypedDict):
    interested: bool  # the seeker said "I'm interested" in the opening


def _seeker_matches(
    seeker: JobSeeker, listed_since: dt.datetime | None
) -> QuerySet[WithAnnotations[Match, _Interest]]:
    interested = MatchOutcome.objects.filter(
        seeker=seeker, opening=OuterRef("opening"), kind=MatchOutcome.Kind.INTEREST
    )
    matches = Match.objects.filter(
        seeker=seeker, opening__status=JobOpening.Status.OPEN, opening__shareable=True
    ).not_declined()
    if listed_since is not None:
        matches = matches.filter(opening__created_at__gte=listed_since)
    return (
        matches.select_related("opening__employer", "opening__occupation")
        .annotate(interested=Exists(interested))
        .order_by("rank", "-score", "id")
    )


def current_profile(seeker: JobSeeker) -> CareerProfile | None:
    """The seeker's current career profile with its kinds of work, or None."""
    return (
        CareerProfile.objects.filter(seeker=seeker, is_current=True)
        .prefetch_related("preferred_occupations", "ruled_out_occupations")
        .first()
    )


def gone_opening(opening_id: int) -> JobOpening | None:
    """An opening the public once saw (shareable) that is now filled or closed, or None."""
    return (
        JobOpening.objects.filter(pk=opening_id, shareable=True)
        .exclude(status=JobOpening.Status.OPEN)
        .select_related("employer")
        .first()
    )


def similar_open_openings(opening: JobOpening, limit: int = 3) -> list[JobOpening]:
    """Up to `limit` public openings like `opening`: same occupation first, then the same
    SOC major group (the code's first two digits), then the newest; two queries at most."""
    candidates = public_openings().exclude(pk=opening.pk)
    code = opening.occupation_id or ""
    found: list[JobOpening] = []
    if code:
        found = list(
            candidates.filter(occupation__code__startswith=code[:2]).order_by(*LISTING_ORDER)[
                : limit * 4
            ]
        )
        found.sort(key=lambda o: o.occupation_id != code)  # stable: same occupation first
        found = found[:limit]
    if len(found) < limit:
        found += list(
            candidates.exclude(pk__in=[o.pk for o in found]).order_by(*LISTING_ORDER)[
                : limit - len(found)
            ]
        )
    return found


TOP_REASONS = 3  # issue 20, item 3: three reasons per card, the rest behind "more reasons"
_DISTANCE_REASON = re.compile(r"\bmiles? away\b|\bless than a mile\b")


@dataclass(frozen=True)
class MatchCard:
    """One card of "Openings for you": the match, one distance figure, and its reasons
    split into the first three and the rest."""

    match: Match
    distance: str
    top_reasons: list[str]
    more_reasons: list[str]


def match_card(match: Match) -> MatchCard:
    """The card for `match`: the distance said once (the reason's words, which name the way
    of travel, e.g. "17 miles away, by bus"; else "About 17.3 miles away" from the stored
    miles), never again among the reasons."""
    reasons = [str(r) for r in (match.reasons or [])]
    distance_reasons = [r for r in reasons if _DISTANCE_REASON.search(r)]
    others = [reason_words(r) for r in reasons if r not in distance_reasons]
    if distance_reasons:
        said = reason_words(distance_reasons[0])
        distance = said[:1].upper() + said[1:]
    elif match.distance_miles is not None:
        miles = f"{match.distance_miles:.1f}".removesuffix(".0")
        distance = gettext("About %(distance)s miles away") % {"distance": miles}
    else:
        distance = ""
    return MatchCard(
        match=match,
        distance=distance,
        top_reasons=others[:TOP_REASONS],
        more_reasons=others[TOP_REASONS:],
    )


def current_job(seeker: JobSeeker, today: dt.date | None = None) -> Job | None:
    """The seeker's latest job start that has begun and not ended, with its employer."""
    return (
        Job.objects.filter(seeker=seeker, end_date__isnull=True)
        .filter(start_date__lte=today or timezone.localdate())
        .select_related("employer")
        .order_by("-start_date", "-id")
        .first()
    )


def said_interested(seeker: JobSeeker | None, opening: JobOpening) -> bool:
    """Whether the seeker has said "I'm interested" in `opening` (one query; False for
    anyone who is not a signed-in seeker)."""
    if seeker is None:
        return False
    return MatchOutcome.objects.filter(
        seeker=seeker, opening=opening, kind=MatchOutcome.Kind.INTEREST
    ).exists()
