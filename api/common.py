"""What every API v1 resource module shares: cursor pages (`page`, `page_schema`,
`PageQuery`) and the `Idempotency-Key` header of writes. A resource module defines a ninja
`Router` and `api.v1` adds it."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from ninja import Field, Header, Schema
from ninja.errors import ValidationError as RequestInvalid
from ninja.pagination import CursorPagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Paginator(CursorPagination):
    """ninja's cursor pagination over the primary key; a forged cursor is a 422, not a
    500 (the position must be a whole number)."""

    def _find_position(self, queryset, cursor):
        if cursor.p is not None and not str(cursor.p).isdigit():
            raise RequestInvalid([{"loc": ("query", "cursor"), "msg": "Invalid cursor"}])
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
    """One page of `queryset` in id order: {next, previous, results}."""
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


IdempotencyKey = Annotated[
    uuid.UUID | None,
    Header(
        alias="Idempotency-Key",
        description="A UUID made by the client for this entry: a retry with the same key "
        "returns the first response and records nothing new.",
    ),
]
