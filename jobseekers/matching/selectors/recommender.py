"""The engine's reads: plain arrays of openings and career profiles (a few queries,
whatever the row count), the active weights, and the labelled pairs it learns from."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone

from employers.models import EmployerContact, JobOpening
from ips.geo import zip_centroid
from jobseekers.models import CareerProfile, JobSeeker, Match, MatchModel, MatchOutcome

if TYPE_CHECKING:
    from jobseekers.matching.features import OpeningTable, SeekerProfile
    from jobseekers.matching.score import Weights

# opening_table, seeker_profiles and active_weights import numpy and the engine's modules
# inside: this module loads at start-up with the workspace's and portal's reads (the
# package), with the matching screens' URLs, which need neither (tests/test_startup.py).

RELATIONSHIP_DAYS = 90  # "recent" face-to-face contacts with an employer
_NAN = float("nan")


def _point(*candidates) -> tuple[float, float]:
    """The first known (lat, lon) among rows' coordinates and ZIP codes (offline centroid)."""
    for candidate in candidates:
        if isinstance(candidate, tuple):
            if candidate[0] is not None and candidate[1] is not None:
                return float(candidate[0]), float(candidate[1])
        elif candidate:
            found = zip_centroid(candidate)
            if found:
                return found
    return _NAN, _NAN


def recent_face_to_face_contacts(today: dt.date | None = None) -> dict[int, int]:
    """Face-to-face employer contacts per employer over the last RELATIONSHIP_DAYS days."""
    today = today or timezone.localdate()
    rows = (
        EmployerContact.objects.face_to_face()
        .between(today - dt.timedelta(days=RELATIONSHIP_DAYS), today)
        .values("employer_id")
        .annotate(n=Count("id"))
    )
    return {row["employer_id"]: row["n"] for row in rows}


_OPENING_FIELDS = (
    "id",
    "program_id",
    "employer_id",
    "latitude",
    "longitude",
    "employer__latitude",
    "employer__longitude",
    "zip",
    "employer__zip",
    "hours_per_week",
    "hourly_wage",
    "schedule",
    "occupation_id",
    "occupation__title",
    "status",
    "shareable",
    "title",
    "description",
    "employer__name",
)


def opening_table(*, opening_ids: Iterable[int] | None = None) -> OpeningTable:
    """Open openings of every program (or the given ones, whatever their status) as arrays."""
    import numpy as np

    from jobseekers.matching.features import OpeningTable, occupation_number, schedule_number

    queryset = JobOpening.objects.all() if opening_ids is not None else JobOpening.objects.open()
    if opening_ids is not None:
        queryset = queryset.filter(id__in=list(opening_ids))
    rows = list(queryset.order_by("id").values_list(*_OPENING_FIELDS))
    contacts = recent_face_to_face_contacts()
    points = [_point((r[3], r[4]), (r[5], r[6]), r[7], r[8]) for r in rows]

    def floats(i):
        return np.array([_NAN if r[i] is None else float(r[i]) for r in rows], dtype=float)

    return OpeningTable(
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        program_ids=np.array([r[1] for r in rows], dtype=np.int64),
        employer_ids=np.array([r[2] for r in rows], dtype=np.int64),
        latitude=np.array([p[0] for p in points], dtype=float),
        longitude=np.array([p[1] for p in points], dtype=float),
        hours=floats(9),
        wage=floats(10),
        schedule=np.array([schedule_number(r[11]) for r in rows], dtype=np.int8),
        occupation=np.array([occupation_number(r[12]) for r in rows], dtype=np.int64),
        is_open=np.array([r[14] == JobOpening.Status.OPEN for r in rows], dtype=bool),
        shareable=np.array([r[15] for r in rows], dtype=bool),
        employer_contacts=np.array([contacts.get(r[2], 0) for r in rows], dtype=float),
        texts=[f"{r[16]}\n{r[13] or ''}\n{r[17]}" for r in rows],
        titles=[r[16] for r in rows],
        kinds=[f"{r[16]}\n{r[13] or ''}" for r in rows],
        employer_names=[r[18] for r in rows],
    )


def _decimal(value) -> float | None:
    return None if value is None else float(value)


def _past_titles(work_history) -> tuple[str, ...]:
    if not isinstance(work_history, list):
        return ()
    return tuple(
        str(job.get("title", "")).strip()
        for job in work_history
        if isinstance(job, dict) and str(job.get("title", "")).strip()
    )


