"""Schemathesis against the live OpenAPI schema through the WSGI app (issue 22, item 6):
generated requests to every operation, as a specialist's token, must never answer 5xx
nor break the documented schema (status codes, media types, bodies).

One built-in check is left out: `positive_data_acceptance` expects every schema-valid
request to succeed, but a valid-looking id of a row that is not the caller's, or an opaque
cursor the server never made, is rightly refused (404/422)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from ips.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def auth(secrets_by_caller):
    """The home specialist's token; the WSGI handler keeps the test's database connection
    open (as Django's test client does: no close_old_connections around each request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"Authorization": secrets_by_caller["specialist"]}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_schema(case, auth):
    case.call_and_validate(headers=auth, excluded_checks=[positive_data_acceptance])
