"""The workspace import: upload, preview with every problem, confirm; large runs in celery."""

from __future__ import annotations

import copy
import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ips.fidelity.models import ImportUpload
from ips.importer import uploads
from jobseekers.models import JobSeeker
from tests.importer.conftest import GOOD

pytestmark = pytest.mark.django_db


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def as_files(files) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(f"{stem}.csv", csv_bytes(rows)) for stem, rows in files.items()]


def upload(client, program, files):
    return client.post(reverse("fidelity:import"), {"program": program.pk, "files": files})


def test_upload_shows_a_preview_and_writes_only_after_confirmation(client, program, users):
    client.force_login(users["director"])
    response = upload(client, program, as_files(GOOD))
    item = ImportUpload.objects.get()
    assert response["Location"] == reverse("fidelity:import_detail", args=[item.pk])
    assert item.status == ImportUpload.Status.PREVIEW
    assert not JobSeeker.objects.filter(program=program).exists()
    page = client.get(response["Location"]).content.decode()
    assert "seekers.csv" in page
    assert "Import these rows" in page
    client.post(reverse("fidelity:import_confirm", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == ImportUpload.Status.DONE
    assert item.counts["seekers.csv"] == {"created": 3, "updated": 0}
    assert JobSeeker.objects.filter(program=program).count() == 3


def test_a_zip_of_the_folder_is_accepted(client, program, users):
    client.force_login(users["director"])  # staff.csv names a director
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for stem, rows in GOOD.items():
            zf.writestr(f"north/{stem}.csv", csv_bytes(rows))
    upload(client, program, [SimpleUploadedFile("north.zip", archive.getvalue())])
    assert ImportUpload.objects.get().counts["jobs.csv"] == {"created": 2, "updated": 0}


def test_bad_rows_are_all_listed_and_nothing_can_be_confirmed(client, program, users):
    client.force_login(users["director"])
    files = copy.deepcopy(GOOD)
    files["staff"][2][2] = "manager"
    files["jobs"][1][8] = "5.00"
    upload(client, program, as_files(files))
    item = ImportUpload.objects.get()
    assert item.status == ImportUpload.Status.REJECTED
    assert len(item.errors) == 2
    page = client.get(reverse("fidelity:import_detail", args=[item.pk])).content.decode()
    assert "staff.csv:3: role:" in page
    assert "Import these rows" not in page
    client.post(reverse("fidelity:import_confirm", args=[item.pk]))
    assert not JobSeeker.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"hello", "only .csv, .xlsx and .zip"),
        ("folder.zip", b"not a zip", "not a readable zip"),
    ],
)
def test_wrong_file_types_are_refused_with_a_message(client, program, users, name, data, message):
    client.force_login(users["director"])
    response = upload(client, program, [SimpleUploadedFile(name, data)])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportUpload.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(client, program, users, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 10)
    client.force_login(users["director"])
    response = upload(client, program, as_files({"staff": GOOD["staff"]}))
    assert response.status_code == 400
    assert not ImportUpload.objects.exists()


def test_upload_into_a_program_the_user_does_not_lead_is_refused(
    client, program, other_program, users
):
    client.force_login(users["director"])
    response = upload(client, other_program, as_files(GOOD))
    assert response.status_code == 400
    assert not ImportUpload.objects.exists()
    assert not JobSeeker.objects.exists()


def test_large_uploads_run_in_the_celery_task_and_report_progress(
    client, program, users, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(uploads, "BACKGROUND_ROWS", 0)
    client.force_login(users["director"])
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, program, as_files(GOOD))
    item = ImportUpload.objects.get()
    assert item.status == ImportUpload.Status.PREVIEW
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("fidelity:import_confirm", args=[item.pk]))
    status = client.get(reverse("fidelity:import_status", args=[item.pk])).json()
    assert status == {"status": "done", "running": False, "done": 0, "total": 0}
    assert JobSeeker.objects.filter(program=program).count() == 3


def test_a_running_import_shows_a_polling_progress_bar(client, program, users):
    item = ImportUpload.objects.create(
        program=program, status=ImportUpload.Status.IMPORTING, rows=5000
    )
    client.force_login(users["director"])
    page = client.get(reverse("fidelity:import_detail", args=[item.pk])).content.decode()
    assert "<progress" in page
    assert reverse("fidelity:import_status", args=[item.pk]) in page


def test_a_redelivered_task_does_nothing_twice(program, users):
    from ips.fidelity.tasks import run_import_upload_task

    item = ImportUpload.objects.create(program=program, status=ImportUpload.Status.DONE)
    run_import_upload_task(item.pk, True)
    item.refresh_from_db()
    assert item.status == ImportUpload.Status.DONE
