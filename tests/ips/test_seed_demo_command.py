"""seed_demo refuses clearly, and changes nothing, where it must not build the demo."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ips.models import Program
from tests.conftest import make_user


def test_refuses_on_production_settings_and_changes_nothing(db, settings):
    settings.SESSION_COOKIE_SECURE = True
    with pytest.raises(CommandError, match="looks like production"):
        call_command("seed_demo", stdout=StringIO())
    assert not Program.objects.exists()


def test_refuses_when_a_demo_username_is_taken_and_changes_nothing(db):
    make_user("director")
    with pytest.raises(CommandError, match="user director"):
        call_command("seed_demo", stdout=StringIO())
    assert not Program.objects.exists()


def test_rejects_a_date_that_is_not_a_date(db):
    with pytest.raises(CommandError, match="invalid fromisoformat value"):
        call_command("seed_demo", "--today", "2026-13-01", stdout=StringIO())
    assert not Program.objects.exists()


def demo_snapshot() -> dict:
    from employers.models import Employer, EmployerContact
    from jobseekers.models import Job, JobSeeker

    return {
        "seekers": list(
            JobSeeker.objects.order_by("ref").values_list("ref", "name", "stage", "entry_date")
        ),
        "employers": list(Employer.objects.order_by("ref").values_list("ref", "name", "zip")),
        "contacts": list(
            EmployerContact.objects.order_by(
                "date", "specialist__user__username", "employer__ref"
            ).values_list("date", "specialist__user__username", "employer__ref", "mode")
        ),
        "jobs": list(Job.objects.order_by("ref").values_list("ref", "title", "start_date")),
    }


def test_same_seed_and_day_build_the_same_demo(db):
    import datetime as dt

    from django.db import transaction

    from ips.demo import seed_demo

    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            assert seed_demo(today=dt.date(2026, 6, 1)) is True
            snapshots.append(demo_snapshot())
            transaction.set_rollback(True)
    assert snapshots[0]["seekers"]
    assert snapshots[0] == snapshots[1]
