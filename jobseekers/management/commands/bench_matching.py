"""Benchmark the recommender on synthetic data built in memory (no database writes).

The last line is `median_ms=<top 10 for one seeker> batch_s=<all seekers>
naive_ratio=<speed-up over a per-pair Python loop with geopy distances>`. The naive loop
is timed on a random sample of openings per seeker and extrapolated to all of them.
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError

from ips.reference import read_occupations
from jobseekers.matching.engine import build_index, explain, recommend
from jobseekers.matching.fit import fit_text_model
from jobseekers.matching.score import DEFAULT_WEIGHTS
from jobseekers.matching.synthetic import synthetic_openings, synthetic_seekers, time_naive


def run_benchmark(openings: int, seekers: int, naive_sample: int, naive_seekers: int, out):
    """Build the data, time single-seeker and batch matching and the naive loop."""
    occupations = [(r["code"], r["title"], r["description"]) for r in read_occupations()]
    table = synthetic_openings(openings, occupations)
    people = synthetic_seekers(seekers, occupations)
    start = time.perf_counter()
    index = build_index(table, fit_text_model(table.texts + [p.text for p in people]))
    out(f"index: {openings} openings in {time.perf_counter() - start:.2f} s")
    single, single_cpu = [], []
    for person in people:
        start, start_cpu = time.perf_counter(), time.process_time()
        recommend([person], index, DEFAULT_WEIGHTS, k=10)
        single.append(time.perf_counter() - start)
        single_cpu.append(time.process_time() - start_cpu)
    start, start_cpu = time.perf_counter(), time.process_time()
    for person, result in zip(people, recommend(people, index, DEFAULT_WEIGHTS, k=10), strict=True):
        explain(person, index, result)
    batch_s = time.perf_counter() - start
    # On a shared machine wall-clock includes waiting for a core; CPU time does not.
    out(
        f"cpu time: median_ms={statistics.median(single_cpu) * 1000:.2f} "
        f"batch_s={time.process_time() - start_cpu:.2f}"
    )
    naive_per_seeker, pairs = time_naive(people[:naive_seekers], table, naive_sample)
    median = statistics.median(single)
    out(
        f"naive loop: timed {pairs} pairs ({min(naive_sample, openings)} openings x "
        f"{min(naive_seekers, seekers)} seekers), extrapolated to {openings} openings: "
        f"{naive_per_seeker:.2f} s per seeker"
    )
    return median * 1000, batch_s, naive_per_seeker / median


class Command(BaseCommand):
    help = "Time the recommender on synthetic openings and seekers built in memory."

    def add_arguments(self, parser):
        parser.add_argument("--openings", type=int, default=100_000)
        parser.add_argument("--seekers", type=int, default=200)
        parser.add_argument(
            "--naive-sample", type=int, default=2000, help="Openings per seeker timed naively."
        )
        parser.add_argument("--naive-seekers", type=int, default=3)

    def handle(self, *args, openings, seekers, naive_sample, naive_seekers, **options):
        for name, value in (
            ("--openings", openings),
            ("--seekers", seekers),
            ("--naive-sample", naive_sample),
            ("--naive-seekers", naive_seekers),
        ):
            if value < 1:
                raise CommandError(f"{name} must be a whole number of at least 1.")
        median_ms, batch_s, ratio = run_benchmark(
            openings, seekers, naive_sample, naive_seekers, self.stdout.write
        )
        self.stdout.write(
            f"median_ms={median_ms:.2f} batch_s={batch_s:.2f} naive_ratio={ratio:.0f}"
        )
