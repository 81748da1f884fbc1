"""Fidelity items and outcomes of spec/metrics.md as pure functions over plain values.

The selector (`ips.fidelity.selectors.program_facts`) loads `ProgramFacts` in a few
aggregate queries; everything here is arithmetic. Pure: no django.

Longer than ~400 lines on purpose: one short function per item and outcome of
spec/metrics.md, in the spec's order, so each can be checked against its paragraph
(issue 15).
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, NotRequired, TypedDict, TypeGuard, overload

from ips.fidelity.anchors import (
    ITEMS_BY_KEY,
    MAX_EMPLOYER_SHARE_WARNING,
    UK_EMPLOYMENT_BENCHMARK,
    UK_PAID_HOURS,
    UK_RETENTION_WARNING,
    Number,
    tier,
)


@overload
def round_half_up(value: Number, places: int) -> float: ...
@overload
def round_half_up(value: Number | None, places: int) -> float | None: ...
def round_half_up(value: Number | None, places: int) -> float | None:
    """Round as people do by hand (2.25 -> 2.3), exactly, whatever the float error."""
    if value is None:
        return None
    # A float is taken as the decimal it prints as (0.30665, not 0.306649999...).
    exact = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    power: int = 10**places  # int ** int is typed Any: a negative power would be a float
    scaled = exact * power
    return math.floor(scaled + Fraction(1, 2)) / power


def percent(part: Number, whole: Number) -> Fraction | None:
    """part ÷ whole as a percentage, or None when there is no whole."""
    return None if not whole else Fraction(part) * 100 / Fraction(whole)


@dataclass(frozen=True)
class Period:
    """A reporting period, both days included, seen on `as_of` (today, for a live report).

    A period whose end is after `as_of` has not ended: it is reported to date
    (spec/metrics.md, "Edge cases, settled": a period that has not ended).
    """

    start: dt.date
    end: dt.date
    as_of: dt.date | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def partial(self) -> bool:
        """True when the period ends after the day it is seen on."""
        return self.as_of is not None and self.end > self.as_of

    @property
    def elapsed_days(self) -> int:
        """Days of the period up to and including `as_of` (all its days once it has ended;
        0 when it has not begun). Weekly averages divide by these."""
        if self.as_of is None or not self.partial:
            return self.days
        return max(0, (self.as_of - self.start).days + 1)

    def holds(self, day: dt.date | None) -> TypeGuard[dt.date]:
        """True when `day` is a day of the period (so not None: callers may subtract it)."""
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class Seeker:
    id: int
    entry_date: dt.date | None
    closed_date: dt.date | None = None
    referral_date: dt.date | None = None
    employed_at_referral: bool = False
    specialist_id: int | None = None
    mh_team_id: int | None = None

    def active_on(self, day: dt.date) -> bool:
        """entry_date <= D and (no closed_date or closed_date > D) (spec, Terms)."""
        return (
            self.entry_date is not None
            and self.entry_date <= day
            and (self.closed_date is None or self.closed_date > day)
        )

    def served_in(self, period: Period) -> bool:
        """Active on at least one day of the period: some day D in it has entry_date <= D <
        closed_date. A record opened and closed on the same day, or closed on the period's
        first day, was never active in it (spec/metrics.md, "Edge cases, settled": Served)."""
        if self.entry_date is None or self.entry_date > period.end:
            return False
        first_active_day = max(self.entry_date, period.start)
        return self.closed_date is None or self.closed_date > first_active_day

    def closed_in(self, period: Period) -> bool:
        """Closed in the period after being active: the closing date is in it and after
        the entry date. A record opened and closed on the same day (or never entered) was
        never active and never served, so its closing is no ending (spec/metrics.md,
        "Edge cases, settled": Served)."""
        return (
            period.holds(self.closed_date)
            and self.entry_date is not None
            and self.entry_date < self.closed_date
        )


@dataclass(frozen=True)
class Job:
    id: int
    seeker_id: int
    start_date: dt.date
    end_date: dt.date | None = None
    employer_id: int | None = None
    occupation_code: str | None = None
    competitive: bool = True
    hours_per_week: Decimal | None = None
    paid_hours_to_date: Decimal | None = None
    hourly_wage: Decimal | None = None  # dollars an hour
    end_reason: str = ""

    def held_in(self, period: Period) -> bool:
        """start <= period end and (no end or end >= period start) (spec, Terms)."""
        return self.start_date <= period.end and (
            self.end_date is None or self.end_date >= period.start
        )

    def paid_hours_by(self, day: dt.date) -> Fraction:
        """Paid hours recorded, else estimated from weekly hours up to `day` (or the end)."""
        if self.paid_hours_to_date is not None:
            return Fraction(self.paid_hours_to_date)
        if not self.hours_per_week:
            return Fraction(0)
        last = min(day, self.end_date) if self.end_date else day
        worked_days = max(0, (last - self.start_date).days + 1)
        return Fraction(self.hours_per_week) * worked_days / 7


@dataclass(frozen=True)
class Specialist:
    id: int
    email: str
    fte: Decimal = Decimal(1)


@dataclass(frozen=True)
class Hours:
    """One specialist's logged hours in the period, split by activity and place."""

    total: Decimal = Decimal(0)
    employment_services: Decimal = Decimal(0)
    community: Decimal = Decimal(0)


