"""/matches: the recommender's stored matches of job seekers and openings, read only
(issue 22). Casework roles of the program (Match.for_user); reads land in the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from api.common import (
    Id,
    PageQuery,
    audit_list,
    audit_read,
    page,
    page_schema,
    refuse_unknown_parameters,
)
from jobseekers.models import Match

router = Router(tags=["matches"])


class MatchOut(Schema):
    id: int
    program_id: int
    seeker_id: int
    opening_id: int
    score: float = Field(description="How well the opening fits the person (higher fits better)")
    rank: int = Field(description="The opening's place in the person's list (1 first; 0 unranked)")
    reasons: list[Any] = Field(description="Why it fits, in plain words")
    distance_miles: float | None = Field(description="Home to workplace, in miles (null: unknown)")
    model_version: str = Field(description="The recommender's weights used")
    computed_at: dt.datetime = Field(description="ISO 8601 date and time")


class MatchFilter(Schema):
    seeker: Id | None = Field(None, description="Only this job seeker's matches (an id)")
    opening: Id | None = Field(None, description="Only matches to this opening (an id)")
    program: Id | None = Field(None, description="Only this program's (a program id)")
    include_declined: bool = Field(
        False,
        description="Also list the matches staff marked not suitable for the person "
        "(left out by default, as on the workspace screens)",
    )


MatchPage = page_schema("MatchPage", MatchOut)


def matches(request):
    return Match.objects.for_user(request.user).filter(seeker__erased_at__isnull=True)


@router.get("/matches", response=MatchPage)
def list_matches(request, query: Query[PageQuery], filters: Query[MatchFilter]):
    """Stored matches, without those staff marked not suitable unless
    `include_declined=true`; the audit trail notes how many were read, per program."""
    refuse_unknown_parameters(request, MatchFilter)
    rows = matches(request)
    if not filters.include_declined:
        rows = rows.not_declined()
    for name in ("seeker", "opening", "program"):
        value = getattr(filters, name)
        if value is not None:
            rows = rows.filter(**{f"{name}_id": value})
    return audit_list(request, "matches", page(request, rows, query))


@router.get("/matches/{match_id}", response=MatchOut)
def get_match(request, match_id: Id):
    """One match; the read lands in the audit trail."""
    row = get_object_or_404(matches(request), pk=match_id)
    audit_read(request, row, "match")
    return row
