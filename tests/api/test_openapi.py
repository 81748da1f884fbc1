"""The schema at /api/v1/openapi.json and the interactive docs (issue 22, item 1)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_schema_is_openapi_3_1_with_units_and_formats(client, users):
    client.force_login(users["coach"])  # the schema answers a token or a staff session
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/employer-contacts" in schema["paths"]
    parts = schema["components"]["schemas"]
    opening = parts["OpeningOut"]["properties"]
    assert opening["hourly_wage"]["description"] == "Pay in dollars an hour"
    assert opening["hours_per_week"]["description"] == "Hours a week"
    assert "YYYY-MM-DD" in parts["ContactIn"]["properties"]["date"]["description"]
    assert "dollars an hour" in parts["ProgramOut"]["properties"]["minimum_wage"]["description"]
    assert parts["JobOut"]["properties"]["hours_per_week"]["description"] == "Hours a week"
    assert "miles" in parts["ProfileOut"]["properties"]["max_commute_miles"]["description"]
    assert "miles" in parts["MatchOut"]["properties"]["distance_miles"]["description"]
    assert "dollars a month" in parts["EstimateOut"]["properties"]["total_income"]["description"]
    question = schema["paths"]["/api/v1/benefits-estimate"]["post"]["requestBody"]
    person = question["content"]["application/json"]["schema"]["properties"]["people"]["items"]
    assert "dollars a month" in person["properties"]["gross_earnings"]["description"]
    assert "YYYY-MM-DD" in parts["TimeEntryIn"]["properties"]["date"]["description"]
    # Both ways in are declared: the bearer token and the session cookie.
    assert set(schema["components"]["securitySchemes"]) == {"BearerToken", "StaffSession"}


def test_the_interactive_docs_are_for_signed_in_staff_only(client, users, seeker_user):
    anonymous = client.get("/api/v1/docs")
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]
    client.force_login(seeker_user)
    assert client.get("/api/v1/docs").status_code == 302  # not staff: Wagtail's sign-in
    client.force_login(users["coach"])
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_every_operation_documents_its_problem_answers(client, users):
    client.force_login(users["coach"])
    schema = client.get("/api/v1/openapi.json").json()
    for item in schema["paths"].values():
        for operation in item.values():
            for status in ("401", "403", "404", "422", "429"):
                content = operation["responses"][status]["content"]
                assert content == {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                }
