"""Celery tasks of the fidelity app: thin, idempotent, taking ids."""

from __future__ import annotations

from celery import shared_task


@shared_task
def run_import_upload_task(upload_id: int, write: bool) -> None:
    """Check or import a workspace upload (see ips.importer.uploads.run_import_upload, which
    does nothing for an upload no longer waiting for this step: a re-delivered task)."""
    from ips.importer.uploads import run_import_upload

    run_import_upload(upload_id=upload_id, write=write)
