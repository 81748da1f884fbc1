"""Start-up stays light (issue 15, item 5; issue 21, item 3): loading the project and
its URLs, as every command and web process does, imports neither scikit-learn, scipy nor
fpdf2. They load in the code that uses them (the recommender, PDF downloads); a celery
worker imports the recommender's when it starts (settings.CELERY_IMPORTS), so its first
match refresh does not."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("numpy", "sklearn", "scipy", "fpdf")
PROBE = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every app's views and hooks, as a web worker loads them
from django.core.management import call_command
call_command("check", verbosity=0)
heavy = tuple(sys.argv[1].split(","))
print("HEAVY:", " ".join(sorted({m.split(".")[0] for m in sys.modules if m.startswith(heavy)})))
"""


def _heavy_loaded(probe: str, *args: str) -> list[str]:
    """The "HEAVY: ..." lines `probe` prints, run in a fresh Python process."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "ips.settings"),
    }
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if line.startswith("HEAVY:")]


def test_loading_the_project_and_its_urls_imports_no_heavy_library():
    assert _heavy_loaded(PROBE, ",".join(HEAVY)) == ["HEAVY: "]


WORKER_PROBE = """
import sys
import django
django.setup()
from ips.celery import app
app.loader.import_default_modules()  # what a celery worker does as it starts
print("HEAVY:", " ".join(sorted({m.split(".")[0] for m in sys.modules if m in sys.argv[1:]})))
"""


def test_a_celery_worker_loads_the_recommenders_libraries_as_it_starts():
    assert _heavy_loaded(WORKER_PROBE, "numpy", "scipy", "sklearn") == [
        "HEAVY: numpy scipy sklearn"
    ]
