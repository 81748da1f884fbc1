"""Every endpoint x every kind of caller (issue 22, items 2 and 6): no credentials, each
role's personal token, another program's specialist, a superuser, a program's read-only
service token, a revoked and an expired token. Another program's rows are 404, never 403;
no credentials (or a dead token) is 401."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from api.models import ApiToken
from ips.roles import Role
from tests.api.conftest import DAY, contacts

pytestmark = pytest.mark.django_db

CALLERS = (
    "anonymous", "specialist", "coach", "supervisor", "director", "outsider", "superuser",
    "service", "revoked", "expired",
)  # fmt: skip
# One code per caller, in CALLERS order: the status each gets.
OK, MISSING, REFUSED, NO_AUTH, MADE = "200", "404", "403", "401", "201"
READ_ALL = "401 200 200 200 200 200 200 200 401 401"
HOME_ROW = "401 200 200 200 200 404 200 200 401 401"  # coaches read employers and openings
CASEWORK_ROW = "401 200 404 200 200 404 200 200 401 401"  # coaches: seekers with a job only
FIGURES = "401 403 403 200 200 404 200 200 401 401"
# POST: the outsider names an employer it cannot see (422 on the field); the superuser is
# staff of no program (403); the service token is read-only (403).
WRITE = "401 201 403 201 201 422 403 403 401 401"
# A job start or check-in of `seeker`: the outsider cannot see the person (422 on
# seeker_id); a coach's role records neither (403: by then the specialist's POST gave the
# person a job, so the coach sees them); the superuser is staff of no program and the
# service token not staff (403).
SEEKER_WRITE = "401 201 403 201 201 422 403 403 401 401"
# A profile change: the person is a 404 to whom cannot see them.
PROFILE_WRITE = "401 200 404 200 200 404 403 403 401 401"
# One's own hours: every staff member, the outsider in their own program; the superuser
# has no staff row to log for (422 on staff_id); the service token is not staff.
TIME_WRITE = "401 201 201 201 201 201 422 403 401 401"
OWN_HOURS = "401 200 404 200 200 404 200 200 401 401"  # the specialist's; leadership's view
# A service token is no staff member: the field app's data is a person's own.
FIELD_READ = "401 200 200 200 200 200 200 403 401 401"
# The support log of `seeker`: by then the specialist's job POST gave the person a job, so
# the coach logs their support too; another program's staff and the superuser (staff of
# no program) are refused on the form's own terms (422).
SUPPORT_WRITE = "401 201 201 201 201 422 422 403 401 401"

ENDPOINTS = [
    ("get", "/api/v1/programs", READ_ALL),
    ("get", "/api/v1/programs/{program}", HOME_ROW),
    ("get", "/api/v1/programs/{program}/report?start=2026-01-01&end=2026-03-31", FIGURES),
    ("get", "/api/v1/seekers", READ_ALL),
    ("get", "/api/v1/seekers/{seeker}", CASEWORK_ROW),
    ("get", "/api/v1/employers", READ_ALL),
    ("get", "/api/v1/employers/{employer}", HOME_ROW),
    ("get", "/api/v1/openings", READ_ALL),
    ("get", "/api/v1/openings/{opening}", HOME_ROW),
    ("get", "/api/v1/employer-contacts", READ_ALL),
    ("get", "/api/v1/employer-contacts/{contact}", CASEWORK_ROW),
    ("post", "/api/v1/employer-contacts", WRITE),
    ("get", "/api/v1/staff", READ_ALL),
    ("get", "/api/v1/staff/{staff}", HOME_ROW),
    ("get", "/api/v1/career-profiles", READ_ALL),
    ("get", "/api/v1/career-profiles/{profile}", CASEWORK_ROW),
    ("patch", "/api/v1/seekers/{seeker}/career-profile", PROFILE_WRITE),
    ("get", "/api/v1/jobs", READ_ALL),
    ("get", "/api/v1/jobs/{job}", HOME_ROW),
    ("post", "/api/v1/jobs", SEEKER_WRITE),
    ("get", "/api/v1/time-entries", READ_ALL),
    ("get", "/api/v1/time-entries/{time_entry}", OWN_HOURS),
    ("post", "/api/v1/time-entries", TIME_WRITE),
    ("get", "/api/v1/check-ins", READ_ALL),
    ("get", "/api/v1/check-ins/{check_in}", CASEWORK_ROW),
    ("post", "/api/v1/check-ins", SEEKER_WRITE),
    ("get", "/api/v1/matches", READ_ALL),
    ("get", "/api/v1/matches/{match}", CASEWORK_ROW),
    ("post", "/api/v1/benefits-estimate", READ_ALL),
    # The offline field forms (api.field, issue 23): the signed-in staff member's own data.
    ("get", "/api/v1/field/me", FIELD_READ),
    ("get", "/api/v1/field/pickers", FIELD_READ),
    ("post", "/api/v1/field/support-contacts", SUPPORT_WRITE),
]
# The body of each write, as the home specialist would send it (`allow_duplicate`: the
# table sends the same write once per caller, seconds apart).
BODIES = {
    "/api/v1/employer-contacts": lambda rows: {
        "employer_id": rows["employer"].pk, "date": DAY.isoformat(), "mode": "phone"
    },
    "/api/v1/jobs": lambda rows: {
        "seeker_id": rows["seeker"].pk, "employer_id": rows["employer"].pk, "title": "Baker",
        "start_date": "2026-03-02", "hourly_wage": "15.00", "allow_duplicate": True,
    },
    "/api/v1/time-entries": lambda rows: {
        "date": DAY.isoformat(), "hours": "2.5", "activity": "employment_services",
        "location": "community", "allow_duplicate": True,
    },
    "/api/v1/check-ins": lambda rows: {
        "seeker_id": rows["seeker"].pk, "date": DAY.isoformat(), "housing": "supported",
        "allow_duplicate": True,
    },
    "/api/v1/benefits-estimate": lambda rows: {"people": [{"gross_earnings": 1040.0}]},
    "/api/v1/field/support-contacts": lambda rows: {
        "seeker_id": rows["seeker"].pk, "date": DAY.isoformat(), "mode": "phone"
    },
    "/api/v1/seekers/{}/career-profile": lambda rows: {
        "version": rows["seeker"].profiles.get(is_current=True).version, "dream_job": "Baker",
    },
}  # fmt: skip


def _path(template: str, rows) -> str:
    return template.format(
        program=rows["program"].pk,
        seeker=rows["seeker"].pk,
        employer=rows["employer"].pk,
        opening=rows["opening"].pk,
        contact=rows["contact"].pk,
        staff=rows["staff"].pk,
        profile=rows["profile"].pk,
        job=rows["job"].pk,
        time_entry=rows["time_entry"].pk,
        check_in=rows["check_in"].pk,
        match=rows["match"].pk,
    )


def _call(client, method, path, rows, auth):
    headers = {"Authorization": auth} if auth else {}
    if method in ("post", "patch"):
        body = BODIES[re.sub(r"/\d+/", "/{}/", path)](rows)
        headers["Idempotency-Key"] = str(uuid.uuid4())
        send = client.post if method == "post" else client.patch
        return send(path, body, content_type="application/json", headers=headers)
    return client.get(path, headers=headers)


def test_every_endpoint_answers_each_caller_as_the_table_says(client, rows, secrets_by_caller):
    # The table covers every operation of the schema.
    assert _schema_operations() == {(m, _template(t)) for m, t, _ in ENDPOINTS}

    wrong = []
    for method, template, codes in ENDPOINTS:
        path = _path(template, rows)
        for caller, expected in zip(CALLERS, codes.split(), strict=True):
            response = _call(client, method, path, rows, secrets_by_caller.get(caller))
            if str(response.status_code) != expected:
                wrong.append(f"{caller} {method} {path}: {response.status_code} != {expected}")
            elif response.status_code >= 400:
                assert response["Content-Type"] == "application/problem+json"
    assert wrong == []


def _schema_operations() -> set[tuple[str, str]]:
    from api.v1 import api

    paths = api.get_openapi_schema()["paths"]
    return {(method, _template(path)) for path, item in paths.items() for method in item}


def _template(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path.split("?")[0])


def test_another_programs_rows_are_404_for_every_token(client, rows, secrets_by_caller):
    for caller in ("specialist", "supervisor", "director", "service"):
        auth = {"Authorization": secrets_by_caller[caller]}
        for path in (
            f"/api/v1/programs/{rows['other_program'].pk}",
            f"/api/v1/programs/{rows['other_program'].pk}/report?start=2026-01-01&end=2026-03-31",
            f"/api/v1/seekers/{rows['other_seeker'].pk}",
            f"/api/v1/employers/{rows['other_employer'].pk}",
            f"/api/v1/openings/{rows['other_opening'].pk}",
            f"/api/v1/employer-contacts/{rows['other_contact'].pk}",
            f"/api/v1/staff/{rows['other_staff'].pk}",
            f"/api/v1/career-profiles/{rows['other_profile'].pk}",
            f"/api/v1/jobs/{rows['other_job'].pk}",
            f"/api/v1/time-entries/{rows['other_time_entry'].pk}",
            f"/api/v1/check-ins/{rows['other_check_in'].pk}",
            f"/api/v1/matches/{rows['other_match'].pk}",
        ):
            assert client.get(path, headers=auth).status_code == 404, (caller, path)
        other_seeker = rows["other_seeker"].pk
        changed = client.patch(
            f"/api/v1/seekers/{other_seeker}/career-profile",
            {"version": 1, "dream_job": "Mine now"},
            content_type="application/json",
            headers=auth,
        )
        assert changed.status_code == 404, caller
        for path, other in (
            ("/api/v1/programs", rows["other_program"].pk),
            ("/api/v1/seekers", rows["other_seeker"].pk),
            ("/api/v1/employers", rows["other_employer"].pk),
            ("/api/v1/openings", rows["other_opening"].pk),
            ("/api/v1/employer-contacts", rows["other_contact"].pk),
            ("/api/v1/staff", rows["other_staff"].pk),
            ("/api/v1/career-profiles", rows["other_profile"].pk),
            ("/api/v1/jobs", rows["other_job"].pk),
            ("/api/v1/time-entries", rows["other_time_entry"].pk),
            ("/api/v1/check-ins", rows["other_check_in"].pk),
            ("/api/v1/matches", rows["other_match"].pk),
        ):
            ids = [r["id"] for r in client.get(path, headers=auth).json()["results"]]
            assert ids, (caller, path)
            assert other not in ids, (caller, path)


def test_no_credentials_is_a_401_problem_with_a_challenge(client, rows):
    response = client.get("/api/v1/employers")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401
    for bad in ("Bearer nonsense", "Bearer ips_12345678_wrong", "Basic abc"):
        assert client.get("/api/v1/employers", headers={"Authorization": bad}).status_code == 401


def test_a_token_stops_working_when_its_user_leaves_every_program(
    client, rows, secrets_by_caller, staff
):
    member = staff[Role.SPECIALIST]
    member.active = False
    member.save()
    auth = {"Authorization": secrets_by_caller["specialist"]}
    assert client.get("/api/v1/employers", headers=auth).status_code == 401


def test_the_session_works_for_staff_with_csrf_on_writes(rows, users, seeker_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(seeker_user)  # a job seeker's portal session is not API access
    assert client.get("/api/v1/employers").status_code == 401
    client.force_login(users[Role.SPECIALIST])
    assert client.get("/api/v1/employers").status_code == 200
    body = {"employer_id": rows["employer"].pk, "date": DAY.isoformat(), "mode": "email"}
    before = contacts()
    refused = client.post("/api/v1/employer-contacts", body, content_type="application/json")
    assert refused.status_code == 403  # no CSRF token
    assert contacts() == before
    client.get("/admin/")  # sets the CSRF cookie, as the app's own pages do
    token = client.cookies["csrftoken"].value
    made = client.post(
        "/api/v1/employer-contacts",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert made.status_code == 201
    assert contacts() == before + 1


def test_a_bearer_token_needs_no_csrf(rows, secrets_by_caller):
    client = Client(enforce_csrf_checks=True)
    body = {"employer_id": rows["employer"].pk, "date": DAY.isoformat(), "mode": "video"}
    response = client.post(
        "/api/v1/employer-contacts",
        body,
        content_type="application/json",
        headers={"Authorization": secrets_by_caller["specialist"]},
    )
    assert response.status_code == 201


def test_each_token_is_throttled_on_its_own(client, rows, secrets_by_caller, monkeypatch):
    from api.v1 import THROTTLES

    monkeypatch.setattr(THROTTLES[0], "num_requests", 3)
    first = {"Authorization": secrets_by_caller["specialist"]}
    second = {"Authorization": secrets_by_caller["supervisor"]}
    codes = [client.get("/api/v1/programs", headers=first).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/api/v1/programs", headers=first)["Content-Type"] == (
        "application/problem+json"
    )
    assert client.get("/api/v1/programs", headers=second).status_code == 200


def test_last_use_is_noted_on_the_token(client, rows, secrets_by_caller, users):
    client.get("/api/v1/programs", headers={"Authorization": secrets_by_caller["coach"]})
    token = ApiToken.objects.get(user=users[Role.COACH])
    assert token.last_used_at is not None


def test_a_session_waiting_for_its_two_step_code_is_not_accepted(client, rows, users):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = users[Role.SUPERVISOR]
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)  # a password sign-in: no code entered yet
    assert client.get("/api/v1/employers").status_code == 401
