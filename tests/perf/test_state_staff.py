"""Benchmarks at state scale (issue 21, "Done when"): the staff lists, the director's year
report, the sitemap. `make bench ARGS="--scale state"`; the data set with its 2,000,000
employer contacts (tests/perf/state.py) is built once into .bench-state.sqlite3.

Figures are CPU time (`time.process_time`; SQLite runs in this process) beside wall time,
printed; only query counts are asserted (constant: the same on a later page and for
another program's staff), never a time."""

from __future__ import annotations

import statistics
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ips.models import Program, StaffMember
from ips.roles import Role
from reports.build import combined_report, program_report
from tests.perf.state import STATE, build, built
from tests.reports.builders import YEAR

pytestmark = [pytest.mark.perf, pytest.mark.django_db]
RUNS = 5
STAFF_LISTS = (
    "/admin/seekers/",
    "/admin/employers/",
    "/admin/employer_contacts/",
    "/admin/openings/?status=open",
)


@pytest.fixture(scope="session")
def state_with_contacts(request, django_db_setup, django_db_blocker):
    if request.config.getoption("--scale") != "state":
        pytest.skip('state-scale benchmarks run with `make bench ARGS="--scale state"`')
    with django_db_blocker.unblock():
        if not built(STATE):
            started, started_cpu = time.perf_counter(), time.process_time()
            counts = build(STATE)
            print(
                f"\nbuilt the state data set {counts} in {time.perf_counter() - started:.0f} s "
                f"wall, {time.process_time() - started_cpu:.0f} s CPU"
            )
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
    return STATE


def _timed(fn, runs: int = RUNS) -> tuple[float, float]:
    """(median wall ms, median CPU ms) of `runs` calls after one warm-up call."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _queries(client, url: str) -> int:
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def test_staff_lists_keep_a_constant_query_count_at_state_scale(state_with_contacts, client):
    programs = list(Program.objects.filter(slug__startswith="state-").order_by("pk")[:2])
    print(f"\nstaff lists at state scale ({STATE})")
    for role in (Role.SUPERVISOR, Role.SPECIALIST):
        counts: dict[str, list[int]] = {}
        for program in programs:
            member = StaffMember.objects.filter(program=program, role=role).first()
            client.force_login(member.user)
            for url in STAFF_LISTS:
                later = f"{url}{'&' if '?' in url else '?'}p=3"
                counts.setdefault(url, []).extend([_queries(client, url), _queries(client, later)])
                if program == programs[0]:
                    wall, cpu = _timed(lambda url=url: client.get(url))
                    print(
                        f"  {role:<11} {url:<32} {cpu:6.1f} ms CPU ({wall:6.1f} wall), "
                        f"queries (page 1, page 3; two programs) {counts[url]}"
                    )
        for url, seen in counts.items():
            print(f"  {role:<11} {url:<32} queries {seen}")
            assert len(set(seen)) == 1, (role, url, seen)


def test_year_report_for_one_program_and_for_all_200(state_with_contacts):
    programs = list(Program.objects.filter(slug__startswith="state-").order_by("pk"))
    one = programs[0]
    with CaptureQueriesContext(connection) as one_queries:
        program_report(one, *YEAR)
    wall, cpu = _timed(lambda: program_report(one, *YEAR))
    print(
        f"\nyear report, one program of {len(programs)}: {cpu:.0f} ms CPU ({wall:.0f} wall), "
        f"{len(one_queries)} queries"
    )
    with CaptureQueriesContext(connection) as all_queries:
        report = combined_report(programs, *YEAR)
    wall, cpu = _timed(lambda: combined_report(programs, *YEAR), runs=3)
    print(
        f"year report, all {len(programs)} programs combined: {cpu:.0f} ms CPU ({wall:.0f} "
        f"wall), {len(all_queries)} queries; served {report['outcomes']['served']:,}"
    )
    with CaptureQueriesContext(connection) as other_queries:
        program_report(programs[-1], *YEAR)
    assert len(other_queries) == len(one_queries)  # the same for any program


def test_sitemap_index_and_a_page_at_state_scale(state_with_contacts, client):
    from employers.models import JobOpening

    public = JobOpening.objects.public().count()
    print(f"\nsitemap at {public:,} public openings")
    for url in ("/sitemap.xml", "/sitemap-openings.xml?p=1", "/sitemap-openings.xml?p=9"):
        response = client.get(url)
        assert response.status_code == 200, url

        def cold(url=url):
            cache.clear()  # as after an opening changed: the file is made again
            client.get(url)

        wall, cpu = _timed(lambda url=url: client.get(url))
        cold_wall, cold_cpu = _timed(cold, runs=3)
        queries = _queries(client, url)
        print(
            f"  {url:<28} cached {cpu:6.1f} ms CPU ({wall:6.1f} wall); after a change "
            f"{cold_cpu:6.1f} ms CPU ({cold_wall:6.1f} wall); {queries} queries, "
            f"{len(response.content) / 1024:.0f} KiB"
        )
