"""Geocoding tasks: retry on provider errors, fall back to the ZIP centre offline."""

import pytest
from geopy.exc import GeocoderUnavailable

from employers import tasks
from ips.geo import Location
from tests.employers.conftest import make_employer, make_opening


def flaky_geocoder(failures: int):
    calls = {"n": 0}

    def geocode(address, zip_code):
        calls["n"] += 1
        if calls["n"] <= failures:
            raise GeocoderUnavailable("provider down")
        return Location(42.0, -83.0, "nominatim")

    geocode.calls = calls
    return geocode


@pytest.fixture
def worker_mode(settings, monkeypatch):
    """Tasks as a celery worker runs them (retries, no propagation); still in-process."""
    from ips.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


def test_opening_task_retries_provider_errors_then_saves_the_street_location(
    program, monkeypatch, worker_mode
):
    geocoder = flaky_geocoder(failures=2)
    monkeypatch.setattr(tasks, "default_geocoder", lambda: geocoder)
    opening = make_opening(make_employer(program, address="1 Main St"))
    tasks.locate_opening_task.apply(args=[opening.pk])
    opening.refresh_from_db()
    assert geocoder.calls["n"] == 3
    assert (opening.latitude, opening.geocode_source) == (42.0, "nominatim")


def test_opening_task_falls_back_to_the_zip_centre_when_the_provider_stays_down(
    program, monkeypatch, worker_mode
):
    geocoder = flaky_geocoder(failures=99)
    monkeypatch.setattr(tasks, "default_geocoder", lambda: geocoder)
    opening = make_opening(make_employer(program, zip="48226"))
    tasks.locate_opening_task.apply(args=[opening.pk])
    opening.refresh_from_db()
    assert geocoder.calls["n"] == tasks.MAX_RETRIES + 1
    assert opening.geocode_source == "zip_centroid"
    assert opening.latitude == pytest.approx(42.33, abs=0.1)


def test_task_for_a_deleted_row_does_nothing(db):
    assert tasks.locate_opening_task.apply(args=[999999]).get() is False
    assert tasks.locate_employer_task.apply(args=[999999]).get() is False


def test_unknown_zip_leaves_the_opening_unlocated(program):
    opening = make_opening(make_employer(program, zip=""), zip="")
    assert tasks.locate_opening_task.apply(args=[opening.pk]).get() is False
    opening.refresh_from_db()
    assert not opening.has_location


def test_embedded_mode_falls_back_to_the_zip_centre_without_retrying(program, monkeypatch):
    geocoder = flaky_geocoder(failures=99)
    monkeypatch.setattr(tasks, "default_geocoder", lambda: geocoder)
    employer = make_employer(program, zip="48226", address="1 Main St")
    assert tasks.locate_employer_task.delay(employer.pk).get() is True
    employer.refresh_from_db()
    assert geocoder.calls["n"] == 1
    assert employer.geocode_source == "zip_centroid"
