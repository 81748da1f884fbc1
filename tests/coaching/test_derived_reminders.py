"""Issue 14, "Derive what can be derived": what is due follows the job and the record on
every path a user takes (the Jobs screen, the import, closing and re-opening a record,
erasure), because retention checks and first-month weeks are computed, never stored."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from coaching.models import JobSupportPlan
from coaching.tasks import send_digest_task
from ips.models import StaffMember
from jobseekers import services as jobseekers_services
from jobseekers.models import Job, JobSeeker
from tests.importer.conftest import GOOD, write_folder

DUE = "/admin/coaching/due/"
D = dt.timedelta(days=1)


@pytest.fixture
def started(seeker, employer, today):
    """A job recorded on the job-start service 40 days ago: its 30-day check is overdue."""
    return jobseekers_services.record_job_start(
        seeker=seeker, employer=employer, title="Baker", start_date=today - 40 * D
    )


def _due_page(client, user) -> str:
    client.force_login(user)
    response = client.get(f"{DUE}?show=program")
    assert response.status_code == 200
    return response.content.decode()


def test_correcting_the_start_date_on_the_jobs_screen_moves_the_retention_checks(
    client, users, started, program, today
):
    assert "30-day check" in _due_page(client, users["supervisor"])
    new_start = today - 10 * D
    response = client.post(
        reverse("jobs:edit", args=[started.pk]),
        {
            "program": program.pk,
            "seeker": started.seeker_id,
            "employer": started.employer_id,
            "title": "Baker",
            "start_date": new_start.isoformat(),
            "competitive": "on",
            "permanent": "on",
            "version": started.version,
        },
    )
    assert response.status_code == 302
    assert Job.objects.get(pk=started.pk).start_date == new_start
    assert "30-day check" not in _due_page(client, users["supervisor"])
    page = client.get(reverse("coaching:job", args=[started.pk])).content.decode()
    assert f"30 days, {(new_start + 30 * D):%a %-d %b %Y}" in page


@pytest.mark.django_db
def test_a_current_job_brought_in_by_the_import_is_due_with_its_support_plan(
    client, tmp_path, today
):
    files = {stem: [list(row) for row in rows] for stem, rows in GOOD.items()}
    files["jobs"][1][4] = (today - 40 * D).isoformat()  # J1, current: 30-day check overdue
    folder = write_folder(tmp_path, files)
    call_command("import_program", str(folder), "--program", "Lake", "--create", stdout=StringIO())
    job = Job.objects.get(ref="J1")
    assert JobSupportPlan.objects.filter(job=job).exists()
    assert not JobSupportPlan.objects.filter(job__ref="J2").exists()  # ended: no plan
    ana = StaffMember.objects.get(user__email="ana@example.org").user
    page = _due_page(client, ana)
    assert "Sam One" in page
    assert "30-day check" in page


@pytest.fixture
def working(make_job, seeker, today):
    """Two current jobs: a 30-day check overdue, and a first week still open."""
    return make_job(seeker, days_ago=40, title="Dishwasher"), make_job(seeker, days_ago=2)


def _post_form(client, name, seeker, data):
    seeker = JobSeeker.objects.get(pk=seeker.pk)
    url = reverse(f"jobseekers:{name}", args=[seeker.pk])
    response = client.post(url, {**data, "version": seeker.version})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_closing_a_working_persons_record_ends_their_reminders_and_reopening_brings_back_the_rest(
    client, users, staff, seeker, working, today, settings
):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    page = _due_page(client, users["specialist"])
    assert "30-day check" in page
    assert "Week 1 face-to-face contact" in page

    _post_form(client, "close", seeker, {"closed_date": today.isoformat(), "reason": "moved"})
    assert "Alex Rivera" not in _due_page(client, users["specialist"])
    assert "Alex Rivera" not in _due_page(client, users["supervisor"])
    mail.outbox = []
    assert send_digest_task.delay(staff["specialist"].pk, today.isoformat()).get() is False
    assert mail.outbox == []

    # Re-opened today: the first week is still running, the 30-day check fell due before.
    _post_form(client, "enter", seeker, {"entry_date": today.isoformat()})
    page = _due_page(client, users["specialist"])
    assert "Week 1 face-to-face contact" in page
    assert "30-day check" not in page


def test_ending_a_job_ends_its_reminders(client, users, seeker, working, today):
    late, fresh = working
    for job in working:
        jobseekers_services.record_job_end(job=job, end_date=today, reason="quit")
    page = _due_page(client, users["specialist"])
    assert "30-day check" not in page
    assert "face-to-face contact" not in page


def test_erasure_leaves_no_reminders_behind(client, users, seeker, working):
    assert "Alex Rivera" in _due_page(client, users["supervisor"])
    response = client.post(f"/admin/privacy/seeker/{seeker.pk}/erase/", {"confirm": "on"})
    assert response.status_code == 302
    page = _due_page(client, users["supervisor"])
    assert "Erased record" not in page
    assert "30-day check" not in page
    assert "face-to-face contact" not in page
