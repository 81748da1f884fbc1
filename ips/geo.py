"""Shared geography: offline US ZIP centroids, distances, and the geocoder.

Pure helpers (no Django import) plus `default_geocoder()`, which reads settings.
Tests never reach the network: Nominatim is off by default (USE_NOMINATIM) and
every caller accepts an injected geocoder.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy loads in haversine_miles_many only: this module loads at start-up
    import numpy as np

EARTH_RADIUS_MILES = 3958.7613
ZIP_RE = re.compile(r"^\s*([0-9]{5})(?:-[0-9]{4})?\s*$")  # ASCII digits: "４８２２６" is no ZIP


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    source: str  # a GeocodeSource value: "zip_centroid", "nominatim", "manual"


Geocoder = Callable[[str, str], Location | None]  # (address, zip) -> Location | None


def normalise_zip(value: str | None) -> str | None:
    """The 5-digit ZIP in `value`, or None when it is not a US ZIP code."""
    match = ZIP_RE.match(value or "")
    return match.group(1) if match else None


def zip_centroid(zip_code: str | None) -> tuple[float, float] | None:
    """(latitude, longitude) of a US ZIP code's centre, offline: the `zipcodes` package's
    figures, read from a compact table (ips.zip_table; the package itself holds 40 MB of
    records per worker once asked)."""
    from ips.zip_table import centroid

    code = normalise_zip(zip_code)
    if code is None:
        return None
    return centroid(code)


def is_known_zip(zip_code: str | None) -> bool:
    return zip_centroid(zip_code) is not None


def offline_geocode(address: str, zip_code: str) -> Location | None:
    """The ZIP centroid: the offline fallback, and the default."""
    point = zip_centroid(zip_code)
    return Location(point[0], point[1], "zip_centroid") if point else None


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def haversine_miles_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Distances in miles from one point to many (vectorised)."""
    import numpy as np

    p1 = np.radians(lat)
    p2 = np.radians(np.asarray(lats, dtype=float))
    dp = p2 - p1
    dl = np.radians(np.asarray(lons, dtype=float) - lon)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def bounding_box(lat: float, lon: float, miles: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) enclosing a circle: a cheap index pre-filter."""
    dlat = miles / 69.0
    dlon = miles / max(1e-6, 69.0 * math.cos(math.radians(lat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def nominatim_geocoder(user_agent: str, domain: str, min_delay_seconds: float = 1.0) -> Geocoder:
    """geopy's Nominatim behind its usage policy's rate limit, falling back to the ZIP centroid."""
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    limited = RateLimiter(
        Nominatim(user_agent=user_agent, domain=domain).geocode,
        min_delay_seconds=min_delay_seconds,
        max_retries=2,
        swallow_exceptions=False,
    )

    def geocode(address: str, zip_code: str) -> Location | None:
        if address.strip():
            found = limited(f"{address}, {zip_code}, USA" if zip_code else address, timeout=10)
            if found is not None:
                return Location(found.latitude, found.longitude, "nominatim")
        return offline_geocode(address, zip_code)

    return geocode


def default_geocoder() -> Geocoder:
    """Nominatim when USE_NOMINATIM is on, else the offline ZIP centroid."""
    from django.conf import settings

    if settings.USE_NOMINATIM:
        return nominatim_geocoder(settings.NOMINATIM_USER_AGENT, settings.NOMINATIM_DOMAIN)
    return offline_geocode
