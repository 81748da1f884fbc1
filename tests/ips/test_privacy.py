"""A person's rights: a copy of their record, and erasure that keeps past counts."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from coaching.models import SupportContact
from employers.models import Employer, EmployerContact
from ips.models import AuditEvent
from jobseekers.models import CareerProfile, Goal, Job, JobSeeker


@pytest.fixture
def full_record(seeker, staff, seeker_user):
    employer = Employer.objects.create(program=seeker.program, name="Green Grocer", zip="48226")
    seeker.email = "alex@example.org"
    seeker.save()
    CareerProfile.objects.create(
        program=seeker.program, seeker=seeker, dream_job="Baker", strengths="Early riser"
    )
    Goal.objects.create(
        program=seeker.program, seeker=seeker, domain="employment", description="Work mornings"
    )
    job = Job.objects.create(
        program=seeker.program,
        seeker=seeker,
        employer=employer,
        title="Stocker",
        start_date=dt.date(2026, 3, 2),
        hourly_wage=Decimal("15.00"),
        end_note="Left after a hard week",
    )
    SupportContact.objects.create(
        program=seeker.program,
        date=dt.date(2026, 3, 5),
        staff=staff["coach"],
        seeker=seeker,
        job=job,
        notes="Talked about the bus",
    )
    contact = EmployerContact.objects.create(
        program=seeker.program,
        date=dt.date(2026, 2, 1),
        specialist=staff["specialist"],
        employer=employer,
        notes="Introduced Alex",
    )
    seeker.employer_contacts.add(contact)
    return seeker


def test_supervisor_downloads_everything_held_as_json_and_it_is_audited(client, users, full_record):
    client.force_login(users["supervisor"])
    response = client.get(f"/admin/privacy/seeker/{full_record.pk}/record.json")
    assert response.status_code == 200
    record = json.loads(response.content)
    assert record["person"]["name"] == "Alex Rivera"
    assert record["sections"]["jobseekers.CareerProfile"][0]["dream_job"] == "Baker"
    assert record["sections"]["jobseekers.Job"][0]["title"] == "Stocker"
    assert record["sections"]["coaching.SupportContact"][0]["notes"] == "Talked about the bus"
    assert record["sections"]["employers.EmployerContact"][0]["employer"] == "Green Grocer"
    assert AuditEvent.objects.filter(action="export", seeker_id=full_record.pk).count() == 1


def test_the_pdf_copy_is_a_pdf(client, users, full_record):
    client.force_login(users["director"])
    response = client.get(f"/admin/privacy/seeker/{full_record.pk}/record.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_pdf_copy_prints_a_name_as_written(client, users, full_record):
    from tests.reports.pdf_text import pdf_text

    full_record.preferred_name = "Nguyễn Thị Thu"
    full_record.save()
    client.force_login(users["director"])
    response = client.get(f"/admin/privacy/seeker/{full_record.pk}/record.pdf")
    assert "Nguyễn Thị Thu" in pdf_text(response.content)


def test_unknown_download_format_is_not_found(client, users, full_record):
    client.force_login(users["supervisor"])
    assert client.get(f"/admin/privacy/seeker/{full_record.pk}/record.exe").status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize("role", ["specialist", "coach"])
def test_only_leadership_may_export_or_erase(client, users, full_record, role):
    client.force_login(users[role])
    # Wagtail answers a refusal in the workspace with a redirect to the dashboard.
    refused = (302, "/admin/")
    response = client.get(f"/admin/privacy/seeker/{full_record.pk}/record.json")
    assert (response.status_code, response["Location"]) == refused
    response = client.post(f"/admin/privacy/seeker/{full_record.pk}/erase/", {"confirm": "on"})
    assert (response.status_code, response["Location"]) == refused
    assert not AuditEvent.objects.filter(action__in=["export", "erase"]).exists()
    full_record.refresh_from_db()
    assert full_record.name == "Alex Rivera"
    assert full_record.erased_at is None


def test_another_programs_director_cannot_find_the_record(client, other_staff, full_record):
    client.force_login(other_staff["director"].user)
    assert client.get(f"/admin/privacy/seeker/{full_record.pk}/").status_code == 404
    assert client.post(f"/admin/privacy/seeker/{full_record.pk}/erase/").status_code == 404
    full_record.refresh_from_db()
    assert full_record.erased_at is None


def test_erasing_without_confirmation_changes_nothing(client, users, full_record):
    client.force_login(users["supervisor"])
    response = client.post(f"/admin/privacy/seeker/{full_record.pk}/erase/", {})
    assert response.status_code == 200
    assert b"Tick the box" in response.content
    full_record.refresh_from_db()
    assert (full_record.name, full_record.erased_at) == ("Alex Rivera", None)


def test_erasure_removes_personal_data_and_keeps_the_counts(client, users, full_record):
    program = full_record.program
    period = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    served_before = JobSeeker.objects.filter(program=program).served_between(*period).count()
    portal_user_id = full_record.portal_user_id
    client.force_login(users["supervisor"])
    client.get(f"/admin/privacy/seeker/{full_record.pk}/")  # an earlier audited view
    response = client.post(f"/admin/privacy/seeker/{full_record.pk}/erase/", {"confirm": "on"})
    assert response.status_code == 302

    seeker = JobSeeker.objects.get(pk=full_record.pk)
    assert (seeker.name, seeker.email, seeker.ref, seeker.zip) == ("Erased record", "", "", "")
    assert seeker.erased_at is not None
    assert seeker.portal_user is None
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(pk=portal_user_id).exists()
    assert not CareerProfile.objects.filter(seeker=seeker).exists()
    assert not Goal.objects.filter(seeker=seeker).exists()
    job = Job.objects.get(seeker=seeker)
    assert (job.start_date, job.end_note) == (dt.date(2026, 3, 2), "")
    assert SupportContact.objects.get(seeker=seeker).notes == ""
    assert seeker.employer_contacts.count() == 1  # still counts for rapid job search (V4)
    assert JobSeeker.objects.filter(program=program).served_between(*period).count() == (
        served_before
    )
    assert AuditEvent.objects.filter(seeker_id=seeker.pk, action="erase").count() == 1
    assert AuditEvent.objects.filter(seeker_id=seeker.pk).count() >= 2


def test_erasure_reaches_django_admin_log_of_the_portal_account(
    client, users, superuser, full_record
):
    from django.contrib.admin.models import LogEntry

    account = full_record.portal_user
    client.force_login(superuser)
    response = client.post(
        f"/django-admin/auth/user/{account.pk}/change/",
        {
            "username": account.username,
            "email": "alex.rivera@example.org",
            "first_name": "Alex",
            "last_name": "Rivera",
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=str(account.pk))
    assert entry.object_repr == account.username
    client.force_login(users["supervisor"])
    client.post(f"/admin/privacy/seeker/{full_record.pk}/erase/", {"confirm": "on"})

    entry.refresh_from_db()
    assert (entry.object_repr, entry.change_message, entry.user) == ("Erased record", "", superuser)


def test_person_identifiers_find_and_redact_the_person_only():
    from jobseekers.privacy.identifiers import PersonIdentifiers

    person = PersonIdentifiers.of(
        name="Alex Rivera", emails=["Alex@Example.org", ""], phone="(313) 555-0142", ref="S-1"
    )
    assert person.mentioned_in("Called ALEX RIVERA back")
    assert person.mentioned_in("alex@example.org")
    assert person.mentioned_in("313 555 0142")
    assert person.mentioned_in(" S-1 ")
    assert not person.mentioned_in("Alex Riverside")  # another person
    assert not person.mentioned_in("S-10")
    assert not person.mentioned_in("Alex")  # a first name alone does not decide it
    assert person.redact("Alex Rivera, 313-555-0142") == "[erased], [erased]"
    assert person.redact("Introduced Alex") == "Introduced Alex"
    assert person.redact("Introduced Alex", name_parts=True) == "Introduced [erased]"
