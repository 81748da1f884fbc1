"""Reasons in plain words (no database)."""

import pytest

from jobseekers.matching.features import SeekerProfile, schedule_number
from jobseekers.matching.reasons import distance_words, fit_words, place_words, reasons_for


@pytest.mark.parametrize(
    ("miles", "mode", "expected"),
    [
        (12.2, "bus", "12 miles away, by bus"),
        (0.4, "walk", "less than a mile away, walking"),
        (1.2, "bike", "1 mile away, by bike"),
        (2.5, "car", "2.5 miles away, by car"),
        (3.0, "", "3 miles away"),
    ],
)
def test_distance_is_said_in_miles_with_the_way_the_person_travels(miles, mode, expected):
    assert distance_words(miles, mode) == expected


def _reasons(seeker, features, **opening):
    defaults = {"miles": None, "opening_text": "", "hours": None, "wage": None, "schedule": 0}
    defaults["opening_kind"] = opening.get("opening_text", "")
    return reasons_for(seeker, features, **{**defaults, **opening})


def test_interests_in_the_persons_words_become_a_reason():
    seeker = SeekerProfile(seeker_id=1, program_id=1, interests="cooking, being outdoors")
    reasons = _reasons(seeker, {}, opening_text="Prep cook: cook breakfast for guests")
    assert "you said you like cooking" in reasons
    assert not any("outdoors" in r for r in reasons)


def test_the_kind_of_work_asked_for_is_named_first():
    seeker = SeekerProfile(seeker_id=1, program_id=1, travel_mode="bus")
    reasons = _reasons(seeker, {"occupation": 1.0}, miles=12.0)
    assert reasons == ["the kind of work you asked for", "12 miles away, by bus"]


def test_wage_hours_schedule_and_a_known_employer_are_explained():
    seeker = SeekerProfile(
        seeker_id=1,
        program_id=1,
        wanted_wage=14.0,
        min_hours=15,
        max_hours=25,
        schedules=("daytime",),
    )
    reasons = _reasons(
        seeker,
        {"hours": 1.0, "employer": 0.7},
        hours=20.0,
        wage=15.5,
        schedule=schedule_number("daytime"),
    )
    assert reasons == [
        "pays $15.50 an hour, what you asked for or more",
        "20 hours a week, about what you want",
        "weekday daytime hours, as you wanted",
        "your employment specialist knows this employer well",
    ]


def test_no_reason_is_invented_when_nothing_matches():
    seeker = SeekerProfile(seeker_id=1, program_id=1, wanted_wage=20.0, interests="painting")
    assert _reasons(seeker, {"occupation": 0.0}, opening_text="Cashier", wage=12.0) == []


def test_past_jobs_and_wanted_titles_are_recognised():
    seeker = SeekerProfile(
        seeker_id=1, program_id=1, wanted_job_titles="dishwasher", past_job_titles=("Line Cook",)
    )
    reasons = _reasons(seeker, {}, opening_text="Dishwasher and cook helper")
    assert reasons == ["you asked for jobs like dishwasher", "like your past job as line cook"]


def test_a_wanted_job_is_not_found_in_the_description_only():
    """Red-team finding (issue 17): every demo description ends "close to the bus line"."""
    seeker = SeekerProfile(seeker_id=1, program_id=1, wanted_job_titles="line cook")
    reasons = _reasons(
        seeker,
        {},
        opening_text="Childcare Assistant\nChildcare Workers\nFriendly team, near the bus line.",
        opening_kind="Childcare Assistant\nChildcare Workers",
    )
    assert reasons == []


@pytest.mark.parametrize(
    ("wanted", "kind", "named"),
    [
        ("line cook", "Kitchen team member\nCooks, Restaurant", True),
        ("line cook", "Production line worker\nAssemblers and Fabricators", False),
        ("childcare assistant", "Kennel Assistant\nAnimal Caretakers", False),
        ("childcare assistant", "Childcare Assistant\nChildcare Workers", True),
        ("stock clerk", "Stocker\nStockers and Order Fillers", True),
    ],
)
def test_a_wanted_job_is_named_only_for_that_kind_of_work(wanted, kind, named):
    seeker = SeekerProfile(seeker_id=1, program_id=1, wanted_job_titles=wanted)
    reasons = _reasons(seeker, {}, opening_text=kind, opening_kind=kind)
    assert (f"you asked for jobs like {wanted}" in reasons) is named


def test_a_past_job_is_named_only_for_that_kind_of_work():
    seeker = SeekerProfile(seeker_id=1, program_id=1, past_job_titles=("Line Cook",))
    text = "Library Page\nLibrary Assistants, Clerical\nShelve books; on the bus line."
    assert _reasons(seeker, {}, opening_text=text, opening_kind="Library Page") == []


@pytest.mark.parametrize(
    ("place", "count", "said"),
    [
        (1, 7, "Best fit (1st of 7 openings for this person)"),
        (2, 7, "2nd best fit (of 7 openings for this person)"),
        (3, 3, "3rd best fit (of 3 openings for this person)"),
        (11, 12, "11th best fit (of 12 openings for this person)"),
        (1, 1, "Best fit (the only opening for this person)"),
    ],
)
def test_a_place_is_said_in_words_with_how_many_openings(place, count, said):
    assert place_words(place, count) == said


@pytest.mark.parametrize(
    ("rank", "said"),
    [(0, "Not ranked yet"), (1, "Best fit for the person"), (22, "22nd best fit for the person")],
)
def test_a_stored_rank_is_said_in_words(rank, said):
    assert fit_words(rank) == said
