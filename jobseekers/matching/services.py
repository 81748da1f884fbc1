"""Writes of the recommender: locate seekers, refresh stored matches, learn weights."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from django.db import transaction

from ips.geo import Geocoder
from ips.services import locate
from jobseekers.matching import selectors
from jobseekers.matching.engine import (
    OpeningIndex,
    build_index,
    explain,
    features_for_pairs,
    recommend,
)
from jobseekers.matching.features import SeekerProfile
from jobseekers.matching.fit import (
    LearningResult,
    fit_text_model,
    held_out_mask,
    learn_weights,
    ranking_metrics,
)
from jobseekers.matching.score import DEFAULT_WEIGHTS
from jobseekers.models import CareerProfile, JobSeeker, Match, MatchModel

TOP_N = 20  # stored per seeker: the portal shows 10, staff can see a few more


def locate_seeker(*, seeker_id: int, geocoder: Geocoder | None = None) -> bool:
    """Geocode a seeker's home (the current profile's home ZIP, else the record's ZIP)."""
    seeker = JobSeeker.objects.get(pk=seeker_id)
    profile = CareerProfile.objects.current().filter(seeker=seeker).first()
    zip_code = (profile.home_zip if profile else "") or seeker.zip
    if not zip_code:
        return False
    return locate(seeker, address="", zip_code=zip_code, geocoder=geocoder)


def locate_unlocated_seekers(*, geocoder: Geocoder | None = None) -> int:
    """Geocode every matchable seeker who has no coordinates yet; returns how many were found."""
    ids = selectors.matchable_seekers().filter(latitude__isnull=True).values_list("pk", flat=True)
    return sum(locate_seeker(seeker_id=pk, geocoder=geocoder) for pk in list(ids))


def _index_for(profiles: list[SeekerProfile], opening_ids=None) -> OpeningIndex:
    openings = selectors.opening_table(opening_ids=opening_ids)
    vectorizer = fit_text_model(openings.texts + [p.text for p in profiles])
    return build_index(openings, vectorizer)


@transaction.atomic
def refresh_matches(*, seeker_ids: list[int] | None = None, top_n: int = TOP_N) -> int:
    """Recompute and store the top matches of the given seekers (all when None).

    Matches of seekers who are closed or have no current profile are removed.
    Returns how many Match rows were stored."""
    # Lock the seekers (in id order) so overlapping refreshes queue instead of colliding
    # on the one-match-per-pair constraint; a no-op on SQLite.
    locked = JobSeeker.objects.select_for_update().order_by("pk")
    if seeker_ids is not None:
        locked = locked.filter(pk__in=list(seeker_ids))
    list(locked.values_list("pk", flat=True))
    profiles = selectors.seeker_profiles(seeker_ids=seeker_ids)
    stale = (
        Match.objects.all()
        if seeker_ids is None
        else Match.objects.filter(seeker_id__in=list(seeker_ids))
    )
    # Match sets wagtail_reference_index_ignore, so this is one DELETE whatever the count.
    stale.delete()
    if not profiles:
        return 0
    index = _index_for(profiles)
    weights = selectors.active_weights()
    results = recommend(profiles, index, weights, k=top_n)
    rows = []
    for profile, result in zip(profiles, results, strict=True):
        reasons = explain(profile, index, result)
        for i, row in enumerate(result.rows):
            miles = float(result.miles[i])
            rows.append(
                Match(
                    program_id=profile.program_id,
                    seeker_id=profile.seeker_id,
                    opening_id=int(index.openings.ids[row]),
                    score=round(float(result.scores[i]), 6),
                    rank=i + 1,
                    features=result.feature_dict(i),
                    reasons=reasons[i],
                    distance_miles=None if np.isnan(miles) else round(miles, 2),
                    model_version=weights.version,
                )
            )
    Match.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def refresh_matches_for_opening(*, opening_id: int) -> int:
    """Refresh the seekers an opening may concern (after it was added or changed)."""
    from employers.models import JobOpening

    opening = JobOpening.objects.filter(pk=opening_id).first()
    if opening is None:
        return 0
    seeker_ids = selectors.seekers_affected_by_opening(opening)
    return refresh_matches(seeker_ids=seeker_ids) if seeker_ids else 0


@dataclass(frozen=True)
class TrainingData:
    """Labelled pairs as arrays: features, relevance grades and the person of each row."""

    features: np.ndarray
    grades: np.ndarray
    groups: np.ndarray


def training_data() -> TrainingData:
    """Features of every labelled (seeker, opening) pair, computed with today's profiles."""
    pairs = selectors.labelled_pairs()
    by_seeker: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for seeker_id, opening_id, grade in pairs:
        by_seeker[seeker_id].append((opening_id, grade))
    profiles = selectors.seeker_profiles(seeker_ids=list(by_seeker), include_closed=True)
    empty = TrainingData(np.zeros((0, 6)), np.zeros(0, dtype=int), np.zeros(0, dtype=int))
    if not profiles:
        return empty
    index = _index_for(profiles, opening_ids={o for _, o, _ in pairs})
    row_of = {int(opening_id): i for i, opening_id in enumerate(index.openings.ids)}
    features: list[np.ndarray] = []
    grades: list[int] = []
    groups: list[int] = []
    for profile in profiles:
        known = [(row_of[o], g) for o, g in by_seeker[profile.seeker_id] if o in row_of]
        if not known:
            continue
        rows = np.array([r for r, _ in known])
        features.append(features_for_pairs(profile, index, rows)[0])
        grades.extend(g for _, g in known)
        groups.extend([profile.seeker_id] * len(known))
    if not features:
        return empty
    return TrainingData(np.vstack(features), np.array(grades), np.array(groups))


@transaction.atomic
def retrain_match_model(*, seed: int = 0, **thresholds) -> tuple[MatchModel | None, LearningResult]:
    """Learn weights from outcomes; store the version with its held-out metrics and make it
    active only when it beats the default weights on held-out people."""
    data = training_data()
    result = learn_weights(data.features, data.grades, data.groups, seed=seed, **thresholds)
    if result.weights is None:
        return None, result
    if result.beats_default:
        MatchModel.objects.filter(is_active=True).update(is_active=False)
    model, _ = MatchModel.objects.update_or_create(
        version=result.weights.version,
        defaults={
            "weights": result.weights.as_dict(),
            "metrics": result.metrics,
            "default_metrics": result.default_metrics,
            "trained_on": result.trained_on,
            "is_active": result.beats_default,
        },
    )
    return model, result


@dataclass(frozen=True)
class Evaluation:
    """Held-out ranking quality of the current model and of the default weights."""

    current_version: str
    current: dict[str, float]
    default: dict[str, float]
    pairs: int
    held_out_pairs: int


def evaluate_matching(*, seed: int = 0, fraction: float = 0.25) -> Evaluation:
    """precision@5, recall@10 and nDCG@10 on held-out people (the split used in training)."""
    data = training_data()
    weights = selectors.active_weights()
    if len(data.grades) == 0:
        return Evaluation(weights.version, {}, {}, 0, 0)
    test = held_out_mask(data.groups, fraction, seed)
    args = (data.features[test], data.grades[test], data.groups[test])
    return Evaluation(
        current_version=weights.version,
        current=ranking_metrics(*args, weights),
        default=ranking_metrics(*args, DEFAULT_WEIGHTS),
        pairs=len(data.grades),
        held_out_pairs=int(test.sum()),
    )
