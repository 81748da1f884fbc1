"""The workspace home at /admin/: what each role has to do now, from the owning selectors,
in a fixed number of queries; nobody sees another program's people."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from coaching.models import JobSupportPlan
from employers.models import Employer, EmployerContact, JobOpening
from ips.models import AuditEvent
from ips.roles import Role
from jobseekers.models import InterestWithdrawal, Job, JobSeeker, Match, MatchOutcome
from jobseekers.services import record_job_end, record_job_start
from tests.conftest import make_staff

HOME = "/admin/"


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def employer(program) -> Employer:
    return Employer.objects.create(program=program, name="Corner Bakery", zip="48226")


def contact(staff, employer, day, **extra) -> EmployerContact:
    return EmployerContact.objects.create(
        program=staff.program, specialist=staff, employer=employer, date=day, **extra
    )


def person(program, specialist, name: str, **extra) -> JobSeeker:
    fields = {"stage": JobSeeker.Stage.JOB_SEARCH, "entry_date": timezone.localdate()}
    return JobSeeker.objects.create(
        program=program, name=name, specialist=specialist, **(fields | extra)
    )


def job(seeker, employer, *, days_ago: int) -> Job:
    """A job start through the owning service (coaching opens its support plan)."""
    start = timezone.localdate() - dt.timedelta(days=days_ago)
    if seeker.entry_date is None or seeker.entry_date > start:
        seeker.entry_date = start
        seeker.save(update_fields=["entry_date"])
    return record_job_start(seeker=seeker, start_date=start, employer=employer, title="Pastry chef")


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


# The specialist


def test_specialist_sees_this_weeks_face_to_face_count_against_6(
    client, users, staff, employer, today
):
    specialist = staff[Role.SPECIALIST]
    contact(specialist, employer, today)
    contact(specialist, employer, today, mode="phone")  # not face to face
    contact(specialist, employer, today - dt.timedelta(days=7))  # last week
    html = page(client, users[Role.SPECIALIST])
    assert re.search(r"data-count>1</span> of 6", html)
    assert "5 more to reach the goal" in html


def test_specialist_ticks_off_a_next_step_from_home(client, users, staff, employer, today):
    step = contact(
        staff[Role.SPECIALIST],
        employer,
        today - dt.timedelta(days=1),
        next_step="Drop off the CV",
        next_step_due=today - dt.timedelta(days=1),
    )
    html = page(client, users[Role.SPECIALIST])
    assert "Drop off the CV" in html
    assert "Overdue since" in html
    assert f"/admin/crm/contacts/{step.pk}/next-step-done/" in html
    done = client.post(f"/admin/crm/contacts/{step.pk}/next-step-done/", {"next": HOME})
    assert done["Location"] == f"{HOME}?ticked={step.pk}"
    after = client.get(done["Location"]).content.decode()
    assert "Done: Drop off the CV" in after
    assert f"/admin/crm/contacts/{step.pk}/next-step-done/" not in after
    assert f"/admin/crm/contacts/{step.pk}/next-step-undo/" in after  # Undo, right there


def test_specialist_sees_own_people_waiting_for_a_first_employer_contact(
    client, program, users, staff, employer, today
):
    specialist = staff[Role.SPECIALIST]
    waiting = person(program, specialist, "Wendy Waiting", entry_date=today - dt.timedelta(40))
    met = person(program, specialist, "Mel Met", entry_date=today - dt.timedelta(10))
    contact(specialist, employer, today).seekers.set([met])
    person(program, staff[Role.SUPERVISOR], "Nora Notmine")
    html = page(client, users[Role.SPECIALIST])
    section = html.split("Waiting for a first employer contact")[1].split("</ul>")[0]
    assert waiting.name in section
    assert "40 days since entry" in section
    assert met.name not in section
    assert "Nora Notmine" not in html


def test_specialist_sees_interest_and_matches_new_this_week(
    client, program, users, staff, employer, seeker, today
):
    fresh = JobOpening.objects.create(program=program, employer=employer, title="Line cook")
    old = JobOpening.objects.create(program=program, employer=employer, title="Dishwasher")
    JobOpening.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=14))
    for opening in (fresh, old):
        Match.objects.create(program=program, seeker=seeker, opening=opening, score=0.8)
    MatchOutcome.objects.create(
        program=program, seeker=seeker, opening=old, kind="interest", date=today, source="portal"
    )
    MatchOutcome.objects.create(
        program=program,
        seeker=seeker,
        opening=fresh,
        kind="interest",
        date=today - dt.timedelta(days=30),
    )
    handled = JobOpening.objects.create(program=program, employer=employer, title="Pastry chef")
    MatchOutcome.objects.create(
        program=program,
        seeker=seeker,
        opening=handled,
        kind="interest",
        date=today - dt.timedelta(days=2),
        handled_on=today,
        handling="talked",
    )
    html = page(client, users[Role.SPECIALIST])
    interest = html.split("Said “I’m interested”")[1].split("</div>")[0]
    assert "Dishwasher at Corner Bakery" in interest
    # A month old but never handled: still a task, shown as late (answer within 3 days).
    line_cook = interest.split("Line cook at Corner Bakery")[1].split("</li>")[0]
    assert "home-late" in line_cook
    assert "Pastry chef" not in interest  # handled: off the home
    matches = html.split("New matches this week")[1].split("</div>")[0]
    assert "Line cook at Corner Bakery" in matches
    assert "Dishwasher" not in matches


def test_new_matches_this_week_leave_out_people_in_a_job(
    client, program, users, staff, employer, seeker
):
    """Red-team finding (issue 17): people already working were listed as new matches."""
    working = person(program, staff[Role.SPECIALIST], "Wanda Working")
    ended = person(program, staff[Role.SPECIALIST], "Eddie Ended")
    job(working, employer, days_ago=20)
    finished = job(ended, employer, days_ago=40)
    record_job_end(
        job=finished, end_date=timezone.localdate() - dt.timedelta(days=5), reason="laid_off"
    )
    opening = JobOpening.objects.create(program=program, employer=employer, title="Line cook")
    for who in (seeker, working, ended):
        Match.objects.create(program=program, seeker=who, opening=opening, score=0.8)
    matches = page(client, users[Role.SPECIALIST]).split("New matches this week")[1]
    matches = matches.split("</div>")[0]
    assert seeker.name in matches
    assert "Eddie Ended" in matches  # the job ended: looking again
    assert "Wanda Working" not in matches


def test_the_newest_interest_signal_wins_on_the_home_and_the_record(
    client, program, users, staff, employer, seeker, seeker_user
):
    """Red-team finding (issue 17): a take-back and a new "I'm interested" in the same
    opening both showed; the person's last word is the one shown."""
    opening = JobOpening.objects.create(
        program=program, employer=employer, title="Line cook", shareable=True
    )
    interested = f"/portal/interested/{opening.pk}/"
    take_back = f"/portal/interested/{opening.pk}/take-back/"
    client.force_login(seeker_user)
    for url in (interested, take_back, interested):
        assert client.post(url).status_code == 302, url
    record = f"/admin/jobseekers/record/{seeker.pk}/"

    def signals(url) -> tuple[int, int]:
        html = page(client, users[Role.SPECIALIST]) if url == HOME else client.get(url).content
        html = html if isinstance(html, str) else html.decode()
        return html.count("data-interest="), html.count("data-withdrawn=")

    assert signals(HOME) == (1, 0)
    assert signals(record) == (1, 0)
    client.force_login(seeker_user)
    assert client.post(take_back).status_code == 302
    assert signals(HOME) == (0, 1)  # one take-back, not two
    assert signals(record) == (0, 1)


