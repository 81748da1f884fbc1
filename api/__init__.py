"""The REST API, version 1 (issue 22): django-ninja under /api/v1/, OpenAPI 3.1 at
/api/v1/openapi.json. Above every domain app: it reads through their `for_user` querysets
and writes through their services, never on its own."""
