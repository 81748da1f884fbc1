"""The recommender engine: hard filters, features and scores for all openings at once,
per seeker (one sparse product each; a haversine BallTree for the radius). No Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from jobseekers.matching.features import (
    EARTH_RADIUS_MILES,
    FEATURE_NAMES,
    OpeningTable,
    SeekerProfile,
    feature_matrix,
    haversine_miles,
)
from jobseekers.matching.filters import commute_limit, passes_hard_filters
from jobseekers.matching.reasons import reasons_for
from jobseekers.matching.score import Weights, score, top_k

if TYPE_CHECKING:  # scipy and scikit-learn load where the engine runs, not at start-up
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import BallTree


@dataclass(frozen=True)
class OpeningIndex:
    """Openings prepared for fast matching: TF-IDF rows and a BallTree of the located ones."""

    openings: OpeningTable
    vectorizer: TfidfVectorizer
    matrix: sparse.csc_matrix  # openings x vocabulary, rows L2-normalised; by column
    tree: BallTree | None
    located_rows: np.ndarray  # row numbers of openings with coordinates (tree order)
    unlocated_rows: np.ndarray


@dataclass(frozen=True)
class Recommendation:
    """The top openings for one seeker (rows index the OpeningTable)."""

    seeker_id: int
    rows: np.ndarray
    scores: np.ndarray
    features: np.ndarray  # len(rows) x len(FEATURE_NAMES)
    miles: np.ndarray  # nan where unknown

    def feature_dict(self, i: int) -> dict[str, float]:
        return {n: round(float(v), 4) for n, v in zip(FEATURE_NAMES, self.features[i], strict=True)}


def build_index(openings: OpeningTable, vectorizer: TfidfVectorizer) -> OpeningIndex:
    """Index openings with a fitted vectorizer (see fit.fit_text_model)."""
    from scipy import sparse
    from sklearn.neighbors import BallTree

    if len(openings):
        matrix = sparse.csc_matrix(vectorizer.transform(openings.texts), dtype=np.float32)
    else:
        matrix = sparse.csc_matrix((0, len(vectorizer.vocabulary_)), dtype=np.float32)
    # Closed openings never pass the first hard filter: keep them out of the tree.
    located = ~(np.isnan(openings.latitude) | np.isnan(openings.longitude)) & openings.is_open
    located_rows = np.flatnonzero(located)
    tree = None
    if located_rows.size:
        coords = np.radians(
            np.column_stack((openings.latitude[located_rows], openings.longitude[located_rows]))
        )
        tree = BallTree(coords, metric="haversine")
    unlocated = np.flatnonzero(np.isnan(openings.latitude) | np.isnan(openings.longitude))
    return OpeningIndex(openings, vectorizer, matrix, tree, located_rows, unlocated)


def _nearby(
    index: OpeningIndex, tree_rows: np.ndarray | None, radians: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate rows and their miles: within the radius, plus the openings not located."""
    if tree_rows is None or radians is None:  # not located: every opening, distance unknown
        rows = np.arange(len(index.openings))
        return rows, np.full(rows.size, np.nan)
    rows = np.concatenate((index.located_rows[tree_rows], index.unlocated_rows))
    miles = np.concatenate(
        (radians * EARTH_RADIUS_MILES, np.full(index.unlocated_rows.size, np.nan))
    )
    return rows, miles


def text_similarity(index: OpeningIndex, query: sparse.csr_matrix) -> np.ndarray:
    """Cosine similarity of every opening with one seeker: the one sparse product per
    seeker, over only the vocabulary columns the seeker's words use."""
    if query.nnz == 0:
        return np.zeros(len(index.openings), dtype=np.float32)
    return np.asarray(index.matrix[:, query.indices] @ query.data).ravel()


