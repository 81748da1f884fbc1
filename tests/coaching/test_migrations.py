"""The migration to derived retention checks keeps every recorded answer (and its way
back restores the stored due dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from coaching.models import RetentionMilestone
from jobseekers.models import Job
from tests.support.migrations import migrate_everything_forward

BEFORE = ("coaching", "0003_version_column")
AFTER = ("coaching", "0006_retention_answers_only")
START = dt.date(2026, 3, 2)


@pytest.fixture
def reference_data_kept(django_db_blocker):
    """Requested before transactional_db: re-loads the reference data its flush removes."""
    yield
    from tests.conftest import ensure_reference_data

    with django_db_blocker.unblock():
        ensure_reference_data()


def test_answers_are_kept_and_stored_due_dates_dropped_and_restored_backwards(
    reference_data_kept, transactional_db, seeker, employer, staff
):
    call_command("migrate", *BEFORE, verbosity=0)
    try:
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
        Old = old.get_model("coaching", "RetentionMilestone")
        OldContact = old.get_model("coaching", "SupportContact")
        job = Job.objects.create(
            program=seeker.program, seeker=seeker, employer=employer, title="Cook", start_date=START
        )
        asked = OldContact.objects.create(
            program_id=job.program_id, date=START + dt.timedelta(days=31),
            staff_id=staff["coach"].pk, seeker_id=seeker.pk, job_id=job.pk,
        )  # fmt: skip
        for days in (30, 90, 180, 365):
            Old.objects.create(
                program_id=job.program_id, job_id=job.pk, days=days,
                due_date=START + dt.timedelta(days=days),
                confirmed_on=asked.date if days == 30 else None,
                still_employed=True if days == 30 else None,
                confirmed_by_id=asked.pk if days == 30 else None,
            )  # fmt: skip

        call_command("migrate", *AFTER, verbosity=0)
        assert list(
            RetentionMilestone.objects.values_list(
                "job_id", "days", "confirmed_on", "still_employed", "confirmed_by_id"
            )
        ) == [(job.pk, 30, asked.date, True, asked.pk)]

        call_command("migrate", *BEFORE, verbosity=0)
        restored = Old.objects.filter(job_id=job.pk).order_by("days")
        assert [(m.days, m.due_date, m.confirmed_on) for m in restored] == [
            (30, START + dt.timedelta(days=30), asked.date),
            (90, START + dt.timedelta(days=90), None),
            (180, START + dt.timedelta(days=180), None),
            (365, START + dt.timedelta(days=365), None),
        ]
    finally:
        migrate_everything_forward()
