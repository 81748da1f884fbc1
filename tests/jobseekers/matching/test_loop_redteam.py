"""Red-team findings on the job loop (issue 17): a filled opening takes no second job start,
planned introductions on the match card, "People this might suit", readable match
strengths, a filled opening's record and the record's links to openings."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.models import JobOpening
from ips.domain import shown_date
from ips.roles import Role
from jobseekers import services
from jobseekers.models import Job, JobSeeker, Match, MatchOutcome
from jobseekers.views.jobs import BAD_OPENING_LINK

START = dt.date(2026, 3, 2)


@pytest.fixture
def matched(seeker, make_profile, make_opening):
    from jobseekers.matching.services import refresh_matches

    make_profile(seeker)
    opening = make_opening("Line cook", description="Cooking breakfast", shareable=True)
    refresh_matches()
    assert Match.objects.filter(seeker=seeker, opening=opening).exists()
    return opening


@pytest.fixture
def filler(program, staff, matched):
    """Ana Ruiz started the opening's job on START: the opening is filled."""
    ana = JobSeeker.objects.create(
        program=program,
        name="Ana Ruiz",
        specialist=staff[Role.SPECIALIST],
        entry_date=dt.date(2026, 1, 2),
        stage="job_search",
    )
    services.record_job_start(
        seeker=ana, employer=matched.employer, title="Line cook", start_date=START, opening=matched
    )
    matched.refresh_from_db()
    assert matched.status == JobOpening.Status.FILLED
    return ana


FILLED = f"Already filled by Ana Ruiz on {shown_date(START)}."


def _job_start_post(opening, staff):
    return {
        "employer": opening.employer_id,
        "title": "Line cook",
        "start_date": timezone.localdate().isoformat(),
        "competitive": "on",
        "permanent": "on",
        "opening": opening.pk,
        "coach": staff[Role.COACH].pk,
        "idempotency_key": str(uuid.uuid4()),
    }


def test_a_second_job_start_on_a_filled_opening_is_refused_naming_who_filled_it(
    client, users, staff, seeker, matched, filler
):
    assert shown_date(START) == "Mon 2 Mar 2026"
    client.force_login(users["specialist"])
    url = reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}"
    before = (Job.objects.count(), MatchOutcome.objects.count())
    response = client.post(url, _job_start_post(matched, staff))
    assert response.status_code == 200
    assert FILLED in response.content.decode()
    assert (Job.objects.count(), MatchOutcome.objects.count()) == before
    seeker.refresh_from_db()
    assert seeker.stage == "job_search"


def test_the_service_refuses_a_filled_opening_for_every_caller(seeker, matched, filler):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.record_job_start(
            seeker=seeker,
            employer=matched.employer,
            title="Line cook",
            start_date=timezone.localdate(),
            opening=matched,
        )
    assert refused.value.message_dict == {"opening": [FILLED]}
    assert not Job.objects.filter(seeker=seeker).exists()


def test_a_filled_opening_is_not_offered_by_the_job_start_form_or_the_record(
    client, users, staff, seeker, matched, filler
):
    MatchOutcome.objects.create(
        program=seeker.program,
        seeker=seeker,
        opening=matched,
        kind=MatchOutcome.Kind.INTEREST,
        date=timezone.localdate(),
    )
    client.force_login(users["specialist"])
    url = reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}"
    form = client.get(url).content.decode()
    assert f"Line cook at {matched.employer.name}: {FILLED}" in form
    assert f'name="opening" value="{matched.pk}"' not in form
    assert 'value="Line cook"' not in form
    record = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "The opening is filled now." in record
    assert f"?opening={matched.pk}" not in record


# ---- the match card and "People this might suit" ----


def _plan_introduction(client, seeker, opening, due):
    url = reverse("coaching:introduction", args=[seeker.pk, opening.pk])
    assert client.post(url, {"due_date": due.isoformat()}).status_code == 302


def test_the_match_card_shows_a_planned_introduction_and_links_the_openings_record(
    client, users, staff, seeker, matched
):
    client.force_login(users["specialist"])
    record_url = reverse("jobseekers:record", args=[seeker.pk])
    html = client.get(record_url).content.decode()
    assert "Introduction planned for" not in html
    # The opening's title opens its record, not its edit form (red-team finding).
    assert reverse("openings:inspect", args=[matched.pk]) in html
    assert reverse("openings:edit", args=[matched.pk]) not in html
    due = timezone.localdate() + dt.timedelta(days=3)
    _plan_introduction(client, seeker, matched, due)
    card = client.get(record_url).content.decode().split(f'data-match="{matched.pk}"')[1]
    card = card.split("People this might suit")[0]
    specialist = staff[Role.SPECIALIST].display_name
    assert f"Introduction planned for {shown_date(due)} (by {specialist})" in card


