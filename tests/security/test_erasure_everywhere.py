"""Erasure reaches every place a person's name, email, phone and address can be: each table
(Wagtail's and django-axes' included), the sessions, the stored import files, the stored
media files and the log output. The person's data is put there through the real paths
first, and the same search finds it before the erasure, so it cannot pass vacuously."""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import io
import json
import logging
import re
import zipfile
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, models, transaction
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from coaching.services import log_support_contact
from employers.models import Employer
from employers.services import log_employer_contact
from importer.models import ImportUpload
from importer.uploads import ERASED_FILES
from jobseekers.models import Job, JobSeeker, StatusCheckIn
from jobseekers.services import record_job_start

pytestmark = pytest.mark.django_db

NAME = "Marisol Okafor"
EMAIL = "marisol.okafor@example.net"
PHONE = "313-555-0178"
ZIP = "48911"  # the person's home ZIP: no other row of these tests uses it
PASSWORD = "a long portal passphrase 2026"
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
BASE64 = re.compile(r"^[A-Za-z0-9+/]{24,}={0,2}$")


def needles() -> dict[str, re.Pattern]:
    """What identifies the person, as whole words (a ZIP inside a longer number is not it)."""
    words = {"name": NAME, "email": EMAIL, "phone": PHONE, "digits": re.sub(r"\D", "", PHONE)}
    found = {k: re.compile(rf"(?<!\w){re.escape(v)}(?!\w)", re.I) for k, v in words.items()}
    found["address"] = re.compile(rf"(?<!\d){ZIP}(?!\d)")
    return found


def texts(value) -> list[str]:
    """A stored value as text, with what it encodes: base64 payloads, zip members."""
    if value is None:
        return []
    if isinstance(value, dict | list):
        nested = value.values() if isinstance(value, dict) else value
        return [json.dumps(value, default=str)] + [t for item in nested for t in texts(item)]
    if isinstance(value, bytes | memoryview):
        return _bytes_texts(bytes(value))
    value = str(value)
    found = [value]
    if BASE64.match(value):
        try:
            found += _bytes_texts(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError):
            pass
    return found


def _bytes_texts(data: bytes) -> list[str]:
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [archive.read(m).decode("utf-8", "replace") for m in archive.infolist()]
    return [data.decode("utf-8", "replace")]


def _rows(model, columns):
    # Some tables exist only on some databases (SQLite's full-text index): a savepoint keeps
    # a missing one from breaking the test's transaction on PostgreSQL.
    try:
        with transaction.atomic():
            return list(model._base_manager.values_list(*columns))
    except DatabaseError:
        return []


def places_naming_the_person() -> Counter:
    """{"table.column (what)": rows}: every text and JSON column of every installed model."""
    found: Counter = Counter()
    patterns = needles()
    for model in apps.get_models(include_auto_created=True):
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        for row in _rows(model, [f.attname for f in fields]):
            for field, value in zip(fields, row, strict=True):
                values = texts(value)
                if model is Session and field.name == "session_data":
                    values += texts(Session(session_data=value).get_decoded())
                for what, pattern in patterns.items():
                    if any(pattern.search(text) for text in values):
                        found[f"{model._meta.db_table}.{field.column} ({what})"] += 1
    return found


def stored_files_naming_the_person() -> list[str]:
    """Files in the default storage (uploads, media) whose content names the person."""
    found, folders = [], [""]
    patterns = needles().values()
    while folders:
        folder = folders.pop()
        subfolders, files = default_storage.listdir(folder)
        folders += [f"{folder}{name}/" for name in subfolders]
        for name in files:
            with default_storage.open(f"{folder}{name}") as handle:
                contents = _bytes_texts(handle.read())
            if any(p.search(text) for p in patterns for text in contents):
                found.append(f"{folder}{name}")
    return found


def portal_sessions(user_id: int) -> int:
    return sum(s.get_decoded().get(SESSION_KEY) == str(user_id) for s in Session.objects.all())


def csv_file(name: str, rows: list[list[str]]) -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode())


