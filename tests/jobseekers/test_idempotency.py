"""A job start and a status check-in are recorded once per sending (issue 14, item 4): a
double tap on a slow phone must not add a second job (the quarter's job starts, V8, V9
and V12 would all change) nor a second check-in."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from coaching.models import JobSupportPlan
from ips.idempotency import AlreadyRecorded, LikelyDuplicate
from jobseekers import services
from jobseekers.checkins.services import record_check_in
from jobseekers.models import Job, StatusCheckIn
from tests.support.html_forms import form_data

D = dt.date


def job_start_form(client, seeker, employer) -> tuple[str, dict]:
    url = reverse("jobseekers:job_start", args=[seeker.pk])
    data = form_data(client.get(url).content.decode(), having="idempotency_key")
    data.update(employer=employer.pk, title="Baker", start_date="2026-03-02", hourly_wage="15")
    return url, data


def test_job_start_posted_twice_records_one_job_and_its_checks_once(
    client, users, seeker, employer
):
    client.force_login(users["specialist"])
    url, data = job_start_form(client, seeker, employer)
    assert client.post(url, data).status_code == 302
    again = client.post(url, data, follow=True)
    job = Job.objects.get()
    assert again.redirect_chain[0][0] == reverse("jobseekers:record", args=[seeker.pk])
    page = again.content.decode()
    assert "Already saved" in page
    assert f'href="{reverse("jobs:inspect", args=[job.pk])}"' in page
    assert job.idempotency_key == uuid.UUID(data["idempotency_key"])
    assert JobSupportPlan.objects.filter(job=job).count() == 1  # opened once, not twice


def test_second_job_start_from_a_fresh_form_is_refused_then_saved_anyway(
    client, users, seeker, employer
):
    client.force_login(users["specialist"])
    url, data = job_start_form(client, seeker, employer)
    client.post(url, data)
    first = Job.objects.get()
    url, data = job_start_form(client, seeker, employer)
    refused = client.post(url, data)
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "An identical job was saved" in page
    assert f'<a href="{reverse("jobs:inspect", args=[first.pk])}">' in page
    assert Job.objects.count() == 1
    confirmed = form_data(page, having="idempotency_key")
    confirmed["save_anyway"] = "on"
    assert client.post(url, confirmed).status_code == 302
    assert Job.objects.count() == 2


def test_job_start_service_replayed_with_the_same_key_records_one_job(seeker, employer):
    key = uuid.uuid4()
    args = {
        "seeker": seeker,
        "employer": employer,
        "title": "Baker",
        "start_date": D(2026, 3, 2),
        "idempotency_key": key,
    }
    first = services.record_job_start(**args)
    with pytest.raises(AlreadyRecorded) as replay:
        services.record_job_start(**args)
    assert replay.value.row == first
    assert Job.objects.count() == 1


def test_job_start_service_refuses_a_near_duplicate_unless_allowed(seeker, employer):
    args = {"seeker": seeker, "employer": employer, "title": "Baker", "start_date": D(2026, 3, 2)}
    services.record_job_start(**args)
    with pytest.raises(LikelyDuplicate):
        services.record_job_start(**args)
    services.record_job_start(**args, allow_duplicate=True)
    assert Job.objects.count() == 2


def check_in_form(client, seeker) -> tuple[str, dict]:
    url = f"/admin/seekers/{seeker.pk}/check-in/"
    data = form_data(client.get(url).content.decode(), having="idempotency_key")
    data.update(date="2026-03-01", quality_of_life="4")
    return url, not_asked(data)


def not_asked(data: dict) -> dict:
    """The "not asked" radios post "" (form_data reads a checked radio without a value
    as "on")."""
    return {**data, "housing": "", "justice": ""}


def test_check_in_posted_twice_saves_one(client, users, seeker):
    client.force_login(users["specialist"])
    url, data = check_in_form(client, seeker)
    assert client.post(url, data).status_code == 302
    again = client.post(url, data, follow=True)
    assert StatusCheckIn.objects.count() == 1
    assert "Already saved" in again.content.decode()


def test_identical_check_in_minutes_later_is_refused_then_saved_anyway(client, users, seeker):
    client.force_login(users["specialist"])
    url, data = check_in_form(client, seeker)
    client.post(url, data)
    url, data = check_in_form(client, seeker)
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "An identical status check-in was saved" in refused.content.decode()
    assert StatusCheckIn.objects.count() == 1
    confirmed = not_asked(form_data(refused.content.decode(), having="idempotency_key"))
    confirmed["save_anyway"] = "on"
    assert client.post(url, confirmed).status_code == 302
    assert StatusCheckIn.objects.count() == 2


def test_check_in_service_replayed_with_the_same_key_records_one(seeker):
    key = uuid.uuid4()
    fields = {"date": D(2026, 3, 1)}
    first = record_check_in(seeker=seeker, by=None, fields=fields, idempotency_key=key)
    with pytest.raises(AlreadyRecorded) as replay:
        record_check_in(seeker=seeker, by=None, fields=fields, idempotency_key=key)
    assert replay.value.row == first
    assert StatusCheckIn.objects.count() == 1
