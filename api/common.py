"""What every API v1 resource module shares: cursor pages (`page`, `page_schema`,
`PageQuery`) and the `Idempotency-Key` header of writes. A resource module defines a ninja
`Router` and `api.v1` adds it."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Any

from annotated_types import Ge, Le
from django.core.exceptions import PermissionDenied
from ninja import Field, Header, Schema
from ninja.errors import ValidationError as RequestInvalid
from ninja.pagination import CursorPagination
from ninja.parser import Parser as NinjaParser
from pydantic import AfterValidator, BeforeValidator
from pydantic import ValidationError as PydanticInvalid

from ips.audit import record_event, record_rows_shown, rows_by_program
from ips.domain import date_problem, text_problem
from ips.models import StaffMember
from ips.permissions import allowed_in_program
from ips.roles import CASEWORK_ROLES, program_ids

PAGE_SIZE = 50
# The largest row id either database stores (a signed 64-bit integer: PostgreSQL's bigint,
# SQLite's INTEGER); a larger number in a query made SQLite raise OverflowError (a 500).
MAX_ID = 2**63 - 1
# A row id in a path or a filter: a whole number from 1 to MAX_ID, else a 422 naming it.
Id = Annotated[int, Ge(1), Le(MAX_ID)]
MAX_PAGE_SIZE = 200


_BAD_CURSOR = [{"loc": ("query", "cursor"), "msg": "Invalid cursor"}]


class Paginator(CursorPagination):
    """ninja's cursor pagination over the primary key; a forged cursor is a 422, not a
    500: one ninja's own model refuses (a negative or huge offset, a direction that is not
    a yes or no, bad base64) or whose position is not a whole number."""

    def _find_position(self, queryset, cursor):
        if cursor.p is not None and not str(cursor.p).isdigit():
            raise RequestInvalid(_BAD_CURSOR)
        return super()._find_position(queryset, cursor)


_PAGINATOR = Paginator(ordering=("id",), page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)


class PageQuery(Schema):
    cursor: str | None = Field(
        None, description="Opaque: copy it from a page's `next` or `previous` URL"
    )
    page_size: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description=f"Rows a page (default {PAGE_SIZE})"
    )


def page(request, queryset, query: PageQuery) -> dict[str, Any]:
    """One page of `queryset` in id order: {next, previous, results}. RequestInvalid (a
    422 on `query.cursor`) for a cursor that was not one of ours."""
    try:
        Paginator.Cursor.from_encoded_param(query.cursor)
    except (PydanticInvalid, RequestInvalid, ValueError):
        raise RequestInvalid(_BAD_CURSOR) from None
    return _PAGINATOR.paginate_queryset(
        queryset, Paginator.Input(cursor=query.cursor, page_size=query.page_size), request
    )


def page_schema(name: str, item: type[Schema]) -> type[Schema]:
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {"next": str | None, "previous": str | None, "results": list[item]},
            "__doc__": f"A page of {item.__name__}: follow `next` (a URL) for the next page.",
        },
    )


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD text (or a date) is a date: pydantic would also read 0 or
    "1700000000" as a Unix time."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    raise ValueError("Give a date as YYYY-MM-DD")


def _day(value: dt.date) -> dt.date:
    problem = date_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _text(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(f"This text {problem}")
    return value


Day = Annotated[dt.date, BeforeValidator(_iso_day), AfterValidator(_day)]
"""An ISO 8601 date (YYYY-MM-DD) inside the input domain (1900-01-01..2100-12-31,
ips.domain): outside it, a 422 naming the field."""
Text = Annotated[str, AfterValidator(_text)]
"""Text without control characters (ips.domain): with one, a 422 naming the field."""

IdempotencyKey = Annotated[
    uuid.UUID | None,
    Header(
        alias="Idempotency-Key",
        description="A UUID made by the client for this entry: a retry with the same key "
        "returns the first response and records nothing new.",
    ),
]


# Who may do what ------------------------------------------------------------------------


def may_see_sensitive(request, program_id: int) -> bool:
    """Whether the caller reads a job seeker's sensitive fields (contact details, benefits,
    disclosure, PSR check-in answers) in `program_id`: the caller's role there must be a
    casework one (specialist, supervisor, director: the workspace's rule,
    `jobseekers.selectors.may_do_casework`), AND a token must carry the `sensitive` scope
    its owner or director granted when making it (`ApiToken.see_sensitive`). A signed-in
    session (the app's own pages) reads what its role shows in the workspace."""
    user = request.user
    if not (user.is_superuser or program_id in program_ids(user, CASEWORK_ROLES)):
        return False
    return request.auth.via == "session" or request.auth.see_sensitive


def refuse_unless_staff_writes(request) -> None:
    """PermissionDenied for a read-only token or a service token: every write the API
    offers is an entry a staff member makes (the row names them)."""
    if not request.auth.can_write:
        raise PermissionDenied("This token is read-only.")
    if request.auth.via == "service":
        raise PermissionDenied(
            "A service token cannot record this: it is a staff member's entry. "
            "Use that staff member's personal token."
        )


def acting_staff(request, program_id: int, permission: str) -> StaffMember:
    """The caller's active staff row in `program_id`, for a write a staff member makes (the
    row names them). PermissionDenied for a read-only or service token (a program's token is
    not a staff member), or when the caller's role there lacks `permission`
    ("app.action_model", ips.roles.ROLE_PERMISSIONS)."""
    refuse_unless_staff_writes(request)
    if not allowed_in_program(request.user, permission, program_id):
        raise PermissionDenied("Your role in this program does not record this.")
    member = StaffMember.objects.filter(
        user=request.user, program_id=program_id, active=True
    ).first()
    if member is None:
        raise PermissionDenied("Only staff of the program record this.")
    return member


def audit_read(request, obj, what: str) -> None:
    """One audit event for reading `obj`, a row about a job seeker (ips.audit)."""
    record_event(
        request=request, action="view", obj=obj, summary=f"API {what} read by {request.auth.via}"
    )


def audit_list(request, what: str, shown: dict[str, Any]) -> dict[str, Any]:
    """Note in the audit trail how many rows about job seekers a list page showed, per
    program; returns the page unchanged."""
    record_rows_shown(
        request=request, what=f"API {what} list", counts=rows_by_program(shown["results"])
    )
    return shown


# Filters --------------------------------------------------------------------------------


def refuse_unknown_parameters(request, *schemas: type[Schema]) -> None:
    """A query parameter no schema declares is a 422 naming it: a misspelt filter is never
    silently ignored (the list would look filtered and not be)."""
    known = {"cursor", "page_size"}
    for schema in schemas:
        for name, info in schema.model_fields.items():
            known.add(info.alias or name)
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise RequestInvalid(
            [{"loc": ("query", name), "msg": "Not a filter of this list"} for name in unknown]
        )


def apply_filterset(request, filterset_class, queryset):
    """`queryset` filtered by the project's django-filter FilterSet (the same one the
    workspace listing uses) with the query string's values. A value the FilterSet refuses
    is a 422 naming `query.<field>` and the reason."""
    data = {k: v for k, v in request.GET.items() if k not in ("cursor", "page_size")}
    found = filterset_class(data, queryset=queryset, request=request)
    if not found.is_valid():
        raise RequestInvalid(
            [
                {"loc": ("query", name), "msg": " ".join(str(m) for m in messages)}
                for name, messages in found.errors.items()
            ]
        )
    return found.qs


def _nul_at(value: Any, where: tuple) -> tuple | None:
    """The path of the first text holding a NUL character in parsed JSON, else None."""
    if isinstance(value, str):
        return where if "\x00" in value else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _nul_at(item, (*where, key))
        if found is not None:
            return found
    return None


class Parser(NinjaParser):
    """ninja's JSON and query parsing, refusing text with a NUL character anywhere (a 422
    naming the field): PostgreSQL cannot store one, and no field of this API means one."""

    def parse_body(self, request):
        data = super().parse_body(request)
        found = _nul_at(data, ("body",))
        if found is not None:
            raise RequestInvalid([{"loc": found, "msg": "Text may not hold a NUL character"}])
        return data

    def parse_querydict(self, data, list_fields, request):
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise RequestInvalid(
                    [{"loc": ("query", key), "msg": "Text may not hold a NUL character"}]
                )
        return super().parse_querydict(data, list_fields, request)


KEY_OF_ANOTHER = (
    "This Idempotency-Key was used for another staff member's entry: nothing was saved. "
    "Make a new key for each entry."
)


def refuse_anothers_key(request, staff) -> None:
    """A replayed key answers the first response only to the staff member who made it: the
    same key sent by someone else is a 422 on the header (nothing is saved, and the other
    person's entry is not shown)."""
    if staff is None or staff.user_id != request.user.pk:
        raise RequestInvalid([{"loc": ("header", "Idempotency-Key"), "msg": KEY_OF_ANOTHER}])