def test_specialist_sees_who_reports_wages_to_ssa_this_month(
    client, program, users, staff, employer, seeker
):
    from jobseekers.models import CareerProfile

    CareerProfile.objects.create(
        program=program, seeker=seeker, is_current=True, benefits_received=["ssi"]
    )
    job(seeker, employer, days_ago=45)  # worked last month: its pay is to report
    html = page(client, users[Role.SPECIALIST])
    assert "Pay to report to Social Security" in html
    last = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    part = html.split("Pay to report to Social Security")[1]
    assert seeker.name in part
    assert f"pay for {last:%B %Y} (SSI)" in part
    assert "Reported today" in part


# The coach


def test_coach_sees_week_one_visit_late_check_and_people_without_a_coach(
    client, program, users, staff, employer
):
    coach = staff[Role.COACH]
    fresh = job(person(program, staff[Role.SPECIALIST], "Fay Fresh"), employer, days_ago=2)
    JobSupportPlan.objects.filter(job=fresh).update(coach=coach)
    late = job(person(program, staff[Role.SPECIALIST], "Lou Late"), employer, days_ago=40)
    JobSupportPlan.objects.filter(job=late).update(coach=coach)
    job(person(program, staff[Role.SPECIALIST], "Nico Nocoach"), employer, days_ago=5)
    html = page(client, users[Role.COACH])
    this_week = html.split("Coming up: next 7 days")[1].split("Late checks and visits")[0]
    assert "Fay Fresh" in this_week
    assert "Week 1 face-to-face contact" in this_week
    lates = html.split("Late checks and visits")[1].split("In a job, without a coach")[0]
    assert "Lou Late" in lates
    assert "30-day check" in lates
    without = html.split("In a job, without a coach")[1]
    assert "Nico Nocoach" in without
    assert "Fay Fresh" not in without
    # "Choose a coach" opens the job's page at its plan form (the staff crawl found it
    # linked to the plan's POST-only address, a 405).
    link = re.search(r'href="([^"]+)">Choose a coach', without).group(1)
    assert link.endswith("/#plan")
    response = client.get(link.split("#")[0])
    assert response.status_code == 200
    assert 'id="plan"' in response.content.decode()


