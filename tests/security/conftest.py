"""Helpers for the bad-input tests: a count of every row an import could write."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from coaching.models import SupportContact
from employers.models import Employer, EmployerContact
from ips.models import MentalHealthTeam, Program, StaffMember, TimeEntry
from jobseekers.models import CareerProfile, Job, JobSeeker

WRITTEN_BY_IMPORT = (
    Program,
    StaffMember,
    Employer,
    EmployerContact,
    JobSeeker,
    CareerProfile,
    MentalHealthTeam,
    Job,
    SupportContact,
    TimeEntry,
)
# `file:line: column: reason`, as spec/interchange.md prints an import problem.
ERROR_LINE = re.compile(r"^[\w.-]+\.(csv|xlsx):\d+: [^\n]+?: \S[^\n]*$")


def row_counts() -> dict[str, int]:
    """How many rows each model an import writes holds now (users too)."""
    counts = {model.__name__: model.objects.count() for model in WRITTEN_BY_IMPORT}
    counts["User"] = get_user_model().objects.count()
    return counts


@pytest.fixture
def counts():
    """Call it to read the row counts; compare before and after."""
    return row_counts


@pytest.fixture
def make_opening(program):
    """An open, shareable opening in the program (tests/cms builder)."""
    from tests.cms.conftest import build_opening

    def make(**fields):
        return build_opening(program, **fields)

    return make


@pytest.fixture
def openings_url(db):
    from cms.models import OpeningsIndexPage

    return OpeningsIndexPage.objects.get(locale__language_code="en").url
