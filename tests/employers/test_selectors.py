"""Reads: duplicates, the weekly count (spec/metrics.md), what is due, the employer record."""

import datetime as dt

from employers.selectors import (
    employer_record,
    face_to_face_by_week,
    find_duplicate_employers,
    lapsed_employers,
    program_week,
    search_employers,
    week_summary,
)
from ips.roles import Role
from tests.conftest import make_staff
from tests.employers.conftest import TODAY, make_contact, make_employer, make_opening

MONDAY = dt.date(2026, 11, 23)


def test_two_visits_to_the_same_employer_in_a_week_count_twice(specialist, employer):
    make_contact(specialist, employer, date=MONDAY)
    make_contact(specialist, employer, date=MONDAY + dt.timedelta(days=2))
    make_contact(specialist, employer, date=MONDAY + dt.timedelta(days=2))
    assert week_summary(specialist, TODAY).this_week == 3


def test_phone_email_and_video_contacts_do_not_count(specialist, employer):
    make_contact(specialist, employer, date=MONDAY)
    for mode in ("phone", "email", "video"):
        make_contact(specialist, employer, date=MONDAY, mode=mode)
    assert week_summary(specialist, TODAY).this_week == 1


def test_face_to_face_counts_with_or_without_the_seeker(specialist, employer, seeker):
    make_contact(specialist, employer, date=MONDAY, client_present=True).seekers.add(seeker)
    make_contact(specialist, employer, date=MONDAY, client_present=False)
    assert week_summary(specialist, TODAY).this_week == 2


def test_the_week_is_iso_monday_to_sunday(specialist, employer):
    make_contact(specialist, employer, date=MONDAY - dt.timedelta(days=1))  # last Sunday
    make_contact(specialist, employer, date=MONDAY + dt.timedelta(days=6))  # this Sunday
    weeks = face_to_face_by_week([specialist.pk], TODAY)[specialist.pk]
    assert weeks[MONDAY] == 1
    assert weeks[MONDAY - dt.timedelta(days=7)] == 1


def test_only_the_specialists_own_contacts_count(specialist, program, employer):
    colleague = make_staff(program, Role.SPECIALIST, "colleague_north")
    make_contact(colleague, employer, date=MONDAY)
    assert week_summary(specialist, TODAY).this_week == 0


def test_next_steps_due_this_week_or_overdue_are_listed_open_ones_only(specialist, employer):
    due = make_contact(specialist, employer, next_step="Call Dana", next_step_due=MONDAY)
    make_contact(specialist, employer, next_step="Done", next_step_due=MONDAY, next_step_done=True)
    make_contact(specialist, employer, next_step="Later", next_step_due=TODAY + dt.timedelta(30))
    assert week_summary(specialist, TODAY).next_steps == [due]


def test_employers_not_visited_for_60_days_are_listed(specialist, program):
    lapsed = make_employer(program, name="Old Friend", zip="48201")
    recent = make_employer(program, name="New Friend", zip="48201")
    called = make_employer(program, name="Only Called", zip="48201")
    make_contact(specialist, lapsed, date=TODAY - dt.timedelta(days=61))
    make_contact(specialist, recent, date=TODAY - dt.timedelta(days=61))
    make_contact(specialist, recent, date=TODAY - dt.timedelta(days=5))
    make_contact(specialist, called, date=TODAY - dt.timedelta(days=90), mode="phone")
    rows = lapsed_employers(specialist, TODAY)
    assert [r["employer_id"] for r in rows] == [lapsed.pk]


def test_supervisor_sees_every_specialist_of_their_program_only(
    users, specialist, other_staff, employer
):
    make_contact(specialist, employer, date=MONDAY)
    rows = program_week(users[Role.SUPERVISOR], TODAY)
    assert [(r.staff, r.this_week) for r in rows] == [(specialist, 1)]


def test_duplicates_ignore_case_punctuation_and_zip_plus_four(program, other_program):
    same = make_employer(program, name="THE Corner Café & Co.", zip="48226-0001")
    make_employer(program, name="Corner Cafe", zip="48201")
    make_employer(other_program, name="Corner Cafe", zip="48226")
    assert find_duplicate_employers(program, "corner cafe and", "48226") == [same]
    assert find_duplicate_employers(program, "   ", "48226") == []


def test_search_is_scoped_to_the_users_programs(users, employer, other_employer, outsider):
    assert list(search_employers(users[Role.SPECIALIST], "a")) == [employer]
    assert list(search_employers(outsider, "a")) == [other_employer]
    assert list(search_employers(users[Role.COACH], "a")) == []


def test_record_strength_counts_face_to_face_in_the_last_90_days(users, specialist, employer):
    for days in (1, 10, 20):
        make_contact(specialist, employer, date=TODAY - dt.timedelta(days=days))
    make_contact(specialist, employer, date=TODAY - dt.timedelta(days=91))
    make_contact(specialist, employer, date=TODAY - dt.timedelta(days=2), mode="phone")
    record = employer_record(employer, users[Role.SPECIALIST], TODAY)
    assert record.recent_face_to_face == 3
    assert record.strength == "Growing"
    assert len(record.contacts) == 5


def test_record_shows_jobs_with_retention_and_hides_contacts_from_coaches(
    users, specialist, employer, seeker
):
    from jobseekers.models import Job

    make_contact(specialist, employer)
    make_opening(employer)
    Job.objects.create(
        program=employer.program,
        seeker=seeker,
        employer=employer,
        title="Cook",
        start_date=TODAY - dt.timedelta(days=100),
    )
    record = employer_record(employer, users[Role.SPECIALIST], TODAY)
    assert record.jobs[0].retention == "90+ days, still working"
    assert len(record.openings) == 1
    coach_view = employer_record(employer, users[Role.COACH], TODAY)
    assert coach_view.contacts == []
    assert len(coach_view.jobs) == 1