@pytest.fixture
def person_everywhere(client, users, staff, settings, django_capture_on_commit_callbacks, caplog):
    """The person's data put in every place through the screens and services staff and the
    person use; returns the seeker."""
    caplog.set_level(logging.DEBUG)
    settings.AXES_ENABLED = True
    today = timezone.localdate()
    start = today - dt.timedelta(days=40)
    client.force_login(users["specialist"])
    response = client.post(
        "/admin/jobseekers/refer/",
        {
            "program": staff["specialist"].program_id,
            "name": NAME,
            "referral_date": start.isoformat(),
            "referral_source": "Clinic",
            "specialist": staff["specialist"].pk,
            "ref": "S-4711",
            "zip_code": ZIP,
            "phone": PHONE,
            "email": EMAIL,
        },
    )
    assert response.status_code == 302, response.content
    seeker = JobSeeker.objects.get(ref="S-4711")
    record = f"/admin/jobseekers/record/{seeker.pk}"
    for step, data in (
        ("enter", {"entry_date": start.isoformat()}),
        ("stage", {"stage": "job_search", "on": start.isoformat()}),
    ):
        # Each form carries the version of the record it was loaded with (stale-copy check).
        version = JobSeeker.objects.get(pk=seeker.pk).version
        response = client.post(f"{record}/{step}/", {**data, "version": version})
        assert response.status_code == 302, response.content
    client.post(
        f"/admin/seekers/{seeker.pk}/check-in/",
        {"date": today.isoformat(), "notes": f"{NAME} moved in with her sister"},
    )
    employer = Employer.objects.create(program=seeker.program, name="Corner Bakery", zip="48226")
    log_employer_contact(
        specialist=staff["specialist"],
        employer=employer,
        date=start,
        seekers=[seeker],
        notes=f"Introduced Marisol; her phone is {PHONE}",
    )
    job = record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=start, by=users["specialist"]
    )
    log_support_contact(
        staff=staff["coach"],
        seeker=seeker,
        job=job,
        date=today,
        mode="face_to_face",
        notes=f"Saw {NAME} at the bakery",
    )
    # Invited to the portal: she chooses a password, signs out and in again; on another
    # device she mistypes it (a successful sign-in would clear that attempt).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/portal-invitations/{seeker.pk}/invite/")
    portal = Client()
    link = re.search(r"http://testserver(/portal/\S+/)", mail.outbox[-1].body).group(1)
    portal.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    portal.post("/portal/sign-out/")
    assert (
        portal.post("/portal/sign-in/", {"email": EMAIL, "password": PASSWORD}).status_code == 302
    )
    Client().post("/portal/sign-in/", {"email": EMAIL, "password": "wrong guess"})
    # A director uploads the program's spreadsheet naming her, and leaves it unconfirmed.
    client.force_login(users["director"])
    seekers_csv = csv_file(
        "seekers.csv", [["ref", "name", "entry_date", "zip"], ["S-4711", NAME, str(start), ZIP]]
    )
    client.post("/admin/fidelity/import/", {"program": seeker.program_id, "files": seekers_csv})
    assert ImportUpload.objects.get().status == ImportUpload.Status.PREVIEW
    seeker.refresh_from_db()
    return seeker


def test_erasure_leaves_the_person_in_no_table_file_session_or_log(
    client, users, person_everywhere, caplog
):
    seeker = person_everywhere
    portal_user_id = seeker.portal_user_id
    before = places_naming_the_person()
    assert {place.split(" ")[0] for place in before} >= {
        "jobseekers_jobseeker.name",
        "jobseekers_jobseeker.email",
        "jobseekers_jobseeker.phone",
        "jobseekers_jobseeker.zip",
        "jobseekers_statuscheckin.notes",
        "coaching_supportcontact.notes",
        "employers_employercontact.notes",
        "auth_user.email",
        "wagtailcore_modellogentry.label",
        "axes_accessattempt.username",
        "axes_accesslog.username",
        "fidelity_importupload.files",
    }, before
    assert portal_sessions(portal_user_id) == 1

    client.force_login(users["supervisor"])
    response = client.post(f"/admin/privacy/seeker/{seeker.pk}/erase/", {"confirm": "on"})
    assert response.status_code == 302

    assert places_naming_the_person() == Counter()
    assert stored_files_naming_the_person() == []
    assert portal_sessions(portal_user_id) == 0
    assert not get_user_model().objects.filter(pk=portal_user_id).exists()
    patterns = needles().values()
    records = caplog.get_records("setup") + caplog.get_records("call")
    logged = [r.getMessage() for r in records]
    assert any("AXES: New login failure" in line for line in logged)  # not a silent log
    assert [line for line in logged if any(p.search(line) for p in patterns)] == []
    # The de-identified rows stay: the seeker, the job, the check-in, the contact, the history.
    seeker.refresh_from_db()
    assert (seeker.name, seeker.erased_at is not None) == ("Erased record", True)
    assert Job.objects.filter(seeker=seeker).count() == 1
    assert StatusCheckIn.objects.filter(seeker=seeker).count() == 1
    assert seeker.employer_contacts.get().notes == "Introduced [erased]; her phone is [erased]"


def test_an_unconfirmed_upload_naming_the_person_can_no_longer_be_imported(
    client, users, person_everywhere
):
    seeker = person_everywhere
    upload = ImportUpload.objects.get()
    client.force_login(users["supervisor"])
    client.post(f"/admin/privacy/seeker/{seeker.pk}/erase/", {"confirm": "on"})

    upload.refresh_from_db()
    assert (upload.status, upload.files, upload.errors[-1]) == (
        ImportUpload.Status.REJECTED,
        {},
        ERASED_FILES,
    )
    client.force_login(users["director"])
    client.post(f"/admin/fidelity/import/{upload.pk}/confirm/")
    assert not JobSeeker.objects.filter(name=NAME).exists()
    page = client.get(f"/admin/fidelity/import/{upload.pk}/").content.decode()
    assert "Upload the files again without that person" in page


def test_history_keeps_who_did_what_and_when_but_not_the_person(client, users, person_everywhere):
    seeker = person_everywhere
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(JobSeeker), object_id=str(seeker.pk)
    )
    kept = list(entries.values_list("pk", "action", "user_id", "timestamp"))
    assert set(entries.values_list("label", flat=True)) == {NAME}
    client.force_login(users["supervisor"])
    history = f"/admin/seekers/history/{seeker.pk}/"
    assert NAME in client.get(history).content.decode()
    client.post(f"/admin/privacy/seeker/{seeker.pk}/erase/", {"confirm": "on"})

    assert list(entries.values_list("pk", "action", "user_id", "timestamp")) == kept
    assert {(e.label, json.dumps(e.data)) for e in entries} == {("Erased record", "{}")}
    page = client.get(history).content.decode()
    assert NAME not in page
    assert "Erased record" in page
