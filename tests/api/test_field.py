"""The offline field forms' endpoints (api.field, issue 23): the pickers hold the signed-in
user's own people and recent employers only; a support contact is refused on the support
log screen's own terms (422 by field, nothing saved) and recorded once per key."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from coaching.models import JobSupportPlan, SupportContact
from ips.roles import Role
from tests.api.conftest import DAY
from tests.factories import EmployerContactFactory, JobFactory, JobSeekerFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/field/support-contacts"


def _post(client, auth, body, key=None):
    headers = {"Authorization": auth}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(URL, body, content_type="application/json", headers=headers)


def _body(seeker, **extra):
    return {"seeker_id": seeker.pk, "date": DAY.isoformat(), "mode": "face_to_face", **extra}


def test_a_support_contact_is_logged_once_per_key(client, rows, secrets_by_caller, staff):
    key = str(uuid.uuid4())
    body = _body(rows["seeker"], minutes=30, with_whom=["worker"], support_types=["coaching"])
    first = _post(client, secrets_by_caller["specialist"], body, key)
    assert first.status_code == 201, first.content
    again = _post(client, secrets_by_caller["specialist"], body, key)
    assert again.status_code == 201
    assert again.json() == first.json()
    changed = _post(client, secrets_by_caller["specialist"], body | {"notes": "retry"}, key)
    assert changed.status_code == 422
    assert changed.json()["errors"][0]["field"] == "header.Idempotency-Key"
    contact = SupportContact.objects.get()
    assert contact.notes == ""
    assert contact.staff == staff[Role.SPECIALIST]
    assert (contact.minutes, contact.date, str(contact.idempotency_key)) == (30, DAY, key)
    assert contact.support_types == ["coaching"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"date": (timezone.localdate() + dt.timedelta(days=3)).isoformat()}, "body.date"),
        ({"minutes": 2000}, "body.minutes"),
        ({"with_whom": ["the mayor"]}, "body.with_whom"),
        ({"mode": "carrier pigeon"}, "body.mode"),
        ({"date": "yesterday"}, "body.date"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_saves_nothing(
    client, rows, secrets_by_caller, change, field
):
    response = _post(
        client, secrets_by_caller["specialist"], _body(rows["seeker"], **change), str(uuid.uuid4())
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not SupportContact.objects.exists()


def test_a_body_that_is_not_json_is_a_400_problem(client, rows, secrets_by_caller):
    response = client.post(
        URL,
        "{not json",
        content_type="application/json",
        headers={"Authorization": secrets_by_caller["specialist"]},
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_a_closed_record_or_another_programs_person_is_refused_by_field(
    client, rows, secrets_by_caller
):
    """What the phone shows as "needs attention": the server's reason, on seeker_id."""
    seeker = rows["seeker"]
    seeker.closed_date = DAY
    seeker.save()
    auth = secrets_by_caller["specialist"]
    for person in (seeker, rows["other_seeker"]):
        response = _post(client, auth, _body(person), str(uuid.uuid4()))
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "body.seeker_id"
        assert response.json()["errors"][0]["reason"] == (
            "This person's record is closed, or is not in your programs."
        )
    assert not SupportContact.objects.exists()


def test_a_job_of_someone_else_is_refused(client, rows, secrets_by_caller):
    job = JobFactory(seeker=JobSeekerFactory(program=rows["program"]))
    response = _post(
        client,
        secrets_by_caller["specialist"],
        _body(rows["seeker"], job_id=job.pk),
        str(uuid.uuid4()),
    )
    assert response.status_code == 422
    assert "body.job_id" in [e["field"] for e in response.json()["errors"]]


def test_a_malformed_key_is_a_422_on_the_header(client, rows, secrets_by_caller):
    response = _post(client, secrets_by_caller["specialist"], _body(rows["seeker"]), "not-a-uuid")
    assert response.status_code == 422
    assert not SupportContact.objects.exists()


def test_the_pickers_hold_the_users_own_people_and_recent_employers_only(
    client, rows, secrets_by_caller, staff, django_assert_max_num_queries
):
    program = rows["program"]
    mine = rows["seeker"]
    colleague = JobSeekerFactory(program=program, specialist=staff[Role.SUPERVISOR])
    closed = JobSeekerFactory(program=program, specialist=staff[Role.SPECIALIST], closed_date=DAY)
    job = JobFactory(seeker=mine, title="Baker")
    auth = {"Authorization": secrets_by_caller["specialist"]}
    with django_assert_max_num_queries(8):  # token, role lookups, then the pickers
        data = client.get("/api/v1/field/pickers", headers=auth).json()
    ids = [s["id"] for s in data["seekers"]]
    worker_job = rows["job"]  # the fixture's other person of the specialist, with a job
    assert sorted(ids) == sorted([mine.pk, worker_job.seeker_id])
    assert colleague.pk not in ids
    assert closed.pk not in ids
    assert rows["other_seeker"].pk not in ids
    assert [e["id"] for e in data["employers"]] == [rows["employer"].pk]
    assert {"id": job.pk, "seeker_id": mine.pk, "label": job_label(job)} in data["jobs"]
    assert {j["id"] for j in data["jobs"]} == {job.pk, worker_job.pk}
    assert {"value": "face_to_face", "label": "Face to face"} in data["modes"]
    assert data["user_id"] == staff[Role.SPECIALIST].user_id


def job_label(job) -> str:
    return f"{job.seeker.name}: {job.title} at {job.employer.name}"


def test_a_coach_sees_the_people_whose_job_they_coach(client, rows, staff):
    coach = staff[Role.COACH]
    job = JobFactory(seeker=JobSeekerFactory(program=rows["program"]))
    JobSupportPlan.objects.create(program=rows["program"], job=job, coach=coach)
    JobFactory(seeker=JobSeekerFactory(program=rows["program"]))  # not theirs
    EmployerContactFactory(employer=rows["employer"], specialist=staff[Role.SPECIALIST])
    client.force_login(coach.user)
    data = client.get("/api/v1/field/pickers").json()
    assert [s["id"] for s in data["seekers"]] == [job.seeker_id]
    assert data["employers"] == []  # coaches log no employer contacts


def test_me_names_the_signed_in_user_for_the_sessions_check(rows, users):
    client = Client(enforce_csrf_checks=True)
    assert client.get("/api/v1/field/me").status_code == 401
    client.force_login(users[Role.COACH])
    assert client.get("/api/v1/field/me").json() == {"user_id": users[Role.COACH].pk}


def test_the_session_needs_csrf_to_post(rows, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users[Role.SPECIALIST])
    body = _body(rows["seeker"])
    assert client.post(URL, body, content_type="application/json").status_code == 403
    client.get("/admin/")
    token = client.cookies["csrftoken"].value
    made = client.post(URL, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert made.status_code == 201
    assert SupportContact.objects.count() == 1
