"""/api/v1/: the endpoints, /api/v1/openapi.json (the OpenAPI 3.1 schema: for a bearer
token or a signed-in staff session, like every endpoint; otherwise a 401 problem) and
/api/v1/docs (the interactive docs, for signed-in staff)."""

from __future__ import annotations

from functools import partial

from django.urls import include, path
from django.views.decorators.http import require_GET
from ninja.openapi.views import openapi_view
from wagtail.admin.auth import require_admin_access

from api import errors
from api.auth import AUTH
from api.v1 import api


@require_GET
def openapi_json(request):
    """The schema, for the same callers as the endpoints (api.auth): "no endpoint answers
    without a token or session" (issue 22)."""
    if not any(method(request) for method in AUTH):
        return errors.problem(
            api, request, 401, "Send a bearer token (Authorization: Bearer ...) or sign in."
        )
    schema = api.get_openapi_schema()
    return api.create_response(request, schema, status=200)


# Namespace "api" for the docs and the schema ("api:docs", "api:openapi"); the endpoints
# keep django-ninja's own namespace ("api-v1"), which an enclosing app_name would nest.
docs_patterns = [
    path("docs", require_admin_access(partial(openapi_view, api=api)), name="docs"),
    path("openapi.json", openapi_json, name="openapi"),
]
urlpatterns = [
    path("api/v1/", include((docs_patterns, "api"))),
    path("api/v1/", api.urls),
]
