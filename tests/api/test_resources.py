"""The resources of issue 22 beyond programs, seekers and employers: writes through the
workspace's services once per Idempotency-Key, the `sensitive` scope, filters that refuse
bad values by name, and reads of a person's rows in the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from api.tokens import create_personal_token
from ips.models import AuditEvent, TimeEntry
from ips.roles import Role
from jobseekers.models import CareerProfile, Job, JobSeeker, StatusCheckIn
from tests.api.conftest import DAY

pytestmark = pytest.mark.django_db


def _send(client, method, url, auth, body, key=None):
    headers = {"Authorization": auth}
    if key is not None:
        headers["Idempotency-Key"] = key
    return getattr(client, method)(url, body, content_type="application/json", headers=headers)


def _token(user, **scope) -> str:
    return "Bearer " + create_personal_token(user=user, name="test", **scope)[1]


# Writes ---------------------------------------------------------------------------------


def test_a_job_start_is_recorded_once_per_key_and_moves_the_person_to_working(
    client, rows, secrets_by_caller
):
    seeker = rows["seeker"]
    body = {
        "seeker_id": seeker.pk, "employer_id": rows["employer"].pk,
        "opening_id": rows["opening"].pk, "title": "Baker", "start_date": "2026-03-02",
        "hours_per_week": "20.0", "hourly_wage": "15.50",
    }  # fmt: skip
    key = str(uuid.uuid4())
    before = Job.objects.count()
    first = _send(client, "post", "/api/v1/jobs", secrets_by_caller["specialist"], body, key)
    again = _send(client, "post", "/api/v1/jobs", secrets_by_caller["specialist"], body, key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    changed = _send(
        client, "post", "/api/v1/jobs", secrets_by_caller["specialist"], body | {"title": "X"}, key
    )
    assert changed.status_code == 422
    assert changed.json()["errors"][0]["field"] == "header.Idempotency-Key"
    assert Job.objects.count() == before + 1
    job = Job.objects.get(pk=first.json()["id"])
    assert (job.title, job.hourly_wage, str(job.idempotency_key)) == ("Baker", 15.5, key)
    seeker.refresh_from_db()
    assert seeker.stage == JobSeeker.Stage.WORKING


def test_a_job_start_keeps_the_services_rules_and_saves_nothing_when_refused(
    client, rows, secrets_by_caller, program
):
    seeker = rows["seeker"]
    auth = secrets_by_caller["specialist"]
    base = {"seeker_id": seeker.pk, "employer_id": rows["employer"].pk, "title": "Baker"}
    before = Job.objects.count()
    early = _send(client, "post", "/api/v1/jobs", auth, base | {"start_date": "2026-01-01"})
    assert early.status_code == 422
    assert early.json()["errors"] == [
        {"field": "body.start_date", "reason": "The job cannot start before the entry date."}
    ]
    later = (timezone.localdate() + dt.timedelta(days=180)).isoformat()
    future = _send(client, "post", "/api/v1/jobs", auth, base | {"start_date": later})
    assert future.status_code == 422
    assert future.json()["errors"][0]["field"] == "body.start_date"
    assert future.json()["errors"][0]["reason"].startswith("A job start is recorded from its")
    day_after = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    assert (
        _send(client, "post", "/api/v1/jobs", auth, base | {"start_date": day_after}).status_code
        == 422
    )
    low = _send(
        client, "post", "/api/v1/jobs", auth,
        base | {"start_date": "2026-03-02", "hourly_wage": "1.00"},
    )  # fmt: skip
    assert low.status_code == 422
    assert low.json()["errors"][0]["field"] == "body.competitive"
    JobSeeker.objects.filter(pk=seeker.pk).update(stage="referred", entry_date=None)
    referred = _send(client, "post", "/api/v1/jobs", auth, base | {"start_date": "2026-03-02"})
    assert referred.status_code == 422
    assert referred.json()["errors"][0]["field"] == "body.stage"
    disclosed = _send(
        client,
        "post",
        "/api/v1/jobs",
        auth,
        base | {"start_date": "2026-03-02", "disclosure": "full"},
    )
    assert disclosed.status_code == 403  # disclosure needs the sensitive scope
    assert Job.objects.count() == before


def test_a_time_entry_is_logged_once_per_key(client, rows, secrets_by_caller, staff):
    body = {"date": "2026-03-03", "hours": "3.25", "activity": "other", "location": "office"}
    key = str(uuid.uuid4())
    before = TimeEntry.objects.count()
    auth = secrets_by_caller["coach"]
    first = _send(client, "post", "/api/v1/time-entries", auth, body, key)
    again = _send(client, "post", "/api/v1/time-entries", auth, body, key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert TimeEntry.objects.count() == before + 1
    assert first.json()["staff_id"] == staff[Role.COACH].pk
    changed = _send(client, "post", "/api/v1/time-entries", auth, body | {"hours": "4"}, key)
    assert changed.status_code == 422
    assert changed.json()["errors"][0]["field"] == "header.Idempotency-Key"
    assert TimeEntry.objects.count() == before + 1
    # The same entry again without a key, minutes later: a likely double submission.
    dup = _send(client, "post", "/api/v1/time-entries", auth, body)
    assert dup.status_code == 422
    assert dup.json()["duplicate_of"] == first.json()["id"]
    too_long = _send(client, "post", "/api/v1/time-entries", auth, body | {"hours": "25"})
    assert too_long.status_code == 422
    assert too_long.json()["errors"][0]["field"] == "body.hours"
    assert TimeEntry.objects.count() == before + 1


def test_only_leadership_logs_a_colleagues_hours(client, rows, secrets_by_caller, staff):
    body = {
        "staff_id": staff[Role.COACH].pk, "date": "2026-03-03", "hours": "1",
        "activity": "other", "location": "office",
    }  # fmt: skip
    before = TimeEntry.objects.count()
    refused = _send(client, "post", "/api/v1/time-entries", secrets_by_caller["specialist"], body)
    assert refused.status_code == 403
    made = _send(client, "post", "/api/v1/time-entries", secrets_by_caller["supervisor"], body)
    assert made.status_code == 201
    assert TimeEntry.objects.count() == before + 1


def test_a_check_in_is_saved_once_per_key_with_the_forms_checks(client, rows, secrets_by_caller):
    seeker = rows["seeker"]
    auth = secrets_by_caller["specialist"]
    body = {"seeker_id": seeker.pk, "date": DAY.isoformat(), "housing": "shelter", "er_visits": 1}
    key = str(uuid.uuid4())
    before = StatusCheckIn.objects.count()
    first = _send(client, "post", "/api/v1/check-ins", auth, body, key)
    again = _send(client, "post", "/api/v1/check-ins", auth, body, key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    changed = _send(client, "post", "/api/v1/check-ins", auth, body | {"er_visits": 2}, key)
    assert changed.status_code == 422
    assert changed.json()["errors"][0]["field"] == "header.Idempotency-Key"
    assert StatusCheckIn.objects.count() == before + 1
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    for wrong, field in (
        ({"date": tomorrow}, "body.date"),
        ({"date": "2025-12-01"}, "body.date"),  # before the referral
        ({"inpatient_days": 3, "inpatient_admissions": 0}, "body.inpatient_days"),
        ({"quality_of_life": 6}, "body.quality_of_life"),
        ({"notes": "a\x00b"}, "body.notes"),
    ):
        refused = _send(client, "post", "/api/v1/check-ins", auth, body | wrong)
        assert refused.status_code == 422, wrong
        assert field in [e["field"] for e in refused.json()["errors"]], refused.json()
    assert StatusCheckIn.objects.count() == before + 1


def test_a_profile_change_adds_a_version_once_and_refuses_a_stale_copy(
    client, rows, secrets_by_caller
):
    seeker = rows["seeker"]
    url = f"/api/v1/seekers/{seeker.pk}/career-profile"
    auth = secrets_by_caller["specialist"]
    change = {"version": 1, "dream_job": "Pastry chef", "max_commute_miles": "12.5"}
    first = _send(client, "patch", url, auth, change)
    assert first.status_code == 200
    assert (first.json()["version"], first.json()["dream_job"]) == (2, "Pastry chef")
    again = _send(client, "patch", url, auth, change)  # a retry of the same change
    assert again.status_code == 200
    assert again.json() == first.json()
    assert seeker.profiles.count() == 2
    stale = _send(client, "patch", url, auth, {"version": 1, "dream_job": "Baker"})
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    sensitive = _send(client, "patch", url, auth, {"version": 2, "benefits_received": ["ssi"]})
    assert sensitive.status_code == 403
    for zip_code in ("4822", "４８２２６"):  # full-width digits are no ZIP either
        bad = _send(client, "patch", url, auth, {"version": 2, "home_zip": zip_code})
        assert bad.status_code == 422
        assert bad.json()["errors"][0]["field"] == "body.home_zip"
    assert seeker.profiles.count() == 2
    assert CareerProfile.objects.get(seeker=seeker, is_current=True).dream_job == "Pastry chef"


def test_the_benefits_estimate_answers_the_interchange_contract(client, rows, secrets_by_caller):
    question = {
        "year": 2026, "state": "MI", "couple": False,
        "people": [{"gross_earnings": 1040.0, "ssi_eligible": True, "ssdi": 0,
                    "other_unearned": 0, "blind": False, "student_under_22": False, "irwe": 0,
                    "bwe": 0, "twp_months_used": 0, "epe": False, "grace_months_used": 0}],
    }  # fmt: skip
    url = "/api/v1/benefits-estimate"
    answer = _send(client, "post", url, secrets_by_caller["service"], question)
    assert answer.status_code == 200
    assert answer.json() == {
        "year": 2026,
        "people": [
            {"ssi": 516.5, "ssdi": 0.0, "countable_earned": 477.5, "countable_unearned": 0.0,
             "twp_month": False, "countable_for_sga": 1040.0, "above_sga": False,
             "medicaid_1619b": None}
        ],
        "ssi_total": 516.5, "total_income": 1556.5,
    }  # fmt: skip
    wrong = _send(client, "post", url, secrets_by_caller["coach"], {"people": [{"irwe": 1}]})
    assert wrong.status_code == 422
    assert wrong.json()["errors"] == [
        {"field": "body.people[0].gross_earnings", "reason": "is required."}
    ]
    broken = client.post(
        url, "{not json", content_type="application/json",
        headers={"Authorization": secrets_by_caller["coach"]},
    )  # fmt: skip
    assert broken.status_code == 400


# The sensitive scope ----------------------------------------------------------------------


def test_sensitive_fields_need_the_scope_and_a_casework_role(client, rows, users):
    seeker, profile = rows["seeker"], rows["profile"]
    JobSeeker.objects.filter(pk=seeker.pk).update(email="alex@example.org", phone="555-0100")
    CareerProfile.objects.filter(pk=profile.pk).update(benefits_received=["ssi"])
    plain = {"Authorization": _token(users[Role.SPECIALIST])}
    scoped = {"Authorization": _token(users[Role.SPECIALIST], see_sensitive=True)}
    seeker_url = f"/api/v1/seekers/{seeker.pk}"
    profile_url = f"/api/v1/career-profiles/{profile.pk}"
    check_in_url = f"/api/v1/check-ins/{rows['check_in'].pk}"
    assert client.get(seeker_url, headers=plain).json()["sensitive"] is None
    assert client.get(profile_url, headers=plain).json()["sensitive"] is None
    assert client.get(check_in_url, headers=plain).json()["answers"] is None
    assert client.get(seeker_url, headers=scoped).json()["sensitive"]["email"] == (
        "alex@example.org"
    )
    assert client.get(profile_url, headers=scoped).json()["sensitive"]["benefits_received"] == [
        "ssi"
    ]
    assert client.get(check_in_url, headers=scoped).json()["answers"]["housing"] == "supported"
    listed = client.get("/api/v1/seekers", headers=plain).json()["results"]
    assert all(row["sensitive"] is None for row in listed)
    # A coach's role shows no sensitive section, scope or not (the workspace's rule).
    coach = {"Authorization": _token(users[Role.COACH], see_sensitive=True)}
    job = client.get(f"/api/v1/jobs/{rows['job'].pk}", headers=coach)
    assert job.status_code == 200
    assert job.json()["sensitive"] is None
    # A staff session reads what its role shows in the workspace.
    client.force_login(users[Role.SPECIALIST])
    assert client.get(seeker_url).json()["sensitive"]["phone"] == "555-0100"
    assert "family_contacts" not in str(client.get(profile_url).json())


def test_the_token_page_grants_the_sensitive_scope(client, users):
    client.force_login(users[Role.SPECIALIST])
    made = client.post(
        "/admin/api/tokens/",
        {"make": "personal", "personal-name": "EHR link", "personal-days": "30",
         "personal-see_sensitive": "on"},
    )  # fmt: skip
    assert made.status_code == 200
    assert made.context["made"].see_sensitive is True
    assert b"reads sensitive fields" in client.get("/admin/api/tokens/").content


# Filters ---------------------------------------------------------------------------------


def test_filters_narrow_a_list_and_bad_values_are_named(client, rows, secrets_by_caller):
    auth = {"Authorization": secrets_by_caller["supervisor"]}
    seeker = rows["seeker"]
    mine = client.get(f"/api/v1/career-profiles?seeker={seeker.pk}", headers=auth).json()
    assert [r["seeker_id"] for r in mine["results"]] == [seeker.pk]
    ended = client.get("/api/v1/jobs?current=false", headers=auth).json()
    assert ended["results"] == []
    for url, field in (
        ("/api/v1/jobs?current=maybe", "query.current"),
        ("/api/v1/jobs?sort=title", "query.sort"),  # unknown: never silently ignored
        ("/api/v1/check-ins?date_from=0", "query.date_from"),
        ("/api/v1/time-entries?activity=napping", "query.activity"),
        ("/api/v1/employers?near_zip=00000", "query.near_zip"),  # the FilterSet's own check
        ("/api/v1/openings?program=999999", "query.program"),
        ("/api/v1/employer-contacts?radius=5", "query.near_zip"),
    ):
        response = client.get(url, headers=auth)
        assert response.status_code == 422, url
        assert field in [e["field"] for e in response.json()["errors"]], (url, response.json())
    industry = rows["employer"].industry
    found = client.get(f"/api/v1/employers?industry={industry}", headers=auth).json()
    assert rows["employer"].pk in [r["id"] for r in found["results"]]
    # The next page's URL keeps the filter.
    paged = client.get("/api/v1/staff?role=specialist&page_size=1", headers=auth).json()
    assert all(r["role"] == "specialist" for r in paged["results"])


HUGE = str(-(2**65))  # schemathesis found it: past a 64-bit integer, SQLite overflowed (500)


def test_numbers_past_the_databases_range_are_named_and_change_nothing(
    client, rows, secrets_by_caller
):
    auth = {"Authorization": secrets_by_caller["specialist"]}
    for url, field in (
        (f"/api/v1/career-profiles?seeker={HUGE}", "query.seeker"),
        (f"/api/v1/staff?program={HUGE[1:]}", "query.program"),
        (f"/api/v1/jobs?employer={2**63}", "query.employer"),
        (f"/api/v1/seekers/{HUGE[1:]}", "path.seeker_id"),
        ("/api/v1/openings/0", "path.opening_id"),
    ):
        response = client.get(url, headers=auth)
        assert response.status_code == 422, url
        assert field in [e["field"] for e in response.json()["errors"]], (url, response.json())
    before = Job.objects.count()
    body = {
        "seeker_id": rows["seeker"].pk, "employer_id": rows["employer"].pk,
        "opening_id": int(HUGE), "title": "Baker", "start_date": "2026-03-02",
        "hours_per_week": "20.0", "hourly_wage": "15.50",
    }  # fmt: skip
    refused = _send(client, "post", "/api/v1/jobs", auth["Authorization"], body, str(uuid.uuid4()))
    assert refused.status_code == 422
    assert Job.objects.count() == before
    # An id in a body past the range: refused by the service, naming it.
    body |= {"opening_id": None, "employer_id": 2**70}
    refused = _send(client, "post", "/api/v1/jobs", auth["Authorization"], body, str(uuid.uuid4()))
    assert refused.status_code == 422, refused.content
    assert "body.employer_id" in [e["field"] for e in refused.json()["errors"]]
    assert Job.objects.count() == before


# Audit trail -----------------------------------------------------------------------------


def test_each_read_of_a_persons_row_lands_in_the_audit_trail(client, rows, secrets_by_caller):
    auth = {"Authorization": secrets_by_caller["service"]}
    for kind, row, what in (
        ("career-profiles", rows["profile"], "career profiles"),
        ("jobs", rows["job"], "jobs"),
        ("check-ins", rows["check_in"], "status check-ins"),
        ("matches", rows["match"], "matches"),
    ):
        before = AuditEvent.objects.filter(seeker_id=row.seeker_id, action="view").count()
        assert client.get(f"/api/v1/{kind}/{row.pk}", headers=auth).status_code == 200
        events = AuditEvent.objects.filter(seeker_id=row.seeker_id, action="view")
        assert events.count() == before + 1, kind
        assert "service token" in events.latest("id").user_label
        listed = client.get(f"/api/v1/{kind}", headers=auth)
        assert listed.status_code == 200
        listing = AuditEvent.objects.filter(summary__startswith=f"API {what} list: 1 rows")
        assert listing.filter(program=rows["program"]).count() == 1, kind


def test_the_matches_list_leaves_out_declined_ones_unless_asked(client, rows, secrets_by_caller):
    """Red-team finding (issue 17): /matches listed matches staff marked not suitable."""
    from jobseekers.services import mark_match_unsuitable

    auth = {"Authorization": secrets_by_caller["specialist"]}
    match = rows["match"]
    mark_match_unsuitable(seeker=match.seeker, opening=match.opening, reason="Too far")
    listed = client.get("/api/v1/matches", headers=auth).json()
    assert match.pk not in [r["id"] for r in listed["results"]]
    everything = client.get("/api/v1/matches?include_declined=true", headers=auth).json()
    assert match.pk in [r["id"] for r in everything["results"]]
    response = client.get("/api/v1/matches?include_declined=maybe", headers=auth)
    assert response.status_code == 422
    assert "query.include_declined" in [e["field"] for e in response.json()["errors"]]
