"""The figures of spec/metrics.md, computed from plain values (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ips.fidelity.anchors import ITEMS_BY_KEY, band, tier
from ips.fidelity.compute import (
    Hours,
    Job,
    Period,
    ProgramFacts,
    Seeker,
    Specialist,
    caseload_size,
    community_based_services,
    competitive_jobs,
    employer_diversity,
    employment_services_staff,
    fidelity_items,
    follow_along,
    frequent_employer_contact,
    job_type_diversity,
    outcomes,
    rapid_job_search,
    round_half_up,
    team_integration,
)
from ips.fidelity.rubric import ITEM_KEYS, review_total

D = dt.date
Q3 = Period(D(2026, 7, 1), D(2026, 9, 30))
WEEKS_4 = Period(D(2026, 7, 6), D(2026, 8, 2))  # 28 days: 4 ISO weeks
ANA = Specialist(1, "ana@example.org")
BEN = Specialist(2, "ben@example.org")


def facts(period=Q3, specialists=(ANA,), seekers=(), jobs=(), **more) -> ProgramFacts:
    return ProgramFacts(period, list(specialists), list(seekers), list(jobs), **more)


def active(n: int, specialist_id=1, team=None, start=1) -> list[Seeker]:
    return [
        Seeker(start + i, D(2026, 1, 1), specialist_id=specialist_id, mh_team_id=team)
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("caseload", "rating"),
    [(20, 5), (21, 4), (25, 4), (26, 3), (30, 3), (31, 2), (40, 2), (41, 1)],
)
def test_caseload_rating_by_people_per_fte(caseload, rating):
    result = caseload_size(facts(seekers=active(caseload)))
    assert (result.value, result.rating, result.provisional) == (caseload, rating, False)


def test_caseload_divides_by_total_fte_and_ignores_closed_and_future_seekers():
    seekers = [
        *active(30),
        Seeker(100, D(2026, 1, 1), closed_date=D(2026, 9, 30)),  # closed on the last day
        Seeker(101, D(2026, 10, 1)),  # enters after the period
        Seeker(102, D(2026, 1, 1), closed_date=D(2026, 10, 1)),  # still active on the last day
    ]
    half = Specialist(2, "ben@example.org", Decimal("0.5"))
    result = caseload_size(facts(specialists=(ANA, half), seekers=seekers))
    assert result.value == round(31 / 1.5, 2)
    assert result.rating == 4


def test_caseload_without_specialists_has_no_value():
    result = caseload_size(facts(specialists=(), seekers=active(3)))
    assert (result.value, result.rating) == (None, None)


@pytest.mark.parametrize(
    ("share", "rating"),
    [(96, 5), (95, 4), (90, 4), (89, 3), (75, 3), (74, 2), (60, 2), (59, 1)],
)
def test_employment_services_share_rating(share, rating):
    hours = {1: Hours(Decimal(100), Decimal(share), Decimal(0))}
    result = employment_services_staff(facts(hours=hours))
    assert (result.value, result.rating, result.provisional) == (share, rating, False)
    assert result.per_specialist == {"ana@example.org": share}


def test_time_shares_pool_every_specialists_hours():
    hours = {
        1: Hours(Decimal(30), Decimal(30), Decimal(20)),
        2: Hours(Decimal(10), Decimal(0), Decimal(0)),
    }
    data = facts(specialists=(ANA, BEN), hours=hours)
    assert employment_services_staff(data).value == 75.0
    community = community_based_services(data)
    assert (community.value, community.rating, community.provisional) == (50.0, 4, True)


def test_no_logged_hours_means_no_value():
    result = employment_services_staff(facts())
    assert (result.value, result.rating) == (None, None)


@pytest.mark.parametrize(("community", "rating"), [(65, 5), (64, 4), (50, 4), (49, 3)])
def test_community_share_rating(community, rating):
    hours = {1: Hours(Decimal(100), Decimal(100), Decimal(community))}
    assert community_based_services(facts(hours=hours)).rating == rating


def test_face_to_face_rate_per_specialist_per_week_and_program_mean():
    result = frequent_employer_contact(
        facts(period=WEEKS_4, specialists=(ANA, BEN), face_to_face_contacts={1: 24, 2: 18})
    )
    assert result.per_specialist == {"ana@example.org": 6.0, "ben@example.org": 4.5}
    assert (result.value, result.rating, result.provisional) == (5.25, 4, True)


def test_specialist_without_contacts_counts_as_zero_in_the_mean():
    result = frequent_employer_contact(
        facts(period=WEEKS_4, specialists=(ANA, BEN), face_to_face_contacts={1: 24})
    )
    assert result.value == 3.0
    assert result.per_specialist["ben@example.org"] == 0.0


@pytest.mark.parametrize(
    ("per_week", "rating"), [(6, 5), (5.75, 4), (5, 4), (3, 3), (2, 2), (1.75, 1)]
)
def test_employer_contact_anchors(per_week, rating):
    assert ITEMS_BY_KEY["V6"].anchors.rate(per_week) == rating


def test_rapid_search_mean_days_for_people_entering_in_the_period():
    seekers = [
        Seeker(1, D(2026, 7, 1)),
        Seeker(2, D(2026, 7, 10)),
        Seeker(3, D(2026, 6, 1)),  # entered before the period: not counted
        Seeker(4, D(2026, 8, 1)),  # no contact naming them: not counted
    ]
    first = {1: D(2026, 7, 21), 2: D(2026, 8, 19), 3: D(2026, 7, 2)}
    result = rapid_job_search(facts(seekers=seekers, first_face_to_face=first))
    assert (result.value, result.rating, result.provisional) == (30.0, 5, True)


@pytest.mark.parametrize(
    ("days", "rating"), [(30, 5), (31, 4), (60, 4), (61, 3), (150, 3), (151, 2), (270, 2), (271, 1)]
)
def test_rapid_search_anchors(days, rating):
    assert ITEMS_BY_KEY["V4"].anchors.rate(days) == rating


def jobs_held(*specs) -> list[Job]:
    return [
        Job(i, i, D(2026, 7, 1), employer_id=emp, occupation_code=code, competitive=comp)
        for i, (emp, code, comp) in enumerate(specs, start=1)
    ]


def test_job_and_employer_diversity_and_competitive_share():
    jobs = jobs_held(
        (1, "35-2014.00", True),
        (1, "35-2014.00", True),
        (2, "41-2031.00", True),
        (3, None, False),
    )
    data = facts(jobs=jobs)
    assert job_type_diversity(data).value == 50.0
    diversity = employer_diversity(data)
    assert (diversity.value, diversity.rating) == (75.0, 4)
    assert diversity.extra == {"max_employer_share": 50.0, "warning": True}
    assert (competitive_jobs(data).value, competitive_jobs(data).rating) == (75.0, 3)


def test_jobs_held_are_those_overlapping_the_period():
    jobs = [
        Job(1, 1, D(2026, 1, 1), D(2026, 6, 30), employer_id=1),  # ended before
        Job(2, 2, D(2026, 1, 1), D(2026, 7, 1), employer_id=2),  # ends on day one
        Job(3, 3, D(2026, 9, 30), employer_id=3),  # starts on the last day
        Job(4, 4, D(2026, 10, 1), employer_id=4),  # starts after
    ]
    assert employer_diversity(facts(jobs=jobs)).value == 100.0
    assert competitive_jobs(facts(jobs=jobs[:1])).value is None


@pytest.mark.parametrize(
    ("share", "rating"), [(95, 5), (94, 4), (85, 4), (84, 3), (75, 3), (74, 2), (64, 2), (63, 1)]
)
def test_competitive_job_anchors(share, rating):
    assert ITEMS_BY_KEY["V10"].anchors.rate(share) == rating


def test_follow_along_needs_face_to_face_support_in_each_of_the_first_four_weeks():
    jobs = [Job(1, 1, D(2026, 7, 6)), Job(2, 2, D(2026, 7, 6)), Job(3, 3, D(2026, 6, 1))]
    support = {
        1: {D(2026, 7, 6), D(2026, 7, 13), D(2026, 7, 20), D(2026, 8, 2)},  # days 0, 7, 14, 27
        2: {D(2026, 7, 6), D(2026, 7, 7), D(2026, 7, 20), D(2026, 8, 2)},  # no week 2
    }
    result = follow_along(facts(jobs=jobs, support_face_to_face=support))
    assert (result.value, result.rating, result.provisional) == (50.0, None, False)


def test_team_integration_is_5_when_every_specialist_has_two_teams_at_most():
    seekers = [
        *active(5, 1, team=10),
        *active(5, 1, team=11, start=20),
        *active(4, 2, team=10, start=40),
    ]
    result = team_integration(facts(specialists=(ANA, BEN), seekers=seekers))
    assert (result.value, result.rating, result.provisional) == (100.0, 5, True)


def test_team_integration_drops_below_5_with_a_third_team():
    seekers = [
        *active(8, 1, team=10),
        *active(1, 1, team=11, start=20),
        *active(1, 1, team=12, start=30),
    ]
    result = team_integration(facts(seekers=seekers))
    assert result.value == 90.0
    assert result.rating == 4
    assert result.per_specialist == {"ana@example.org": 90.0}


def test_every_item_is_computed_and_empty_items_have_null_value_and_rating():
    items = fidelity_items(facts(specialists=()))
    assert list(items) == ["S1", "S2", "O1", "V4", "V6", "V8", "V9", "V10", "V12", "V13"]
    assert all(items[k].value is None and items[k].rating is None for k in items)


def test_provisional_flags_follow_the_verify_marks():
    items = fidelity_items(facts())
    provisional = {k for k, v in items.items() if v.provisional}
    assert provisional == {"O1", "V4", "V6", "V8", "V9", "V10", "V13"}


@pytest.mark.parametrize(
    ("rate", "name"),
    [(0.50, "excellent"), (0.4999, "average"), (0.41, "average"), (0.4099, "minimal"),
     (0.31, "minimal"), (0.3099, "below_minimal"), (0.0, "below_minimal")],
)  # fmt: skip
def test_employment_rate_tiers_at_31_41_50(rate, name):
    assert tier(rate) == name


@pytest.mark.parametrize(
    ("total", "name"),
    [(125, "exemplary"), (115, "exemplary"), (114, "good"), (100, "good"), (99, "fair"),
     (74, "fair"), (73, "not_ips"), (25, "not_ips"), (None, None)],
)  # fmt: skip
def test_review_bands(total, name):
    assert band(total) == name


def test_review_total_only_when_all_25_items_are_rated():
    ratings = dict.fromkeys(ITEM_KEYS, 4)
    assert review_total(ratings) == 100
    ratings["V14"] = None
    assert review_total(ratings) is None


def test_rounding_is_half_up():
    assert round_half_up(2.25, 1) == 2.3
    assert round_half_up(0.30665, 4) == 0.3067
    assert round_half_up(None, 2) is None


def test_us_outcomes_served_worked_rate_tier_and_days_to_first_job():
    seekers = [
        Seeker(1, D(2026, 5, 1)),
        Seeker(2, D(2026, 7, 15)),
        Seeker(3, D(2026, 1, 1), closed_date=D(2026, 7, 1)),  # served: active on 1 July? no
        Seeker(4, D(2026, 1, 1), closed_date=D(2026, 7, 2)),  # served on 1 July
        Seeker(5, D(2026, 10, 1)),  # not served
    ]
    jobs = [
        Job(1, 1, D(2026, 7, 31)),  # 91 days after entry
        Job(2, 1, D(2026, 8, 10)),  # second job: one person counts once
        Job(3, 2, D(2026, 8, 14), competitive=False),
        Job(4, 4, D(2026, 3, 1), D(2026, 7, 1)),  # worked in the period, first job earlier
    ]
    result = outcomes(facts(seekers=seekers, jobs=jobs))
    assert result["served"] == 3
    assert result["worked_competitive"] == 2
    assert result["employment_rate"] == 0.6667
    assert result["tier"] == "excellent"
    assert result["job_starts"] == 3
    assert result["days_to_first_job"] == 91


@pytest.mark.parametrize(
    ("entry", "closed", "served"),
    [
        (D(2026, 7, 10), D(2026, 7, 10), False),  # opened and closed the same day: never active
        (D(2026, 6, 30), D(2026, 6, 30), False),  # the same, before the period
        (D(2026, 9, 30), D(2026, 9, 30), False),  # the same, on the period's last day
        (D(2026, 7, 1), D(2026, 7, 1), False),  # the same, on the period's first day
        (D(2026, 7, 10), D(2026, 7, 11), True),  # active on 10 July
        (D(2026, 1, 1), D(2026, 7, 1), False),  # closed on the period's first day
        (D(2026, 1, 1), D(2026, 7, 2), True),  # active on 1 July
        (D(2026, 9, 30), None, True),  # entered on the last day
        (D(2026, 10, 1), None, False),  # entered after the period
        (D(2026, 1, 1), None, True),
        (None, None, False),  # referred, never entered
    ],
)
def test_served_means_active_on_at_least_one_day_of_the_period(entry, closed, served):
    """spec/metrics.md, "Edge cases, settled": Served (period Q3 2026)."""
    assert Seeker(1, entry, closed_date=closed).served_in(Q3) is served


def test_days_to_first_job_is_the_median():
    seekers = [Seeker(1, D(2026, 6, 1)), Seeker(2, D(2026, 6, 1))]
    jobs = [Job(1, 1, D(2026, 7, 1)), Job(2, 2, D(2026, 7, 4))]
    assert outcomes(facts(seekers=seekers, jobs=jobs))["days_to_first_job"] == 31.5


def test_no_one_served_gives_rate_0_and_no_median():
    result = outcomes(facts())
    assert (result["served"], result["employment_rate"], result["tier"]) == (0, 0, "below_minimal")
    assert result["days_to_first_job"] is None


def test_uk_job_start_needs_4_paid_hours_by_the_period_end():
    seekers = [Seeker(i, D(2026, 1, 1), referral_date=D(2026, 7, 1)) for i in (1, 2, 3, 4)]
    jobs = [
        Job(1, 1, D(2026, 9, 1), paid_hours_to_date=Decimal(4)),  # exactly 4: counts
        Job(2, 2, D(2026, 9, 1), paid_hours_to_date=Decimal("3.99")),  # under 4
        Job(3, 3, D(2026, 9, 30), hours_per_week=Decimal(28)),  # 1 day x 4 h = 4 h: counts
        Job(4, 4, D(2026, 9, 30), hours_per_week=Decimal(21)),  # 3 h by the period end
    ]
    result = outcomes(facts(seekers=seekers, jobs=jobs))
    assert result["job_starts"] == 4
    assert result["job_starts_uk"] == 2
    assert result["supported_into_work"] == 2
    assert result["referrals"] == 4


def test_supported_into_work_counts_only_a_first_job_started_in_the_period():
    seekers = [Seeker(1, D(2026, 1, 1)), Seeker(2, D(2026, 1, 1))]
    jobs = [
        Job(1, 1, D(2026, 3, 1), paid_hours_to_date=Decimal(100)),
        Job(2, 1, D(2026, 8, 1), paid_hours_to_date=Decimal(100)),
        Job(3, 2, D(2026, 8, 1), paid_hours_to_date=Decimal(100)),
    ]
    result = outcomes(facts(seekers=seekers, jobs=jobs))
    assert (result["supported_into_work"], result["job_starts_uk"]) == (1, 2)


def test_in_work_referrals_are_excluded_from_the_uk_rate():
    seekers = [
        Seeker(1, D(2026, 1, 1)),
        Seeker(2, D(2026, 1, 1)),
        Seeker(3, D(2026, 1, 1), employed_at_referral=True),
        Seeker(4, D(2026, 1, 1), employed_at_referral=True),
    ]
    jobs = [
        Job(1, 1, D(2026, 8, 1), paid_hours_to_date=Decimal(10)),
        Job(2, 3, D(2026, 8, 1), paid_hours_to_date=Decimal(10)),  # in-work: not counted
    ]
    result = outcomes(facts(seekers=seekers, jobs=jobs))
    assert result["employment_rate_uk"] == 0.5
    assert result["job_retention_share"] == 0.5