def test_a_week_one_visit_in_progress_shows_in_one_place_with_its_last_day(
    client, program, users, staff, employer, today
):
    """Red-team finding (issue 17): a week in progress said "Due today" under "Coming up";
    it is due by the week's last day, and "Due today" (in "Due today") only on that day."""
    coach = staff[Role.COACH]
    fresh = job(person(program, staff[Role.SPECIALIST], "Fay Fresh"), employer, days_ago=2)
    JobSupportPlan.objects.filter(job=fresh).update(coach=coach)
    html = page(client, users[Role.COACH])
    due_today = html.split("Due today</h3>")[1].split("Coming up: next 7 days")[0]
    this_week = html.split("Coming up: next 7 days")[1].split("Late checks and visits")[0]
    assert "Fay Fresh" not in due_today
    assert "Fay Fresh" in this_week
    assert "Due today" not in this_week
    last_day = today + dt.timedelta(days=4)
    assert f"Due by {date_format(last_day)}" in this_week
    on_the_day = job(person(program, staff[Role.SPECIALIST], "Ray Lastday"), employer, days_ago=6)
    JobSupportPlan.objects.filter(job=on_the_day).update(coach=coach)
    html = page(client, users[Role.COACH])
    due_today = html.split("Due today</h3>")[1].split("Coming up: next 7 days")[0]
    this_week = html.split("Coming up: next 7 days")[1].split("Late checks and visits")[0]
    assert "Ray Lastday" in due_today
    assert "Ray Lastday" not in this_week


# Supervisor and director


def test_leadership_sees_quarter_figures_specialists_under_goal_and_late_checks(
    client, program, users, staff, employer
):
    specialist = staff[Role.SPECIALIST]
    late = job(person(program, specialist, "Lou Late"), employer, days_ago=40)
    JobSupportPlan.objects.filter(job=late).update(coach=staff[Role.COACH])
    for role in (Role.SUPERVISOR, Role.DIRECTOR):
        html = page(client, users[role])
        assert "This quarter to date" in html
        assert f"/admin/fidelity/?program={program.pk}&amp;start=" in html
        under = html.split("face to face so far this week")[1].split("</div>")[0]
        assert specialist.display_name in under
        checks = html.split("Late retention checks")[1]
        assert "Lou Late" in checks
        assert "30-day check" in checks


