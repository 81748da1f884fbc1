"""Workspace panels and screens of the recommender, for every role (permission matrix)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from jobseekers.matching.services import refresh_matches
from jobseekers.matching.views import seeker_panel
from jobseekers.models import JobSeeker, Match

pytestmark = pytest.mark.django_db
CASEWORK = ("specialist", "supervisor", "director")


@pytest.fixture
def matched(seeker, make_profile, make_opening):
    make_profile(seeker)
    opening = make_opening("Line cook", description="Cooking breakfast")
    refresh_matches()
    return opening


def _snapshot():
    return list(Match.objects.order_by("id").values_list("id", "score", "rank", "opening_id"))


def _panel(user, seeker):
    request = RequestFactory().get("/admin/")
    request.user = user
    return seeker_panel(request, seeker)


@pytest.mark.parametrize("role", CASEWORK)
def test_casework_roles_see_people_this_might_suit(client, users, matched, seeker, role):
    before = _snapshot()
    client.force_login(users[role])
    response = client.get(reverse("matching:opening_people", args=[matched.pk]))
    assert response.status_code == 200
    assert seeker.name in response.content.decode()
    # Staff read reasons about the person, in the third person (issue 17, item 4).
    assert "The kind of work they asked for" in response.content.decode()
    assert "you asked for" not in response.content.decode()
    assert _snapshot() == before


def test_a_coach_is_refused_the_matching_screens(client, users, matched):
    before = _snapshot()
    client.force_login(users["coach"])
    for url in (
        reverse("matching:opening_people", args=[matched.pk]),
        reverse("matching:openings"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert _snapshot() == before


def test_another_programs_staff_get_404_for_the_opening(client, outsider, matched, seeker):
    before = _snapshot()
    client.force_login(outsider)
    response = client.get(reverse("matching:opening_people", args=[matched.pk]))
    assert response.status_code == 404
    board = client.get(reverse("matching:openings")).content.decode()
    assert "Line cook" not in board
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["seeker_user", "anonymous"])
def test_portal_users_and_the_public_never_reach_the_screens(client, who, request, matched):
    before = _snapshot()
    if who == "seeker_user":
        client.force_login(request.getfixturevalue("seeker_user"))
    for url in (
        reverse("matching:opening_people", args=[matched.pk]),
        reverse("matching:openings"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    assert _snapshot() == before


def test_an_unknown_opening_is_a_clear_404(client, users, matched):
    client.force_login(users["specialist"])
    assert client.get(reverse("matching:opening_people", args=[999999])).status_code == 404


@pytest.mark.parametrize("role", CASEWORK)
def test_seeker_record_panel_lists_openings_with_reasons(users, matched, seeker, role):
    html = _panel(users[role], seeker)
    assert "Openings for this person" in html
    assert "Line cook" in html
    assert "Their interests include “cooking”" in html
    assert "you said" not in html
    assert reverse("matching:opening_people", args=[matched.pk]) in html


def test_seeker_record_panel_is_absent_for_coaches_and_empty_for_outsiders(
    users, outsider, matched, seeker
):
    assert _panel(users["coach"], seeker) is None
    assert "Line cook" not in _panel(outsider, seeker)


def test_seeker_record_panel_explains_a_missing_profile(users, other_seeker, superuser):
    assert "No career profile yet" in _panel(superuser, other_seeker)


def test_openings_board_counts_people_and_links_to_them(client, users, matched):
    client.force_login(users["specialist"])
    html = client.get(reverse("matching:openings")).content.decode()
    assert reverse("matching:opening_people", args=[matched.pk]) in html


def test_screens_use_a_constant_number_of_queries(
    client, users, program, make_profile, make_opening, django_assert_max_num_queries
):
    client.force_login(users["specialist"])
    opening = make_opening("Line cook")

    def grow(n, start):
        for i in range(start, start + n):
            make_opening(f"Cook {i}")
            person = JobSeeker.objects.create(program=program, name=f"Person {i}", zip="48226")
            make_profile(person)
        refresh_matches()

    for size, start in ((2, 0), (15, 2)):
        grow(size, start)
        with django_assert_max_num_queries(12):
            assert client.get(reverse("matching:openings")).status_code == 200
        # 14: one more for the planned introductions shown on each row and one for what
        # was said about each match (told, interested), the rows' actions (issue 17).
        with django_assert_max_num_queries(14):
            url = reverse("matching:opening_people", args=[opening.pk])
            assert client.get(url).status_code == 200


def test_another_programs_opening_made_private_disappears_from_the_panel_at_once(
    users, seeker, make_profile, make_opening, other_program
):
    make_profile(seeker)
    borrowed = make_opening("Line cook", program_=other_program, shareable=True)
    refresh_matches()
    assert "Line cook" in _panel(users["specialist"], seeker)
    type(borrowed).objects.filter(pk=borrowed.pk).update(shareable=False)  # no refresh yet
    assert "Line cook" not in _panel(users["specialist"], seeker)


def test_openings_board_does_not_count_people_staff_marked_it_not_suitable_for(
    client, users, matched, seeker
):
    """Red-team finding (issue 17): the board still counted declined matches."""
    from jobseekers.services import mark_match_unsuitable

    client.force_login(users["specialist"])
    row = '<td><a href="{}">Line cook</a></td>'.format(
        reverse("matching:opening_people", args=[matched.pk])
    )

    def count() -> str:
        html = client.get(reverse("matching:openings")).content.decode()
        return html.split(row)[1].split("</tr>")[0].split("<td>")[-1].split("</td>")[0]

    assert count() == "1"
    mark_match_unsuitable(seeker=seeker, opening=matched, reason="Too far")
    assert count() == "0"


def test_openings_board_does_not_count_people_in_a_job(
    client, users, matched, seeker, make_profile, employer_for_jobs
):
    """Red-team finding (issue 17): the board counted people already working."""
    from jobseekers.services import record_job_start

    worker = JobSeeker.objects.create(
        program=seeker.program,
        name="Wanda Working",
        zip="48226",
        entry_date=seeker.entry_date,
        stage=JobSeeker.Stage.JOB_SEARCH,
    )
    make_profile(worker)
    refresh_matches()
    assert Match.objects.filter(opening=matched, seeker=worker).exists()
    client.force_login(users["specialist"])
    row = '<td><a href="{}">Line cook</a></td>'.format(
        reverse("matching:opening_people", args=[matched.pk])
    )

    def count() -> str:
        html = client.get(reverse("matching:openings")).content.decode()
        return html.split(row)[1].split("</tr>")[0].split("<td>")[-1].split("</td>")[0]

    assert count() == "2"
    record_job_start(
        seeker=worker,
        start_date=seeker.entry_date,
        employer=employer_for_jobs,
        title="Dishwasher",
    )
    assert count() == "1"
    # Still shown on the opening's own list, marked as working.
    people = client.get(reverse("matching:opening_people", args=[matched.pk])).content.decode()
    assert "Wanda Working" in people
    assert "In a job now" in people


@pytest.fixture
def employer_for_jobs(program):
    from employers.models import Employer

    return Employer.objects.create(program=program, name="Other Diner", zip="48226")
