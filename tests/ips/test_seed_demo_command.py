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
    """The demo's main rows as sorted plain values (ids and database order left out)."""
    from employers.models import Employer, EmployerContact
    from jobseekers.models import Job, JobSeeker

    def rows(queryset, *fields):
        return sorted(queryset.values_list(*fields))

    return {
        "seekers": rows(JobSeeker.objects, "ref", "name", "stage", "entry_date"),
        "employers": rows(Employer.objects, "program__slug", "ref", "name", "zip"),
        "contacts": rows(
            EmployerContact.objects,
            "date",
            "specialist__user__username",
            "employer__program__slug",
            "employer__ref",
            "mode",
            "purpose",
        ),
        "jobs": rows(Job.objects, "ref", "title", "start_date", "seeker__ref"),
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
