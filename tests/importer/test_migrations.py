"""The import upload model moved from the fidelity app to the importer (issue 15) without
touching its table: rows stored before the move are the importer's after it, the content
type (and so every permission granted on it) follows, and the way back restores both."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from importer.models import ImportUpload
from tests.support.migrations import migrate_everything_forward


@pytest.fixture
def reference_data_kept(django_db_blocker):
    """Requested before transactional_db: re-loads the reference data its flush removes."""
    yield
    from tests.conftest import ensure_reference_data

    with django_db_blocker.unblock():
        ensure_reference_data()


def _migrate_to_main_head() -> None:
    """The state of main before the move: fidelity at 0005, no importer migrations."""
    call_command("migrate", "importer", "zero", verbosity=0)
    executor = MigrationExecutor(connection)
    assert ("fidelity", "0006_importupload_to_importer") not in executor.loader.applied_migrations


def test_an_upload_stored_before_the_move_is_the_importers_after_it(
    reference_data_kept, transactional_db, program
):
    assert ImportUpload._meta.db_table == "fidelity_importupload"
    try:
        _migrate_to_main_head()
        old = (
            MigrationExecutor(connection)
            .loader.project_state(("fidelity", "0005_importupload_dates_preview"))
            .apps
        )
        OldUpload = old.get_model("fidelity", "ImportUpload")
        ContentType.objects.filter(app_label="importer", model="importupload").delete()
        old_type, _ = ContentType.objects.get_or_create(app_label="fidelity", model="importupload")
        granted, _ = Permission.objects.get_or_create(
            content_type=old_type, codename="add_importupload", defaults={"name": "Can add"}
        )
        group = Group.objects.create(name="Import clerks (a group made by hand)")
        group.permissions.add(granted)
        stored = OldUpload.objects.create(program_id=program.pk, status="done", rows=3)

        call_command("migrate", verbosity=0)  # what a deploy runs

        upload = ImportUpload.objects.get(pk=stored.pk)
        assert (upload.program_id, upload.status, upload.rows) == (program.pk, "done", 3)
        assert ContentType.objects.get(pk=old_type.pk).app_label == "importer"
        assert group.permissions.get().content_type.app_label == "importer"
        assert not ContentType.objects.filter(app_label="fidelity", model="importupload").exists()

        call_command("migrate", "importer", "zero", verbosity=0)
        assert ContentType.objects.get(pk=old_type.pk).app_label == "fidelity"
        assert OldUpload.objects.filter(pk=stored.pk).exists()
    finally:
        migrate_everything_forward()
