"""Fitting and versioning: the TF-IDF vocabulary and the learned feature weights,
with held-out ranking metrics. Scoring code receives what is fitted here. No Django."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from jobseekers.matching.features import FEATURE_NAMES
from jobseekers.matching.score import DEFAULT_WEIGHTS, Weights, score

if TYPE_CHECKING:  # scikit-learn loads where a model is fitted, not at start-up
    from sklearn.feature_extraction.text import TfidfVectorizer

# Relevance grades of labelled outcomes (higher = better evidence the match was right).
GRADES = {"declined": 0, "interest": 1, "interview": 2, "hire": 3, "retained_90": 4}
MIN_POSITIVE = 30  # positive outcomes needed before a model is learned
MIN_NEGATIVE = 30
TEST_FRACTION = 0.25


def fit_text_model(texts: Sequence[str]) -> TfidfVectorizer:
    """A TF-IDF vocabulary over openings' and seekers' words (English stop words removed)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        stop_words="english",
        sublinear_tf=True,
        dtype=np.float32,
        token_pattern=r"(?u)\b[a-zA-Z]{2,}\b",
    )
    nonempty = [t for t in texts if t and t.strip()]
    vectorizer.fit(nonempty or ["work"])
    return vectorizer


def precision_at_k(grades: np.ndarray, k: int) -> float:
    """Share of the first k ranked items that were relevant (grade > 0)."""
    return float(np.sum(grades[:k] > 0)) / k


def recall_at_k(grades: np.ndarray, k: int) -> float:
    """Share of all relevant items that are in the first k."""
    relevant = np.sum(grades > 0)
    return float(np.sum(grades[:k] > 0) / relevant) if relevant else 0.0


def ndcg_at_k(grades: np.ndarray, k: int) -> float:
    """Normalised discounted cumulative gain with gains 2^grade - 1."""
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    gains = (2.0 ** grades[:k] - 1) @ discounts[: min(k, len(grades))]
    ideal = (2.0 ** np.sort(grades)[::-1][:k] - 1) @ discounts[: min(k, len(grades))]
    return float(gains / ideal) if ideal > 0 else 0.0


def ranking_metrics(
    features: np.ndarray, grades: np.ndarray, groups: np.ndarray, weights: Weights
) -> dict[str, float]:
    """precision@5, recall@10 and nDCG@10 averaged over people with a relevant outcome."""
    scores = score(features, weights)
    totals = {"precision@5": 0.0, "recall@10": 0.0, "ndcg@10": 0.0}
    people = 0
    for group in np.unique(groups):
        mine = np.flatnonzero(groups == group)
        ranked = grades[mine[np.lexsort((mine, -scores[mine]))]]
        if not np.any(ranked > 0):
            continue
        people += 1
        totals["precision@5"] += precision_at_k(ranked, 5)
        totals["recall@10"] += recall_at_k(ranked, 10)
        totals["ndcg@10"] += ndcg_at_k(ranked, 10)
    return {
        **{k: round(v / people, 4) if people else 0.0 for k, v in totals.items()},
        "people": people,
    }


def held_out_mask(groups: np.ndarray, fraction: float = TEST_FRACTION, seed: int = 0) -> np.ndarray:
    """Rows of a fixed random share of people, kept out of training (split by person)."""
    people = np.unique(groups)
    rng = np.random.default_rng(seed)
    n_test = max(1, round(len(people) * fraction)) if len(people) > 1 else 0
    test = rng.permutation(people)[:n_test]
    return np.isin(groups, test)


@dataclass(frozen=True)
class LearningResult:
    """What one training run produced, and whether it should be used."""

    weights: Weights | None
    metrics: dict[str, float] = field(default_factory=dict)
    default_metrics: dict[str, float] = field(default_factory=dict)
    trained_on: int = 0
    beats_default: bool = False
    note: str = ""


def version_of(weights: dict[str, float], trained_on: int) -> str:
    """A stable version name from the weights and the number of rows learned from."""
    digest = hashlib.sha1(json.dumps(weights, sort_keys=True).encode()).hexdigest()[:8]
    return f"lr-{trained_on}-{digest}"


def learn_weights(
    features: np.ndarray,
    grades: np.ndarray,
    groups: np.ndarray,
    *,
    min_positive: int = MIN_POSITIVE,
    min_negative: int = MIN_NEGATIVE,
    fraction: float = TEST_FRACTION,
    seed: int = 0,
) -> LearningResult:
    """Learn feature weights by logistic regression; compare with the defaults held out."""
    positives, negatives = int(np.sum(grades > 0)), int(np.sum(grades == 0))
    if positives < min_positive or negatives < min_negative:
        return LearningResult(
            None,
            trained_on=len(grades),
            note=f"not enough outcomes: {positives} positive (need {min_positive}), "
            f"{negatives} negative (need {min_negative})",
        )
    test = held_out_mask(groups, fraction, seed)
    train = ~test
    if len(np.unique(grades[train] > 0)) < 2 or not np.any(grades[test] > 0):
        return LearningResult(None, trained_on=int(train.sum()), note="split left one class only")
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
    model.fit(features[train], grades[train] > 0)
    coefficients = dict(zip(FEATURE_NAMES, map(float, model.coef_[0]), strict=True))
    stored = {**coefficients, "intercept": float(model.intercept_[0])}
    learned = Weights.from_dict(stored, version_of(stored, int(train.sum())))
    metrics = ranking_metrics(features[test], grades[test], groups[test], learned)
    default_metrics = ranking_metrics(features[test], grades[test], groups[test], DEFAULT_WEIGHTS)
    beats = metrics["ndcg@10"] > default_metrics["ndcg@10"]
    return LearningResult(
        learned,
        metrics=metrics,
        default_metrics=default_metrics,
        trained_on=int(train.sum()),
        beats_default=beats,
        note="beats the default weights" if beats else "does not beat the default weights",
    )