def test_people_this_might_suit_names_and_links_each_person_and_marks_who_is_working(
    client, users, staff, seeker, matched, make_profile, make_opening, program
):
    from jobseekers.matching.services import refresh_matches

    worker = JobSeeker.objects.create(
        program=program,
        name="Wendy Working",
        preferred_name="Wen",
        specialist=staff[Role.SPECIALIST],
        entry_date=dt.date(2026, 1, 2),
        stage="job_search",
    )
    make_profile(worker)
    elsewhere = make_opening("Porter", description="Carrying bags")
    services.record_job_start(
        seeker=worker, employer=elsewhere.employer, title="Porter", start_date=START
    )
    refresh_matches()
    assert Match.objects.filter(seeker=worker, opening=matched).exists()
    client.force_login(users["specialist"])
    due = timezone.localdate() + dt.timedelta(days=5)
    _plan_introduction(client, seeker, matched, due)
    html = client.get(reverse("matching:opening_people", args=[matched.pk])).content.decode()
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    looking, working = rows  # the person looking first, the one in a job last
    seeker_link = reverse("jobseekers:record", args=[seeker.pk])
    assert f'<a href="{seeker_link}">{seeker.name}</a>' in looking
    assert "In a job now" not in looking
    assert f"Introduction planned for {shown_date(due)}" in looking
    worker_link = reverse("jobseekers:record", args=[worker.pk])
    assert f'<a href="{worker_link}">Wendy Working</a> <small>(goes by Wen)</small>' in working
    assert "In a job now" in working
    assert reverse("openings:inspect", args=[matched.pk]) in html


def test_people_this_might_suit_leaves_out_people_the_user_may_not_see(
    client, users, seeker, matched
):
    """A coach sees only people in a job; the screen is for casework roles, and an
    erased person's match is never listed."""
    JobSeeker.objects.filter(pk=seeker.pk).update(erased_at=timezone.now())
    client.force_login(users["specialist"])
    html = client.get(reverse("matching:opening_people", args=[matched.pk])).content.decode()
    assert reverse("jobseekers:record", args=[seeker.pk]) not in html


def test_the_matches_listing_shows_a_place_in_words_never_a_raw_score(
    client, users, seeker, matched
):
    Match.objects.filter(seeker=seeker, opening=matched).update(score=1.473632, rank=1)
    client.force_login(users["specialist"])
    html = client.get(reverse("matches:index")).content.decode()
    assert "Best fit for the person" in html
    assert "1.473632" not in html
    assert "1.47" not in html
    Match.objects.filter(seeker=seeker, opening=matched).update(rank=3)
    html = client.get(reverse("matches:index")).content.decode()
    assert "3rd best fit for the person" in html
    # The match's own page: no raw score, feature weights or reasons in the seeker's voice.
    match = Match.objects.get(seeker=seeker, opening=matched)
    Match.objects.filter(pk=match.pk).update(
        features={"wage": 0.9069}, reasons=["16 hours a week, about what you want"]
    )
    page = client.get(reverse("matches:inspect", args=[match.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert seeker.name in html
    for raw in ("1.473632", "0.9069", "what you want"):
        assert raw not in html


def test_a_filled_openings_record_says_who_filled_it_and_that_it_is_not_public(
    client, users, matched, filler
):
    from cms.selectors import public_openings

    assert matched.shareable  # marked for the public site before it was filled
    client.force_login(users["specialist"])
    html = client.get(reverse("openings:inspect", args=[matched.pk])).content.decode()
    assert f"Filled by Ana Ruiz on {shown_date(START)}" in html
    assert "No: filled, so not on the public site" in html
    assert not public_openings().filter(pk=matched.pk).exists()


def test_an_open_openings_record_says_whether_it_is_public(client, users, matched):
    client.force_login(users["specialist"])
    html = client.get(reverse("openings:inspect", args=[matched.pk])).content.decode()
    assert "Filled by" not in html
    assert "Open" in html


def test_the_employer_record_links_the_openings_record_and_says_a_filled_one_is_not_shown(
    client, users, matched, filler
):
    client.force_login(users["specialist"])
    url = reverse("employers:inspect", args=[matched.employer_id])
    html = client.get(url).content.decode()
    row = html.split(reverse("openings:inspect", args=[matched.pk]))[1].split("</tr>")[0]
    assert "<td>Filled</td><td>Not shown</td>" in row
    assert reverse("openings:edit", args=[matched.pk]) not in html


@pytest.mark.parametrize("raw", ["abc", "12abc", "-1", "²"])
def test_a_job_start_from_a_bad_opening_link_shows_the_form_with_a_notice(
    client, users, seeker, raw
):
    """Red team (issue 17): `?opening=abc` answered a bare 400."""
    client.force_login(users["specialist"])
    url = reverse("jobseekers:job_start", args=[seeker.pk])
    response = client.get(url, {"opening": raw})
    assert response.status_code == 200
    page = response.content.decode()
    assert BAD_OPENING_LINK in page
    assert 'name="title"' in page  # the job start form, to fill in by hand
    assert not Job.objects.filter(seeker=seeker).exists()


def test_the_match_page_links_the_person_and_opening_and_words_reasons_for_staff(
    client, users, seeker, matched
):
    """Issue 17: the match page was a dead end. The person and the opening link to their
    records (the person's with all their openings), and the reasons read in the third person.
    The match's actions are on the page itself (test_match_actions)."""
    match = Match.objects.get(seeker=seeker, opening=matched)
    Match.objects.filter(pk=match.pk).update(reasons=["16 hours a week, about what you want"])
    client.force_login(users["specialist"])
    html = client.get(reverse("matches:inspect", args=[match.pk])).content.decode()
    record = reverse("jobseekers:record", args=[seeker.pk])
    assert f'<a href="{record}">{seeker.name}</a>' in html
    assert f'href="{record}#matches"' in html
    assert f'<a href="{reverse("openings:inspect", args=[matched.pk])}">{matched.title}</a>' in html
    assert f'href="{reverse("employers:inspect", args=[matched.employer_id])}"' in html
    assert "16 hours a week, about what they want" in html
    assert "what you want" not in html
