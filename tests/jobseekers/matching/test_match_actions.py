"""The match actions wherever staff see a match (issue 17, "close the loop"): the match's own
page and "People this might suit" offer what the person's record offers ("I told them about
it", "Plan an introduction", "Record a job start", "Not suitable"), by the same rules (one
selector, matching.selectors.match_cards, and one include); the match's page says its place
in words, counted truly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching.services import plan_introduction
from employers.models import JobOpening
from ips.domain import shown_date
from ips.roles import Role
from jobseekers.matching.services import refresh_matches
from jobseekers.models import Job, JobSeeker, Match, MatchOutcome
from jobseekers.services import mark_match_unsuitable, record_match_told
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db
CASEWORK = ("specialist", "supervisor", "director")


@pytest.fixture
def matched(seeker, make_profile, make_opening):
    make_profile(seeker)
    opening = make_opening("Line cook", description="Cooking breakfast", shareable=True)
    refresh_matches()
    return opening


def _match(seeker, opening) -> Match:
    return Match.objects.get(seeker=seeker, opening=opening)


def _page(client, seeker, opening) -> str:
    response = client.get(reverse("matches:inspect", args=[_match(seeker, opening).pk]))
    assert response.status_code == 200
    return response.content.decode()


def _action_urls(seeker, opening) -> dict[str, str]:
    return {
        "told": reverse("jobseekers:match_told", args=[seeker.pk, opening.pk]),
        "introduction": reverse("coaching:introduction", args=[seeker.pk, opening.pk]),
        "job start": reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={opening.pk}",
        "not suitable": reverse("jobseekers:match_unsuitable", args=[seeker.pk, opening.pk]),
    }


def _actions_on(html: str, seeker, opening) -> set[str]:
    return {name for name, url in _action_urls(seeker, opening).items() if url in html}


def _record_card(client, seeker, opening) -> str:
    html = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    people = reverse("matching:opening_people", args=[opening.pk])
    return html.split(f'data-match="{opening.pk}"')[1].split(people)[0]


def _outcomes() -> list:
    return sorted(MatchOutcome.objects.values_list("seeker_id", "opening_id", "kind"))


# ---- the match's own page ----


@pytest.mark.parametrize("role", CASEWORK)
def test_the_match_page_offers_the_actions_the_record_card_offers(
    client, users, seeker, matched, role
):
    client.force_login(users[role])
    page = _page(client, seeker, matched)
    assert _actions_on(page, seeker, matched) == {
        "told",
        "introduction",
        "job start",
        "not suitable",
    }
    assert _actions_on(page, seeker, matched) == _actions_on(
        _record_card(client, seeker, matched), seeker, matched
    )
    assert "I told them about it" in page
    assert "Act on this match from" not in page  # no longer a link away to the actions


def test_a_specialist_sees_the_actions_for_another_specialists_person_as_the_record_does(
    client, program, seeker, matched, make_profile
):
    """Casework is the program's (may_do_casework), not only the person's own specialist:
    the match page follows the record, whoever carries the person."""
    colleague = make_staff(program, Role.SPECIALIST, "colleague_north").user
    client.force_login(colleague)
    page = _page(client, seeker, matched)
    assert _actions_on(page, seeker, matched) == _actions_on(
        _record_card(client, seeker, matched), seeker, matched
    )
    assert "job start" in _actions_on(page, seeker, matched)


def test_a_coach_and_another_programs_staff_get_no_match_page_and_change_nothing(
    client, users, outsider, seeker, matched
):
    match = _match(seeker, matched)
    before = _outcomes()
    client.force_login(users["coach"])
    response = client.get(reverse("matches:inspect", args=[match.pk]))
    assert response.status_code in (302, 403, 404)
    assert "I told them about it" not in response.content.decode()
    client.force_login(outsider)
    assert client.get(reverse("matches:inspect", args=[match.pk])).status_code == 404
    for url in _action_urls(seeker, matched).values():
        assert client.post(url, {"reason": "x"}).status_code == 404
    assert _outcomes() == before
    assert not Job.objects.exists()


def test_i_told_them_from_the_match_page_records_it_once_and_comes_back(
    client, users, seeker, matched
):
    client.force_login(users["specialist"])
    url = reverse("matches:inspect", args=[_match(seeker, matched).pk])
    told = _action_urls(seeker, matched)["told"]
    response = client.post(told, {"next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert _outcomes() == [(seeker.pk, matched.pk, "told")]
    page = _page(client, seeker, matched)
    assert f"Told about it on {shown_date(timezone.localdate())}." in page
    assert "I told them about it" not in page  # hidden once told
    assert {"introduction", "job start", "not suitable"} <= _actions_on(page, seeker, matched)


def test_i_told_them_never_goes_back_to_another_site(client, users, seeker, matched):
    client.force_login(users["specialist"])
    told = _action_urls(seeker, matched)["told"]
    response = client.post(told, {"next": "https://evil.example.org/"})
    assert response["Location"] == reverse("jobseekers:record", args=[seeker.pk]) + "#matches"


def test_the_match_page_says_what_was_planned_and_said_as_the_card_does(
    client, users, staff, seeker, matched
):
    today = timezone.localdate()
    MatchOutcome.objects.create(
        program=seeker.program,
        seeker=seeker,
        opening=matched,
        kind=MatchOutcome.Kind.INTEREST,
        date=today,
        source="portal",
    )
    plan_introduction(
        seeker=seeker,
        opening=matched,
        due_date=today + dt.timedelta(days=3),
        by=users["specialist"],
    )
    client.force_login(users["supervisor"])
    page = _page(client, seeker, matched)
    planned = f"Introduction planned for {shown_date(today + dt.timedelta(days=3))}"
    assert planned in page
    assert f"Said “I’m interested” on {shown_date(today)}." in page
    assert planned in _record_card(client, seeker, matched)


def test_no_job_start_from_a_filled_opening_or_for_a_person_just_referred(
    client, users, seeker, matched
):
    client.force_login(users["specialist"])
    JobSeeker.objects.filter(pk=seeker.pk).update(stage=JobSeeker.Stage.REFERRED)
    page = _page(client, seeker, matched)
    assert _actions_on(page, seeker, matched) == {"told", "introduction", "not suitable"}
    JobSeeker.objects.filter(pk=seeker.pk).update(stage=JobSeeker.Stage.JOB_SEARCH)
    JobOpening.objects.filter(pk=matched.pk).update(status=JobOpening.Status.FILLED)
    page = _page(client, seeker, matched)
    assert "job start" not in _actions_on(page, seeker, matched)
    assert "No longer among this person’s openings" in page


def test_no_job_start_from_another_programs_public_opening(
    client, users, seeker, make_profile, make_opening, other_program
):
    make_profile(seeker)
    borrowed = make_opening("Line cook", program_=other_program, shareable=True)
    refresh_matches()
    client.force_login(users["specialist"])
    page = _page(client, seeker, borrowed)
    assert _actions_on(page, seeker, borrowed) == {"told", "introduction", "not suitable"}
    # Made private since: its actions' screens refuse it, so none are offered.
    JobOpening.objects.filter(pk=borrowed.pk).update(shareable=False)
    page = _page(client, seeker, borrowed)
    assert _actions_on(page, seeker, borrowed) == set()
    assert "no longer open to this person" in page


def test_a_match_marked_not_suitable_says_so_and_offers_nothing(client, users, seeker, matched):
    mark_match_unsuitable(seeker=seeker, opening=matched, reason="Too far on the bus")
    client.force_login(users["specialist"])
    page = _page(client, seeker, matched)
    assert f"Marked not suitable on {shown_date(timezone.localdate())}: Too far on the bus" in page
    assert _actions_on(page, seeker, matched) == set()
    assert "No longer among this person’s openings (was: Best fit for the person)" in page


# ---- the place in words ----


@pytest.fixture
def three(seeker, make_profile, make_opening):
    """Three openings matched to the person, best first."""
    make_profile(seeker)
    openings = [make_opening(f"Cook {i}") for i in range(3)]
    refresh_matches()
    Match.objects.filter(seeker=seeker, opening=openings[0]).update(rank=1, score=0.9)
    Match.objects.filter(seeker=seeker, opening=openings[1]).update(rank=2, score=0.8)
    Match.objects.filter(seeker=seeker, opening=openings[2]).update(rank=3, score=0.7)
    return openings


def test_the_match_page_says_its_place_in_words_among_the_persons_openings(
    client, users, seeker, three
):
    client.force_login(users["specialist"])
    assert "How well it fits" in _page(client, seeker, three[0])
    assert "Best fit (1st of 3 openings for this person)" in _page(client, seeker, three[0])
    assert "2nd best fit (of 3 openings for this person)" in _page(client, seeker, three[1])
    assert "3rd best fit (of 3 openings for this person)" in _page(client, seeker, three[2])


def test_the_place_counts_only_the_persons_current_openings(client, users, seeker, three):
    """The stored place is from the last refresh; the page counts what the record lists now
    (an opening marked not suitable or filled since is not counted)."""
    mark_match_unsuitable(seeker=seeker, opening=three[0], reason="Not this employer")
    client.force_login(users["specialist"])
    assert "Best fit (1st of 2 openings for this person)" in _page(client, seeker, three[1])
    JobOpening.objects.filter(pk=three[1].pk).update(status=JobOpening.Status.FILLED)
    assert "Best fit (the only opening for this person)" in _page(client, seeker, three[2])


# ---- "People this might suit" ----


def _people(client, opening) -> str:
    response = client.get(reverse("matching:opening_people", args=[opening.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _row(html: str, name: str) -> str:
    return html.split(f">{name}</a>")[1].split("</tr>")[0]


@pytest.mark.parametrize("role", CASEWORK)
def test_each_person_this_might_suit_has_their_actions(
    client, users, program, seeker, matched, make_profile, role
):
    newcomer = JobSeeker.objects.create(
        program=program, name="Nia Newcomer", zip="48226", stage=JobSeeker.Stage.REFERRED
    )
    make_profile(newcomer)
    refresh_matches()
    client.force_login(users[role])
    html = _people(client, matched)
    assert "What you can do" in html
    alex = _row(html, seeker.name)
    assert _actions_on(alex, seeker, matched) == {
        "told",
        "introduction",
        "job start",
        "not suitable",
    }
    assert f'Record a job start<span class="w-sr-only">: {seeker.name}</span>' in alex
    # Just referred: no job start yet, as on their record.
    nia = _row(html, newcomer.name)
    assert _actions_on(nia, newcomer, matched) == {"told", "introduction", "not suitable"}


def test_a_filled_opening_offers_no_job_start_to_anyone(client, users, seeker, matched):
    JobOpening.objects.filter(pk=matched.pk).update(status=JobOpening.Status.FILLED)
    client.force_login(users["specialist"])
    html = _people(client, matched)
    assert "job start" not in _actions_on(_row(html, seeker.name), seeker, matched)
    assert "Plan an introduction" in _row(html, seeker.name)


def test_coaches_and_other_programs_staff_get_no_people_and_no_actions(
    client, users, outsider, seeker, matched
):
    before = _outcomes()
    client.force_login(users["coach"])
    response = client.get(reverse("matching:opening_people", args=[matched.pk]))
    assert response.status_code == 302
    client.force_login(outsider)
    response = client.get(reverse("matching:opening_people", args=[matched.pk]))
    assert response.status_code == 404
    assert seeker.name not in response.content.decode()
    assert _outcomes() == before


def test_i_told_them_from_people_this_might_suit_goes_through_the_service_and_back(
    client, users, seeker, matched
):
    client.force_login(users["specialist"])
    people = reverse("matching:opening_people", args=[matched.pk])
    response = client.post(_action_urls(seeker, matched)["told"], {"next": people})
    assert response["Location"] == people
    assert _outcomes() == [(seeker.pk, matched.pk, "told")]
    row = _row(_people(client, matched), seeker.name)
    assert "Told about it on" in row
    assert "I told them about it" not in row


def test_people_this_might_suit_reads_the_same_number_of_queries_for_2_or_15_people(
    client, users, staff, program, matched, make_profile, django_assert_num_queries
):
    """The rows' actions cost no query per row (issue 17): planned introductions and what
    was said are read once for the whole list."""
    client.force_login(users["specialist"])
    url = reverse("matching:opening_people", args=[matched.pk])
    today = timezone.localdate()

    def grow(start: int, n: int) -> None:
        for i in range(start, start + n):
            person = JobSeeker.objects.create(
                program=program,
                name=f"Person {i}",
                zip="48226",
                specialist=staff[Role.SPECIALIST],
                stage=JobSeeker.Stage.JOB_SEARCH,
            )
            make_profile(person)
            record_match_told(seeker=person, opening=matched)
            plan_introduction(seeker=person, opening=matched, due_date=today)
        refresh_matches()

    grow(0, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(2, 13)
    with django_assert_num_queries(len(small)):
        html = client.get(url).content.decode()
    assert html.count("Introduction planned for") == 15
    assert html.count("Told about it on") == 15
    assert html.count("Record a job start<span") == 16
