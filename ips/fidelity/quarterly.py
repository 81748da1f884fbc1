"""The figures programs submit each quarter beyond the core outcomes: retention, job
endings, earnings and education (issue 18; defined in docs/figures.md). Pure: no django.

Every function takes the `ProgramFacts` the selector loads for the period (jobs started
up to the period's end, seekers entered by it) and returns plain JSON-ready values:
counts as ints, shares as fractions rounded to 4 decimals, money in dollars an hour,
hours a week, durations in days.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from fractions import Fraction

from ips.fidelity.compute import Job, ProgramFacts, ips_job_start, round_half_up
from ips.retention import RETENTION_DAYS

RETENTION_MARKS = RETENTION_DAYS  # days after a job start (spec/metrics.md, follow-along)


def _share(part: int, whole: int) -> float | None:
    return round_half_up(Fraction(part, whole), 4) if whole else None


def _median(values: list) -> float | None:
    if not values:
        return None
    return round_half_up(Fraction(str(statistics.median(values))), 2)


def _last_day(facts: ProgramFacts) -> dt.date:
    """The last day the figures may look at: the period's end, or today if sooner."""
    period = facts.period
    return min(period.end, period.as_of) if period.as_of else period.end


def _ips_starts(facts: ProgramFacts) -> list[Job]:
    entry = {s.id: s.entry_date for s in facts.seekers}
    return [j for j in facts.jobs if ips_job_start(j, entry.get(j.seeker_id))]


def retention(facts: ProgramFacts) -> dict[str, dict[str, object]]:
    """Job retention at 30, 90, 180 and 365 days.

    For each mark N: the IPS job starts whose N-day mark (start date + N days) falls in
    the period, on or before today (`reached`); of those, the jobs not ended before the
    mark (`still_employed`); and the share. Shape:
    `{"30": {"reached": 4, "still_employed": 3, "share": 0.75}, "90": {...}, ...}`
    (share None when no job reached the mark).
    """
    period, last = facts.period, _last_day(facts)
    result: dict[str, dict[str, object]] = {}
    for days in RETENTION_MARKS:
        reached = still = 0
        for job in _ips_starts(facts):
            mark = job.start_date + dt.timedelta(days=days)
            if period.start <= mark <= last:
                reached += 1
                still += job.end_date is None or job.end_date >= mark
        result[str(days)] = {
            "reached": reached,
            "still_employed": still,
            "share": _share(still, reached),
        }
    return result


def job_endings(facts: ProgramFacts) -> dict[str, object]:
    """Jobs that ended in the period, by reason, and the time to the person's next job.

    Shape: `{"ended": 3, "by_reason": {"quit": 1, "fired": 1, "": 1}, "next_job_by_period_end":
    1, "median_days_to_next_job": 21.0}`. "" is an ending with no reason recorded. The
    next job is the person's next IPS job start after the ending, up to the period's end.
    """
    period = facts.period
    ended = [j for j in facts.jobs if period.holds(j.end_date)]
    starts_by_seeker: dict[int, list[Job]] = defaultdict(list)
    for job in sorted(_ips_starts(facts), key=lambda j: (j.start_date, j.id)):
        starts_by_seeker[job.seeker_id].append(job)
    gaps = []
    for job in ended:
        following = next(
            (
                j
                for j in starts_by_seeker[job.seeker_id]
                if j.id != job.id and j.start_date > job.end_date
            ),
            None,
        )
        if following and following.start_date <= period.end:
            gaps.append((following.start_date - job.end_date).days)
    reasons = Counter(j.end_reason or "" for j in ended)
    return {
        "ended": len(ended),
        "by_reason": dict(sorted(reasons.items())),
        "next_job_by_period_end": len(gaps),
        "median_days_to_next_job": _median(gaps),
    }


def earnings(facts: ProgramFacts) -> dict[str, object]:
    """Hours, wages and tenure of the jobs held in the period (recorded values only).

    Shape: `{"jobs_held": 5, "median_hours_per_week": 20.0, "median_hourly_wage": 12.5,
    "median_tenure_days": 64.0}`. Tenure is the days from the job's start to its end, or
    to the period's last day (today, for a period not yet ended) while it goes on.
    """
    held = [j for j in facts.jobs if j.held_in(facts.period)]
    last = _last_day(facts)
    tenure = [
        ((min(j.end_date, last) if j.end_date else last) - j.start_date).days
        for j in held
        if j.start_date <= last
    ]
    return {
        "jobs_held": len(held),
        "median_hours_per_week": _median([j.hours_per_week for j in held if j.hours_per_week]),
        "median_hourly_wage": _median([j.hourly_wage for j in held if j.hourly_wage]),
        "median_tenure_days": _median(tenure),
    }


def education(facts: ProgramFacts, learning: set[int]) -> dict[str, object]:
    """People served in the period who were in education or training (`learning`: the
    people a status check-in in the period records as enrolled in or completing a course
    or credential), and those of them who also worked in the period.

    Shape: `{"in_education": 2, "working_and_in_education": 1, "in_education_share": 0.4}`
    (the share of the people served).
    """
    served = {s.id for s in facts.seekers if s.served_in(facts.period)}
    working = {j.seeker_id for j in facts.jobs if j.held_in(facts.period)}
    in_education = served & learning
    return {
        "in_education": len(in_education),
        "working_and_in_education": len(in_education & working),
        "in_education_share": _share(len(in_education), len(served)),
    }


def closed_in_period(facts: ProgramFacts) -> int:
    """Records closed in the period after being active (closing date in it, after the
    entry date): a record opened and closed the same day was never served, so it is not
    counted ("Edge cases, settled": Served)."""
    return sum(1 for s in facts.seekers if s.closed_in(facts.period))
