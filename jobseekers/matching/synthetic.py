"""Synthetic openings and seekers for the benchmark, and the naive per-pair baseline.

Built in memory from a list of (code, title, description) occupations. No Django.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

import numpy as np

from jobseekers.matching.features import (
    SCHEDULES,
    OpeningTable,
    SeekerProfile,
    occupation_number,
)
from jobseekers.matching.filters import commute_limit

# A metro area about 60 miles across (Detroit), where all the synthetic rows live.
CENTRE = (42.33, -83.05)
SPREAD_DEGREES = 0.45
TRAVEL_MODES = ("walk", "bike", "bus", "bus", "car", "ride")


def synthetic_openings(
    n: int, occupations: Sequence[tuple[str, str, str]], *, seed: int = 1, programs: int = 4
) -> OpeningTable:
    """n open openings spread over one metro area with real O*NET titles."""
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(occupations), n)
    employers = rng.integers(1, max(2, n // 20), n)
    texts, titles = [], []
    for i in pick:
        code, title, description = occupations[i]
        titles.append(title)
        texts.append(f"{title}\n{title}\n{description[:160]}")
    return OpeningTable(
        ids=np.arange(1, n + 1, dtype=np.int64),
        program_ids=rng.integers(1, programs + 1, n).astype(np.int64),
        employer_ids=employers.astype(np.int64),
        latitude=CENTRE[0] + rng.uniform(-SPREAD_DEGREES, SPREAD_DEGREES, n),
        longitude=CENTRE[1] + rng.uniform(-SPREAD_DEGREES, SPREAD_DEGREES, n),
        hours=rng.choice([10.0, 15.0, 20.0, 25.0, 30.0, 40.0, np.nan], n),
        wage=np.round(rng.uniform(10, 25, n), 2),
        schedule=rng.integers(0, len(SCHEDULES), n).astype(np.int8),
        occupation=np.array([occupation_number(occupations[i][0]) for i in pick]),
        is_open=rng.random(n) < 0.9,
        shareable=rng.random(n) < 0.5,
        employer_contacts=rng.poisson(0.7, n).astype(float),
        texts=texts,
        titles=titles,
        kinds=titles,
        employer_names=[f"Employer {e}" for e in employers],
    )


def synthetic_seekers(
    n: int, occupations: Sequence[tuple[str, str, str]], *, seed: int = 2, programs: int = 4
) -> list[SeekerProfile]:
    """n job seekers with preferences drawn like real career profiles."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        wanted = [occupations[j] for j in rng.integers(0, len(occupations), 2)]
        low = float(rng.choice([0, 10, 15, 20]))
        out.append(
            SeekerProfile(
                seeker_id=i + 1,
                program_id=int(rng.integers(1, programs + 1)),
                latitude=CENTRE[0] + float(rng.uniform(-0.3, 0.3)),
                longitude=CENTRE[1] + float(rng.uniform(-0.3, 0.3)),
                travel_mode=str(rng.choice(TRAVEL_MODES)),
                max_commute_miles=None if rng.random() < 0.5 else float(rng.choice([5, 10, 15])),
                min_hours=low or None,
                max_hours=low + float(rng.choice([10, 20, 30])),
                schedules=tuple(rng.choice(SCHEDULES[1:], 2, replace=False).tolist()),
                wanted_wage=float(rng.choice([12, 14, 16])),
                preferred_occupations=tuple(o[0] for o in wanted),
                ruled_out_employers=tuple(int(e) for e in rng.integers(1, 500, 3)),
                wanted_job_titles=", ".join(o[1] for o in wanted),
                interests="cooking, being outdoors, helping people",
            )
        )
    return out


def naive_top_k(
    seeker: SeekerProfile, openings: OpeningTable, rows: Iterable[int], k: int = 10
) -> list[tuple[float, int]]:
    """The straightforward way: a Python loop over every opening, geopy distances,
    word-overlap similarity and the same filters and weights, then a sort."""
    from geopy.distance import geodesic

    from jobseekers.matching.score import DEFAULT_COEFFICIENTS as W

    limit = commute_limit(seeker.travel_mode, seeker.max_commute_miles)
    wanted_words = set(seeker.text.lower().split())
    wanted_codes = {occupation_number(c) for c in seeker.preferred_occupations}
    scored: list[tuple[float, int]] = []
    for i in rows:
        if not openings.is_open[i] or openings.employer_ids[i] in seeker.ruled_out_employers:
            continue
        if openings.program_ids[i] != seeker.program_id and not openings.shareable[i]:
            continue
        miles = geodesic(
            (seeker.latitude, seeker.longitude), (openings.latitude[i], openings.longitude[i])
        ).miles
        if miles > limit:
            continue
        hours = openings.hours[i]
        if seeker.min_hours is not None and hours < seeker.min_hours:
            continue
        if seeker.max_hours is not None and hours > seeker.max_hours:
            continue
        opening_words = set(openings.texts[i].lower().split())
        text = len(wanted_words & opening_words) / (len(wanted_words | opening_words) or 1)
        occupation = 1.0 if openings.occupation[i] in wanted_codes else 0.0
        total = (
            W["text"] * text
            + W["occupation"] * occupation
            + W["distance"] * 0.5 ** (miles / (limit / 2))
        )
        scored.append((total, int(i)))
    scored.sort(reverse=True)
    return scored[:k]


def time_naive(
    seekers: Sequence[SeekerProfile], openings: OpeningTable, sample_pairs: int, seed: int = 3
) -> tuple[float, int]:
    """Seconds per seeker of the naive loop over ALL openings, extrapolated from a sample
    of `sample_pairs` openings per seeker; returns (seconds per seeker, pairs timed)."""
    rng = np.random.default_rng(seed)
    n = len(openings)
    sample = min(sample_pairs, n)
    total, pairs = 0.0, 0
    for seeker in seekers:
        rows = rng.choice(n, sample, replace=False)
        start = time.perf_counter()
        naive_top_k(seeker, openings, rows)
        total += time.perf_counter() - start
        pairs += sample
    return total / pairs * n, pairs
