"""A task that kills its own worker process the first time it runs (tests only)."""

from __future__ import annotations

import os
from pathlib import Path

from ips.celery import app


@app.task(name="tests.crash_once")
def crash_once(marker: str) -> str:
    """First run: note it, then die like a worker killed mid-task. Later runs: finish."""
    path = Path(marker)
    if not path.exists():
        path.write_text("the worker died here once")
        os._exit(1)
    return "done after the worker died"
