"""Query budgets of the list endpoints (issue 22): the same, pinned number of queries for
a page of 2 rows and a page of 12 rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ips.roles import Role
from tests.factories import (
    CareerProfileFactory,
    EmployerContactFactory,
    EmployerFactory,
    JobFactory,
    JobOpeningFactory,
    JobSeekerFactory,
    MatchFactory,
    StaffMemberFactory,
    StatusCheckInFactory,
    TimeEntryFactory,
)

pytestmark = pytest.mark.django_db

# The token with its user, the user's roles, the page; +1 INSERT into the audit trail for
# the job seekers; +1 prefetch of the contacts' job seekers. (The token's first use also
# writes `last_used_at`, at most every 5 minutes: the warm-up request takes it.)
BUDGET = {
    "/api/v1/programs": 3,
    "/api/v1/seekers": 4,
    "/api/v1/employers": 3,
    "/api/v1/openings": 3,
    "/api/v1/employer-contacts": 4,
    "/api/v1/staff": 3,
    "/api/v1/career-profiles": 7,  # +3 prefetches (occupations wanted, ruled out; employers)
    "/api/v1/jobs": 4,
    "/api/v1/time-entries": 3,
    "/api/v1/check-ins": 4,
    "/api/v1/matches": 4,
}


def _add(program, specialist, n: int) -> None:
    for _ in range(n):
        employer = EmployerFactory(program=program)
        JobOpeningFactory(employer=employer)
        seeker = JobSeekerFactory(program=program, specialist=specialist)
        EmployerContactFactory(employer=employer, specialist=specialist, seekers=[seeker])
        opening = JobOpeningFactory(employer=employer)
        CareerProfileFactory(seeker=seeker)
        JobFactory(seeker=seeker, employer=employer, opening=opening)
        MatchFactory(seeker=seeker, opening=opening)
        StatusCheckInFactory(seeker=seeker)
        TimeEntryFactory(staff=StaffMemberFactory(program=program))


def _count(client, path, auth) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=auth)
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize("path", list(BUDGET))
def test_a_list_costs_the_same_queries_at_two_sizes(
    client, path, program, staff, secrets_by_caller
):
    auth = {"Authorization": secrets_by_caller["supervisor"]}
    specialist = staff[Role.SPECIALIST]
    _add(program, specialist, 1)
    client.get(path, headers=auth)  # warm-up: the token's first use notes `last_used_at`
    small = _count(client, path, auth)
    _add(program, specialist, 10)
    large = _count(client, path, auth)
    assert large[1] > small[1] or path == "/api/v1/programs"
    assert small[0] == large[0] == BUDGET[path], (small, large)
