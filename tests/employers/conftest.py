"""Builders for the employer CRM tests."""

from __future__ import annotations

import pytest

from employers.models import Employer, EmployerContact, JobOpening
from ips.roles import Role
from tests.conftest import TODAY  # a Wednesday; its ISO week runs 23-29 November (frozen_today)


def make_employer(program, name="Corner Cafe", zip="48226", **extra) -> Employer:
    return Employer.objects.create(program=program, name=name, zip=zip, **extra)


def make_contact(specialist, employer, date=TODAY, mode="face_to_face", **extra) -> EmployerContact:
    return EmployerContact.objects.create(
        program=specialist.program,
        specialist=specialist,
        employer=employer,
        date=date,
        mode=mode,
        **extra,
    )


def make_opening(employer, title="Line cook", **extra) -> JobOpening:
    return JobOpening.objects.create(
        program=employer.program, employer=employer, title=title, **extra
    )


@pytest.fixture
def employer(program):
    return make_employer(program, latitude=42.33, longitude=-83.05)


@pytest.fixture
def other_employer(other_program):
    return make_employer(other_program, name="Far Away Foods", zip="48502")


@pytest.fixture
def specialist(staff):
    return staff[Role.SPECIALIST]
