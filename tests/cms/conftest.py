"""Builders for the public site and portal tests."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from employers.models import Employer, JobOpening
from ips.geo import zip_centroid

_counter = itertools.count(1)


def build_opening(program, *, employer=None, zip_code="48226", **fields) -> JobOpening:
    """An open, shareable opening placed at its ZIP centre (override any field)."""
    if employer is None:
        employer = Employer.objects.create(program=program, name=f"Shop {next(_counter)}")
    lat, lon = zip_centroid(zip_code) or (None, None)
    values = {
        "title": "Kitchen helper",
        "hours_per_week": Decimal("20"),
        "schedule": JobOpening.Schedule.DAYTIME,
        "hourly_wage": Decimal("15.50"),
        "status": JobOpening.Status.OPEN,
        "shareable": True,
        "zip": zip_code,
        "latitude": lat,
        "longitude": lon,
        "geocode_source": "zip_centroid" if lat is not None else "",
    }
    values.update(fields)
    return JobOpening.objects.create(program=program, employer=employer, **values)


@pytest.fixture(autouse=True)
def _clear_cache():
    """The sign-in link throttle lives in the cache; each test starts without it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_opening(program):
    def make(**fields):
        return build_opening(program, **fields)

    return make


@pytest.fixture
def openings_url(db):
    from cms.models import OpeningsIndexPage

    return OpeningsIndexPage.objects.get(locale__language_code="en").url


@pytest.fixture
def anymail_backend(settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"


@pytest.fixture
def make_match(seeker):
    from jobseekers.models import Match

    def make(opening, *, for_seeker=None, rank=1, reasons=("5 miles, by bus",), score=0.8):
        who = for_seeker or seeker
        return Match.objects.create(
            program=who.program,
            seeker=who,
            opening=opening,
            score=score,
            rank=rank,
            reasons=list(reasons),
        )

    return make


@pytest.fixture
def portal_client(client, seeker_user):
    client.force_login(seeker_user)
    return client
