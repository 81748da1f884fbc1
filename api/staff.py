"""/staff: the programs' teams, read only (issue 22). Every staff member sees their
program's team, as the workspace's colleague choosers do (StaffMember.for_user)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from api.common import Id, PageQuery, page, page_schema, refuse_unknown_parameters
from ips.models import StaffMember
from ips.roles import Role

router = Router(tags=["staff"])


class StaffOut(Schema):
    id: int
    program_id: int
    name: str = Field(description="The staff member's full name (or username)")
    role: str = Field(description="specialist, coach, supervisor or director")
    fte: Decimal = Field(description="Share of a full-time post: more than 0, at most 1")
    active: bool = Field(description="Still working in the program")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name


class StaffFilter(Schema):
    program: Id | None = Field(None, description="Only this program's team (a program id)")
    role: Literal[tuple(Role.values)] | None = Field(None, description="Only this role")  # type: ignore[valid-type]
    active: bool | None = Field(None, description="true: still working; false: left")


StaffPage = page_schema("StaffPage", StaffOut)


def _staff(request):
    return StaffMember.objects.for_user(request.user)


@router.get("/staff", response=StaffPage)
def list_staff(request, query: Query[PageQuery], filters: Query[StaffFilter]):
    """The teams of the caller's programs."""
    refuse_unknown_parameters(request, StaffFilter)
    rows = _staff(request)
    if filters.program is not None:
        rows = rows.filter(program_id=filters.program)
    if filters.role is not None:
        rows = rows.filter(role=filters.role)
    if filters.active is not None:
        rows = rows.filter(active=filters.active)
    return page(request, rows, query)


@router.get("/staff/{staff_id}", response=StaffOut)
def get_staff(request, staff_id: Id):
    return get_object_or_404(_staff(request), pk=staff_id)
