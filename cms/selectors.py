"""Reads for the public site and the portal, each in a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, TypedDict

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, FloatField, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext

from cms.filters import OpeningFilter, valid_words
from cms.models import PortalPreference
from cms.paging import (  # noqa: F401  # MAX_PAGES, BoundedPaginator: read from here too
    MAX_PAGES,
    PUBLIC_OPENING_RELATED,
    BoundedPaginator,
    IdsFirstPaginator,
    past_the_bound,
)
from cms.words import reason_words
from employers.models import JobOpening
from employers.search import (
    bounded_match_count,
    newest_title_first_ids,
    read_through_index,
    title_first_ids,
)
from ips.geo import EARTH_RADIUS_MILES, bounding_box, haversine_miles
from ips.models import Occupation, StaffMember
from ips.reference import plain_title_codes
from ips.roles import is_staff_member
from ips.search import query_words
from jobseekers.matching.reasons import is_distance_reason, miles_figure
from jobseekers.models import CareerProfile, Job, JobSeeker, Match, MatchOutcome

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

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
    beyond: bool = False  # a page past MAX_PAGES was asked for: nothing is listed
    more_than: int | None = None  # more openings match than can be shown: "More than 2,000"
    title_first: bool = False  # so many matched words: title matches first, newest first


def nearness(lat: float, lon: float) -> RawSQL:
    """The haversine formula's inner term `a` from (lat, lon) to each row's coordinates,
    computed by the database: 0 at the point, growing with the distance (miles =
    2 R asin(sqrt(a)), ips.geo.haversine_miles), so filtering and ordering on it is
    filtering and ordering on the distance. Written as sin^2(x/2) = (1 - cos x) / 2 with
    the point's numbers inlined: SQLite folds the constants then (20 -> 7.5 ms over the
    10,000 openings within 10 miles of 48226 at state scale, against bound parameters)."""
    lat, lon = float(lat), float(lon)  # floats only: they are written into the SQL
    table = connection.ops.quote_name(JobOpening._meta.db_table)
    k = repr(math.pi / 180)
    cos_lat = repr(math.cos(math.radians(lat)))
    sql = (
        f"((1 - COS(({table}.latitude - ({lat!r})) * {k})) / 2"
        f" + {cos_lat} * COS({table}.latitude * {k})"
        f" * (1 - COS(({table}.longitude - ({lon!r})) * {k})) / 2)"
    )
    return RawSQL(sql, (), output_field=FloatField())


def nearness_within(miles: float) -> float:
    """The largest `nearness` of a point at most `miles` away (the formula solved for a)."""
    return math.sin(miles / (2 * EARTH_RADIUS_MILES)) ** 2


def without_words(data):
    """The listing's query values (a QueryDict or a dict) with the words left out."""
    values = data.copy()  # a QueryDict's copy keeps every value of a repeated key
    values.pop("q", None)
    return values


def openings_listing(filterset: OpeningFilter, page_number, per_page: int) -> OpeningsListing:
    """One page of filtered public openings: with words, most relevant first (the keyword
    filter's `keyword_rank`, employers.search), else newest first; near a ZIP: nearest
    first, the distance computed in the database on the openings inside the bounding box
    (read from the public_opening_location index). Two queries (count, page) for the
    plain listing, three for words or a ZIP (IdsFirstPaginator).
    With words or a ZIP the count stops past MAX_PAGES pages (`more_than`); words
    matching more than that are ordered title matches first, newest first
    (`title_first`; employers.search.title_first_ids on SQLite, newest_title_first_ids on
    PostgreSQL) instead of ranked, which would read every match. On PostgreSQL the count
    itself stops early too (employers.search.bounded_match_count). At most MAX_PAGES
    pages; a later page gives an empty listing with `beyond` set (the page says to narrow
    it)."""
    queryset = filterset.qs
    origin = filterset.origin()
    if past_the_bound(page_number):
        return OpeningsListing(page=Paginator([], per_page).page(1), beyond=True)
    # The words apply whenever they are valid, even beside another field's error (a ZIP
    # we cannot place): ranked as without it, the error shown at its field.
    words = query_words(valid_words(filterset))
    if origin is None:
        if not words:
            paginator = BoundedPaginator(queryset.order_by(*LISTING_ORDER), per_page)
            return OpeningsListing(page=paginator.get_page(page_number))
        ordered = queryset.order_by("keyword_rank", *LISTING_ORDER)
        codes = {word: plain_title_codes(word) for word in words}
        beyond: Callable[[int, int], list[int]]
        counted: Callable[[int], int] | None = None
        if connection.vendor == "sqlite":
            beyond = partial(title_first_ids, queryset, words, codes)
        else:  # every filter but the words, which the bounded queries write as row conditions
            unworded = type(filterset)(
                without_words(filterset.data), queryset=filterset.queryset
            ).qs
            beyond = partial(newest_title_first_ids, unworded, words, codes)
            counted = partial(bounded_match_count, queryset, unworded, words)
        ids_first = IdsFirstPaginator(
            ordered, per_page, beyond_bound_ids=beyond, bounded_count=counted
        )
        return OpeningsListing(
            page=ids_first.get_page(page_number),
            more_than=ids_first.more_than,
            title_first=ids_first.ordered_beyond_bound,
        )
    lat, lon, miles = origin
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, miles)
    # The box first, then the filters: SQLite checks a row's terms in the order written, so
    # a row outside the box (read from the index) is dropped before its words are looked
    # up (keyword near a ZIP at state scale: 17.5 -> 14.7 ms, the lookups 13,240 instead
    # of the 27,000 rows of the latitude band).
    in_box = filterset.queryset.filter(
        latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
    )
    near = (
        filterset.filter_queryset(in_box)
        .annotate(nearness=nearness(lat, lon))
        .filter(nearness__lte=nearness_within(miles))
        .order_by("nearness", "id")
    )
    paginator = IdsFirstPaginator(
        near,
        per_page,
        count_with_ids=bool(words),
        # SQLite: the words' openings are found by id (employers.search, near=...), so
        # each is read from the narrow index on id and place rather than its table row.
        read_rows=read_through_index if words and connection.vendor == "sqlite" else None,
    )
    page = paginator.get_page(page_number)
    distances = {o.pk: round(haversine_miles(lat, lon, o.latitude, o.longitude), 1) for o in page}
    return OpeningsListing(
        page=page,
        distances=distances,
        near_zip=filterset.form.cleaned_data["zip"],
        miles=miles,
        more_than=paginator.more_than,
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
    distance_reasons = [r for r in reasons if is_distance_reason(r)]
    others = [reason_words(r) for r in reasons if r not in distance_reasons]
    if distance_reasons:
        said = reason_words(distance_reasons[0])
        distance = said[:1].upper() + said[1:]
    elif match.distance_miles is not None:
        miles = miles_figure(match.distance_miles)
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