@dataclass
class ProgramFacts:
    """Everything the items and outcomes need, as plain values."""

    period: Period
    specialists: list[Specialist]
    seekers: list[Seeker]
    jobs: list[Job]
    face_to_face_contacts: dict[int, int] = field(default_factory=dict)  # specialist id
    first_face_to_face: dict[int, dt.date] = field(default_factory=dict)  # seeker id
    hours: dict[int, Hours] = field(default_factory=dict)  # specialist id
    support_face_to_face: dict[int, set[dt.date]] = field(default_factory=dict)  # job id


@dataclass(frozen=True)
class ItemResult:
    key: str
    value: float | None
    rating: int | None
    provisional: bool
    per_specialist: dict[str, float] | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """The report's JSON shape: value, rating, provisional (+ per_specialist, extras)."""
        data: dict[str, object] = {
            "value": self.value,
            "rating": self.rating,
            "provisional": self.provisional,
        }
        if self.per_specialist is not None:
            data["per_specialist"] = self.per_specialist
        data.update(self.extra)
        return data


PLACES = {"ratio": 2, "percent": 1, "days": 1}


def _item(key: str, raw: Number | None, rating: int | None = None, **more: Any) -> ItemResult:
    """Round the value by the item's unit and rate the exact, unrounded value
    (spec/metrics.md, "Edge cases, settled": ratings use the exact value, so 95.96 %
    employment services rates 4, not 5).

    When the rounded value would read as another rating, the result also carries
    `value_shown`: the value with two more decimals, for screens and the PDF, which
    must never show a figure that contradicts its rating. The JSON `value` stays rounded
    as interchange.md says.
    """
    spec = ITEMS_BY_KEY[key]
    places = PLACES[spec.unit]
    value = round_half_up(raw, places)
    if rating is None:
        rating = spec.anchors.rate(raw)
    if value is None:
        return ItemResult(key, None, None, spec.anchors.provisional, **more)
    if spec.anchors.rate(value) != rating:
        more.setdefault("extra", {})
        more["extra"] = {**more["extra"], "value_shown": round_half_up(raw, places + 2)}
    return ItemResult(key, value, rating, spec.anchors.provisional, **more)


def _per_specialist(key: str, exact: Mapping[str, Number | None], places: int) -> dict[str, Any]:
    """`_item` keywords for per-specialist values: `per_specialist` (email -> value
    rounded to `places`) and, in `extra`, `per_specialist_shown` (email -> value with two
    more decimals) for each specialist whose rounded value would read as another rating
    than the exact one (spec/metrics.md, "Edge cases, settled": a screen never shows a
    rounded figure that contradicts its rating; 5.9952 contacts a week is shown 5.9952,
    not 6.00). The key is present only when some value needs it."""
    anchors = ITEMS_BY_KEY[key].anchors
    per = {email: round_half_up(value, places) for email, value in exact.items()}
    shown = {
        email: round_half_up(value, places + 2)
        for email, value in exact.items()
        if anchors.rate(per[email]) != anchors.rate(value)
    }
    extra = {"per_specialist_shown": shown} if shown else {}
    return {"per_specialist": per, "extra": extra}


