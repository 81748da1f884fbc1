"""Celery tasks of the fidelity app: thin, idempotent, taking ids."""

from __future__ import annotations

from celery import shared_task


@shared_task
def run_import_upload_task(upload_id: int, write: bool) -> None:
    """Check or import a workspace upload (see ips.importer.uploads.run_import_upload)."""
    from ips.fidelity.models import ImportUpload
    from ips.importer.uploads import run_import_upload

    status = ImportUpload.objects.filter(pk=upload_id).values_list("status", flat=True).first()
    wanted = ImportUpload.Status.IMPORTING if write else ImportUpload.Status.CHECKING
    if status == wanted:  # a re-delivered task does nothing once the work is recorded
        run_import_upload(upload_id=upload_id, write=write)
