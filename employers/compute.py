"""Week arithmetic, the weekly chart and relationship strength. Pure: no Django."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ips.domain import shown_date
from ips.retention import RETENTION_DAYS

WEEKLY_GOAL = 6  # face-to-face employer contacts a week (IPS-25 item V6, rating 5)
LAPSED_AFTER_DAYS = 60
STRENGTH_WINDOW_DAYS = 90
BAR_WIDTH = 28  # px, each week's bar in the chart


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week holding `day` (spec/metrics.md, Terms: week)."""
    return day - dt.timedelta(days=day.weekday())


def last_weeks(today: dt.date, count: int = 8) -> list[dt.date]:
    """Mondays of the `count` ISO weeks ending with this one, oldest first."""
    this_monday = week_start(today)
    return [this_monday - dt.timedelta(weeks=n) for n in range(count - 1, -1, -1)]


def weekly_counts(
    daily: Iterable[tuple[dt.date, int]], mondays: list[dt.date]
) -> dict[dt.date, int]:
    """Sum per-day contact counts into ISO weeks; every visit counts, even to one employer."""
    totals = dict.fromkeys(mondays, 0)
    for day, count in daily:
        monday = week_start(day)
        if monday in totals:
            totals[monday] += count
    return totals


@dataclass(frozen=True)
class Bar:
    monday: dt.date
    count: int
    x: float
    y: float
    height: float
    met_goal: bool
    label: str  # the axis under the bar, "12 Oct": the day and month of `date_shown`
    date_shown: str  # the week's Monday in the workspace format, "Mon 12 Oct 2026"

    @property
    def middle(self) -> float:
        """The bar's centre (px), where its labels are anchored; bars are BAR_WIDTH wide."""
        return round(self.x + BAR_WIDTH / 2, 1)


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    goal_y: float
    bars: tuple[Bar, ...]
    top: int
    bar_width: int = BAR_WIDTH


def week_chart(
    counts: dict[dt.date, int],
    goal: int = WEEKLY_GOAL,
    width: int = 320,
    height: int = 120,
    padding: int = 18,
) -> Chart:
    """Geometry of a small bar chart (one bar a week) with the goal drawn as a line, in px.
    Each bar's axis label is the short "12 Oct" (40 px a bar holds no more); the full
    "Mon 12 Oct 2026" is `date_shown`, for the chart's accessible title."""
    top = max([goal + 2, *counts.values()])
    plot = height - 2 * padding
    slot = width / max(1, len(counts))
    bars = []
    for index, (monday, count) in enumerate(sorted(counts.items())):
        bar_height = plot * count / top
        bars.append(
            Bar(
                monday=monday,
                count=count,
                x=round(index * slot + slot * 0.15, 1),
                y=round(height - padding - bar_height, 1),
                height=round(bar_height, 1),
                met_goal=count >= goal,
                label=" ".join(shown_date(monday).split()[1:3]),
                date_shown=shown_date(monday),
            )
        )
    goal_y = round(height - padding - plot * goal / top, 1)
    return Chart(width=width, height=height, goal_y=goal_y, bars=tuple(bars), top=top)


def relationship_strength(face_to_face_recent: int) -> str:
    """A plain label from face-to-face contacts in the last 90 days."""
    if face_to_face_recent >= 6:
        return "Strong"
    if face_to_face_recent >= 3:
        return "Growing"
    if face_to_face_recent >= 1:
        return "New"
    return "None yet"


def days_in_job(start: dt.date, end: dt.date | None, today: dt.date) -> int:
    """Days from a job's start to its end (or today when it goes on)."""
    return max(0, ((end or today) - start).days)


def retention_label(days: int, ended: bool) -> str:
    """Which retention milestone (30/90/180/365 days) a job reached."""
    reached = [m for m in sorted(RETENTION_DAYS, reverse=True) if days >= m]
    text = f"{reached[0]}+ days" if reached else f"{days} days"
    return f"{text} (ended)" if ended else f"{text}, still working"