def caseload_size(facts: ProgramFacts) -> ItemResult:
    """S1: active job seekers on the period's last day ÷ total specialist FTE."""
    fte = sum((s.fte for s in facts.specialists), Decimal(0))
    active = sum(1 for s in facts.seekers if s.active_on(facts.period.end))
    return _item("S1", Fraction(active) / Fraction(fte) if fte else None)


def _hour_share(facts: ProgramFacts, key: str, part: str) -> ItemResult:
    exact = {
        s.email: percent(getattr(h, part), h.total)
        for s in facts.specialists
        if (h := facts.hours.get(s.id)) and h.total
    }
    total = sum((h.total for h in facts.hours.values()), Decimal(0))
    share = sum((getattr(h, part) for h in facts.hours.values()), Decimal(0))
    return _item(key, percent(share, total), **_per_specialist(key, exact, 1))


def employment_services_staff(facts: ProgramFacts) -> ItemResult:
    """S2: % of specialists' logged hours with activity employment_services."""
    return _hour_share(facts, "S2", "employment_services")


def community_based_services(facts: ProgramFacts) -> ItemResult:
    """V13: % of specialists' logged hours with location community."""
    return _hour_share(facts, "V13", "community")


def team_integration(facts: ProgramFacts) -> ItemResult:
    """O1: per specialist, share of the caseload (active on the last day) from their two
    largest mental-health teams; program value = mean. 5 only when every specialist has
    at most 2 teams and >= 90 %."""
    caseloads: dict[int, Counter[int | None]] = defaultdict(Counter)
    for seeker in facts.seekers:
        if seeker.specialist_id is not None and seeker.active_on(facts.period.end):
            caseloads[seeker.specialist_id][seeker.mh_team_id] += 1
    shares: dict[str, Fraction] = {}
    all_within_two = True
    for specialist in facts.specialists:
        teams = caseloads.get(specialist.id)
        if not teams:
            continue
        named = Counter({t: n for t, n in teams.items() if t is not None})
        top_two = sum(n for _, n in named.most_common(2))
        shares[specialist.email] = Fraction(top_two * 100, sum(teams.values()))
        all_within_two &= len(named) <= 2
    if not shares:
        return _item("O1", None)
    mean = sum(shares.values()) / len(shares)
    every_at_90 = all(share >= 90 for share in shares.values())
    lower = ITEMS_BY_KEY["O1"].anchors.rate(mean)
    assert lower is not None  # O1 has anchors (anchors.py), so a value always rates
    rating = 5 if all_within_two and every_at_90 else min(lower, 4)
    return _item("O1", mean, rating, **_per_specialist("O1", shares, 1))


def rapid_job_search(facts: ProgramFacts) -> ItemResult:
    """V4: for seekers entering in the period who had a first face-to-face employer
    contact naming them, mean days from entry to that contact."""
    days = [
        (facts.first_face_to_face[s.id] - s.entry_date).days
        for s in facts.seekers
        if facts.period.holds(s.entry_date) and s.id in facts.first_face_to_face
    ]
    return _item("V4", Fraction(sum(days), len(days)) if days else None)


def frequent_employer_contact(facts: ProgramFacts) -> ItemResult:
    """V6: per specialist, face-to-face contacts ÷ (days in period ÷ 7); the unweighted mean
    over the program's specialists (a 0.5 FTE specialist counts as one). A period that
    has not ended divides by the days elapsed (spec/metrics.md, "Edge cases, settled");
    None before its first day."""
    if not facts.period.elapsed_days:
        return _item("V6", None)
    weeks = Fraction(facts.period.elapsed_days, 7)
    rates = {s.email: facts.face_to_face_contacts.get(s.id, 0) / weeks for s in facts.specialists}
    if not rates:
        return _item("V6", None)
    mean = sum(rates.values()) / len(rates)
    return _item("V6", mean, **_per_specialist("V6", rates, 2))