def test_interest_of_a_person_without_an_active_specialist_shows_on_leadership_home(
    client, program, other_program, users, staff, employer, seeker, other_seeker, today
):
    """Red-team finding (issue 17): such an interest showed on no home at all."""
    opening = JobOpening.objects.create(program=program, employer=employer, title="Line cook")
    nobody = person(program, None, "Nora Nobody")
    gone = make_staff(program, Role.SPECIALIST, "gone_specialist")
    gone.active = False
    gone.save()
    left = person(program, gone, "Lee Left")
    for who in (nobody, left, seeker):
        MatchOutcome.objects.create(
            program=program, seeker=who, opening=opening, kind="interest", date=today
        )
    their = JobOpening.objects.create(
        program=other_program,
        employer=Employer.objects.create(program=other_program, name="Far Foundry"),
        title="Welder",
    )
    other_seeker.specialist = None
    other_seeker.save()
    MatchOutcome.objects.create(
        program=other_program, seeker=other_seeker, opening=their, kind="interest", date=today
    )
    for role in (Role.SUPERVISOR, Role.DIRECTOR):
        html = page(client, users[role])
        card = html.split("Said “I’m interested”: no specialist")[1].split("</div>")[0]
        assert "Nora Nobody" in card
        assert "Lee Left" in card
        assert "No specialist" in card
        assert seeker.name not in card  # has a specialist: on their home
        assert other_seeker.name not in card  # another program's
    assert "Nora Nobody" not in page(client, users[Role.SPECIALIST])
    # Handled from there, it leaves the list.
    client.force_login(users[Role.SUPERVISOR])
    outcome = MatchOutcome.objects.get(seeker=nobody)
    url = reverse("jobseekers:interest_handled", args=[nobody.pk, outcome.pk])
    assert client.post(url, {"handling": "talked"}).status_code == 302
    assert "Nora Nobody" not in page(client, users[Role.SUPERVISOR])


def test_a_director_of_two_programs_sees_both(client, program, other_program, staff):
    director = staff[Role.DIRECTOR]
    from ips.models import StaffMember

    StaffMember.objects.create(user=director.user, program=other_program, role=Role.DIRECTOR)
    html = page(client, director.user)
    figures = html.split("This quarter to date")[1].split("</table>")[0]
    assert program.name in figures
    assert other_program.name in figures


# Scope and access


def test_outsider_sees_none_of_the_home_programs_people(
    client, program, outsider, staff, employer, seeker
):
    late = job(person(program, staff[Role.SPECIALIST], "Lou Late"), employer, days_ago=40)
    JobSupportPlan.objects.filter(job=late).update(coach=staff[Role.COACH])
    html = page(client, outsider)
    assert seeker.name not in html
    assert "Lou Late" not in html
    assert program.name not in html


def test_home_replaces_wagtails_page_search_for_every_role(client, users):
    for user in users.values():
        html = page(client, user)
        assert "Search all pages" not in html
        assert "Sorry, you do not have permission" not in html


def test_anonymous_is_sent_to_sign_in_and_a_seeker_is_refused(client, seeker_user):
    response = client.get(HOME)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    client.force_login(seeker_user)
    response = client.get(HOME)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_people_shown_are_in_the_audit_trail(client, users, seeker):
    page(client, users[Role.SPECIALIST])
    event = AuditEvent.objects.get(summary__contains="workspace home")
    assert event.program_id == seeker.program_id


# Query budgets: the same count whatever the number of rows


def _fill(program, staff, employer, size: int) -> None:
    specialist, coach = staff[Role.SPECIALIST], staff[Role.COACH]
    today = timezone.localdate()
    for n in range(size):
        seeker = person(program, specialist, f"Person {n}", entry_date=today - dt.timedelta(50))
        contact(
            specialist, employer, today, next_step=f"Step {n}", next_step_due=today
        ).seekers.set([seeker])
        started = job(person(program, specialist, f"Worker {n}"), employer, days_ago=35 + n)
        JobSupportPlan.objects.filter(job=started).update(coach=coach if n % 2 else None)
        opening = JobOpening.objects.create(program=program, employer=employer, title=f"Job {n}")
        Match.objects.create(program=program, seeker=seeker, opening=opening, score=0.5)
        MatchOutcome.objects.create(
            program=program, seeker=seeker, opening=opening, kind="interest", date=today
        )
        InterestWithdrawal.objects.create(
            program=program, seeker=seeker, opening=opening, date=today
        )
        make_staff(program, Role.SPECIALIST, f"extra_{size}_{n}")


# Measured: session, user, roles and Wagtail's menu take 9 of each; the specialist's
# benefits lists (wage reports, planner referrals) eight, taken-back interest one; the
# leadership home adds six per program led (ips.fidelity.selectors.program_facts), here
# one program, and one for the interest of people without a specialist.
BUDGETS = {Role.SPECIALIST: 25, Role.COACH: 16, Role.SUPERVISOR: 26, Role.DIRECTOR: 26}


