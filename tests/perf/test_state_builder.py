"""A small run of the state-scale builder (issue 21 item 5), in the normal suite: the same
code `make bench ARGS="--scale state"` runs at 200 programs and 2,000,000 contacts."""

from __future__ import annotations

import pytest

from employers.models import EmployerContact, JobOpening
from ips.models import Program
from jobseekers.models import JobSeeker
from tests.perf.state import Scale, build, built

pytestmark = pytest.mark.django_db
TINY = Scale(programs=3, seekers=10, openings=20, employers=7, contacts=900)


def test_the_state_builder_writes_each_kind_once_with_unique_contacts(client):
    assert not built(TINY)
    counts = build(TINY)
    assert counts == {
        "programs": 3, "staff": 21, "employers": 7, "seekers": 10, "openings": 20,
        "contacts": 900,
    }  # fmt: skip
    assert built(TINY)
    assert Program.objects.count() == 3
    assert EmployerContact.objects.count() == 900
    keys = EmployerContact.objects.values_list("specialist", "employer", "date", "mode")
    assert len(set(keys)) == 900  # never a double submission
    assert JobSeeker.objects.filter(search_text__contains="obrien").exists()  # folded in bulk
    public = JobOpening.objects.public().count()
    from cms.models import OpeningsIndexPage

    response = client.get(OpeningsIndexPage.objects.get(locale__language_code="en").url)
    assert response.status_code == 200
    assert response.context["openings"].paginator.count == public
