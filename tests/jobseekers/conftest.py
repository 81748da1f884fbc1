"""Builders for the job-seeker tests."""

from __future__ import annotations

import datetime as dt

import pytest

from employers.models import Employer, EmployerContact


@pytest.fixture
def employer(program):
    return Employer.objects.create(program=program, name="Corner Bakery", zip="48226")


@pytest.fixture
def other_employer(other_program):
    return Employer.objects.create(program=other_program, name="Far Diner", zip="48502")


@pytest.fixture
def make_contact(program, staff):
    def make(*, seekers=(), date: dt.date, mode: str = "face_to_face", employer=None):
        employer = employer or Employer.objects.get_or_create(program=program, name="Contacted")[0]
        contact = EmployerContact.objects.create(
            program=program,
            date=date,
            specialist=staff["specialist"],
            employer=employer,
            mode=mode,
        )
        for seeker in seekers:
            seeker.employer_contacts.add(contact)
        return contact

    return make
