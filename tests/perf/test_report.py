"""Budget: a year's report for 50 specialists, 2,000 seekers, 100,000 contacts in
<= 500 ms and <= 30 queries (DESIGN.md, Budgets). Run with `make bench`."""

from __future__ import annotations

import statistics
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ips.fidelity.compute import Period
from ips.reports.build import program_report
from jobseekers.models import Job, JobSeeker
from tests.reports.builders import YEAR, build_program

pytestmark = [pytest.mark.perf, pytest.mark.django_db]


def naive_served_and_worked(program) -> tuple[int, int]:
    """The baseline: one query per seeker, as a view written without care would do."""
    period = Period(*YEAR)
    served = worked = 0
    for seeker in JobSeeker.objects.filter(program=program):
        if seeker.entry_date and seeker.entry_date <= period.end:
            served += 1
            worked += Job.objects.held_between(*YEAR).filter(seeker=seeker).exists()
    return served, worked


def test_year_report_for_50_specialists_2000_seekers_100000_contacts():
    program = build_program("Bench", specialists=50, seekers=2000, contacts=100_000)
    timings = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = program_report(program, *YEAR)
            timings.append(time.perf_counter() - started)
    median_ms = statistics.median(timings) * 1000
    started = time.perf_counter()
    naive_served_and_worked(program)
    naive_ms = (time.perf_counter() - started) * 1000
    print(
        f"\nyear report: median {median_ms:.0f} ms, {len(queries)} queries; "
        f"naive per-seeker baseline {naive_ms:.0f} ms for two figures "
        f"(x{naive_ms / median_ms:.1f})"
    )
    assert report["outcomes"]["served"] == 2000
    assert len(queries) <= 30
    assert median_ms <= 500
