"""Builders for follow-along tests: employers, jobs with the support plan a start opens."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coaching.services import open_support_plan
from employers.models import Employer
from jobseekers.models import Job


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def employer(program) -> Employer:
    return Employer.objects.create(program=program, name="Corner Bakery", zip="48226")


@pytest.fixture
def other_employer(other_program) -> Employer:
    return Employer.objects.create(program=other_program, name="South Diner", zip="48502")


@pytest.fixture
def make_job(employer):
    """A Job row for a seeker, started `days_ago` days ago, with its (empty) support plan;
    its retention checks and first-month weeks are derived, nothing else to make."""

    def build(seeker, *, days_ago: int = 0, announce: bool = True, **fields) -> Job:
        fields.setdefault("title", "Baker's assistant")
        fields.setdefault(
            "employer",
            employer if seeker.program_id == employer.program_id else _employer_for(seeker),
        )
        job = Job.objects.create(
            program=seeker.program,
            seeker=seeker,
            start_date=timezone.localdate() - dt.timedelta(days=days_ago),
            **fields,
        )
        if announce:
            open_support_plan(job=job)
        return job

    return build


def _employer_for(seeker) -> Employer:
    return Employer.objects.get_or_create(program=seeker.program, name="Other Employer")[0]


@pytest.fixture
def job(make_job, seeker) -> Job:
    return make_job(seeker, days_ago=3)


@pytest.fixture
def other_job(make_job, other_seeker) -> Job:
    return make_job(other_seeker, days_ago=3)
