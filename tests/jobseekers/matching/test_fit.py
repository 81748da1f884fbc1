"""Learning and ranking metrics (no database)."""

import numpy as np
import pytest

from jobseekers.matching.fit import (
    held_out_mask,
    learn_weights,
    ndcg_at_k,
    precision_at_k,
    ranking_metrics,
    recall_at_k,
)
from jobseekers.matching.score import DEFAULT_WEIGHTS


def test_ranking_metrics_on_a_known_list():
    grades = np.array([3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2])
    assert precision_at_k(grades, 5) == pytest.approx(2 / 5)
    assert recall_at_k(grades, 10) == pytest.approx(2 / 3)
    ideal = 7 + 3 / np.log2(3) + 1 / np.log2(4)
    assert ndcg_at_k(grades, 10) == pytest.approx((7 + 1 / np.log2(4)) / ideal)
    assert ndcg_at_k(np.array([2, 1, 0]), 10) == pytest.approx(1.0)


def test_held_out_rows_are_whole_people():
    groups = np.repeat(np.arange(20), 5)
    test = held_out_mask(groups, 0.25, seed=3)
    assert len(np.unique(groups[test])) == 5
    assert not set(groups[test]) & set(groups[~test])


def _outcomes(signal_column: int, seed: int = 0, people: int = 80, per_person: int = 12):
    """People with candidate openings whose outcome depends on one feature only."""
    rng = np.random.default_rng(seed)
    features = rng.random((people * per_person, 6))
    groups = np.repeat(np.arange(people), per_person)
    grades = (features[:, signal_column] + rng.normal(0, 0.05, len(groups)) > 0.8).astype(int)
    return features, grades, groups


def test_a_model_is_learned_and_used_when_it_beats_the_defaults():
    # Outcomes follow the hours fit alone, which the defaults weigh lightly.
    features, grades, groups = _outcomes(signal_column=4)
    result = learn_weights(features, grades, groups)
    assert result.weights is not None
    assert result.beats_default
    assert result.metrics["ndcg@10"] > result.default_metrics["ndcg@10"]
    assert result.weights.version.startswith("lr-")


def test_a_model_that_does_not_beat_the_defaults_is_not_used():
    # The defaults already rank perfectly (outcomes follow the occupation match, which they
    # weigh most); a learned model can at best tie, and a tie is not enough to switch.
    rng = np.random.default_rng(5)
    groups = np.repeat(np.arange(50), 12)
    grades = (rng.random(600) > 0.7).astype(int)
    features = rng.random((600, 6)) * 0.01
    features[:, 1] = grades
    result = learn_weights(features, grades, groups)
    default = ranking_metrics(features, grades, groups, DEFAULT_WEIGHTS)
    assert default["ndcg@10"] == pytest.approx(1.0)
    assert result.weights is not None
    assert result.metrics["ndcg@10"] <= result.default_metrics["ndcg@10"]
    assert not result.beats_default


def test_too_few_outcomes_learn_nothing():
    features, grades, groups = _outcomes(signal_column=4, people=4, per_person=5)
    result = learn_weights(features, grades, groups)
    assert result.weights is None
    assert "not enough outcomes" in result.note
