"""A shorter "Openings for you" (issue 20, item 3): a count and five cards, three reasons
each with "more reasons", one distance figure; keep or pause suggestions after a job start;
"I'm interested" can be taken back through cms.services.withdraw_interest."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from cms.models import PortalPreference
from cms.services import week_start
from jobseekers.models import MatchOutcome
from tests.factories import EmployerFactory, JobFactory

pytestmark = pytest.mark.django_db
REASONS = [
    "the kind of work you asked for",
    "17 miles away, by bus",
    "you said you like cooking",
    "pays $16.00 an hour, what you asked for or more",
    "20 hours a week, about what you want",
]


def card_titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)


def test_a_count_five_cards_and_show_more(portal_client, make_opening, make_match):
    for n in range(7):
        make_match(make_opening(title=f"Job {n}"), rank=n)
    html = portal_client.get("/portal/").content.decode()
    assert "We found 7 openings" in html
    assert card_titles(html) == [f"Job {n}" for n in range(5)]
    assert 'href="?more=1#opening-6">Show 2 more</a>' in html
    everything = portal_client.get("/portal/", {"more": "1"}).content.decode()
    assert card_titles(everything) == [f"Job {n}" for n in range(7)]
    assert "Show 2 more" not in everything


def test_three_reasons_then_more_reasons_and_the_distance_once(
    portal_client, make_opening, make_match
):
    opening = make_opening(title="Line cook")
    match = make_match(opening, reasons=REASONS)
    match.distance_miles = 17.3
    match.save(update_fields=["distance_miles"])
    html = portal_client.get("/portal/").content.decode()
    top, more = html.split('<details class="more-reasons">')
    assert re.findall(r"<li>([^<]+)</li>", top.split("Why this one")[1]) == [
        "the kind of work you asked for",
        "you said you like cooking",
        "pays $16.00 an hour, what you asked for or more",
    ]
    assert "20 hours a week, about what you want" in more.split("</details>")[0]
    assert html.count("miles away") == 1
    assert '<p class="distance">17 miles away, by bus</p>' in html
    assert "17.3" not in html


def test_distance_comes_from_the_stored_miles_when_no_reason_says_it(
    portal_client, make_opening, make_match
):
    match = make_match(make_opening(), reasons=["you said you like cooking"])
    match.distance_miles = 4.25
    match.save(update_fields=["distance_miles"])
    html = portal_client.get("/portal/").content.decode()
    assert '<p class="distance">About 4.2 miles away</p>' in html
    assert "more-reasons" not in html


@pytest.mark.parametrize("size", [2, 15])
def test_openings_for_you_query_count_is_constant_with_a_job(
    portal_client, seeker, make_opening, make_match, django_assert_max_num_queries, size
):
    JobFactory(seeker=seeker, start_date=timezone.localdate())
    for n in range(size):
        make_match(make_opening(title=f"Job {n}"), rank=n, reasons=REASONS)
    with django_assert_max_num_queries(11):
        response = portal_client.get("/portal/", {"more": "1"})
    assert response.context["count"] == size


def test_after_a_job_start_the_page_asks_and_keep_hides_the_question(
    portal_client, seeker, make_opening, make_match
):
    make_match(make_opening(title="Dishwasher"))
    job = JobFactory(
        seeker=seeker,
        employer=EmployerFactory(program=seeker.program, name="Corner Diner"),
        start_date=timezone.localdate() - dt.timedelta(days=3),
    )
    html = portal_client.get("/portal/").content.decode()
    assert "You started work at Corner Diner" in html
    assert "Dishwasher" in html
    response = portal_client.post("/portal/suggestions/", {"choice": "keep"})
    assert response.url == "/portal/"
    preference = PortalPreference.objects.get(seeker=seeker)
    assert (preference.suggestions_paused, preference.answered_job_id) == (False, job.pk)
    html = portal_client.get("/portal/").content.decode()
    assert "You started work at" not in html
    assert "Dishwasher" in html


def test_pausing_hides_matches_and_the_weekly_email_until_started_again(
    portal_client, seeker, make_opening, make_match
):
    make_match(make_opening(title="Dishwasher"))
    JobFactory(seeker=seeker, start_date=timezone.localdate())
    PortalPreference.objects.create(seeker=seeker, weekly_email=True)
    from cms.selectors import weekly_email_recipients

    portal_client.post("/portal/suggestions/", {"choice": "pause"})
    html = portal_client.get("/portal/").content.decode()
    assert "Job suggestions are paused" in html
    assert "Dishwasher" not in html
    assert "You started work at" not in html
    assert weekly_email_recipients(week_start(timezone.localdate())) == []
    portal_client.post("/portal/suggestions/", {"choice": "keep"})
    assert "Dishwasher" in portal_client.get("/portal/").content.decode()
    assert weekly_email_recipients(week_start(timezone.localdate())) == [seeker.pk]


def test_a_job_not_yet_begun_or_ended_asks_nothing(portal_client, seeker, make_opening, make_match):
    make_match(make_opening())
    JobFactory(seeker=seeker, start_date=timezone.localdate() + dt.timedelta(days=5))
    JobFactory(
        seeker=seeker,
        start_date=timezone.localdate() - dt.timedelta(days=90),
        end_date=timezone.localdate() - dt.timedelta(days=10),
    )
    assert "You started work at" not in portal_client.get("/portal/").content.decode()


@pytest.mark.parametrize("choice", ["", "maybe", "keep;drop"])
def test_a_bad_suggestions_choice_is_a_message_and_changes_nothing(portal_client, seeker, choice):
    response = portal_client.post("/portal/suggestions/", {"choice": choice}, follow=True)
    assert "Please choose to keep or pause" in response.content.decode()
    assert not PortalPreference.objects.filter(seeker=seeker).exists()


def test_suggestions_need_a_post_and_a_seeker(client, users, seeker, seeker_user):
    assert client.post("/portal/suggestions/", {"choice": "pause"}).status_code == 302
    client.force_login(seeker_user)
    assert client.get("/portal/suggestions/").status_code == 405
    client.force_login(users["specialist"])
    assert client.post("/portal/suggestions/", {"choice": "pause"}).status_code == 403
    assert not PortalPreference.objects.filter(seeker=seeker).exists()


def test_interest_can_be_taken_back(portal_client, seeker, make_opening, make_match):
    opening = make_opening(title="Line cook")
    make_match(opening)
    portal_client.post(f"/portal/interested/{opening.pk}/")
    assert "Take back my interest" in portal_client.get("/portal/").content.decode()
    response = portal_client.post(f"/portal/interested/{opening.pk}/take-back/", follow=True)
    html = response.content.decode()
    assert "You are no longer marked interested in “Line cook”" in html
    assert not MatchOutcome.objects.filter(seeker=seeker, opening=opening).exists()
    assert 'aria-label="I\'m interested in Line cook"' in html


def test_an_interest_the_specialist_wrote_down_stays(portal_client, seeker, make_opening):
    opening = make_opening()
    MatchOutcome.objects.create(
        program=seeker.program,
        seeker=seeker,
        opening=opening,
        kind=MatchOutcome.Kind.INTEREST,
        date=timezone.localdate(),
        source="staff",
    )
    response = portal_client.post(f"/portal/interested/{opening.pk}/take-back/", follow=True)
    assert "Please tell them you changed your mind" in response.content.decode()
    assert MatchOutcome.objects.filter(seeker=seeker, opening=opening).count() == 1


def test_taking_back_touches_only_ones_own_interest(
    client, portal_client, seeker, other_seeker, make_opening, users
):
    opening = make_opening()
    theirs = MatchOutcome.objects.create(
        program=other_seeker.program,
        seeker=other_seeker,
        opening=opening,
        kind=MatchOutcome.Kind.INTEREST,
        date=timezone.localdate(),
        source="portal",
    )
    assert portal_client.post(f"/portal/interested/{opening.pk}/take-back/").status_code == 302
    assert portal_client.get(f"/portal/interested/{opening.pk}/take-back/").status_code == 405
    assert portal_client.post("/portal/interested/987654/take-back/").status_code == 404
    client.force_login(users["specialist"])
    assert client.post(f"/portal/interested/{opening.pk}/take-back/").status_code == 403
    assert MatchOutcome.objects.filter(pk=theirs.pk).exists()


def test_openings_for_you_with_cards_and_a_job_start_reads_at_grade_8_or_below(
    portal_client, seeker, make_opening, make_match
):
    from tests.cms.readability import main_text, reading_grade

    for n in range(7):
        make_match(make_opening(title=f"Kitchen helper {n}"), rank=n, reasons=REASONS)
    JobFactory(seeker=seeker, start_date=timezone.localdate())
    html = portal_client.get("/portal/").content.decode()
    assert "You started work at" in html
    assert reading_grade(main_text(html)) <= 8


def test_the_opening_page_offers_to_take_interest_back(
    portal_client, seeker, openings_url, make_opening
):
    opening = make_opening(title="Line cook")
    detail = f"{openings_url}{opening.pk}/"
    portal_client.post(f"/portal/interested/{opening.pk}/", {"next": detail})
    html = portal_client.get(detail).content.decode()
    assert "You said you are interested" in html
    assert f'action="/portal/interested/{opening.pk}/take-back/"' in html
    response = portal_client.post(f"/portal/interested/{opening.pk}/take-back/", {"next": detail})
    assert response.url == detail
    assert not MatchOutcome.objects.filter(seeker=seeker, opening=opening).exists()
    assert (
        '<button type="submit">I\'m interested</button>'
        in portal_client.get(detail).content.decode()
    )
