"""Scores: a weighted sum of features, and the top k. No Django."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jobseekers.matching.features import FEATURE_NAMES

DEFAULT_VERSION = "default"
# Hand-set defaults: what the person asked for (words, kind of work) first, then how
# far, then pay, hours and how well the specialist knows the employer.
DEFAULT_COEFFICIENTS = {
    "text": 2.0,
    "occupation": 2.0,
    "distance": 1.0,
    "wage": 0.5,
    "hours": 0.5,
    "employer": 0.5,
}


@dataclass(frozen=True)
class Weights:
    """Feature weights of one model version (the defaults or a learned one)."""

    coefficients: tuple[float, ...]
    intercept: float = 0.0
    version: str = DEFAULT_VERSION

    @classmethod
    def from_dict(cls, weights: dict[str, float], version: str) -> Weights:
        """Weights from their stored form ({feature: coefficient, "intercept": b})."""
        return cls(
            coefficients=tuple(float(weights.get(name, 0.0)) for name in FEATURE_NAMES),
            intercept=float(weights.get("intercept", 0.0)),
            version=version,
        )

    def as_dict(self) -> dict[str, float]:
        """The stored form."""
        return {
            **dict(zip(FEATURE_NAMES, self.coefficients, strict=True)),
            "intercept": self.intercept,
        }

    @property
    def vector(self) -> np.ndarray:
        return np.asarray(self.coefficients, dtype=float)


DEFAULT_WEIGHTS = Weights.from_dict(DEFAULT_COEFFICIENTS, DEFAULT_VERSION)


def score(features: np.ndarray, weights: Weights) -> np.ndarray:
    """One score per row of a (candidates x features) matrix."""
    if len(features) == 0:
        return np.zeros(0)
    scores: np.ndarray = features @ weights.vector + weights.intercept
    return scores


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores, best first (ties: the earlier row first)."""
    n = len(scores)
    if n == 0 or k <= 0:
        return np.zeros(0, dtype=np.int64)
    if n > k:
        part = np.argpartition(-scores, k - 1)[:k]
    else:
        part = np.arange(n)
    return part[np.lexsort((part, -scores[part]))]
