"""Geocoding job seekers: cached on the row with its source, offline by default."""

import pytest

from ips.geo import Location, default_geocoder, offline_geocode
from jobseekers.matching.services import locate_seeker
from jobseekers.matching.tasks import locate_seeker_task

pytestmark = pytest.mark.django_db


def test_seeker_is_located_from_the_profile_home_zip_with_its_source(seeker, make_profile):
    make_profile(seeker, home_zip="48104")
    calls = []

    def geocoder(address, zip_code):
        calls.append((address, zip_code))
        return Location(42.28, -83.74, "nominatim")

    assert locate_seeker(seeker_id=seeker.pk, geocoder=geocoder)
    seeker.refresh_from_db()
    assert calls == [("", "48104")]
    assert (seeker.latitude, seeker.longitude, seeker.geocode_source) == (
        42.28,
        -83.74,
        "nominatim",
    )
    assert seeker.geocoded_at is not None


def test_the_record_zip_is_used_when_the_profile_has_none(seeker, make_profile):
    make_profile(seeker, home_zip="")
    seen = []
    locate_seeker(seeker_id=seeker.pk, geocoder=lambda a, z: seen.append(z) or None)
    assert seen == ["48226"]


def test_offline_fallback_is_the_default_and_uses_the_zip_centroid(seeker, settings):
    settings.USE_NOMINATIM = False
    assert default_geocoder() is offline_geocode
    assert locate_seeker_task.delay(seeker.pk).get()
    seeker.refresh_from_db()
    assert seeker.geocode_source == "zip_centroid"
    assert seeker.latitude == pytest.approx(42.33, abs=0.05)
    assert seeker.longitude == pytest.approx(-83.05, abs=0.05)


def test_an_unknown_zip_keeps_earlier_coordinates(seeker, make_profile):
    seeker.latitude, seeker.longitude, seeker.geocode_source = 1.0, 2.0, "manual"
    seeker.save()
    make_profile(seeker, home_zip="00000")
    assert not locate_seeker(seeker_id=seeker.pk, geocoder=offline_geocode)
    seeker.refresh_from_db()
    assert (seeker.latitude, seeker.longitude, seeker.geocode_source) == (1.0, 2.0, "manual")


def test_provider_errors_are_retried_by_the_task():
    from geopy.exc import GeocoderServiceError

    assert GeocoderServiceError in locate_seeker_task.autoretry_for


def test_nightly_locating_covers_only_seekers_without_coordinates(seeker, other_seeker):
    from jobseekers.matching.tasks import locate_unlocated_seekers_task

    other_seeker.zip = "48104"
    other_seeker.latitude, other_seeker.longitude, other_seeker.geocode_source = 1.0, 2.0, "manual"
    other_seeker.save()
    assert locate_unlocated_seekers_task.delay().get() == 1
    seeker.refresh_from_db()
    other_seeker.refresh_from_db()
    assert seeker.geocode_source == "zip_centroid"
    assert (other_seeker.latitude, other_seeker.geocode_source) == (1.0, "manual")
