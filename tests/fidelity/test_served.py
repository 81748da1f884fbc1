"""Who counts as served, read the way a director reads it: the program report."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from jobseekers.models import JobSeeker
from jobseekers.services import close_seeker, enter_caseload, refer_seeker

pytestmark = pytest.mark.django_db

D = dt.date


def person(program, name, entry, closed=None):
    seeker = refer_seeker(program=program, name=name, referral_date=entry)
    seeker = enter_caseload(seeker=seeker, entry_date=entry)
    if closed is not None:
        seeker = close_seeker(seeker=seeker, closed_date=closed, reason="moved")
    return seeker


def served_in_report(client, director, program, start, end) -> int:
    client.force_login(director)
    query = f"?program={program.pk}&start={start}&end={end}"
    response = client.get(reverse("reports:report", args=["json"]) + query)
    assert response.status_code == 200
    return json.loads(response.content)["outcomes"]["served"]


def test_record_opened_and_closed_the_same_day_is_never_served(client, program, users):
    person(program, "Same Day", D(2026, 2, 10), closed=D(2026, 2, 10))
    person(program, "One Day", D(2026, 2, 10), closed=D(2026, 2, 11))
    person(program, "Closed On The First Day", D(2026, 1, 5), closed=D(2026, 2, 1))
    person(program, "Still Open", D(2026, 1, 5))
    served = served_in_report(client, users["director"], program, "2026-02-01", "2026-02-28")
    assert served == 2  # One Day and Still Open
    period = (D(2026, 2, 1), D(2026, 2, 28))
    names = JobSeeker.objects.filter(program=program).served_between(*period)
    assert sorted(names.values_list("name", flat=True)) == ["One Day", "Still Open"]
