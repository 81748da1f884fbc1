"""Run as a script (`python -m tests.perf.worker_memory DB_FILE`): one process set up like a
web worker (`django.setup()`, the WSGI handler through Django's test client), 100 mixed
requests on the demo data (public pages, keyword and distance searches, staff home, the
staff search, listings), then its resident memory printed as JSON. Used by
tests/perf/test_worker_memory.py (issue 21: <= 180 MB after 100 mixed requests)."""

from __future__ import annotations

import json
import os
import sys


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident set size now (VmRSS), or its peak with field="VmHWM", in MB
    of 1,000,000 bytes. The peak is read here, not from getrusage's ru_maxrss: a process
    started by subprocess from pytest inherits its parent's peak there (the kernel carries
    it over the exec), which made this process report pytest's 184 MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024 / 1_000_000
    return 0.0


def main(db_file: str) -> dict:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ips.settings")
    import django

    django.setup()
    after_setup = rss_mb()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from cms.models import OpeningsIndexPage

    openings = OpeningsIndexPage.objects.get(locale__language_code="en").url
    staff = Client(SERVER_NAME="localhost")
    staff.force_login(get_user_model().objects.get(username="specialist"))
    public = Client(SERVER_NAME="localhost")
    mixed = [
        (public, "/", {}),
        (public, openings, {}),
        (public, openings, {"q": "cook"}),
        (public, openings, {"q": "cashier", "zip": "48226", "miles": "10"}),
        (public, openings, {"page": "3"}),
        (staff, "/admin/", {}),
        (staff, "/admin/search/", {"q": "williams"}),
        (staff, "/admin/seekers/", {}),
        (staff, "/admin/employers/", {"q": "bakery"}),
        (staff, "/admin/crm/week/", {}),
    ]
    statuses: dict[int, int] = {}
    for n in range(100):
        client, path, params = mixed[n % len(mixed)]
        status = client.get(path, params).status_code
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "after_setup_mb": round(after_setup, 1),
        "after_100_mb": round(rss_mb(), 1),
        "peak_mb": round(rss_mb("VmHWM"), 1),
        "statuses": statuses,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])))
