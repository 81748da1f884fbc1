"""Finding 11 under real concurrency: a person erased while their upload is being checked
in the background stays erased. The check holds the upload's row until its outcome is
saved, so the erasure waits and then removes the files, instead of the check writing
back the files it read before the erasure (PostgreSQL row locks; `make test-pg`)."""

from __future__ import annotations

import base64
import threading
import time

import pytest
from django.db import connection, connections
from django.test import RequestFactory

from importer import uploads
from importer.models import ImportUpload
from jobseekers.models import JobSeeker
from jobseekers.privacy.services import erase_seeker

NAME = "Marisol Okafor"
SEEKERS_CSV = (
    "ref,name,referral_date,zip\n"
    f"S-4711,{NAME},2026-01-05,48226\n"
).encode()  # fmt: skip


@pytest.fixture
def reference_data_kept(django_db_blocker):
    """Requested before transactional_db: re-loads the reference data after its flush."""
    yield
    from tests.conftest import ensure_reference_data

    with django_db_blocker.unblock():
        ensure_reference_data()


@pytest.fixture
def postgres(reference_data_kept, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs PostgreSQL's row locks: run with make test-pg")


def another_session_waits_for_a_lock(give_up: float) -> bool:
    """True once another database session is blocked on a row lock (polled, bounded)."""
    with connections["default"].cursor() as cursor:
        while time.monotonic() < give_up:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                " AND datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.005)
    return False


def test_an_erasure_during_a_background_check_leaves_no_file_naming_the_person(
    postgres, program, users, monkeypatch
):
    seeker = JobSeeker.objects.create(program=program, ref="S-4711", name=NAME, zip="48226")
    upload = ImportUpload.objects.create(
        program=program,
        uploaded_by=users["director"],
        files={"seekers.csv": base64.b64encode(SEEKERS_CSV).decode()},
        rows=1,
    )
    files_read, erased = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}
    real_read_files = uploads.read_files

    def read_files_then_let_the_erasure_start(files):
        tables = real_read_files(files)
        files_read.set()
        # Go on once the erasure has finished or is waiting for this check's lock.
        give_up = time.monotonic() + 20
        while not erased.is_set() and not another_session_waits_for_a_lock(give_up):
            if time.monotonic() > give_up:
                break
        return tables

    monkeypatch.setattr(uploads, "read_files", read_files_then_let_the_erasure_start)

    def check():
        try:
            outcome["check"] = uploads.run_import_upload(upload_id=upload.pk, write=False)
        finally:
            connection.close()

    def erase():
        request = RequestFactory().post("/")
        request.user = users["supervisor"]
        files_read.wait(20)
        try:
            erase_seeker(seeker=seeker, request=request)
        finally:
            erased.set()
            connection.close()

    threads = [threading.Thread(target=check), threading.Thread(target=erase)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    upload.refresh_from_db()
    assert upload.files == {}
    assert upload.status == ImportUpload.Status.REJECTED
    assert upload.errors[-1] == uploads.ERASED_FILES
    assert JobSeeker.objects.get(pk=seeker.pk).name != NAME
