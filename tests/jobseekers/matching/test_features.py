"""Each feature, on plain arrays (no database)."""

import numpy as np
import pytest

from jobseekers.matching.features import (
    UNKNOWN,
    UNKNOWN_DISTANCE,
    SeekerProfile,
    distance_decay,
    employer_relationship,
    hours_fit,
    occupation_match,
    occupation_number,
    wage_fit,
)
from jobseekers.matching.fit import fit_text_model


def test_occupation_number_reads_the_detailed_soc_code():
    assert occupation_number("35-2014.00") == 352014
    assert occupation_number("") == -1
    assert occupation_number("junk") == -1


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("35-2014.00", 1.0),  # same detailed occupation (Cooks, Restaurant)
        ("35-2014.01", 1.0),  # an O*NET specialisation of it
        ("35-2012.00", 0.75),  # same broad occupation (Cooks)
        ("35-2021.00", 0.5),  # same minor group (Food preparation workers)
        ("35-3023.00", 0.25),  # same major group (Food preparation and serving)
        ("41-2031.00", 0.0),  # retail: unrelated
        ("", 0.0),
    ],
)
def test_occupation_match_is_graded_by_soc_level(code, expected):
    opening = np.array([occupation_number(code)])
    assert occupation_match(opening, ("35-2014.00",))[0] == expected


def test_occupation_match_is_zero_when_the_person_named_no_kind_of_work():
    assert occupation_match(np.array([352014]), ()).tolist() == [0.0]


def test_distance_decay_halves_every_half_limit_and_is_low_when_unknown():
    decay = distance_decay(np.array([0.0, 5.0, 10.0, np.nan]), 10.0)
    assert decay[:3] == pytest.approx([1.0, 0.5, 0.25])
    assert decay[3] == UNKNOWN_DISTANCE


def test_wage_fit_is_full_at_or_above_the_wanted_wage_and_falls_below():
    fit = wage_fit(np.array([16.0, 15.0, 12.0, np.nan]), 15.0)
    assert fit[:3] == pytest.approx([1.0, 1.0, (12 / 15) ** 2])
    assert fit[3] == UNKNOWN
    assert wage_fit(np.array([20.0]), None).tolist() == [UNKNOWN]


def test_hours_fit_is_best_in_the_middle_of_the_wanted_range():
    fit = hours_fit(np.array([20.0, 10.0, 40.0, np.nan]), 10.0, 30.0)
    assert fit[:3] == pytest.approx([1.0, 0.5, 0.0])
    assert fit[3] == UNKNOWN
    assert hours_fit(np.array([20.0]), None, None).tolist() == [UNKNOWN]


def test_employer_relationship_grows_with_recent_face_to_face_contacts():
    strength = employer_relationship(np.array([0, 1, 3, 10]))
    assert strength[0] == 0.0
    assert np.all(np.diff(strength) > 0)
    assert strength[2] == pytest.approx(1 - np.exp(-1))


def test_text_similarity_prefers_openings_using_the_persons_words():
    from scipy import sparse

    seeker = SeekerProfile(seeker_id=1, program_id=1, interests="cooking, baking bread")
    texts = ["Line cook, cooking breakfast", "Cashier at a hardware store"]
    vectorizer = fit_text_model([*texts, seeker.text])
    openings = sparse.csr_matrix(vectorizer.transform(texts))
    query = vectorizer.transform([seeker.text])
    similarity = (openings @ query.T).toarray().ravel()
    assert similarity[0] > 0.1
    assert similarity[1] == 0.0