def _held(facts: ProgramFacts) -> list[Job]:
    return [j for j in facts.jobs if j.held_in(facts.period)]


def job_type_diversity(facts: ProgramFacts) -> ItemResult:
    """V8: distinct occupation codes ÷ jobs held in the period (%)."""
    held = _held(facts)
    codes = {j.occupation_code for j in held if j.occupation_code}
    return _item("V8", percent(len(codes), len(held)))


def employer_diversity(facts: ProgramFacts) -> ItemResult:
    """V9: distinct employers ÷ jobs held (%), with the largest single employer's share."""
    held = _held(facts)
    if not held:
        return _item("V9", None, extra={"max_employer_share": None, "warning": False})
    counts = Counter(j.employer_id for j in held)
    share = percent(max(counts.values()), len(held))
    assert share is not None  # `held` is not empty
    # The warning is decided on the exact share ("Edge cases, settled").
    extra = {
        "max_employer_share": round_half_up(share, 1),
        "warning": share > MAX_EMPLOYER_SHARE_WARNING,
    }
    return _item("V9", percent(len(counts), len(held)), extra=extra)


def competitive_jobs(facts: ProgramFacts) -> ItemResult:
    """V10: competitive jobs ÷ all jobs held in the period (%)."""
    held = _held(facts)
    return _item("V10", percent(sum(1 for j in held if j.competitive), len(held)))


FOLLOW_ALONG_DAYS = 28  # the first 4 weeks: four 7-day periods from the start date


