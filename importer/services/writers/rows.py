"""What the writers share: matching a row to the existing ones by key, upserting a row,
geocoding a ZIP code, the span of dates in a file."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from importer.schema import Row
from importer.services.context import BATCH
from ips.geo import zip_centroid
from ips.models import GeocodeSource
from ips.search import fold_rows
from ips.versioning import bump_versions


def _geo(row_obj, zip_code: str) -> None:
    point = zip_centroid(zip_code) if zip_code else None
    if point and row_obj.latitude is None:
        row_obj.latitude, row_obj.longitude = point
        row_obj.geocode_source = GeocodeSource.ZIP_CENTROID
        row_obj.geocoded_at = timezone.now()


def _upsert(
    model, ctx_map: dict, rows: list[Row], build, fields: list[str]
) -> tuple[int, int, set[str]]:
    """Create the rows whose ref is new, update the others whose values changed, in bulk;
    returns (created, updated, refs of the stored rows left unchanged)."""
    attnames = [model._meta.get_field(name).attname for name in fields]  # no related fetch
    new, changed, unchanged = [], [], set()
    for row in rows:
        obj = ctx_map.get(row["ref"])
        fresh = obj is None
        before = None if fresh else [getattr(obj, name) for name in attnames]
        obj = build(row, obj)
        ctx_map[row["ref"]] = obj
        if fresh:
            new.append(obj)
        elif before != [getattr(obj, name) for name in attnames]:
            changed.append(obj)
        else:
            unchanged.add(row["ref"])
    model.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        # bulk_update writes without save(): the folded search columns are refreshed here.
        model.objects.bulk_update(changed, fold_rows(changed, fields), batch_size=BATCH)
        bump_versions(model, [obj.pk for obj in changed])  # forms opened before are now stale
    return len(new), len(changed), unchanged


def _match(existing: dict[tuple, list[int]], key: tuple) -> int | None:
    """Pop one existing row with this key: the same row imported twice is updated, not copied."""
    ids = existing.get(key)
    return ids.pop() if ids else None


def _existing_by_key(queryset, fields: list[str], key) -> dict[tuple, list[int]]:
    found: dict[tuple, list[int]] = defaultdict(list)
    for values in queryset.values("id", *fields):
        found[key(values)].append(values["id"])
    return found


def _dates(rows: list[Row]) -> tuple[dt.date, dt.date]:
    days = [r["date"] for r in rows]
    return min(days), max(days)
