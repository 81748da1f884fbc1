"""Recommender budgets (DESIGN.md): top 10 of 100,000 openings <= 25 ms median;
10,000 seekers x 100,000 openings <= 60 s; >= 100x the naive per-pair loop.

Both wall-clock and CPU time are printed; the budgets are asserted on this process's CPU
time, because the development machine is shared (load ~9 on 2 cores measured while these
were written: wall-clock there was 3x the CPU time)."""

import statistics
import time

import pytest

from ips.reference import read_occupations
from jobseekers.matching.engine import build_index, explain, recommend
from jobseekers.matching.fit import fit_text_model
from jobseekers.matching.score import DEFAULT_WEIGHTS
from jobseekers.matching.synthetic import synthetic_openings, synthetic_seekers, time_naive

pytestmark = pytest.mark.perf
OPENINGS = 100_000


@pytest.fixture(scope="module")
def world():
    occupations = [(r["code"], r["title"], r["description"]) for r in read_occupations()]
    openings = synthetic_openings(OPENINGS, occupations)
    seekers = synthetic_seekers(10_000, occupations)
    index = build_index(openings, fit_text_model(openings.texts + [s.text for s in seekers]))
    return openings, seekers, index


def test_top_10_for_one_seeker_among_100000_openings_within_25_ms(world):
    openings, seekers, index = world
    wall, cpu = [], []
    for seeker in seekers[:200]:
        start, start_cpu = time.perf_counter(), time.process_time()
        recommend([seeker], index, DEFAULT_WEIGHTS, k=10)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median_ms, median_cpu_ms = statistics.median(wall) * 1000, statistics.median(cpu) * 1000
    naive_s, pairs = time_naive(seekers[:3], openings, 2000)
    ratio = naive_s / (median_ms / 1000)
    print(
        f"\nmedian_ms={median_ms:.2f} (cpu {median_cpu_ms:.2f}) naive_s_per_seeker={naive_s:.2f} "
        f"(extrapolated from {pairs} pairs, wall) naive_ratio={ratio:.0f}"
    )
    assert median_cpu_ms <= 25
    assert ratio >= 100


def test_matches_for_10000_seekers_within_60_s(world):
    openings, seekers, index = world
    start, start_cpu = time.perf_counter(), time.process_time()
    results = recommend(seekers, index, DEFAULT_WEIGHTS, k=10)
    for seeker, result in zip(seekers, results, strict=True):
        explain(seeker, index, result)
    batch_s, batch_cpu_s = time.perf_counter() - start, time.process_time() - start_cpu
    print(
        f"\nbatch_s={batch_s:.2f} (cpu {batch_cpu_s:.2f}) "
        f"for {len(seekers)} seekers x {OPENINGS} openings"
    )
    assert all(len(r.rows) <= 10 for r in results)
    assert batch_cpu_s <= 60