def follow_along(facts: ProgramFacts) -> ItemResult:
    """V12: % of jobs started in the period with a face-to-face support contact in each
    of the first 4 weeks (days 0-6, 7-13, 14-20, 21-27 after the start; spec/metrics.md,
    "Edge cases, settled": V12). Rated by a reviewer.

    Reported to date ("Edge cases, settled": a period that has not ended): a job whose
    fourth week has not ended on `period.as_of` (start date + 27 days after that day) is
    not yet judged. It is left out of the percentage and counted in the extra key
    `pending` (jobs started in the period, still in their first 4 weeks; present only
    when there are some). Without `as_of` every started job is judged.
    """
    started = [j for j in facts.jobs if facts.period.holds(j.start_date)]
    as_of = facts.period.as_of
    judged = [
        j
        for j in started
        if as_of is None or j.start_date + dt.timedelta(days=FOLLOW_ALONG_DAYS - 1) <= as_of
    ]
    supported = 0
    for job in judged:
        weeks = {(d - job.start_date).days // 7 for d in facts.support_face_to_face.get(job.id, ())}
        supported += {0, 1, 2, 3} <= weeks
    pending = len(started) - len(judged)
    # Present only when some job waits, so a report with none keeps its shape.
    extra = {"pending": pending} if pending else {}
    return _item("V12", percent(supported, len(judged)), extra=extra)


ITEM_FUNCTIONS = (
    caseload_size,
    employment_services_staff,
    team_integration,
    rapid_job_search,
    frequent_employer_contact,
    job_type_diversity,
    employer_diversity,
    competitive_jobs,
    follow_along,
    community_based_services,
)


def fidelity_items(facts: ProgramFacts) -> dict[str, ItemResult]:
    """Every computed item, keyed S1 S2 O1 V4 V6 V8 V9 V10 V12 V13."""
    return {result.key: result for result in (fn(facts) for fn in ITEM_FUNCTIONS)}


def _median(values: list[int]) -> int | float | None:
    if not values:
        return None
    middle = statistics.median(values)
    return int(middle) if float(middle).is_integer() else float(middle)


def ips_job_start(job: Job, entry_date: dt.date | None) -> bool:
    """True when the job is an IPS job start: it began on or after the person's entry
    date. A job held at referral (begun before entry) is not a job start, though it is
    still a job held (spec/metrics.md, "Edge cases, settled": job starts are IPS job
    starts). Without an entry date nothing is a job start."""
    return entry_date is not None and job.start_date >= entry_date


class OutcomeWarnings(TypedDict):
    uk_below_benchmark: bool
    in_work_referrals_high: bool


class Outcomes(TypedDict):
    """The shape of `outcomes()` (spec/interchange.md): counts, and rates as fractions."""

    served: int
    worked_competitive: int
    employment_rate: float
    tier: str
    job_starts: int
    days_to_first_job: int | float | None
    referrals: int
    supported_into_work: int
    job_starts_uk: int
    employment_rate_uk: float
    job_retention_share: float
    warnings: OutcomeWarnings
    employment_rate_shown: NotRequired[float]  # only when the rounded rate reads another tier


def outcomes(facts: ProgramFacts) -> Outcomes:
    """US and UK outcomes of spec/metrics.md, rates as fractions rounded to 4 decimals.

    Job starts, UK job starts, supported into work and days to first job count only IPS
    job starts (on or after entry); the UK first job start is the first one that counts
    (on or after entry, with at least 4 paid hours by the period end), so
    `supported_into_work` always agrees with `job_starts_uk` ("Edge cases, settled").
    """
    period = facts.period
    served = [s for s in facts.seekers if s.served_in(period)]
    served_ids = {s.id for s in served}
    entry = {s.id: s.entry_date for s in facts.seekers}
    starts_by_seeker: dict[int, list[Job]] = defaultdict(list)
    for job in sorted(facts.jobs, key=lambda j: (j.start_date, j.id)):
        if ips_job_start(job, entry.get(job.seeker_id)):
            starts_by_seeker[job.seeker_id].append(job)
    starts = [job for jobs in starts_by_seeker.values() for job in jobs]
    worked = {
        j.seeker_id
        for j in facts.jobs
        if j.competitive and j.held_in(period) and j.seeker_id in served_ids
    }
    exact_rate = Fraction(len(worked), len(served)) if served else Fraction(0)
    rate = round_half_up(exact_rate, 4)
    to_first: list[int] = []
    for seeker_id, jobs in starts_by_seeker.items():
        first = next((j for j in jobs if j.competitive), None)
        entered = entry[seeker_id]  # not None: every job start is on or after entry
        if first and entered is not None and period.holds(first.start_date):
            to_first.append((first.start_date - entered).days)

    def counts_uk(job: Job) -> bool:
        return job.paid_hours_by(period.end) >= UK_PAID_HOURS

    def uk_start(job: Job) -> bool:
        return period.holds(job.start_date) and counts_uk(job)

    into_work = 0
    for jobs in starts_by_seeker.values():
        first_uk = next((j for j in jobs if j.start_date <= period.end and counts_uk(j)), None)
        into_work += first_uk is not None and period.holds(first_uk.start_date)
    out_of_work = [s for s in served if not s.employed_at_referral]
    started_uk = {j.seeker_id for j in starts if uk_start(j)}
    in_work = sum(1 for s in served if s.employed_at_referral)
    exact_uk = (
        Fraction(sum(1 for s in out_of_work if s.id in started_uk), len(out_of_work))
        if out_of_work
        else Fraction(0)
    )
    exact_share = Fraction(in_work, len(served)) if served else Fraction(0)
    result: Outcomes = {
        "served": len(served),
        "worked_competitive": len(worked),
        "employment_rate": rate,
        "tier": tier(exact_rate),
        "job_starts": sum(1 for j in starts if period.holds(j.start_date)),
        "days_to_first_job": _median(to_first),
        "referrals": sum(1 for s in facts.seekers if period.holds(s.referral_date)),
        "supported_into_work": into_work,
        "job_starts_uk": sum(1 for j in starts if uk_start(j)),
        "employment_rate_uk": round_half_up(exact_uk, 4),
        "job_retention_share": round_half_up(exact_share, 4),
        # Added keys (interchange.md allows new keys): the warnings, decided on the
        # exact rates, so a screen never has to re-decide them from rounded figures.
        "warnings": {
            "uk_below_benchmark": exact_uk < Fraction(str(UK_EMPLOYMENT_BENCHMARK)),
            "in_work_referrals_high": exact_share > Fraction(str(UK_RETENTION_WARNING)),
        },
    }
    if tier(rate) != result["tier"]:
        # The rounded rate reads as another tier: screens show two more decimals.
        result["employment_rate_shown"] = round_half_up(exact_rate, 6)
    return result
