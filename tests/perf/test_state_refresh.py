"""Bench (issue 21 item 6): the nightly match refresh at state scale as a group of celery
tasks, one per part of the programs, run by 1 and then by 2 real worker processes on Redis
(`make bench ARGS="--scale state"`). Prints the wall time of each run and their ratio;
asserts only that both runs stored the same matches.

A smaller but representative set: all 100,000 openings of the state data set and 200
programs, with PROFILES_PER_PROGRAM job seekers each holding a career profile (1,000),
instead of 40,000 (each part reads every opening and fits the text model once, whatever
its number of seekers, so the parts' fixed cost is the state's). The workers are separate
processes on the same file database: the data they read is committed by the fixture."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import pytest
from celery import group
from django.conf import settings
from django.db import connection

from jobseekers.matching.services import refresh_parts
from jobseekers.models import Match
from tests.perf.state import STATE, add_profiles, build, built
from tests.support.celery_worker import celery_worker, redis_url, require_redis

# django_db: the test database is set up only for tests that ask for one; the test itself
# reads nothing until the workers are done (its transaction then holds no lock they need).
pytestmark = [pytest.mark.perf, pytest.mark.django_db]
PROFILES_PER_PROGRAM = 5
PARTS = 4  # two per worker at most, so two workers share the work evenly
REDIS_DB = 9  # this bench's own Redis database
TASK = "jobseekers.matching.tasks.refresh_program_matches_task"
TIMEOUT = 3600.0  # a bound on the wait, never a budget


@pytest.fixture(scope="module")
def refresh_world(request, django_db_setup, django_db_blocker):
    if request.config.getoption("--scale") != "state":
        pytest.skip('state-scale benchmarks run with `make bench ARGS="--scale state"`')
    if connection.vendor != "sqlite":
        pytest.skip("the workers open the bench's SQLite file")
    with django_db_blocker.unblock():
        if not built(STATE, contacts=False):
            build(STATE, contacts=False)
        profiles = add_profiles(PROFILES_PER_PROGRAM)
        with connection.cursor() as cursor:  # readers beside one writer: two workers
            cursor.execute("PRAGMA journal_mode=WAL")
        parts = refresh_parts(parts=PARTS)
        connection.close()  # nothing of this process holds the file while workers write
    return profiles, parts, settings.DATABASES["default"]["NAME"]


def _run(workers: int, parts: list[list[int]], database: str) -> Run:
    url = redis_url(REDIS_DB)
    require_redis(url)
    # Each write transaction takes the lock at its start and waits for it (two writers).
    env = {"DATABASE_URL": f"sqlite:///{database}?transaction_mode=IMMEDIATE&timeout=60"}
    with celery_worker(url, env=env, name="refresh-a") as client:
        if workers == 2:
            with celery_worker(url, env=env, name="refresh-b"):
                return _timed_group(client, parts, workers)
        return _timed_group(client, parts, workers)


@dataclass(frozen=True)
class Run:
    wall: float  # seconds from sending the group to the last part's result
    cpu: dict[str, float]  # CPU seconds each worker spent meanwhile (celery's rusage)
    counts: list[int]  # matches stored by each part

    @property
    def parallel(self) -> float:
        """The speed-up the split allows when each worker has a core to itself: all the
        CPU time over the busiest worker's."""
        return sum(self.cpu.values()) / max(self.cpu.values())


def _all_ready(client, workers: int, within: float = 120.0) -> None:
    """Ping until every worker answers (celery_worker returns once any one does)."""
    deadline = time.monotonic() + within
    while len(client.control.ping(timeout=1.0)) < workers:
        if time.monotonic() > deadline:
            raise TimeoutError(f"fewer than {workers} workers answer after {within} s")


def _cpu(client, workers: int) -> dict[str, float]:
    stats = client.control.inspect(timeout=10).stats() or {}
    assert len(stats) == workers, stats
    return {n: s["rusage"]["utime"] + s["rusage"]["stime"] for n, s in stats.items()}


def _timed_group(client, parts, workers: int) -> Run:
    _all_ready(client, workers)
    before = _cpu(client, workers)
    started = time.perf_counter()
    stored = group(client.signature(TASK, args=[ids]) for ids in parts).apply_async()
    counts = stored.get(timeout=TIMEOUT)
    wall = time.perf_counter() - started
    after = _cpu(client, workers)
    return Run(wall, {n: after[n] - before[n] for n in after}, counts)


def test_match_refresh_with_2_workers_against_1(refresh_world):
    profiles, parts, database = refresh_world
    one = _run(1, parts, database)
    two = _run(2, parts, database)
    load = os.getloadavg()[0]
    print(
        f"\nmatch refresh: {profiles:,} seekers with a profile x 100,000 openings, "
        f"{len(parts)} parts of {sum(len(p) for p in parts)} programs "
        f"(load average {load:.1f} on {os.cpu_count()} CPUs)"
    )
    for name, run in (("1 worker ", one), ("2 workers", two)):
        cpu = " + ".join(f"{seconds:.1f}" for seconds in sorted(run.cpu.values()))
        print(f"  {name} {run.wall:6.1f} s wall, CPU {cpu} s, {sum(run.counts):,} matches")
    print(
        f"  x{one.wall / two.wall:.2f} faster with 2 (wall, on this machine's spare CPU); "
        f"x{two.parallel:.2f} with a core per worker (all CPU / the busiest worker's)"
    )
    assert one.counts == two.counts
    assert Match.objects.count() == sum(two.counts)
