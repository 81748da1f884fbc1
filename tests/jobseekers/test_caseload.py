"""The caseload dashboard: stages, days since entry and contact, the 30-day flag, ratios."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from jobseekers.models import JobSeeker
from jobseekers.selectors import caseload_for
from tests.conftest import make_staff

D = dt.date
TODAY = D(2026, 3, 1)


def make_seeker(program, specialist, name, *, entry, stage="job_search", **extra):
    return JobSeeker.objects.create(
        program=program,
        name=name,
        specialist=specialist,
        referral_date=entry,
        entry_date=entry,
        stage=stage,
        **extra,
    )


def row_for(caseload, seeker):
    return next(r for r in caseload.rows if r.seeker_id == seeker.pk)


def test_days_since_entry_and_since_last_contact_naming_them(seeker, users, make_contact):
    make_contact(seekers=[seeker], date=D(2026, 2, 20), mode="phone")
    make_contact(seekers=[seeker], date=D(2026, 2, 10))
    make_contact(date=D(2026, 2, 28))  # a generic contact does not count for them
    row = row_for(caseload_for(users["specialist"], today=TODAY), seeker)
    assert row.days_since_entry == (TODAY - D(2026, 1, 12)).days
    assert (row.last_contact, row.days_since_contact) == (D(2026, 2, 20), 9)


def test_seeker_without_face_to_face_contact_30_days_after_entry_is_flagged(
    program, staff, users, make_contact
):
    specialist = staff["specialist"]
    late = make_seeker(program, specialist, "Late", entry=TODAY - dt.timedelta(days=31))
    fresh = make_seeker(program, specialist, "Fresh", entry=TODAY - dt.timedelta(days=30))
    phoned = make_seeker(program, specialist, "Phoned", entry=TODAY - dt.timedelta(days=40))
    met = make_seeker(program, specialist, "Met", entry=TODAY - dt.timedelta(days=40))
    working = make_seeker(
        program, specialist, "Working", entry=TODAY - dt.timedelta(days=90), stage="working"
    )
    make_contact(seekers=[phoned], date=TODAY - dt.timedelta(days=35), mode="phone")
    make_contact(seekers=[met], date=TODAY - dt.timedelta(days=20))
    caseload = caseload_for(users["specialist"], today=TODAY)
    flagged = {r.name for r in caseload.rows if r.rapid_search_missed}
    assert flagged == {"Late", "Phoned"}
    assert caseload.flagged == 2
    assert late.name in flagged
    assert {fresh.name, met.name, working.name}.isdisjoint(flagged)


def test_face_to_face_contact_before_entry_does_not_count(program, staff, users, make_contact):
    person = make_seeker(program, staff["specialist"], "Early", entry=TODAY - dt.timedelta(days=60))
    make_contact(seekers=[person], date=TODAY - dt.timedelta(days=61))
    assert row_for(caseload_for(users["specialist"], today=TODAY), person).rapid_search_missed


def test_caseload_groups_by_the_six_stages(program, staff, users):
    for stage in ("referred", "engaged", "working", "follow_along"):
        make_seeker(program, staff["specialist"], stage, entry=D(2026, 1, 1), stage=stage)
    groups = caseload_for(users["specialist"], today=TODAY).by_stage()
    assert [g[0] for g in groups] == [
        "referred",
        "engaged",
        "job_search",
        "working",
        "follow_along",
        "closed",
    ]
    assert [len(g[2]) for g in groups] == [1, 1, 0, 1, 1, 0]


def test_long_closed_records_leave_the_caseload(program, staff, users):
    make_seeker(
        program,
        staff["specialist"],
        "Old",
        entry=D(2025, 1, 1),
        stage="closed",
        closed_date=D(2025, 6, 1),
        close_reason="moved",
    )
    recent = make_seeker(
        program,
        staff["specialist"],
        "Recent",
        entry=D(2025, 1, 1),
        stage="closed",
        closed_date=D(2026, 2, 1),
        close_reason="moved",
    )
    assert [r.name for r in caseload_for(users["specialist"], today=TODAY).rows] == [recent.name]


def test_supervisor_sees_every_specialists_caseload_and_the_ratio(program, staff, users):
    second = make_staff(program, "specialist", "bea_north", fte="0.5")
    for n in range(20):
        make_seeker(program, staff["specialist"], f"A{n:02}", entry=D(2026, 1, 1))
    for n in range(10):
        make_seeker(program, second, f"B{n:02}", entry=D(2026, 1, 1))
    caseload = caseload_for(users["supervisor"], today=TODAY)
    groups = caseload.by_specialist()
    assert [(g.name, g.active, g.per_fte) for g in groups] == [
        ("Bea Tester", 10, 20.0),
        ("Specialist Tester", 20, 20.0),
    ]
    (ratio,) = caseload.ratios
    assert (ratio.active_seekers, ratio.specialist_fte, ratio.ratio) == (30, Decimal("1.50"), 20.0)
    assert not ratio.over_standard
    make_seeker(program, second, "One more", entry=D(2026, 1, 1))
    assert caseload_for(users["supervisor"], today=TODAY).ratios[0].over_standard


def test_specialist_gets_no_ratio_and_outsider_sees_none_of_the_program(seeker, users, outsider):
    assert caseload_for(users["specialist"], today=TODAY).ratios == []
    assert caseload_for(outsider, today=TODAY).rows == []


def test_caseload_page_filters_to_my_caseload(client, program, staff, users, seeker):
    other = make_staff(program, "specialist", "bea_north")
    make_seeker(program, other, "Not Mine", entry=D(2026, 1, 1))
    client.force_login(users["specialist"])
    page = client.get(reverse("jobseekers:caseload"), {"specialist": "mine"}).content.decode()
    assert seeker.name in page
    assert "Not Mine" not in page


def test_caseload_page_refuses_an_unknown_filter(client, users):
    client.force_login(users["specialist"])
    assert client.get(reverse("jobseekers:caseload"), {"specialist": "x"}).status_code == 404


def test_caseload_page_refuses_another_programs_specialist(client, users, other_staff):
    client.force_login(users["specialist"])
    response = client.get(
        reverse("jobseekers:caseload"), {"specialist": other_staff["specialist"].pk}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["specialist", "supervisor"])
def test_caseload_page_query_count_is_constant(
    client, program, staff, users, role, make_contact, django_assert_max_num_queries
):
    client.force_login(users[role])
    url = reverse("jobseekers:caseload")
    counts = []
    for size in (3, 60):
        people = [
            make_seeker(program, staff["specialist"], f"P{size}-{n}", entry=D(2026, 1, 1))
            for n in range(size)
        ]
        make_contact(seekers=people, date=D(2026, 2, 1))
        # 14 reads and the INSERT of the listing's audit event.
        with django_assert_max_num_queries(15) as captured:
            response = client.get(url)
        counts.append(len(captured))
        assert response.status_code == 200
        assert f"P{size}-0" in response.content.decode()
    assert counts[0] == counts[1]


def test_supervisor_page_shows_each_specialist_and_the_program_ratio(client, seeker, users):
    client.force_login(users["supervisor"])
    page = client.get(reverse("jobseekers:caseload")).content.decode()
    assert "Specialist Tester: 1 active, 1.0 per FTE" in page
    assert "Caseload size (standard: at most 20 per specialist)" in page
