"""API fixtures: rows in both programs and a bearer token for every kind of caller."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from api.models import ApiToken
from api.tokens import create_personal_token, create_service_token
from employers.models import EmployerContact
from ips.roles import Role
from tests.factories import (
    CareerProfileFactory,
    EmployerContactFactory,
    EmployerFactory,
    JobFactory,
    JobOpeningFactory,
    JobSeekerFactory,
    MatchFactory,
    StatusCheckInFactory,
    TimeEntryFactory,
)

DAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()  # the per-token throttle counts in the cache
    yield
    cache.clear()


@pytest.fixture
def rows(program, other_program, staff, other_staff, seeker, other_seeker):
    """One employer, opening and contact in each program; the home contact names `seeker`.
    In each program also a career profile, match and check-in of its seeker, a job of
    another seeker (`worker`: a coach sees them, not `seeker`) and a time entry of its
    specialist."""
    employer = EmployerFactory(program=program, name="Corner Bakery")
    other_employer = EmployerFactory(program=other_program, name="Far Foundry")
    contact = EmployerContactFactory(
        employer=employer, specialist=staff[Role.SPECIALIST], date=DAY, seekers=[seeker]
    )
    other_contact = EmployerContactFactory(
        employer=other_employer, specialist=other_staff[Role.SPECIALIST], date=DAY
    )
    opening = JobOpeningFactory(employer=employer)
    other_opening = JobOpeningFactory(employer=other_employer)
    worker = JobSeekerFactory(program=program, specialist=staff[Role.SPECIALIST])
    other_worker = JobSeekerFactory(program=other_program, specialist=other_staff[Role.SPECIALIST])
    return {
        "program": program,
        "other_program": other_program,
        "employer": employer,
        "other_employer": other_employer,
        "opening": opening,
        "other_opening": other_opening,
        "contact": contact,
        "other_contact": other_contact,
        "seeker": seeker,
        "other_seeker": other_seeker,
        "staff": staff[Role.SPECIALIST],
        "other_staff": other_staff[Role.SPECIALIST],
        "profile": CareerProfileFactory(seeker=seeker),
        "other_profile": CareerProfileFactory(seeker=other_seeker),
        "job": JobFactory(seeker=worker, employer=employer),
        "other_job": JobFactory(seeker=other_worker, employer=other_employer),
        "match": MatchFactory(seeker=seeker, opening=opening),
        "other_match": MatchFactory(seeker=other_seeker, opening=other_opening),
        "check_in": StatusCheckInFactory(seeker=seeker),
        "other_check_in": StatusCheckInFactory(seeker=other_seeker),
        "time_entry": TimeEntryFactory(staff=staff[Role.SPECIALIST]),
        "other_time_entry": TimeEntryFactory(staff=other_staff[Role.SPECIALIST]),
    }


@pytest.fixture
def secrets_by_caller(users, outsider, superuser, program, rows):
    """{caller: "Bearer ..." header value}: each role's personal token, the other
    program's specialist, a superuser, a read-only service token, a revoked and an
    expired personal token (of the home specialist)."""
    found = {}
    for role, user in users.items():
        found[role] = create_personal_token(user=user, name=f"{role} laptop")[1]
    found["outsider"] = create_personal_token(user=outsider, name="outsider")[1]
    found["superuser"] = create_personal_token(user=superuser, name="root")[1]
    found["service"] = create_service_token(
        by=users[Role.DIRECTOR], program=program, name="State reporting"
    )[1]
    revoked, found["revoked"] = create_personal_token(user=users[Role.SPECIALIST], name="old")
    revoked.revoked_at = timezone.now()
    revoked.save()
    expired, found["expired"] = create_personal_token(user=users[Role.SPECIALIST], name="gone")
    ApiToken.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    return {caller: f"Bearer {secret}" for caller, secret in found.items()}


def contacts() -> int:
    return EmployerContact.objects.count()
