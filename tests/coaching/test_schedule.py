"""The pure follow-along calendar, without the database."""

import datetime as dt
from decimal import Decimal

import pytest

from coaching import schedule

START = dt.date(2026, 3, 2)


def test_milestones_fall_30_90_180_365_days_after_the_start():
    assert schedule.milestone_due_dates(START) == [
        (30, dt.date(2026, 4, 1)),
        (90, dt.date(2026, 5, 31)),
        (180, dt.date(2026, 8, 29)),
        (365, dt.date(2027, 3, 2)),
    ]


def test_first_month_is_four_seven_day_weeks_from_the_start_day():
    weeks = schedule.first_month_weeks(START)
    assert [(w.number, w.start, w.end) for w in weeks] == [
        (1, dt.date(2026, 3, 2), dt.date(2026, 3, 8)),
        (2, dt.date(2026, 3, 9), dt.date(2026, 3, 15)),
        (3, dt.date(2026, 3, 16), dt.date(2026, 3, 22)),
        (4, dt.date(2026, 3, 23), dt.date(2026, 3, 29)),
    ]


def test_week_states_done_missed_due_and_upcoming():
    checks = schedule.first_month_checks(
        START, [dt.date(2026, 3, 3), dt.date(2026, 3, 4)], today=dt.date(2026, 3, 17)
    )
    assert [c.state for c in checks] == ["done", "missed", "due", "upcoming"]
    assert checks[0].contact_date == dt.date(2026, 3, 3)


def test_contact_outside_the_first_month_counts_for_no_week():
    checks = schedule.first_month_checks(START, [dt.date(2026, 3, 30)], today=dt.date(2026, 4, 1))
    assert [c.state for c in checks] == ["missed"] * 4


def test_missed_week_leaves_the_due_list_a_week_after_it_ended():
    week1_end = dt.date(2026, 3, 8)
    shown = schedule.weeks_needing_attention(START, [], today=week1_end + dt.timedelta(days=7))
    assert 1 in [c.week.number for c in shown]
    later = schedule.weeks_needing_attention(START, [], today=week1_end + dt.timedelta(days=8))
    assert 1 not in [c.week.number for c in later]


@pytest.mark.parametrize(
    ("due", "state"),
    [
        (dt.date(2026, 3, 9), "overdue"),
        (dt.date(2026, 3, 10), "due"),
        (dt.date(2026, 3, 17), "soon"),
        (dt.date(2026, 3, 18), "later"),
    ],
)
def test_due_state_by_date(due, state):
    assert schedule.due_state(due, today=dt.date(2026, 3, 10)) == state


def test_week_monday_and_days():
    assert schedule.week_monday(dt.date(2026, 3, 8)) == START
    assert schedule.week_days(START)[-1] == dt.date(2026, 3, 8)


def test_days_over_24_hours_are_reported():
    day = START
    hours = {
        (day, "employment_services", "community"): Decimal(20),
        (day, "other", "office"): Decimal("4.25"),
        (START + dt.timedelta(days=1), "other", "office"): Decimal(24),
    }
    assert schedule.days_over_limit(hours) == [day]


def test_time_shares_for_s2_and_v13():
    shares = schedule.time_shares(
        {
            (START, "employment_services", "community"): Decimal(6),
            (START, "employment_services", "office"): Decimal(1),
            (START, "other", "office"): Decimal(1),
        }
    )
    assert shares == schedule.TimeShares(Decimal(8), 87.5, 75.0)
    assert schedule.time_shares({}) == schedule.TimeShares(Decimal(0), None, None)


# --- retention checks derived from the job and the record (no stored due dates) --------

D = dt.timedelta(days=1)


def _states(span, today, confirmations=None):
    return [c.state for c in schedule.retention_checks(span, confirmations or {}, today)]


@pytest.mark.parametrize(
    ("span", "today", "states"),
    [
        # an open job: the 30-day check is overdue, the others later
        (schedule.Span(START), START + 40 * D, ["overdue", "later", "later", "later"]),
        # shows a week ahead, due on its day
        (schedule.Span(START), START + 23 * D, ["soon", "later", "later", "later"]),
        (schedule.Span(START), START + 30 * D, ["due", "later", "later", "later"]),
        # the job ended on day 60: the 30-day check lapsed, later ones are not followed
        (
            schedule.Span(START, end=START + 60 * D),
            START + 70 * D,
            ["lapsed", "outside", "outside", "outside"],
        ),
        # an end recorded ahead (day 100) keeps the reminders running until then
        (
            schedule.Span(START, end=START + 100 * D),
            START + 95 * D,
            ["overdue", "overdue", "outside", "outside"],
        ),
        # the record closed (moved away) on day 45: no reminders from that day
        (
            schedule.Span(START, closed=START + 45 * D),
            START + 45 * D,
            ["lapsed", "outside", "outside", "outside"],
        ),
        # re-opened on day 150 (new entry date): checks due before it are not followed
        (
            schedule.Span(START, entry=START + 150 * D),
            START + 175 * D,
            ["outside", "outside", "soon", "later"],
        ),
        # an erased record keeps no reminders
        (schedule.Span(START, erased=True), START + 40 * D, ["outside"] * 4),
    ],
)
def test_retention_check_states_follow_the_job_and_the_record(span, today, states):
    assert _states(span, today) == states


def test_an_answer_confirms_its_check_whatever_the_dates():
    answer = schedule.Confirmation(START + 31 * D, True)
    [first, *_] = schedule.retention_checks(schedule.Span(START - 2 * D), {30: answer}, START)
    assert (first.state, first.confirmed_on, first.still_employed) == (
        "confirmed",
        START + 31 * D,
        True,
    )


def test_a_corrected_start_date_moves_every_unanswered_check():
    moved = schedule.retention_checks(schedule.Span(START + 7 * D), {}, START)
    assert [c.due_date for c in moved] == [START + (7 + n) * D for n in (30, 90, 180, 365)]


def test_an_answer_goes_to_the_earliest_open_check_due_within_a_week():
    span = schedule.Span(START)
    assert schedule.open_check_for(span, {}, START + 24 * D).days == 30
    assert schedule.open_check_for(span, {}, START + 10 * D) is None
    answered = {30: schedule.Confirmation(START + 30 * D, True)}
    assert schedule.open_check_for(span, answered, START + 85 * D).days == 90


def test_week_reminders_end_with_the_job_or_the_record():
    today = START + 9 * D
    assert [w.week.number for w in schedule.week_reminders(schedule.Span(START), [], today)] == [
        1,
        2,
    ]
    assert schedule.week_reminders(schedule.Span(START, end=today), [], today) == []
    assert schedule.week_reminders(schedule.Span(START, closed=START + 8 * D), [], today) == []
    assert schedule.week_reminders(schedule.Span(START, erased=True), [], today) == []
    reopened = schedule.Span(START, entry=START + 8 * D)
    assert [w.week.number for w in schedule.week_reminders(reopened, [], today)] == [2]
