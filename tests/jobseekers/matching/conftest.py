"""Builders for the recommender's database tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from employers.models import Employer, EmployerContact, JobOpening
from ips.models import Occupation
from jobseekers.models import CareerProfile, JobSeeker

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


@pytest.fixture
def outcome_world(program, staff, make_employer, make_opening, make_profile):
    """Twelve people; 'asked-for' openings (exact kind of work, unknown employer) and
    'known-employer' openings (a related kind of work at an employer visited often)."""
    known = make_employer("Well Known Cafe")
    today = timezone.localdate()
    for i in range(6):
        EmployerContact.objects.create(
            program=program,
            date=today - dt.timedelta(days=i),
            specialist=staff["specialist"],
            employer=known,
            mode=EmployerContact.Mode.FACE_TO_FACE,
        )
    asked = [make_opening("Line cook", code="35-2014.00") for _ in range(3)]
    related = [make_opening("Server", code="35-3031.00", employer=known) for _ in range(3)]
    people = []
    for i in range(12):
        person = JobSeeker.objects.create(program=program, name=f"Person {i}", zip="48226")
        make_profile(person, interests="", wanted_job_titles="")
        people.append(person)
    return people, asked, related
