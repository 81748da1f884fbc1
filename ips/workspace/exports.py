"""Listing exports as people read them (red team, issue 17: the CSV/XLSX wrote "job_search",
"face_to_face", "True" and "20.0", and named a person only by agency reference).

No listing export is a contract (spec/interchange.md names the import's files and the
report, never a listing's download), so the values are the words the screens show: a
choice's label, Yes/No, whole numbers without ".0", staff and job seekers by name. Dates
and times stay dates and times (ISO in a CSV, date cells in a workbook) so a spreadsheet
sorts and sums them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from ips.audit import SEEKER_LABEL
from ips.models import StaffMember

SEEKER_NAME_HEADING = "Job seeker"
SEEKER_REF_HEADING = "Job seeker reference"
CENTS = Decimal("0.01")


def export_field(model: type[models.Model], path: str) -> models.Field | None:
    """The model field at the end of an export path ("seeker__ref", "employer.name"), or
    None when the path names a method, a property or an annotation."""
    field = None
    for part in path.replace(".", "__").split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model
    return field


def export_relations(model: type[models.Model], paths: list[str]) -> list[str]:
    """The forward links an export's columns follow ("program", "seeker", a staff member
    and their user for the name), for `select_related`: each cell is read from the rows'
    own query, not one query a row (issue 17's readable exports named staff, programs and
    people through their links)."""
    found = set()
    for path in paths:
        chain, current = [], model
        for part in path.replace(".", "__").split("__"):
            try:
                field = current._meta.get_field(part)
            except FieldDoesNotExist:
                break
            if not (field.concrete and (field.many_to_one or field.one_to_one)):
                break
            chain.append(part)
            current = field.related_model
        if chain:
            if current is StaffMember:
                chain.append("user")  # its display name
            found.add("__".join(chain))
    return sorted(found)


def _seeker_path(model: type[models.Model], path: str, last: str) -> str | None:
    """The path to the job seeker ("seeker") when `path` is that seeker's `last` field
    ("seeker__ref"), else None."""
    parts = path.replace(".", "__").split("__")
    if len(parts) < 2 or parts[-1] != last:
        return None
    link = "__".join(parts[:-1])
    return link if _is_seeker_link(model, link) else None


def _is_seeker_link(model: type[models.Model], path: str) -> bool:
    """Whether `path` ("seeker", "job__seeker") ends at a link to the job seeker (whose
    export cell is the person's name)."""
    related = getattr(export_field(model, path), "related_model", None)
    return related is not None and related._meta.label == SEEKER_LABEL


def with_seeker_names(model: type[models.Model], columns: list[str]) -> list[str]:
    """The export's columns with a "Job seeker" name column after each job seeker
    reference that has no name beside it (a person is read by name; the reference stays
    for matching rows with the agency's records)."""
    named = {_seeker_path(model, c, "name") for c in columns} - {None}
    named |= {c.replace(".", "__") for c in columns if _is_seeker_link(model, c)}
    out = []
    for column in columns:
        out.append(column)
        seeker = _seeker_path(model, column, "ref")
        if seeker is not None and seeker not in named:
            out.append(f"{seeker}__name")
    return out


def seeker_headings(model: type[models.Model], columns: list[str]) -> dict[str, str]:
    """Plain headings for a job seeker's name and reference ("Job seeker", "Job seeker
    reference") where a column is, or follows, a link to the person."""
    headings = {}
    for column in columns:
        if _seeker_path(model, column, "name") or _is_seeker_link(model, column):
            headings[column] = SEEKER_NAME_HEADING
        elif _seeker_path(model, column, "ref"):
            headings[column] = SEEKER_REF_HEADING
    return headings


def _number(value: Decimal, field: models.Field | None) -> int | Decimal:
    """20.0 -> 20; money keeps its cents (15.50); other figures their digits (2.50 -> 2.5)."""
    if value == value.to_integral_value():
        return int(value)
    if field is not None and "wage" in field.name:
        return value.quantize(CENTS)
    return value.normalize()


def _labels(field: models.Field | None) -> dict[Any, Any]:
    """A choice field's labels by stored value (an array field's, of its items); {} else."""
    field = getattr(field, "base_field", field)
    if field is None or field.is_relation or not field.choices:
        return {}
    return dict(field.flatchoices)


def readable(field: models.Field | None, value: Any) -> Any:
    """One export cell as people read it; numbers, dates and times keep their type (the
    CSV writes them in ISO form, the workbook as number and date cells)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if labels := _labels(field):
        if isinstance(value, list | tuple):  # several choices in one field
            return ", ".join(str(labels.get(v, v)) for v in value)
        return str(labels.get(value, value))
    if isinstance(value, StaffMember):
        return value.display_name  # "Maria Lopez", as the listing shows, not the label
    if isinstance(value, Decimal):
        return _number(value, field)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.replace(tzinfo=None, microsecond=0)
    if isinstance(value, models.Model):
        return str(value)
    return value


def xlsx_number_format(value: Any) -> str | None:
    """The cell format showing a value as the CSV writes it: ISO dates and times, money
    and other decimals with their digits; None for Excel's General."""
    if isinstance(value, dt.datetime):
        return "yyyy-mm-dd hh:mm:ss"
    if isinstance(value, dt.date):
        return "yyyy-mm-dd"
    if isinstance(value, Decimal):
        places = -int(value.as_tuple().exponent)
        return "0." + "0" * places if places > 0 else None
    return None
