"""Each hard filter, on plain arrays (no database)."""

import numpy as np
import pytest

from jobseekers.matching.features import SeekerProfile, schedule_number
from jobseekers.matching.filters import (
    commute_limit,
    hours_compatible,
    is_open,
    not_ruled_out,
    passes_hard_filters,
    schedule_compatible,
    visible_to_program,
    within_commute,
)
from tests.jobseekers.matching.builders import table


def test_closed_or_filled_openings_are_filtered_out():
    openings = table([{"open": True}, {"open": False}])
    assert is_open(openings, np.arange(2)).tolist() == [True, False]


def test_other_programs_openings_pass_only_when_public():
    openings = table([{"program": 1}, {"program": 2}, {"program": 2, "shareable": True}])
    assert visible_to_program(openings, np.arange(3), 1).tolist() == [True, False, True]


@pytest.mark.parametrize(
    ("mode", "given", "expected"),
    [
        ("walk", None, 1.5),
        ("bike", None, 5.0),
        ("bus", None, 10.0),
        ("car", None, 25.0),
        ("ride", None, 15.0),
        ("", None, 10.0),
        ("bus", 3.0, 3.0),
        ("car", 0.0, 0.0),
    ],
)
def test_commute_limit_is_the_persons_own_else_the_default_for_their_travel_mode(
    mode, given, expected
):
    assert commute_limit(mode, given) == expected


def test_openings_beyond_the_commute_limit_are_filtered_out_and_unknown_distance_kept():
    miles = np.array([0.5, 9.99, 10.0, 10.01, np.nan])
    assert within_commute(miles, 10.0).tolist() == [True, True, True, False, True]


def test_hours_outside_the_wanted_range_are_filtered_out():
    hours = np.array([8.0, 10.0, 20.0, 25.0, np.nan])
    assert hours_compatible(hours, 10.0, 20.0).tolist() == [False, True, True, False, True]
    assert hours_compatible(hours, None, 20.0).tolist() == [True, True, True, False, True]
    assert hours_compatible(hours, None, None).all()


def test_schedules_the_person_cannot_work_are_filtered_out_but_flexible_passes():
    codes = np.array([schedule_number(s) for s in ("daytime", "nights", "flexible", "")])
    assert schedule_compatible(codes, ("daytime",)).tolist() == [True, False, True, True]
    assert schedule_compatible(codes, ()).all()


def test_ruled_out_employers_and_kinds_of_work_are_filtered_out():
    openings = table(
        [
            {"employer": 7, "code": "35-2014.00"},
            {"employer": 8, "code": "41-2031.00"},
            {"employer": 9, "code": "35-2021.00"},
        ]
    )
    ok = not_ruled_out(openings.employer_ids, openings.occupation, (7,), ("41-2031.00",))
    assert ok.tolist() == [False, False, True]


def test_all_hard_filters_combine():
    seeker = SeekerProfile(
        seeker_id=1, program_id=1, min_hours=10, max_hours=30, schedules=("daytime",)
    )
    openings = table(
        [
            {"hours": 20, "schedule": "daytime"},
            {"hours": 40},
            {"schedule": "nights"},
            {"open": False},
        ]
    )
    mask = passes_hard_filters(seeker, openings, np.arange(4), np.zeros(4), 10.0)
    assert mask.tolist() == [True, False, False, False]
