"""Closing the loop (issue 17, item 4): "I'm interested" as a task until handled, match
actions on the record, a job start from an opening that fills it and names the coach."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import FollowUpTask, JobSupportPlan
from employers.models import Employer, JobOpening
from ips.roles import Role
from jobseekers.matching.selectors import labelled_pairs, matches_for_seeker
from jobseekers.matching.views import seeker_panel
from jobseekers.models import Job, Match, MatchOutcome
from jobseekers.views.jobs import BAD_OPENING_LINK
from tests.conftest import make_staff

CASEWORK = ("specialist", "supervisor", "director")


@pytest.fixture
def matched(seeker, make_profile, make_opening):
    from jobseekers.matching.services import refresh_matches

    make_profile(seeker)
    opening = make_opening("Line cook", description="Cooking breakfast", shareable=True)
    refresh_matches()
    assert Match.objects.filter(seeker=seeker, opening=opening).exists()
    return opening


@pytest.fixture
def interest(seeker, matched):
    return MatchOutcome.objects.create(
        program=seeker.program,
        seeker=seeker,
        opening=matched,
        kind=MatchOutcome.Kind.INTEREST,
        date=timezone.localdate(),
        source="portal",
    )


def _outcomes():
    return sorted(
        MatchOutcome.objects.values_list("kind", "handled_on", "handling", "reason", "opening_id"),
        key=str,
    )


# ---- a job start from an opening ----


def test_job_start_form_is_filled_from_the_opening_and_suggests_the_least_busy_coach(
    client, users, staff, seeker, matched, program
):
    busy = staff[Role.COACH]
    free = make_staff(program, Role.COACH, "coach_free")
    free.user.first_name, free.user.last_name = "Cora", "Free"
    free.user.save()
    busy.user.first_name, busy.user.last_name = "Ann", "Adams"  # first by name, not by load
    busy.user.save()
    other = make_staff(program, Role.SPECIALIST, "someone_else")
    from jobseekers import services

    worker = type(seeker).objects.create(
        program=program,
        name="Pat Working",
        specialist=other,
        entry_date=dt.date(2026, 1, 2),
        stage="job_search",
    )
    started = services.record_job_start(
        seeker=worker, employer=matched.employer, title="Porter", start_date=dt.date(2026, 2, 1)
    )
    JobSupportPlan.objects.filter(job=started).update(coach=busy)
    client.force_login(users["specialist"])
    url = reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}"
    html = client.get(url).content.decode()
    assert 'value="Line cook"' in html
    assert 'name="hours_per_week" value="20' in html
    assert 'name="hourly_wage" value="15' in html
    assert f'name="opening" value="{matched.pk}"' in html
    assert "Who is the job coach?" in html
    # The coach following nobody is chosen and listed first, the busy one after; each
    # says how many people they follow (red-team finding: the options came in the model's
    # order, the counts in brackets).
    options = html.split('name="coach"')[1].split("</select>")[0]
    assert f'<option value="{free.pk}" selected>Cora Free — 0 people</option>' in options
    busy_label = "Ann Adams — 1 person"
    assert busy_label in options
    assert options.index("Cora Free — 0 people") < options.index(busy_label)


def test_job_start_from_an_opening_fills_it_and_gives_the_coach_the_first_week(
    client, users, staff, seeker, matched, interest
):
    coach = staff[Role.COACH]
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}",
        {
            "employer": matched.employer_id,
            "title": "Line cook",
            "start_date": timezone.localdate().isoformat(),
            "hours_per_week": "20",
            "hourly_wage": "15.00",
            "competitive": "on",
            "permanent": "on",
            "opening": matched.pk,
            "coach": coach.pk,
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    job = Job.objects.get(seeker=seeker)
    assert job.opening == matched
    assert (job.hours_per_week, job.hourly_wage) == (20, 15)
    matched.refresh_from_db()
    assert matched.status == JobOpening.Status.FILLED
    assert not JobOpening.objects.public().filter(pk=matched.pk).exists()
    assert matches_for_seeker(seeker) == []
    assert JobSupportPlan.objects.get(job=job).coach == coach
    interest.refresh_from_db()
    assert (interest.handled_on, interest.handling) == (timezone.localdate(), "job_start")
    assert MatchOutcome.objects.filter(seeker=seeker, opening=matched, kind="hire").exists()
    # The coach's home shows the week-1 visit due.
    client.force_login(users["coach"])
    home = client.get("/admin/").content.decode()
    # Week 1 runs from the start date for seven days: due within the next 7 days.
    coming = home.split("Coming up: next 7 days")[1].split("Late checks and visits")[0]
    assert seeker.name in coming
    assert "Week 1 face-to-face contact" in coming
    assert "In a job, without a coach" in home
    assert seeker.name not in home.split("In a job, without a coach")[1]


def test_job_start_refuses_someone_who_is_not_a_coach(client, users, staff, seeker, matched):
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}",
        {
            "employer": matched.employer_id,
            "title": "Line cook",
            "start_date": timezone.localdate().isoformat(),
            "opening": matched.pk,
            "coach": staff[Role.SUPERVISOR].pk,
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Job.objects.exists()
    matched.refresh_from_db()
    assert matched.status == JobOpening.Status.OPEN


def test_the_service_refuses_a_coach_of_another_program(seeker, matched, other_staff):
    from django.core.exceptions import ValidationError

    from jobseekers import services

    with pytest.raises(ValidationError) as error:
        services.record_job_start(
            seeker=seeker,
            employer=matched.employer,
            title="Line cook",
            start_date=timezone.localdate(),
            opening=matched,
            coach=other_staff[Role.COACH],
        )
    assert "coach" in error.value.message_dict
    assert not Job.objects.exists()
    matched.refresh_from_db()
    assert matched.status == JobOpening.Status.OPEN


def _job_start_page(client, seeker, opening) -> str:
    url = reverse("jobseekers:job_start", args=[seeker.pk])
    response = client.get(url, {"opening": opening})
    assert response.status_code == 200
    return response.content.decode()


def test_an_opening_not_found_in_the_job_start_link_gives_the_empty_form(client, users, seeker):
    """Red team (issue 17): a missing opening's id gave a full "cannot find this page"
    where a damaged one gave the form with a notice; both now give the form, filled from
    nothing (a damaged id: test_loop_redteam.py)."""
    client.force_login(users["specialist"])
    page = _job_start_page(client, seeker, "999999")
    assert BAD_OPENING_LINK in page
    assert 'name="title"' in page


def test_another_programs_opening_cannot_fill_a_job_start(
    client, users, seeker, make_opening, other_program
):
    theirs = make_opening("Porter", program_=other_program, shareable=True)
    client.force_login(users["specialist"])
    page = _job_start_page(client, seeker, theirs.pk)
    # Said exactly as for an opening that does not exist: nothing is filled from it.
    assert BAD_OPENING_LINK in page
    assert "Porter" not in page


# ---- "I'm interested" until handled ----


def test_interest_shows_on_the_record_until_handled(client, users, seeker, interest):
    client.force_login(users["specialist"])
    record = reverse("jobseekers:record", args=[seeker.pk])
    html = client.get(record).content.decode()
    assert f'data-interest="{interest.pk}"' in html
    url = reverse("jobseekers:interest_handled", args=[seeker.pk, interest.pk])
    response = client.post(url, {"handling": "talked", "note": "Will apply Monday"})
    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.handling == "talked"
    assert interest.handling_note == "Will apply Monday"
    assert interest.handled_by.user == users["specialist"]
    assert f'data-interest="{interest.pk}"' not in client.get(record).content.decode()
    # Twice is refused, nothing changes.
    before = _outcomes()
    response = client.post(url, {"handling": "not_reached"})
    assert response.status_code == 200
    assert "already handled" in response.content.decode()
    assert _outcomes() == before


@pytest.mark.parametrize("data", [{}, {"handling": "bogus"}, {"handling": "job_start"}])
def test_what_came_of_it_needs_a_known_answer(client, users, seeker, interest, data):
    client.force_login(users["specialist"])
    before = _outcomes()
    url = reverse("jobseekers:interest_handled", args=[seeker.pk, interest.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    assert _outcomes() == before


def test_what_came_of_it_returns_to_the_home(client, users, seeker, interest):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:interest_handled", args=[seeker.pk, interest.pk])
    response = client.post(url, {"handling": "applied", "next": "/admin/"})
    assert response["Location"] == "/admin/"
    response = client.post(url, {"handling": "applied", "next": "https://evil.example/"})
    assert response.status_code == 200  # already handled; never redirected off-site


# ---- match actions ----


def test_not_suitable_needs_a_reason_and_changes_nothing_without_one(
    client, users, seeker, matched
):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:match_unsuitable", args=[seeker.pk, matched.pk])
    before = _outcomes()
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert _outcomes() == before


def test_not_suitable_is_learned_from_and_hides_the_match(client, users, seeker, matched, interest):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:match_unsuitable", args=[seeker.pk, matched.pk])
    response = client.post(url, {"reason": "Evening shifts clash with her group"})
    assert response.status_code == 302
    declined = MatchOutcome.objects.get(seeker=seeker, opening=matched, kind="declined")
    assert declined.reason == "Evening shifts clash with her group"
    assert declined.source == "staff"
    # The recommender learns from it: the pair is graded 0 (matching.fit.GRADES), above
    # the interest it would otherwise have had.
    grades = {(s, o): g for s, o, g in labelled_pairs()}
    assert grades[(seeker.pk, matched.pk)] == 1  # the interest is still the best outcome
    interest.refresh_from_db()
    assert interest.handling == "not_going_ahead"
    # Hidden from the staff panel and the portal.
    assert matches_for_seeker(seeker) == []
    html = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert f'data-match="{matched.pk}"' not in html


def test_a_declined_pair_without_interest_is_graded_zero(client, users, seeker, matched):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:match_unsuitable", args=[seeker.pk, matched.pk])
    client.post(url, {"reason": "Too far"})
    assert (seeker.pk, matched.pk, 0) in labelled_pairs()


def test_told_them_is_recorded_once_and_only_by_post(client, users, seeker, matched):
    client.force_login(users["specialist"])
    url = reverse("jobseekers:match_told", args=[seeker.pk, matched.pk])
    assert client.get(url).status_code == 302
    assert not MatchOutcome.objects.exists()
    client.post(url)
    client.post(url)
    assert MatchOutcome.objects.filter(kind="told").count() == 1
    # "Told" is not evidence for learning.
    assert (seeker.pk, matched.pk, 0) in labelled_pairs()
    html = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert "Told about it on" in html


def test_plan_an_introduction_creates_a_next_step_and_handles_the_interest(
    client, users, staff, seeker, matched, interest
):
    client.force_login(users["specialist"])
    url = reverse("coaching:introduction", args=[seeker.pk, matched.pk])
    due = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(url, {"due_date": due.isoformat(), "note": "Ask for Dana"})
    assert response.status_code == 302
    task = FollowUpTask.objects.get(seeker=seeker, kind="introduction")
    assert task.assigned_to == staff[Role.SPECIALIST]
    assert task.due_date == due
    assert "Line cook" in task.note
    assert "Ask for Dana" in task.note
    interest.refresh_from_db()
    assert interest.handling == "introduction"
    due_page = client.get(reverse("coaching:due")).content.decode()
    assert "Introduce the person to an employer" in due_page


def test_plan_an_introduction_pressed_twice_plans_one_and_says_so(
    client, users, staff, seeker, matched, interest
):
    """Red-team finding (issue 17): pressing "Plan an introduction" twice made two tasks."""
    client.force_login(users["specialist"])
    url = reverse("coaching:introduction", args=[seeker.pk, matched.pk])
    due = timezone.localdate() + dt.timedelta(days=3)
    assert client.post(url, {"due_date": due.isoformat()}).status_code == 302
    response = client.post(url, {"due_date": due.isoformat()}, follow=True)
    assert FollowUpTask.objects.filter(seeker=seeker, kind="introduction").count() == 1
    page = response.content.decode()
    assert "An introduction is already planned" in page
    assert "Nothing new was added." in page
    # The form says so before anyone presses Save again.
    form = client.get(url).content.decode()
    assert "An introduction is already planned" in form
    assert "Saving again adds nothing." in form
    # Once done, a new introduction to the same opening can be planned.
    FollowUpTask.objects.filter(seeker=seeker).update(done_on=timezone.localdate())
    assert client.post(url, {"due_date": due.isoformat()}).status_code == 302
    assert FollowUpTask.objects.filter(seeker=seeker, kind="introduction").count() == 2


def test_the_database_allows_one_open_introduction_per_match(staff, seeker, matched):
    from django.db import IntegrityError, transaction

    fields = {
        "program": seeker.program,
        "seeker": seeker,
        "opening": matched,
        "kind": "introduction",
        "created_on": timezone.localdate(),
        "due_date": timezone.localdate(),
    }
    FollowUpTask.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpTask.objects.create(**fields)


def test_an_introduction_in_the_past_is_refused(client, users, seeker, matched, interest):
    client.force_login(users["specialist"])
    url = reverse("coaching:introduction", args=[seeker.pk, matched.pk])
    past = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(url, {"due_date": past.isoformat()})
    assert response.status_code == 200
    assert not FollowUpTask.objects.exists()
    interest.refresh_from_db()
    assert interest.handled_on is None


def test_an_opening_never_matched_to_the_person_has_no_actions(client, users, seeker, make_opening):
    stray = make_opening("Porter")
    client.force_login(users["specialist"])
    for url in (
        reverse("jobseekers:match_unsuitable", args=[seeker.pk, stray.pk]),
        reverse("jobseekers:match_told", args=[seeker.pk, stray.pk]),
        reverse("coaching:introduction", args=[seeker.pk, stray.pk]),
    ):
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    assert not MatchOutcome.objects.exists()
    assert not FollowUpTask.objects.exists()


# ---- the access matrix of the new screens ----


def _urls(seeker, opening, interest):
    return [
        reverse("jobseekers:interest_handled", args=[seeker.pk, interest.pk]),
        reverse("jobseekers:match_unsuitable", args=[seeker.pk, opening.pk]),
        reverse("jobseekers:match_told", args=[seeker.pk, opening.pk]),
        reverse("coaching:introduction", args=[seeker.pk, opening.pk]),
        reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={opening.pk}",
    ]


@pytest.mark.parametrize("role", CASEWORK)
def test_casework_staff_reach_the_loop_screens(client, users, seeker, matched, interest, role):
    client.force_login(users[role])
    for url in _urls(seeker, matched, interest):
        assert client.get(url).status_code in (200, 302), url


@pytest.mark.parametrize("who", ["coach", "outsider", "seeker_user"])
def test_others_are_refused_the_loop_screens_and_change_nothing(
    client, users, outsider, seeker_user, seeker, matched, interest, who
):
    user = {"outsider": outsider, "seeker_user": seeker_user}.get(who) or users[who]
    client.force_login(user)
    before = _outcomes()
    for url in _urls(seeker, matched, interest):
        for response in (
            client.get(url),
            client.post(url, {"reason": "x", "handling": "talked", "due_date": "2030-01-01"}),
        ):
            refused = response.status_code in (403, 404) or (
                response.status_code == 302
                and response["Location"] in ("/admin/", "/")
                or "/login" in response.get("Location", "")
            )
            assert refused, (url, response.status_code)
    assert _outcomes() == before
    assert not FollowUpTask.objects.exists()
    assert not Job.objects.exists()


def test_the_panel_shows_actions_only_to_casework_staff(rf, users, seeker, matched):
    request = rf.get("/admin/")
    request.user = users["specialist"]
    assert "Not suitable" in seeker_panel(request, seeker)


# ---- the record on a phone (issue 17, item 5) ----


def test_the_record_has_a_jump_list_and_tap_to_call(client, users, seeker):
    seeker.phone, seeker.email, seeker.preferred_name = "(313) 555-0108", "alex@example.org", "Al"
    seeker.save()
    client.force_login(users["specialist"])
    html = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    assert 'href="tel:3135550108"' in html
    assert 'href="mailto:alex@example.org"' in html
    jump = html.split('aria-label="Sections of this record"')[1].split("</nav>")[0]
    for target in ("#h-summary", "#h-profile", "#h-jobs", "#h-psr", "#matches"):
        assert f'href="{target}"' in jump
    assert "<dt>Goes by</dt><dd>Al</dd>" in html
    # A coach's view of the record lists only the sections a coach is shown.
    from coaching.models import JobSupportPlan
    from jobseekers import services

    job = services.record_job_start(
        seeker=seeker,
        employer=Employer.objects.create(program=seeker.program, name="Cafe"),
        title="Cook",
        start_date=dt.date(2026, 2, 1),
    )
    JobSupportPlan.objects.filter(job=job).update(coach=None)
    client.force_login(users["coach"])
    html = client.get(reverse("jobseekers:record", args=[seeker.pk])).content.decode()
    jump = html.split('aria-label="Sections of this record"')[1].split("</nav>")[0]
    assert 'href="#h-psr"' not in jump
    assert 'href="#h-jobs"' in jump


def test_lists_show_the_record_name_with_the_preferred_name_marked(client, users, seeker):
    seeker.preferred_name = "Al"
    seeker.save()
    client.force_login(users["specialist"])
    html = client.get(reverse("jobseekers:caseload")).content.decode()
    assert f">{seeker.name}</a> <small>(goes by Al)</small>" in html


def test_a_job_start_from_an_opening_at_another_employer_says_why_on_the_employer(
    client, users, staff, seeker, matched
):
    # Red-team finding: the refusal was on the hidden opening field, so the form came back
    # 400 with no message at all.
    other = Employer.objects.create(program=seeker.program, name="Other Diner", zip="48226")
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}",
        {
            "employer": other.pk,
            "title": "Line cook",
            "start_date": timezone.localdate().isoformat(),
            "opening": matched.pk,
            "coach": staff[Role.COACH].pk,
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f"so the employer must be {matched.employer.name}" in page
    assert not Job.objects.exists()
    matched.refresh_from_db()
    assert matched.status == JobOpening.Status.OPEN


def test_a_job_start_after_tomorrow_is_refused_and_nothing_changes(client, users, seeker, matched):
    stage = seeker.stage
    client.force_login(users["specialist"])
    later = timezone.localdate() + dt.timedelta(days=180)
    response = client.post(
        reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}",
        {
            "employer": matched.employer_id,
            "title": "Line cook",
            "start_date": later.isoformat(),
            "opening": matched.pk,
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    assert "A job start is recorded from its first day (tomorrow at most)" in (
        response.content.decode()
    )
    assert not Job.objects.exists()
    matched.refresh_from_db()
    assert matched.status == JobOpening.Status.OPEN
    seeker.refresh_from_db()
    assert seeker.stage == stage


def test_a_job_start_dated_tomorrow_is_still_recorded(client, users, seeker, matched):
    client.force_login(users["specialist"])
    response = client.post(
        reverse("jobseekers:job_start", args=[seeker.pk]) + f"?opening={matched.pk}",
        {
            "employer": matched.employer_id,
            "title": "Line cook",
            "start_date": (timezone.localdate() + dt.timedelta(days=1)).isoformat(),
            "opening": matched.pk,
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Job.objects.filter(seeker=seeker).exists()
