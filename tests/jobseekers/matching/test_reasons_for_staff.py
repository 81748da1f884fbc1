"""Match reasons as staff read them: about the person, third person (issue 17, item 4)."""

import pytest

from jobseekers.matching.reasons import about_person


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("you said you are good at works hard", "Their strengths include “works hard”"),
        ("you said you like cooking", "Their interests include “cooking”"),
        ("you asked for jobs like line cook", "They asked for jobs like “line cook”"),
        ("it uses your skill: forklift", "It uses their skill “forklift”"),
        ("like your past job as dishwasher", "Like their past job as dishwasher"),
        ("the kind of work you asked for", "The kind of work they asked for"),
        (
            "pays $16.00 an hour, what you asked for or more",
            "Pays $16.00 an hour, what they asked for or more",
        ),
        ("20 hours a week, about what you want", "20 hours a week, about what they want"),
        ("evening hours, as you wanted", "Evening hours, as they wanted"),
        (
            "your employment specialist knows this employer well",
            "Their employment specialist knows this employer well",
        ),
        ("12 miles away, by bus", "12 miles away, by bus"),
        ("something new", "Something new"),
    ],
)
def test_reasons_are_written_about_the_person(stored, shown):
    assert about_person(stored) == shown
    assert "you" not in about_person(stored).lower().split()
