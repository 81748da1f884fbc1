"""The combined report of many programs (issue 21, state scale): its education figure is
the sum of the programs' own, read in a number of queries that does not grow with the
number of programs (it was one query per program: 206 for the state's 200)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ips.models import Program
from jobseekers.models import JobSeeker, StatusCheckIn
from reports.build import combined_report, program_report

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 7, 1), dt.date(2026, 9, 30)


def make_programs(count: int) -> list[Program]:
    programs = []
    for n in range(count):
        program = Program.objects.create(name=f"Team {n}", slug=f"team-{n}")
        people = [
            JobSeeker.objects.create(
                program=program, ref=f"T{n}-{i}", name=f"P{i}", entry_date=dt.date(2026, 1, 5)
            )
            for i in range(4)
        ]
        checks = (
            (people[0], dt.date(2026, 8, 1), {"education_enrolled": True}),
            (people[1], dt.date(2026, 8, 2), {"education_completed": True}),
            (people[2], dt.date(2026, 8, 3), {"education_enrolled": False}),  # not learning
            (people[3], dt.date(2026, 5, 1), {"education_enrolled": True}),  # before the period
        )
        for seeker, day, facts in checks:
            StatusCheckIn.objects.create(program=program, seeker=seeker, date=day, **facts)
        programs.append(program)
    return programs


def test_education_is_summed_over_programs_in_a_constant_number_of_queries():
    programs = make_programs(5)
    own = [program_report(p, START, END)["education"]["in_education"] for p in programs]
    assert own == [2] * 5
    with CaptureQueriesContext(connection) as two:
        combined_report(programs[:2], START, END)
    with CaptureQueriesContext(connection) as five:
        total = combined_report(programs, START, END)
    assert total["education"]["in_education"] == sum(own)
    assert len(five) == len(two)