def _rank(
    seeker: SeekerProfile,
    index: OpeningIndex,
    query: sparse.csr_matrix,
    rows: np.ndarray,
    miles: np.ndarray,
    weights: Weights,
    k: int,
) -> Recommendation:
    limit = commute_limit(seeker.travel_mode, seeker.max_commute_miles)
    keep = passes_hard_filters(seeker, index.openings, rows, miles, limit)
    rows, miles = rows[keep], miles[keep]
    similarity = text_similarity(index, query)[rows]
    features = feature_matrix(seeker, index.openings, rows, miles, similarity, limit)
    scores = score(features, weights)
    best = top_k(scores, k)
    return Recommendation(seeker.seeker_id, rows[best], scores[best], features[best], miles[best])


def _radius_query(
    index: OpeningIndex, seekers: Sequence[SeekerProfile]
) -> list[tuple[np.ndarray | None, np.ndarray | None]]:
    """BallTree radius hits (tree rows, distances in radians) per seeker, in one query."""
    out: list[tuple[np.ndarray | None, np.ndarray | None]] = [(None, None)] * len(seekers)
    located = [i for i, s in enumerate(seekers) if s.located]
    if not located:
        return out
    if index.tree is None:
        empty = np.zeros(0, dtype=np.int64)
        for i in located:
            out[i] = (empty, np.zeros(0))
        return out
    points = np.radians(
        np.array([[seekers[i].latitude, seekers[i].longitude] for i in located], dtype=float)
    )
    radii = np.array(
        [
            commute_limit(seekers[i].travel_mode, seekers[i].max_commute_miles) / EARTH_RADIUS_MILES
            for i in located
        ]
    )
    hits, dists = index.tree.query_radius(points, r=radii, return_distance=True)
    for j, i in enumerate(located):
        out[i] = (hits[j], dists[j])
    return out


def recommend(
    seekers: Sequence[SeekerProfile], index: OpeningIndex, weights: Weights, k: int = 10
) -> list[Recommendation]:
    """The top k openings for each seeker (a loop over seekers, never over pairs)."""
    from scipy import sparse

    if not seekers:
        return []
    queries = sparse.csr_matrix(
        index.vectorizer.transform([s.text for s in seekers]), dtype=np.float32
    )
    radius = _radius_query(index, seekers)
    results = []
    for i, seeker in enumerate(seekers):
        rows, miles = _nearby(index, *radius[i])
        results.append(_rank(seeker, index, queries[i], rows, miles, weights, k))
    return results


def explain(seeker: SeekerProfile, index: OpeningIndex, result: Recommendation) -> list[list[str]]:
    """Reasons in plain words for each opening of one seeker's recommendation."""
    openings = index.openings
    out = []
    for i, row in enumerate(result.rows):
        out.append(
            reasons_for(
                seeker,
                result.feature_dict(i),
                miles=float(result.miles[i]),
                opening_text=openings.texts[row],
                opening_kind=openings.kinds[row],
                hours=float(openings.hours[row]),
                wage=float(openings.wage[row]),
                schedule=int(openings.schedule[row]),
            )
        )
    return out


def features_for_pairs(
    seeker: SeekerProfile, index: OpeningIndex, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Features and miles of given openings for one seeker, without the hard filters
    (for learning and evaluation on openings that were shown, applied for or filled)."""
    from scipy import sparse

    rows = np.asarray(rows, dtype=np.int64)
    openings = index.openings
    if seeker.latitude is not None and seeker.longitude is not None:  # seeker.located
        miles = haversine_miles(
            seeker.latitude, seeker.longitude, openings.latitude[rows], openings.longitude[rows]
        )
    else:
        miles = np.full(rows.size, np.nan)
    query = sparse.csr_matrix(index.vectorizer.transform([seeker.text]), dtype=np.float32)
    similarity = text_similarity(index, query)[rows]
    limit = commute_limit(seeker.travel_mode, seeker.max_commute_miles)
    return feature_matrix(seeker, openings, rows, miles, similarity, limit), miles
