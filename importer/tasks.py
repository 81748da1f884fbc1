"""Celery tasks of the importer: thin, idempotent, taking ids."""

from __future__ import annotations

from celery import shared_task


# The name it had in ips.fidelity.tasks, so an upload queued before a deploy still runs.
@shared_task(name="ips.fidelity.tasks.run_import_upload_task")
def run_import_upload_task(upload_id: int, write: bool) -> None:
    """Check or import a workspace upload (see importer.uploads.run_import_upload, which
    does nothing for an upload no longer waiting for this step: a re-delivered task)."""
    from importer.uploads import run_import_upload

    run_import_upload(upload_id=upload_id, write=write)
