"""Builders for the recommender's database tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from employers.models import Employer, JobOpening
from ips.models import Occupation
from jobseekers.models import CareerProfile

# Downtown Detroit (48226) and places around it, by ZIP centroid.
NEAR_ZIP = "48226"
FAR_ZIP = "48104"  # Ann Arbor, about 36 miles


@pytest.fixture
def make_employer(program):
    def make(name="Corner Diner", zip_code=NEAR_ZIP, program_=None):
        return Employer.objects.create(program=program_ or program, name=name, zip=zip_code)

    return make


@pytest.fixture
def make_opening(program, make_employer):
    def make(title="Line cook", *, employer=None, code="35-2014.00", program_=None, **fields):
        prog = program_ or program
        employer = employer or make_employer(program_=prog)
        defaults = {
            "zip": employer.zip,
            "status": JobOpening.Status.OPEN,
            "hours_per_week": Decimal("20"),
            "hourly_wage": Decimal("15.00"),
            "description": "",
        }
        return JobOpening.objects.create(
            program=prog,
            employer=employer,
            title=title,
            occupation=Occupation.objects.filter(code=code).first() if code else None,
            **{**defaults, **fields},
        )

    return make


@pytest.fixture
def make_profile():
    def make(seeker, *, occupations=("35-2014.00",), **fields):
        defaults = {
            "program": seeker.program,
            "wanted_job_titles": "cook",
            "interests": "cooking",
            "travel_mode": "bus",
            "min_hours_per_week": Decimal("10"),
            "max_hours_per_week": Decimal("30"),
            "wanted_hourly_wage": Decimal("14.00"),
            "home_zip": NEAR_ZIP,
        }
        profile = CareerProfile.objects.create(seeker=seeker, **{**defaults, **fields})
        profile.preferred_occupations.set(Occupation.objects.filter(code__in=occupations))
        return profile

    return make


@pytest.fixture
def today():
    return dt.date(2026, 3, 2)
