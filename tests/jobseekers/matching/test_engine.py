"""The engine end to end on plain values: ranking, the radius, distances (no database)."""

import numpy as np
import pytest
from geopy.distance import geodesic

from jobseekers.matching.engine import build_index, explain, recommend
from jobseekers.matching.features import SeekerProfile
from jobseekers.matching.fit import fit_text_model
from jobseekers.matching.score import DEFAULT_WEIGHTS, top_k
from tests.jobseekers.matching.builders import DETROIT, table

# Points around downtown Detroit at known distances.
DEARBORN = (42.3223, -83.1763)  # about 6.6 miles west
ANN_ARBOR = (42.2808, -83.7430)  # about 35.8 miles west
PONTIAC = (42.6389, -83.2910)  # about 24.6 miles north-west


def _index(rows):
    openings = table(rows)
    return build_index(openings, fit_text_model(openings.texts + ["cooking cook kitchen"]))


def test_the_obvious_best_opening_ranks_first():
    seeker = SeekerProfile(
        seeker_id=1,
        program_id=1,
        latitude=DETROIT[0],
        longitude=DETROIT[1],
        travel_mode="bus",
        min_hours=15,
        max_hours=25,
        wanted_wage=14.0,
        interests="cooking",
        wanted_job_titles="cook",
        preferred_occupations=("35-2014.00",),
    )
    index = _index(
        [
            {"title": "Cashier", "code": "41-2011.00", "at": DEARBORN, "hours": 20, "wage": 14},
            {
                "title": "Restaurant cook",
                "text": "Restaurant cook: cooking lunches",
                "code": "35-2014.00",
                "at": DETROIT,
                "hours": 20,
                "wage": 15,
            },
            {
                "title": "Kitchen helper",
                "text": "Kitchen helper, some cooking",
                "code": "35-2021.00",
                "at": DEARBORN,
                "hours": 20,
                "wage": 13,
            },
            {
                "title": "Restaurant cook",
                "text": "Restaurant cook",
                "code": "35-2014.00",
                "at": ANN_ARBOR,
                "hours": 20,
                "wage": 20,
            },
        ]
    )
    (result,) = recommend([seeker], index, DEFAULT_WEIGHTS, k=10)
    assert result.rows.tolist() == [1, 2, 0]  # Ann Arbor is beyond a bus ride
    reasons = explain(seeker, index, result)[0]
    assert reasons[:3] == [
        "the kind of work you asked for",
        "you asked for jobs like cook",
        "you said you like cooking",
    ]
    assert "less than a mile away, by bus" in reasons


@pytest.mark.parametrize("place", [DEARBORN, ANN_ARBOR, PONTIAC])
def test_distances_agree_with_geopy_to_half_a_percent(place):
    seeker = SeekerProfile(
        seeker_id=1, program_id=1, latitude=DETROIT[0], longitude=DETROIT[1], max_commute_miles=50
    )
    index = _index([{"title": "Job", "at": place}])
    (result,) = recommend([seeker], index, DEFAULT_WEIGHTS)
    expected = geodesic(DETROIT, place).miles
    assert result.miles[0] == pytest.approx(expected, rel=0.005)


def test_the_radius_uses_the_default_commute_for_the_travel_mode():
    walker = SeekerProfile(
        seeker_id=1, program_id=1, latitude=DETROIT[0], longitude=DETROIT[1], travel_mode="walk"
    )
    driver = SeekerProfile(
        seeker_id=2, program_id=1, latitude=DETROIT[0], longitude=DETROIT[1], travel_mode="car"
    )
    index = _index([{"title": "Near", "at": DETROIT}, {"title": "Far", "at": PONTIAC}])
    walk, drive = recommend([walker, driver], index, DEFAULT_WEIGHTS)
    assert walk.rows.tolist() == [0]
    assert sorted(drive.rows.tolist()) == [0, 1]


def test_an_unlocated_seeker_or_opening_is_kept_with_distance_unknown():
    seeker = SeekerProfile(seeker_id=1, program_id=1)
    index = _index([{"title": "A", "at": None}, {"title": "B", "at": PONTIAC}])
    (result,) = recommend([seeker], index, DEFAULT_WEIGHTS)
    assert sorted(result.rows.tolist()) == [0, 1]
    assert np.isnan(result.miles).all()


def test_closed_openings_are_never_recommended():
    seeker = SeekerProfile(seeker_id=1, program_id=1, latitude=DETROIT[0], longitude=DETROIT[1])
    index = _index([{"title": "A", "open": False}, {"title": "B", "open": False, "at": None}])
    (result,) = recommend([seeker], index, DEFAULT_WEIGHTS)
    assert result.rows.size == 0


def test_top_k_returns_the_highest_scores_best_first():
    scores = np.array([0.1, 0.9, 0.5, 0.9, 0.3])
    assert top_k(scores, 3).tolist() == [1, 3, 2]
    assert top_k(scores, 10).tolist() == [1, 3, 2, 4, 0]
    assert top_k(np.zeros(0), 3).size == 0


def test_the_engine_has_no_python_loop_over_pairs(monkeypatch):
    """Scoring 2,000 openings for one seeker calls the per-row feature code once."""
    import jobseekers.matching.engine as engine

    calls = []
    original = engine.feature_matrix
    monkeypatch.setattr(
        engine, "feature_matrix", lambda *a, **k: calls.append(1) or original(*a, **k)
    )
    seeker = SeekerProfile(seeker_id=1, program_id=1, latitude=DETROIT[0], longitude=DETROIT[1])
    index = _index([{"title": f"Job {i}", "at": DETROIT} for i in range(2000)])
    (result,) = recommend([seeker], index, DEFAULT_WEIGHTS)
    assert len(calls) == 1
    assert result.rows.size == 10
