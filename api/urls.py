"""/api/v1/: the endpoints, /api/v1/openapi.json (the OpenAPI 3.1 schema, for anyone,
describing no data) and /api/v1/docs (the interactive docs, for signed-in staff)."""

from __future__ import annotations

from functools import partial

from django.urls import path
from ninja.openapi.views import openapi_view
from wagtail.admin.auth import require_admin_access

from api.v1 import api

urlpatterns = [
    path(
        "api/v1/docs",
        require_admin_access(partial(openapi_view, api=api)),
        name="api_v1_docs",
    ),
    path("api/v1/", api.urls),
]
