"""Schemathesis against the live OpenAPI schema through the WSGI app (issue 22, item 6):
generated requests to every operation, as a specialist's token with the `sensitive`
scope, must never answer 5xx nor break the documented schema (status codes, media types,
bodies). The schema itself is read with that token: /api/v1/openapi.json answers no one
else (`test_the_schema_needs_a_token_or_a_session`).

One built-in check is left out: `positive_data_acceptance` expects every schema-valid
request to succeed, but a valid-looking id of a row that is not the caller's, or an opaque
cursor the server never made, is rightly refused (404/422)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.tokens import create_personal_token
from ips.roles import Role
from ips.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(users, rows):
    """The home specialist's token (with the `sensitive` scope, so the sensitive parts of
    the answers are checked too); the WSGI handler keeps the test's database connection
    open (as Django's test client does: no close_old_connections around each request)."""
    secret = create_personal_token(user=users[Role.SPECIALIST], name="fuzz", see_sensitive=True)[1]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Bearer {secret}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _served_schema() -> dict:
    """The schema /api/v1/openapi.json serves (it needs a token, which needs the test
    database, so it cannot be fetched when this module loads; schemathesis' lazy
    `from_fixture` fails on pytest 9). `test_the_fuzzed_schema_is_the_served_one` checks
    that the app serves exactly this."""
    from api.v1 import api

    return json.loads(json.dumps(api.get_openapi_schema()))


schema = schemathesis.openapi.from_dict(_served_schema())
schema.app = application  # call the app in-process, as `from_wsgi` does


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_schema(case, auth):
    case.call_and_validate(headers=auth, excluded_checks=[positive_data_acceptance])


def test_the_schema_needs_a_token_or_a_session(client, auth, users, seeker_user):
    anonymous = client.get("/api/v1/openapi.json")
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == "application/problem+json"
    client.force_login(seeker_user)  # a job seeker's portal session is not API access
    assert client.get("/api/v1/openapi.json").status_code == 401
    assert client.get("/api/v1/openapi.json", headers=auth).status_code == 200
    client.force_login(users[Role.COACH])
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_fuzzed_schema_is_the_served_one(client, auth):
    served = client.get("/api/v1/openapi.json", headers=auth)
    assert served.status_code == 200
    assert served.json() == _served_schema()


def test_writes_then_reads_keep_the_schema(auth):
    """Stateful: schemathesis follows the schema's links from each write's answer to the
    read of the same row (POST /jobs, then GET /jobs/{id}; PATCH a profile, then GET it)."""
    schema.config.phases.stateful.enabled = True

    class Workflow(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": auth}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(
                response, excluded_checks=[positive_data_acceptance], headers=auth
            )

    Workflow.run(
        settings=settings(
            max_examples=30,
            stateful_step_count=4,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
