"""Pure week arithmetic, chart geometry and labels: no database."""

import datetime as dt

import pytest

from employers.compute import (
    last_weeks,
    relationship_strength,
    retention_label,
    week_chart,
    week_start,
    weekly_counts,
)

WED = dt.date(2026, 11, 25)


def test_iso_week_starts_on_monday_and_sunday_belongs_to_the_week_before_monday():
    assert week_start(WED) == dt.date(2026, 11, 23)
    assert week_start(dt.date(2026, 11, 29)) == dt.date(2026, 11, 23)  # Sunday
    assert week_start(dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)


def test_last_weeks_are_eight_mondays_ending_with_this_week():
    mondays = last_weeks(WED)
    assert len(mondays) == 8
    assert mondays[-1] == dt.date(2026, 11, 23)
    assert mondays[0] == dt.date(2026, 10, 5)
    assert all(m.weekday() == 0 for m in mondays)


def test_weekly_counts_add_every_visit_and_ignore_days_outside_the_window():
    mondays = last_weeks(WED, count=2)
    daily = [
        (dt.date(2026, 11, 23), 2),  # two visits on Monday (same employer counts twice)
        (dt.date(2026, 11, 29), 1),  # Sunday, same week
        (dt.date(2026, 11, 16), 3),  # last week
        (dt.date(2026, 11, 1), 9),  # outside the window
    ]
    assert weekly_counts(daily, mondays) == {
        dt.date(2026, 11, 16): 3,
        dt.date(2026, 11, 23): 3,
    }


def test_chart_marks_weeks_at_goal_and_scales_to_the_tallest_bar():
    counts = {dt.date(2026, 11, 16): 6, dt.date(2026, 11, 23): 12}
    chart = week_chart(counts, goal=6, height=120, padding=18)
    small, tall = chart.bars
    assert small.met_goal
    assert tall.met_goal
    assert tall.height == 84.0  # the full plot height (120 - 2 * 18)
    assert small.height == 42.0
    assert chart.goal_y == small.y


def test_chart_of_an_empty_history_still_draws_the_goal_line():
    chart = week_chart(dict.fromkeys(last_weeks(WED), 0))
    assert [b.height for b in chart.bars] == [0.0] * 8
    assert 0 < chart.goal_y < chart.height


@pytest.mark.parametrize(
    ("visits", "label"),
    [(0, "None yet"), (1, "New"), (3, "Growing"), (5, "Growing"), (6, "Strong")],
)
def test_relationship_strength_follows_recent_face_to_face_visits(visits, label):
    assert relationship_strength(visits) == label


@pytest.mark.parametrize(
    ("days", "ended", "label"),
    [
        (12, False, "12 days, still working"),
        (95, False, "90+ days, still working"),
        (200, True, "180+ days (ended)"),
        (400, False, "365+ days, still working"),
    ],
)
def test_retention_label_names_the_highest_milestone_reached(days, ended, label):
    assert retention_label(days, ended) == label
