"""Red-team finding (issue 17): a second job start could be recorded on a filled opening.
The API refuses it through the service, naming who filled it and when; nothing is written."""

from __future__ import annotations

import uuid

import pytest

from ips.domain import shown_date
from jobseekers.models import Job, JobSeeker
from tests.api.test_resources import _send

pytestmark = pytest.mark.django_db


def test_a_second_job_start_on_a_filled_opening_is_a_422_naming_who_filled_it(
    client, rows, secrets_by_caller, program
):
    auth = secrets_by_caller["specialist"]
    first_person = rows["seeker"]
    body = {
        "seeker_id": first_person.pk, "employer_id": rows["employer"].pk,
        "opening_id": rows["opening"].pk, "title": "Baker", "start_date": "2026-03-02",
    }  # fmt: skip
    filled = _send(client, "post", "/api/v1/jobs", auth, body, str(uuid.uuid4()))
    assert filled.status_code == 201
    second = JobSeeker.objects.create(
        program=program,
        name="Second Person",
        specialist=rows["staff"],
        entry_date=first_person.entry_date,
        stage="job_search",
    )
    before = Job.objects.count()
    refused = _send(
        client, "post", "/api/v1/jobs", auth, body | {"seeker_id": second.pk}, str(uuid.uuid4())
    )
    assert refused.status_code == 422
    assert refused["Content-Type"].startswith("application/problem+json")
    first_person.refresh_from_db()
    assert refused.json()["errors"] == [
        {
            "field": "body.opening_id",
            "reason": f"Already filled by {first_person.name} on "
            f"{shown_date(first_person.jobs.get().start_date)}.",
        }
    ]
    assert Job.objects.count() == before
    second.refresh_from_db()
    assert second.stage == "job_search"
