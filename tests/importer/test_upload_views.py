"""The workspace import: upload, preview with every problem, confirm; large runs in celery."""

from __future__ import annotations

import copy
import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from importer import uploads
from importer.models import ImportUpload
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
    return client.post(reverse("importer:upload"), {"program": program.pk, "files": files})


def test_upload_shows_a_preview_and_writes_only_after_confirmation(client, program, users):
    client.force_login(users["director"])
    response = upload(client, program, as_files(GOOD))
    item = ImportUpload.objects.get()
    assert response["Location"] == reverse("importer:detail", args=[item.pk])
    assert item.status == ImportUpload.Status.PREVIEW
    assert not JobSeeker.objects.filter(program=program).exists()
    page = client.get(response["Location"]).content.decode()
    assert "seekers.csv" in page
    assert "Import these rows" in page
    client.post(reverse("importer:confirm", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == ImportUpload.Status.DONE
    assert item.counts["seekers.csv"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert JobSeeker.objects.filter(program=program).count() == 3


def test_a_zip_of_the_folder_is_accepted(client, program, users):
    client.force_login(users["director"])  # staff.csv names a director
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        for stem, rows in GOOD.items():
            zf.writestr(f"north/{stem}.csv", csv_bytes(rows))
    upload(client, program, [SimpleUploadedFile("north.zip", archive.getvalue())])
    assert ImportUpload.objects.get().counts["jobs.csv"] == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }


def test_bad_rows_are_all_listed_and_nothing_can_be_confirmed(client, program, users):
    client.force_login(users["director"])
    files = copy.deepcopy(GOOD)
    files["staff"][2][2] = "manager"
    files["jobs"][1][8] = "5.00"
    upload(client, program, as_files(files))
    item = ImportUpload.objects.get()
    assert item.status == ImportUpload.Status.REJECTED
    assert len(item.errors) == 2
    page = client.get(reverse("importer:detail", args=[item.pk])).content.decode()
    assert "staff.csv:3: role:" in page
    assert "Import these rows" not in page
    client.post(reverse("importer:confirm", args=[item.pk]))
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
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportUpload.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(client, program, users, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 10)
    client.force_login(users["director"])
    response = upload(client, program, as_files({"staff": GOOD["staff"]}))
    assert response.status_code == 200
    assert not ImportUpload.objects.exists()


def test_upload_into_a_program_the_user_does_not_lead_is_refused(
    client, program, other_program, users
):
    client.force_login(users["director"])
    response = upload(client, other_program, as_files(GOOD))
    assert response.status_code == 200
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
        client.post(reverse("importer:confirm", args=[item.pk]))
    status = client.get(reverse("importer:status", args=[item.pk])).json()
    assert status == {"status": "done", "running": False, "done": 0, "total": 0}
    assert JobSeeker.objects.filter(program=program).count() == 3


def test_a_running_import_shows_a_polling_progress_bar(client, program, users):
    item = ImportUpload.objects.create(
        program=program, status=ImportUpload.Status.IMPORTING, rows=5000
    )
    client.force_login(users["director"])
    page = client.get(reverse("importer:detail", args=[item.pk])).content.decode()
    assert "<progress" in page
    assert reverse("importer:status", args=[item.pk]) in page


def test_a_redelivered_task_does_nothing_twice(program, users):
    from importer.tasks import run_import_upload_task

    item = ImportUpload.objects.create(program=program, status=ImportUpload.Status.DONE)
    run_import_upload_task(item.pk, True)
    item.refresh_from_db()
    assert item.status == ImportUpload.Status.DONE


def test_the_preview_shows_the_first_rows_as_read_with_counts_per_file(client, program, users):
    client.force_login(users["director"])
    files = copy.deepcopy(GOOD)
    files["employers"][1][3] = "02139"
    upload(client, program, as_files(files))
    item = ImportUpload.objects.get()
    page = client.get(reverse("importer:detail", args=[item.pk])).content.decode()
    assert "The files as read" in page
    assert "employers.csv: 2 rows" in page
    assert "<td>02139</td>" in page
    assert "<td>Corner Cafe</td>" in page
    assert item.preview["seekers.csv"]["count"] == 3


def test_the_end_message_says_what_was_created_and_updated(client, program, users):
    client.force_login(users["director"])
    for _ in range(2):
        upload(client, program, as_files(GOOD))
        item = ImportUpload.objects.order_by("-pk").first()
        client.post(reverse("importer:confirm", args=[item.pk]))
    page = client.get(reverse("importer:detail", args=[item.pk])).content.decode()
    assert "Imported into North Team: 0 rows created, 0 updated, 16 unchanged." in page
    item.refresh_from_db()
    assert item.preview == {}  # the rows go with the files once imported


def test_nothing_to_import_is_a_problem_on_the_screen_and_cannot_be_confirmed(
    client, program, users
):
    client.force_login(users["director"])
    upload(client, program, [SimpleUploadedFile("caseload.csv", b"name\nSam\n")])
    item = ImportUpload.objects.get()
    assert item.status == ImportUpload.Status.REJECTED
    page = client.get(reverse("importer:detail", args=[item.pk])).content.decode()
    assert "Nothing to import: no file is named after what it holds" in page
    assert "caseload.csv: ignored" in page
    assert "Import these rows" not in page
    client.post(reverse("importer:confirm", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == ImportUpload.Status.REJECTED


@pytest.mark.parametrize(("order", "day"), [("MDY", 9), ("DMY", 4)])
def test_the_upload_screen_asks_the_date_order(client, program, users, order, day):
    client.force_login(users["director"])
    files = {"seekers": [["ref", "name", "entry_date"], ["S1", "Sam", "04/09/2026"]]}
    response = client.post(
        reverse("importer:upload"),
        {"program": program.pk, "files": as_files(files), "dates": order},
    )
    item = ImportUpload.objects.get()
    assert response.status_code == 302
    assert item.status == ImportUpload.Status.PREVIEW, item.errors
    client.post(reverse("importer:confirm", args=[item.pk]))
    assert JobSeeker.objects.get(ref="S1").entry_date.day == day


def test_a_slashed_date_without_an_order_names_the_screen_choice(client, program, users):
    client.force_login(users["director"])
    files = {"seekers": [["ref", "name", "entry_date"], ["S1", "Sam", "04/09/2026"]]}
    upload(client, program, as_files(files))
    item = ImportUpload.objects.get()
    assert item.status == ImportUpload.Status.REJECTED
    assert "'Dates written' on the upload screen" in item.errors[0]
    assert not JobSeeker.objects.exists()


def test_an_unknown_date_order_is_refused_by_the_form(client, program, users):
    client.force_login(users["director"])
    response = client.post(
        reverse("importer:upload"),
        {"program": program.pk, "files": as_files(GOOD), "dates": "YMD"},
    )
    assert response.status_code == 200
    assert not ImportUpload.objects.exists()


def test_the_upload_screen_lists_the_columns_and_links_the_template(client, program, users):
    client.force_login(users["director"])
    page = client.get(reverse("importer:upload")).content.decode()
    assert reverse("importer:template") in page
    assert "<strong>entry_date</strong>" in page
    assert "Dates written" in page


def test_the_template_download_holds_a_csv_and_an_xlsx_per_file(client, users):
    client.force_login(users["director"])
    response = client.get(reverse("importer:template"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="import-template.zip"'
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    for stem in GOOD:
        assert f"import-template/csv/{stem}.csv" in names
        assert f"import-template/xlsx/{stem}.xlsx" in names


@pytest.mark.parametrize("role", ["specialist", "coach"])
def test_the_template_download_is_for_those_who_may_import(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse("importer:template"))
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/zip"


def test_erasing_a_person_drops_the_preview_rows_that_name_them(client, program, users):
    from jobseekers.privacy.identifiers import PersonIdentifiers

    client.force_login(users["director"])
    upload(client, program, as_files(GOOD))
    item = ImportUpload.objects.get()
    assert any("Sam One" in row for row in item.preview["seekers.csv"]["rows"])
    uploads.forget_person(program_id=program.pk, identifiers=PersonIdentifiers.of(name="Sam One"))
    item.refresh_from_db()
    assert (item.files, item.preview) == ({}, {})
    assert item.status == ImportUpload.Status.REJECTED


@pytest.mark.parametrize("seekers", [3, 60])
def test_the_preview_page_takes_the_same_queries_whatever_the_upload_size(
    client, program, users, seekers, django_assert_max_num_queries
):
    client.force_login(users["director"])
    rows = [["ref", "name", "entry_date"]] + [
        [f"S{n}", f"Person {n}", "2026-01-10"] for n in range(seekers)
    ]
    upload(client, program, as_files({"seekers": rows}))
    item = ImportUpload.objects.get()
    assert item.preview["seekers.csv"]["count"] == seekers
    assert len(item.preview["seekers.csv"]["rows"]) == min(seekers, 5)
    with django_assert_max_num_queries(11):
        page = client.get(reverse("importer:detail", args=[item.pk]))
    assert f"seekers.csv: {seekers} rows" in page.content.decode()
