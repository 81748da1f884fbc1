"""Benchmark (issue 21): a web worker's resident memory after 100 mixed requests is at most
180 MB. The worker is a fresh process on a demo database built once in a file
(.bench-demo.sqlite3, kept between runs and migrated; delete it to rebuild). Run with
`make bench`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.perf]
ROOT = Path(__file__).resolve().parents[2]
DEMO_DB = ROOT / ".bench-demo.sqlite3"
BUDGET_MB = 180


def _manage(*args: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{DEMO_DB}"}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def test_a_web_worker_stays_under_180_mb_after_100_mixed_requests():
    seeded = DEMO_DB.exists()
    _manage("migrate", "--no-input", "-v", "0")  # a kept file follows later migrations
    if not seeded:
        _manage("seed_demo")
    out = subprocess.run(
        [sys.executable, "-m", "tests.perf.worker_memory", str(DEMO_DB)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\nweb worker memory: {figures}")
    assert set(figures["statuses"]) == {"200"}, figures["statuses"]
    assert figures["after_100_mb"] <= BUDGET_MB
    assert figures["peak_mb"] <= BUDGET_MB
