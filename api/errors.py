"""Errors as RFC 9457 problem details (`application/problem+json`).

Each body has `type` (about:blank, so `title` is the HTTP status phrase), `title`,
`status`, `detail`; a validation error adds `errors`: a list of `{field, reason}`
(the field as a dotted path of the request: `body.date`, `query.cursor`).
"""

from __future__ import annotations

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.errors import Throttled as NinjaThrottled

from ips.idempotency import LikelyDuplicate

PROBLEM = "application/problem+json"


def problem(api, request, status: int, detail: str, **extra):
    """A problem-details response of `status` with `detail` and any extra members."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


def _field(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload") or len(loc) == 1]
    # ninja nests the body under the parameter name ("payload"): keep "body" as the root.
    if loc and loc[0] == "body":
        parts = ["body", *[str(p) for p in loc[1:] if p != "payload"]]
    return ".".join(parts)


def request_invalid(api):
    def handler(request, exc: ValidationError):
        errors = []
        for error in exc.errors:
            if "loc" in error:
                errors.append({"field": _field(error["loc"]), "reason": error.get("msg", "")})
            else:  # ninja's own short form, e.g. {"cursor": "Invalid Cursor"}
                errors += [{"field": f"query.{k}", "reason": str(v)} for k, v in error.items()]
        return problem(api, request, 422, "The request has invalid fields.", errors=errors)

    return handler


def http_error(api):
    """ninja's HttpError as a problem; a body the parser refused field by field (a
    ValidationError raised inside api.common.Parser, which ninja wraps in a 400) is the 422
    naming the field, like any other invalid field."""
    invalid = request_invalid(api)

    def handler(request, exc: HttpError):
        if isinstance(exc.__cause__, ValidationError):
            return invalid(request, exc.__cause__)
        return problem(api, request, exc.status_code, str(exc))

    return handler


def service_refused(api):
    """A service's ValidationError by field: 422 naming each field (nothing was saved)."""

    def handler(request, exc: DjangoValidationError):
        errors = []
        # A read's fields are its query parameters (the report's `start`, a filter), a
        # write's are in its body.
        where = "query" if request.method in ("GET", "HEAD") else "body"
        if hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                field = where if name == "__all__" else f"{where}.{name}"
                errors += [{"field": field, "reason": m} for m in messages]
        else:
            errors = [{"field": where, "reason": m} for m in exc.messages]
        extra = {}
        if isinstance(exc, LikelyDuplicate):
            extra["duplicate_of"] = exc.row.pk
        return problem(api, request, 422, "The request was refused.", errors=errors, **extra)

    return handler


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "description": "about:blank"},
        "title": {"type": "string", "description": "The HTTP status phrase"},
        "status": {"type": "integer", "description": "The HTTP status code"},
        "detail": {"type": "string", "description": "What went wrong, for a person"},
        "errors": {
            "type": "array",
            "description": "Validation errors: the field (body.date, query.cursor, "
            "header.Idempotency-Key) and the reason",
            "items": {
                "type": "object",
                "required": ["field", "reason"],
                "properties": {"field": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
        "duplicate_of": {
            "type": "integer",
            "description": "Id of the identical row saved minutes ago (send allow_duplicate)",
        },
    },
}
# Every operation may answer these (with a body of PROBLEM_SCHEMA).
PROBLEM_STATUSES = {
    "400": "The body could not be read as JSON",
    "401": "No credentials, or a revoked or expired token",
    "403": "The caller's role or token may not do this (e.g. a read-only token writes)",
    "404": "No such record in the caller's programs",
    "409": "The record changed since the version sent: nothing was saved",
    "422": "Invalid input: `errors` names each field and reason; nothing was saved",
    "429": "Too many requests for this token",
}


def document_problems(schema: dict) -> dict:
    """Add the Problem component and the problem answers to every operation of an
    OpenAPI schema (in place; returned for chaining)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    content = {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for status, description in PROBLEM_STATUSES.items():
                responses[status] = {"description": description, "content": content}
    return schema


def install(api) -> None:
    """Register the problem-details handlers on a NinjaAPI."""
    api.add_exception_handler(ValidationError, request_invalid(api))
    api.add_exception_handler(DjangoValidationError, service_refused(api))
    api.add_exception_handler(
        AuthenticationError,
        lambda request, exc: problem(
            api, request, 401, "Send a bearer token (Authorization: Bearer ...) or sign in."
        ),
    )
    api.add_exception_handler(
        Http404, lambda request, exc: problem(api, request, 404, "No such record.")
    )
    api.add_exception_handler(
        PermissionDenied,
        lambda request, exc: problem(api, request, 403, str(exc) or "Not allowed."),
    )
    api.add_exception_handler(
        NinjaThrottled,
        lambda request, exc: problem(api, request, 429, "Too many requests: slow down."),
    )
    api.add_exception_handler(HttpError, http_error(api))
    # The net under api.common.Id: a number past a 64-bit integer anywhere else in a
    # request (a body's count, say) reaches the database, whose driver refuses it. Nothing
    # has been written then: the driver refuses the value before the statement runs.
    api.add_exception_handler(
        OverflowError,
        lambda request, exc: problem(
            api, request, 422, "A number in the request is too large (at most 2^63 - 1)."
        ),
    )
