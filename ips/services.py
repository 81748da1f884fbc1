"""Writes of the program layer."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from ips.geo import Geocoder, default_geocoder


def locate(
    row: models.Model, *, address: str, zip_code: str, geocoder: Geocoder | None = None
) -> bool:
    """Geocode a GeoPoint row from an address and ZIP and cache the result with its source.

    Returns True when coordinates were found. Nothing is saved when none are found, so a
    failed lookup never erases earlier coordinates. Provider errors propagate for the
    calling task to retry.
    """
    found = (geocoder or default_geocoder())(address or "", zip_code or "")
    if found is None:
        return False
    row.latitude, row.longitude = found.latitude, found.longitude
    row.geocode_source = found.source
    row.geocoded_at = timezone.now()
    row.save(update_fields=["latitude", "longitude", "geocode_source", "geocoded_at"])
    return True
