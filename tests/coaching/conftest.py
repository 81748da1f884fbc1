"""Builders for follow-along tests: employers, jobs started through record_job_start."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from employers.models import Employer
from jobseekers.models import Job, JobSeeker
from jobseekers.services import record_job_start


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
    """A job start `days_ago` days ago, recorded through jobseekers.services.record_job_start
    (so coaching schedules it, as in production); `announce=False` writes the row only."""

    def build(seeker, *, days_ago: int = 0, announce: bool = True, **fields) -> Job:
        fields.setdefault("title", "Baker's assistant")
        fields.setdefault(
            "employer",
            employer if seeker.program_id == employer.program_id else _employer_for(seeker),
        )
        start_date = timezone.localdate() - dt.timedelta(days=days_ago)
        if announce:
            if seeker.entry_date is None:  # a bare row: on the caseload since the start
                seeker.entry_date, seeker.stage = start_date, JobSeeker.Stage.JOB_SEARCH
                seeker.save(update_fields=["entry_date", "stage"])
            return record_job_start(seeker=seeker, start_date=start_date, **fields)
        return Job.objects.create(
            program=seeker.program, seeker=seeker, start_date=start_date, **fields
        )

    return build


def _employer_for(seeker) -> Employer:
    return Employer.objects.get_or_create(program=seeker.program, name="Other Employer")[0]


@pytest.fixture
def job(make_job, seeker) -> Job:
    return make_job(seeker, days_ago=3)


@pytest.fixture
def other_job(make_job, other_seeker) -> Job:
    return make_job(other_seeker, days_ago=3)