def matchable_seekers():
    """Seekers the recommender works for: on the caseload, not closed."""
    return JobSeeker.objects.filter(closed_date__isnull=True).exclude(stage=JobSeeker.Stage.CLOSED)


def refresh_load_per_program() -> dict[int, int]:
    """{program id: matchable seekers with a current career profile} for every program
    with such seekers or with stored matches (0: only matches to remove); two queries."""
    rows = (
        CareerProfile.objects.current()
        .filter(seeker__in=matchable_seekers())
        .values("seeker__program_id")
        .annotate(n=Count("seeker_id", distinct=True))
    )
    load = dict.fromkeys(Match.objects.values_list("program_id", flat=True).distinct(), 0)
    load.update({row["seeker__program_id"]: row["n"] for row in rows})
    return load


def seeker_profiles(
    *, seeker_ids: Iterable[int] | None = None, include_closed: bool = False
) -> list[SeekerProfile]:
    """The current career profile of each matchable seeker (or of any seeker, for learning
    from past outcomes), as plain values (4 queries)."""
    from jobseekers.matching.features import SeekerProfile

    seekers = JobSeeker.objects.all() if include_closed else matchable_seekers()
    profiles = (
        CareerProfile.objects.current()
        .filter(seeker__in=seekers)
        .select_related("seeker")
        .prefetch_related("preferred_occupations", "ruled_out_occupations", "ruled_out_employers")
        .order_by("seeker_id")
    )
    if seeker_ids is not None:
        profiles = profiles.filter(seeker_id__in=list(seeker_ids))
    out = []
    for p in profiles:
        seeker = p.seeker
        lat, lon = _point((seeker.latitude, seeker.longitude), p.home_zip, seeker.zip)
        out.append(
            SeekerProfile(
                seeker_id=seeker.pk,
                program_id=seeker.program_id,
                latitude=None if math.isnan(lat) else lat,
                longitude=None if math.isnan(lon) else lon,
                travel_mode=p.travel_mode,
                max_commute_miles=_decimal(p.max_commute_miles),
                min_hours=_decimal(p.min_hours_per_week),
                max_hours=_decimal(p.max_hours_per_week),
                schedules=tuple(s for s in (p.preferred_schedules or []) if isinstance(s, str)),
                wanted_wage=_decimal(p.wanted_hourly_wage),
                preferred_occupations=tuple(o.code for o in p.preferred_occupations.all()),
                ruled_out_occupations=tuple(o.code for o in p.ruled_out_occupations.all()),
                ruled_out_employers=tuple(e.pk for e in p.ruled_out_employers.all()),
                wanted_job_titles=p.wanted_job_titles,
                interests=p.interests,
                strengths=p.strengths,
                skills=p.skills,
                past_job_titles=_past_titles(p.work_history),
            )
        )
    return out


def active_weights() -> Weights:
    """The active learned model's weights, or the defaults when none is active."""
    from jobseekers.matching.score import DEFAULT_WEIGHTS, Weights

    model = MatchModel.objects.filter(is_active=True).first()
    if model is None:
        return DEFAULT_WEIGHTS
    return Weights.from_dict(model.weights, model.version)


def seekers_affected_by_opening(opening: JobOpening) -> list[int]:
    """Seekers whose matches may change with this opening: its program's, anyone's when
    it is public, and anyone it is currently matched to."""
    scope = Q(program_id=opening.program_id) | Q(matches__opening_id=opening.pk)
    if opening.shareable:
        scope = Q()
    return list(matchable_seekers().filter(scope).values_list("id", flat=True).distinct())


def labelled_pairs() -> list[tuple[int, int, int]]:
    """(seeker id, opening id, relevance grade) for learning: each pair's best outcome, and
    grade 0 for matches shown to a person with outcomes but never taken up (2 queries)."""
    from jobseekers.matching.fit import GRADES

    best: dict[tuple[int, int], int] = {}
    for seeker_id, opening_id, kind in MatchOutcome.objects.values_list(
        "seeker_id", "opening_id", "kind"
    ):
        key = (seeker_id, opening_id)
        best[key] = max(best.get(key, 0), GRADES.get(kind, 0))
    people = {seeker_id for seeker_id, _ in best}
    shown = Match.objects.filter(seeker_id__in=people).values_list("seeker_id", "opening_id")
    for key in shown:
        best.setdefault(key, 0)
    return [(s, o, g) for (s, o), g in sorted(best.items())]