@pytest.mark.parametrize("size", [1, 6])
@pytest.mark.parametrize("role", list(BUDGETS))
def test_each_home_runs_a_fixed_number_of_queries(
    client, program, staff, users, employer, size, role, django_assert_max_num_queries
):
    _fill(program, staff, employer, size)
    client.force_login(users[role])
    with django_assert_max_num_queries(BUDGETS[role]):
        assert client.get(HOME).status_code == 200


# Branding (issue 17, item 5)


def test_sign_in_page_names_the_product(client, db):
    html = client.get("/admin/login/").content.decode()
    assert "Sign in to IPS Job Development" in html
    assert "Sign in to Wagtail" not in html
    assert "<title>Sign in - IPS Job Development</title>" in html


def test_staff_pages_show_no_external_avatar_nor_wagtail_release_notes(client, users):
    for user in users.values():
        html = page(client, user)
        assert "gravatar" not in html
        assert "What&#x27;s new in Wagtail" not in html
        assert "What's new in Wagtail" not in html
        assert "Editor Guide" not in html
        assert "IPS Job Development" in html


def test_a_director_of_two_programs_costs_six_queries_more(
    client, program, other_program, staff, employer, django_assert_max_num_queries
):
    from ips.models import StaffMember

    director = staff[Role.DIRECTOR]
    StaffMember.objects.create(user=director.user, program=other_program, role=Role.DIRECTOR)
    _fill(program, staff, employer, 3)
    client.force_login(director.user)
    with django_assert_max_num_queries(BUDGETS[Role.DIRECTOR] + 6):
        assert client.get(HOME).status_code == 200


def test_a_superuser_without_a_program_role_sees_every_programs_figures(
    client, superuser, program, other_program
):
    html = page(client, superuser)
    figures = html.split("This quarter to date")[1].split("</table>")[0]
    assert program.name in figures
    assert other_program.name in figures


def test_the_staff_404_speaks_the_products_words(client, users, other_seeker):
    """Red-team finding (issue 17): the staff 404 said "Go to Wagtail admin"."""
    client.force_login(users[Role.SPECIALIST])
    for url in (
        "/admin/no-such-screen/",
        reverse("jobseekers:record", args=[other_seeker.pk]),  # another program's record
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert "We cannot find this page" in html
        assert '<a class="page404__button button" href="/admin/">Go to your home</a>' in html
        assert "Go to Wagtail admin" not in html


def test_new_matches_this_week_name_each_person_once(
    client, program, users, staff, employer, seeker
):
    """Red team (issue 17): one person was listed five times, once a match; now one line a
    person: their best match and how many more."""
    titles = ["Line cook", "Dishwasher", "Prep cook"]
    for n, title in enumerate(titles):
        opening = JobOpening.objects.create(program=program, employer=employer, title=title)
        Match.objects.create(program=program, seeker=seeker, opening=opening, score=0.9 - n / 10)
    matches = page(client, users[Role.SPECIALIST]).split("New matches this week")[1]
    matches = matches.split("</div>")[0]
    assert matches.count(seeker.name) == 1
    assert "Line cook at Corner Bakery" in matches  # the best first
    assert "and 2 more" in matches
    assert "Prep cook" not in matches


def test_a_long_pay_to_report_list_shows_five_and_folds_the_rest(
    client, program, users, staff, employer
):
    """Red team (issue 17): the home ran to ~5,900 px at 375, mostly this list."""
    from jobseekers.models import CareerProfile

    for n in range(7):
        someone = person(program, staff[Role.SPECIALIST], f"Pat Payday{n}")
        CareerProfile.objects.create(
            program=program, seeker=someone, is_current=True, benefits_received=["ssi"]
        )
        job(someone, employer, days_ago=45)
    html = page(client, users[Role.SPECIALIST])
    part = html.split("Pay to report to Social Security")[1].split('id="benefits-referral"')[0]
    shown, folded = part.split('<details class="home-more">')
    assert shown.count("Reported today<") == 5
    assert "more to record</summary>" in folded
    assert folded.count("Reported today<") == part.count("Reported today<") - 5 > 0
