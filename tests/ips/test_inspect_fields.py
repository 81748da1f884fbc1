"""A record's inspect page shows staff what they read, never the columns the program keeps
for itself (issue 17 red-team: map points, search text, idempotency keys, version
counters and row ids were listed). Checked on the demo, signed in as its specialist."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from coaching.models import FollowUpTask, JobSupportPlan, RetentionMilestone, SupportContact
from employers.models import EmployerContact, EmployerPerson, JobOpening
from ips.demo import DEMO_PASSWORD
from ips.models import StaffMember
from jobseekers.models import Job, JobSeeker, Match

TODAY = dt.date(2026, 11, 20)
INTERNAL_LABELS = {
    "ID",
    "Version",
    "Latitude",
    "Longitude",
    "Geocode source",
    "Geocoded at",
    "Search text",
    "Idempotency key",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo built once for this module, rolled back at its end."""
    from jobseekers.matching.services import refresh_matches

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", today=TODAY, stdout=StringIO())
        refresh_matches()  # seed_demo does this on commit, which never comes here
        yield
        transaction.set_rollback(True)


@pytest.fixture
def specialist_client(demo, db) -> Client:
    client = Client()
    assert client.login(username="specialist", password=DEMO_PASSWORD)
    return client


def labels(html: str) -> set[str]:
    return {re.sub(r"\s+", " ", label) for label in re.findall(r"<dt>\s*(.*?)\s*</dt>", html, re.S)}


@pytest.mark.parametrize(
    ("prefix", "model", "useful"),
    [
        ("employer_contacts", EmployerContact, {"Date", "Employer", "Notes", "Next step"}),
        ("employer_people", EmployerPerson, {"Name", "Job title", "Phone", "Email"}),
        ("openings", JobOpening, {"Title", "Status", "Hourly wage", "ZIP code"}),
        ("support_contacts", SupportContact, {"Date", "Mode", "Minutes", "Notes"}),
        ("follow_ups", FollowUpTask, {"Kind", "Due date", "Note"}),
        ("support_plans", JobSupportPlan, {"Job", "What helps", "Fading plan"}),
        ("milestones", RetentionMilestone, {"Job", "Confirmed on", "Still employed"}),
        ("seekers", JobSeeker, {"Name", "Preferred name", "Phone", "Stage", "Referral date"}),
        ("jobs", Job, {"Title", "Employer", "Start date", "Hours per week", "Hourly wage"}),
        ("matches", Match, {"Seeker", "Opening", "Computed at"}),
    ],
)
def test_an_inspect_page_shows_what_staff_read_and_none_of_the_machinery(
    specialist_client, prefix, model, useful
):
    program = StaffMember.objects.get(user__username="specialist").program
    row = model.objects.filter(program=program).order_by("pk").first()
    assert row is not None, f"the demo has no {model._meta.verbose_name}"
    response = specialist_client.get(f"/admin/{prefix}/inspect/{row.pk}/")
    assert response.status_code == 200
    shown = labels(response.content.decode())
    assert useful <= shown, useful - shown
    assert not shown & INTERNAL_LABELS, shown & INTERNAL_LABELS


def test_an_inspect_page_names_staff_by_name_only(specialist_client):
    specialist = StaffMember.objects.get(user__username="specialist")
    contact = EmployerContact.objects.filter(specialist=specialist).order_by("pk").first()
    html = specialist_client.get(f"/admin/employer_contacts/inspect/{contact.pk}/").content
    text = re.sub(r"\s+", " ", html.decode())
    assert re.search(rf"<dt> ?Specialist ?</dt> ?<dd> ?{specialist.display_name} ?</dd>", text)
    assert f"{specialist.display_name} (" not in text
