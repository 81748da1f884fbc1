"""spec/metrics.md, "Edge cases, settled": each rule, through the computation and, where
a director meets it, through the dashboard or `ips_report`.

(The served boundary's same-day case is pinned with the served table in
tests/fidelity/test_compute.py.)
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ips.fidelity.compute import (
    Hours,
    Job,
    Period,
    ProgramFacts,
    Seeker,
    Specialist,
    employment_services_staff,
    fidelity_items,
    frequent_employer_contact,
    outcomes,
)
from ips.fidelity.selectors import program_facts, weekly_face_to_face
from ips.roles import Role
from reports.html import report_context
from reports.periods import last_complete_quarter, quarter_choices

D = dt.date
Q3 = Period(D(2026, 7, 1), D(2026, 9, 30))
ANA = Specialist(1, "ana@example.org")


def facts(period=Q3, seekers=(), jobs=(), **more) -> ProgramFacts:
    return ProgramFacts(period, [ANA], list(seekers), list(jobs), **more)


# --- Ratings use the exact value -------------------------------------------------------


def test_employment_services_at_95_96_percent_rates_4_and_shows_the_exact_figure():
    hours = {1: Hours(total=Decimal(2500), employment_services=Decimal(2399))}  # 95.96 %
    item = employment_services_staff(facts(hours=hours))
    assert item.value == 96.0  # the JSON figure stays rounded to 1 decimal
    assert item.rating == 4  # decided on 95.96, not on 96.0
    assert item.as_dict()["value_shown"] == 95.96
    row = next(
        r for r in report_context(_report({"S2": item.as_dict()}))["items"] if r["key"] == "S2"
    )
    assert row["shown"] == "95.96 %"  # never "96.0 %" beside a 4


def test_a_rounded_figure_that_agrees_with_its_rating_carries_no_extra_decimals():
    hours = {1: Hours(total=Decimal(100), employment_services=Decimal(97))}
    item = employment_services_staff(facts(hours=hours))
    assert (item.value, item.rating) == (97.0, 5)
    assert "value_shown" not in item.as_dict()


def _rate_just_under(threshold: Fraction) -> tuple[int, int]:
    """Smallest (worked, served) whose rate rounds to the threshold at 4 decimals but is
    under it."""
    for served in range(2, 20000):
        worked = -(-threshold * served // 1) - 1  # the largest count under the threshold
        rate = Fraction(worked, served)
        if round(float(rate), 4) == float(threshold) and rate < threshold:
            return int(worked), served
    raise AssertionError("no such pair")


def test_employment_rate_just_under_31_percent_is_below_minimal():
    worked, served = _rate_just_under(Fraction(31, 100))
    seekers = [Seeker(i, D(2026, 1, 1)) for i in range(served)]
    jobs = [Job(100000 + i, i, D(2026, 8, 1)) for i in range(worked)]
    result = outcomes(facts(seekers=seekers, jobs=jobs))
    assert result["employment_rate"] == 0.31  # the JSON figure, rounded to 4 decimals
    assert result["tier"] == "below_minimal"  # decided on the exact rate
    assert result["employment_rate_shown"] < 0.31
    row = next(
        r
        for r in report_context(_report(outcomes=result))["outcomes"]
        if r["key"] == "employment_rate"
    )
    assert row["shown"].startswith("30.99")


def test_uk_warnings_are_decided_on_the_exact_rates():
    # A UK employment rate just under the 40 % benchmark that rounds to 0.4.
    worked, served = _rate_just_under(Fraction(2, 5))
    seekers = [Seeker(i, D(2026, 1, 1)) for i in range(served)]
    jobs = [Job(100000 + i, i, D(2026, 8, 1), hours_per_week=Decimal(20)) for i in range(worked)]
    result = outcomes(facts(seekers=seekers, jobs=jobs))
    assert result["employment_rate_uk"] == 0.4
    assert result["warnings"]["uk_below_benchmark"] is True
    assert report_context(_report(outcomes=result))["uk_below_benchmark"] is True


# --- Job starts are IPS job starts -----------------------------------------------------


def test_a_job_held_at_referral_is_a_job_held_but_not_a_job_start():
    # Entered on 1 Aug; the job began on 15 Jul, before entry (held at referral).
    seeker = Seeker(1, D(2026, 8, 1), employed_at_referral=True)
    held = Job(10, 1, D(2026, 7, 15), employer_id=5, occupation_code="35-2014.00")
    data = facts(seekers=[seeker], jobs=[held])
    result = outcomes(data)
    assert result["job_starts"] == 0
    assert result["job_starts_uk"] == 0
    assert result["supported_into_work"] == 0
    assert result["days_to_first_job"] is None  # never negative
    assert result["worked_competitive"] == 1  # still worked in the period
    items = fidelity_items(data)
    assert (items["V8"].value, items["V9"].value, items["V10"].value) == (100.0, 100.0, 100.0)


def test_days_to_first_job_skips_a_job_begun_before_entry():
    seeker = Seeker(1, D(2026, 7, 1))
    before = Job(10, 1, D(2026, 6, 20), end_date=D(2026, 7, 5))
    after = Job(11, 1, D(2026, 8, 10))
    result = outcomes(facts(seekers=[seeker], jobs=[before, after]))
    assert result["days_to_first_job"] == 40
    assert result["job_starts"] == 1


# --- UK first job start ----------------------------------------------------------------


def test_supported_into_work_counts_the_first_job_start_that_counts():
    # A 2-hour trial shift last quarter never reached 4 paid hours; the job started this
    # quarter did. The person was supported into work this quarter, as job_starts_uk says.
    seeker = Seeker(1, D(2026, 3, 1))
    trial = Job(10, 1, D(2026, 6, 10), end_date=D(2026, 6, 10), paid_hours_to_date=Decimal(2))
    real = Job(11, 1, D(2026, 7, 20), hours_per_week=Decimal(20))
    result = outcomes(facts(seekers=[seeker], jobs=[trial, real]))
    assert result["job_starts_uk"] == 1
    assert result["supported_into_work"] == 1


def test_supported_into_work_is_not_counted_again_after_an_earlier_counting_start():
    seeker = Seeker(1, D(2026, 3, 1))
    first = Job(10, 1, D(2026, 5, 4), hours_per_week=Decimal(20))
    second = Job(11, 1, D(2026, 7, 20), hours_per_week=Decimal(20))
    result = outcomes(facts(seekers=[seeker], jobs=[first, second]))
    assert (result["job_starts_uk"], result["supported_into_work"]) == (1, 0)


# --- A period that has not ended ------------------------------------------------------


def test_v6_divides_by_the_days_elapsed_in_a_period_not_yet_ended():
    # Two weeks into the quarter with 12 visits: 6 a week, not 12 / 13 weeks.
    period = Period(D(2026, 10, 1), D(2026, 12, 31), as_of=D(2026, 10, 14))
    assert period.partial
    assert period.elapsed_days == 14
    item = frequent_employer_contact(facts(period=period, face_to_face_contacts={1: 12}))
    assert (item.value, item.rating) == (6.0, 5)
    ended = Period(D(2026, 7, 1), D(2026, 9, 30), as_of=D(2026, 10, 14))
    assert not ended.partial
    assert ended.elapsed_days == ended.days


def test_v6_has_no_value_before_the_period_begins():
    period = Period(D(2027, 1, 1), D(2027, 3, 31), as_of=D(2026, 12, 1))
    assert frequent_employer_contact(facts(period=period)).value is None


def test_default_period_is_the_last_complete_quarter_and_the_picker_offers_to_date():
    assert last_complete_quarter(D(2026, 11, 30)) == (D(2026, 7, 1), D(2026, 9, 30))
    assert last_complete_quarter(D(2026, 1, 1)) == (D(2025, 10, 1), D(2025, 12, 31))
    choices = quarter_choices(D(2026, 11, 30), count=2)
    assert choices == [
        ("2026 Q4 to date", D(2026, 10, 1), D(2026, 12, 31), True),
        ("2026 Q3", D(2026, 7, 1), D(2026, 9, 30), False),
        ("2026 Q2", D(2026, 4, 1), D(2026, 6, 30), False),
    ]


def _report(items=None, outcomes=None):
    base_items = {
        key: {"value": None, "rating": None, "provisional": False}
        for key in ("S1", "S2", "O1", "V4", "V6", "V8", "V9", "V10", "V12", "V13")
    }
    base_outcomes = {
        "served": 0,
        "worked_competitive": 0,
        "employment_rate": 0,
        "tier": "below_minimal",
        "job_starts": 0,
        "days_to_first_job": None,
        "referrals": 0,
        "supported_into_work": 0,
        "job_starts_uk": 0,
        "employment_rate_uk": 0,
        "job_retention_share": 0,
    }
    return {
        "program": "North Team",
        "period": {"start": "2026-07-01", "end": "2026-09-30", "partial": False},
        "fidelity": {
            "items": base_items | (items or {}),
            "review": {"total": None, "band": None},
        },
        "outcomes": outcomes or base_outcomes,
    }


# --- Through the database, the dashboard and ips_report -------------------------------


@pytest.fixture
def contacts_this_quarter(db, program, staff):
    """Six face-to-face visits by the specialist in each week of this quarter so far."""
    from employers.models import Employer, EmployerContact

    today = timezone.localdate()
    start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    employer = Employer.objects.create(program=program, name="Cafe")
    day = start
    while day <= today:
        EmployerContact.objects.create(
            program=program,
            date=day,
            specialist=staff[Role.SPECIALIST],
            employer=employer,
            mode="face_to_face",
        )
        day += dt.timedelta(days=1)
    return start, today


def test_report_of_this_quarter_to_date_is_partial_with_no_v6_drop(program, contacts_this_quarter):
    start, today = contacts_this_quarter
    end = (start + dt.timedelta(days=95)).replace(day=1) - dt.timedelta(days=1)
    out = io.StringIO()
    call_command(
        "ips_report", "--program", "North Team", "--start", start.isoformat(),
        "--end", end.isoformat(), "--format", "json", stdout=out,
    )  # fmt: skip
    report = json.loads(out.getvalue())
    assert report["period"] == {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "partial": end > today,
    }
    # One visit every day elapsed is 7 a week, whatever share of the quarter has passed.
    assert report["fidelity"]["items"]["V6"]["value"] == 7.0


def test_dashboard_mid_quarter_lists_no_future_week(client, program, users, contacts_this_quarter):
    start, today = contacts_this_quarter
    end = today + dt.timedelta(days=40)
    client.force_login(users[Role.DIRECTOR])
    response = client.get(
        reverse("reports:dashboard")
        + f"?program={program.pk}&start={start.isoformat()}&end={end.isoformat()}"
    )
    assert response.status_code == 200
    mondays = [monday for monday, _ in response.context["weeks"]]
    assert max(mondays) <= today
    assert response.context["weeks"][-1][1] is True  # this week is marked "so far"
    page = response.content.decode()
    assert "(so far)" in page
    assert "This period has not ended." in page
    # This week is not judged against the goal before it is over.
    assert response.context["weekly"][0][1][-1]["under"] is False


def test_dashboard_defaults_to_the_last_complete_quarter(client, program, users):
    client.force_login(users[Role.DIRECTOR])
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    start, end = last_complete_quarter(timezone.localdate())
    assert response.context["report"]["period"] == {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "partial": False,
    }
    page = response.content.decode()
    assert "to date</a>" in page  # "this quarter to date" is one link away


def test_weekly_table_stops_at_the_week_holding_today(program, staff):
    mondays, _ = weekly_face_to_face(program, D(2026, 12, 31), as_of=D(2026, 11, 30))
    assert mondays[-1] == D(2026, 11, 30)
    assert len(mondays) == 8


def test_v4_ignores_a_contact_naming_the_person_before_their_entry(program, staff):
    from employers.models import Employer, EmployerContact
    from jobseekers.models import JobSeeker

    person = JobSeeker.objects.create(
        program=program, ref="S-9", name="Kim", entry_date=D(2026, 7, 10)
    )
    employer = Employer.objects.create(program=program, name="Cafe")
    for day in (D(2026, 7, 1), D(2026, 7, 20)):  # before entry; ten days after
        contact = EmployerContact.objects.create(
            program=program,
            date=day,
            specialist=staff[Role.SPECIALIST],
            employer=employer,
            mode="face_to_face",
        )
        contact.seekers.add(person)
    data = program_facts(program, D(2026, 7, 1), D(2026, 9, 30), as_of=D(2026, 11, 30))
    assert data.first_face_to_face == {person.pk: D(2026, 7, 20)}
    assert fidelity_items(data)["V4"].value == 10.0


# --- Several programs: counts summed, rates recomputed ---------------------------------


@pytest.fixture
def two_programs(db):
    """Unequal programs in Q3 2026: North 1 of 2 served worked (50 %), South 1 of 8 (12.5 %).
    The average of the rates would be 31.25 % ("minimal"); the true rate is 2 / 10."""
    from employers.models import Employer
    from ips.models import Program
    from jobseekers.models import Job as JobRow
    from jobseekers.models import JobSeeker

    made = []
    for name, served in (("North Team", 2), ("South Team", 8)):
        program = Program.objects.create(name=name, slug=name.split()[0].lower())
        employer = Employer.objects.create(program=program, name=f"{name} cafe")
        people = [
            JobSeeker.objects.create(
                program=program, ref=f"{name[0]}{i}", name=f"P{i}", entry_date=D(2026, 1, 5)
            )
            for i in range(served)
        ]
        JobRow.objects.create(
            program=program,
            seeker=people[0],
            employer=employer,
            title="Cook",
            start_date=D(2026, 8, 3),
            hours_per_week=Decimal(20),
        )
        made.append(program)
    return made


def test_two_program_total_sums_counts_and_recomputes_the_rate(two_programs):
    from reports.build import combined_report, program_report

    north, south = (program_report(p, Q3.start, Q3.end) for p in two_programs)
    total = combined_report(two_programs, Q3.start, Q3.end)
    for key in ("served", "worked_competitive", "job_starts", "job_starts_uk", "referrals"):
        assert total["outcomes"][key] == north["outcomes"][key] + south["outcomes"][key]
    assert (north["outcomes"]["employment_rate"], south["outcomes"]["employment_rate"]) == (
        0.5,
        0.125,
    )
    assert total["outcomes"]["employment_rate"] == 0.2  # 2 / 10, not (0.5 + 0.125) / 2
    assert total["outcomes"]["tier"] == "below_minimal"
    assert total["programs"] == ["North Team", "South Team"]


def test_ips_report_with_two_programs_prints_each_and_the_total(two_programs):
    out = io.StringIO()
    call_command(
        "ips_report", "--program", "North Team", "--program", "south team",
        "--start", "2026-07-01", "--end", "2026-09-30", stdout=out,
    )  # fmt: skip
    data = json.loads(out.getvalue())
    assert [r["program"] for r in data["programs"]] == ["North Team", "South Team"]
    assert data["total"]["outcomes"]["served"] == 10
    assert data["total"]["outcomes"]["employment_rate"] == 0.2


def test_ips_report_refuses_the_same_program_twice(two_programs):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="once"):
        call_command(
            "ips_report", "--program", "North Team", "--program", "NORTH TEAM",
            "--start", "2026-07-01", "--end", "2026-09-30", stdout=io.StringIO(),
        )  # fmt: skip


def test_director_of_two_programs_sees_each_and_the_total(client, two_programs):
    from ips.models import StaffMember
    from tests.conftest import make_user

    director = make_user("two_program_director")
    for program in two_programs:
        StaffMember.objects.create(user=director, program=program, role="director")
    client.force_login(director)
    response = client.get(
        reverse("reports:dashboard") + f"?program={two_programs[0].pk}&start=2026-07-01"
        "&end=2026-09-30"
    )
    table = response.context["together"]
    rows = {row[0]: dict(zip(table.header, row, strict=True)) for row in table.rows}
    assert rows["All programs"]["Served"] == 10
    assert rows["All programs"]["Employment rate (%)"] == 20.0
    assert rows["South Team"]["Employment rate (%)"] == 12.5
    assert "Your programs together" in response.content.decode()


def test_a_director_of_one_program_sees_no_total(client, program, users):
    client.force_login(users[Role.DIRECTOR])
    response = client.get(reverse("reports:dashboard"))
    assert "together" not in response.context


# --- Red-team follow-ups ---------------------------------------------------------------


def test_a_period_not_yet_begun_is_refused_everywhere(client, program, users):
    from django.core.management.base import CommandError

    start = timezone.localdate() + dt.timedelta(days=40)
    end = start + dt.timedelta(days=60)
    client.force_login(users[Role.DIRECTOR])
    query = f"?program={program.pk}&start={start}&end={end}"
    response = client.get(reverse("reports:dashboard") + query)
    assert response.status_code == 200
    assert "has not begun" in response.content.decode()
    month = f"{start:%Y-%m}"
    assert client.get(f"/admin/fidelity/supervision/?month={month}").status_code == 400
    with pytest.raises(CommandError, match="has not come yet"):
        call_command(
            "ips_report", "--program", program.name, "--start", start.isoformat(),
            "--end", end.isoformat(), stdout=io.StringIO(),
        )  # fmt: skip


def test_unknown_report_format_is_a_404(client, program, users):
    client.force_login(users[Role.DIRECTOR])
    assert client.get(reverse("reports:report", args=["foo"])).status_code == 404


def test_a_quarter_with_nobody_served_has_no_rate_or_tier(program):
    from reports.build import quarterly_reports
    from reports.tables import quarterly_table

    table = quarterly_table(quarterly_reports(program, D(2026, 9, 30), 2))
    row = dict(zip(table.header, table.rows[0], strict=True))
    assert row["Served"] == 0
    assert row["Employment rate (%)"] is None
    assert row["Tier (31 / 41 / 50 %)"] is None


def test_two_program_csv_names_the_programs_in_one_cell(two_programs):
    out = io.StringIO()
    call_command(
        "ips_report", "--program", "North Team", "--program", "South Team",
        "--start", "2026-07-01", "--end", "2026-09-30", "--format", "csv", stdout=out,
    )  # fmt: skip
    assert "total.programs,North Team; South Team" in out.getvalue()
