"""The program report reads a fixed number of queries whatever the program's size."""

from __future__ import annotations

import pytest

from reports.build import program_report
from tests.reports.builders import YEAR, build_program

pytestmark = pytest.mark.django_db

REPORT_QUERIES = 13  # 8 for fidelity and outcomes, 1 for the PSR check-ins, 4 PSR outcomes


@pytest.mark.parametrize(("specialists", "seekers", "contacts"), [(2, 20, 100), (10, 300, 3000)])
def test_report_query_count_does_not_grow_with_the_program(
    django_assert_max_num_queries, specialists, seekers, contacts
):
    program = build_program("Sized", specialists=specialists, seekers=seekers, contacts=contacts)
    with django_assert_max_num_queries(REPORT_QUERIES):
        report = program_report(program, *YEAR)
    assert report["outcomes"]["served"] == seekers
    assert len(report["fidelity"]["items"]["V6"]["per_specialist"]) == specialists
