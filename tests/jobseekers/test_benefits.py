"""The benefits rules against spec/metrics.md ("Benefits estimate: the rules"), the
worked examples of issue 19 and SSA's own (POMS SI 00820.510). No database."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobseekers.benefits import (
    InputError,
    Parameters,
    Person,
    answer,
    as_json,
    estimate,
    monthly_earnings,
    read_question,
    ssdi,
    ssi,
)
from jobseekers.benefits.history import twp_months_from_jobs

P2025 = Parameters(
    year=2025,
    sga_non_blind=D("1620"),
    sga_blind=D("2700"),
    trial_work_month_above=D("1160"),
    ssi_fbr_individual=D("967"),
    ssi_fbr_couple=D("1450"),
    student_exclusion_monthly=D("2350"),
    student_exclusion_yearly=D("9460"),
)
P2026 = Parameters(
    year=2026,
    sga_non_blind=D("1690"),
    sga_blind=D("2830"),
    trial_work_month_above=D("1210"),
    ssi_fbr_individual=D("994"),
    ssi_fbr_couple=D("1491"),
    student_exclusion_monthly=D("2410"),
    student_exclusion_yearly=D("9730"),
    medicaid_1619b_thresholds={"MD": D("62929")},
)


def run(question: dict, params: Parameters = P2026) -> dict:
    return as_json(answer(read_question(question), params))


def one_ssi(person: Person, params: Parameters = P2026):
    return ssi((person,), params, ssdi_paid=(D("0"),))


# --- SSI: the $20, $65 and one half ------------------------------------------------


@pytest.mark.parametrize(
    ("earned", "unearned", "countable_unearned", "countable_earned"),
    [
        (D("1000"), D("0"), D("0"), D("457.50")),  # (1000 - 20 - 65) / 2
        (D("1000"), D("100"), D("80"), D("467.50")),  # $20 off unearned first
        (D("1000"), D("10"), D("0"), D("462.50")),  # $10 rest of the $20 off earned
        (D("50"), D("0"), D("0"), D("0")),  # below the exclusions
        (D("0"), D("500"), D("480"), D("0")),
    ],
)
def test_general_exclusion_comes_off_unearned_income_first(
    earned, unearned, countable_unearned, countable_earned
):
    result = one_ssi(Person(gross_earnings=earned, other_unearned=unearned))
    assert (result.countable_unearned, result.countable_earned) == (
        countable_unearned,
        countable_earned,
    )


@pytest.mark.parametrize(
    ("params", "earned", "unearned", "payment"),
    [
        (P2026, D("1000"), D("0"), D("536.50")),  # 994 - 457.50
        (P2026, D("1000"), D("100"), D("446.50")),  # 994 - 80 - 467.50
        (P2025, D("1000"), D("0"), D("509.50")),  # 967 - 457.50
        (P2026, D("0"), D("0"), D("994")),
        (P2026, D("3000"), D("0"), D("0")),  # never below zero
    ],
)
def test_ssi_is_the_benefit_rate_less_countable_income(params, earned, unearned, payment):
    assert one_ssi(Person(gross_earnings=earned, other_unearned=unearned), params).payment == (
        payment
    )


def test_monthly_earnings_are_hours_times_wage_times_52_over_12():
    assert monthly_earnings(D("20"), D("15")) == D("1300.00")
    assert monthly_earnings(D("26"), D("10")) == D("1126.67")


def test_monthly_earnings_refuse_negative_hours():
    with pytest.raises(ValueError, match="negative"):
        monthly_earnings(D("-1"), D("15"))


# --- issue 19's findings, 2026, exact to the cent ---------------------------------


def test_contract_example_ssi_from_994_to_516_50():
    out = run({"year": 2026, "state": "MI", "people": [{"gross_earnings": 1040.0}]})
    assert out == {
        "year": 2026,
        "people": [
            {
                "ssi": 516.5,
                "ssdi": 0.0,
                "countable_earned": 477.5,
                "countable_unearned": 0.0,
                "twp_month": False,
                "countable_for_sga": 1040.0,
                "above_sga": False,
                "medicaid_1619b": None,
            }
        ],
        "ssi_total": 516.5,
        "total_income": 1556.5,
    }


def test_student_under_22_keeps_full_ssi_on_1126_67():
    out = run({"people": [{"gross_earnings": 1126.67, "student_under_22": True}]})
    assert (out["ssi_total"], out["people"][0]["countable_earned"]) == (994.0, 0.0)
    assert out["total_income"] == 2120.67


def test_student_exclusion_missing_would_show_473_16():
    out = run({"people": [{"gross_earnings": 1126.67}]})
    assert out["ssi_total"] == 473.16  # the value the old screen gave a student


def test_irwe_of_80_on_1500_20_gives_326_40():
    out = run({"people": [{"gross_earnings": 1500.20, "irwe": 80}]})
    assert (out["ssi_total"], out["people"][0]["countable_earned"]) == (326.4, 667.6)


def _after_twp(**more) -> dict:
    person = {"gross_earnings": 1950, "ssdi": 1300, "ssi_eligible": False, "epe": True}
    return {"people": [{**person, "twp_months_used": 9, "grace_months_used": 3, **more}]}


def test_ssdi_stops_above_sga_after_the_trial_work_period_and_grace():
    out = run(_after_twp())
    person = out["people"][0]
    assert (person["ssdi"], person["above_sga"], person["twp_month"]) == (0.0, True, False)
    assert out["total_income"] == 1950.0


def test_sga_is_judged_on_earnings_less_irwe():
    out = run(_after_twp(irwe=300))
    person = out["people"][0]
    assert (person["countable_for_sga"], person["above_sga"], person["ssdi"]) == (
        1650.0,
        False,
        1300.0,
    )
    assert out["total_income"] == 3250.0


def test_subsidy_also_comes_off_for_sga():
    out = run(_after_twp(subsidy=300))
    assert (out["people"][0]["countable_for_sga"], out["people"][0]["ssdi"]) == (1650.0, 1300.0)


@pytest.mark.parametrize(("grace_used", "paid"), [(0, 1300.0), (1, 1300.0), (2, 1300.0), (3, 0.0)])
def test_grace_months_pay_ssdi_in_the_first_three_months_above_sga(grace_used, paid):
    out = run(_after_twp(grace_months_used=grace_used))
    assert out["people"][0]["ssdi"] == paid


@pytest.mark.parametrize(
    ("used", "gross", "twp_month", "paid"),
    [
        (0, 1210.00, False, 1300.0),  # exactly at the amount is not a TWP month
        (0, 1210.01, True, 1300.0),
        (8, 3000.00, True, 1300.0),  # the 9th TWP month: paid whatever the earnings
        (9, 3000.00, False, 1300.0),  # extended period, first month above SGA: grace
    ],
)
def test_trial_work_period_pays_ssdi_whatever_the_earnings(used, gross, twp_month, paid):
    person = {"gross_earnings": gross, "ssdi": 1300, "ssi_eligible": False}
    out = run({"people": [{**person, "twp_months_used": used}]})
    assert (out["people"][0]["twp_month"], out["people"][0]["ssdi"]) == (twp_month, paid)


def test_blind_sga_amount_applies_to_blind_ssdi():
    person = Person(gross_earnings=D("2000"), ssdi=D("1300"), blind=True, epe=True)
    assert ssdi(person, P2026).above_sga is False
    assert ssdi(Person(gross_earnings=D("2830.01"), ssdi=D("1"), blind=True), P2026).above_sga


def test_never_above_sga_for_ssi_only():
    out = run({"people": [{"gross_earnings": 5000}]})
    assert (out["people"][0]["above_sga"], out["people"][0]["twp_month"]) == (False, False)


def test_couple_both_working_gets_one_20_and_one_65_on_combined_earnings():
    both = run({"couple": True, "people": [{"gross_earnings": 1040}, {"gross_earnings": 866.67}]})
    one = run({"couple": True, "people": [{"gross_earnings": 1040}, {"gross_earnings": 0}]})
    # (1040 + 866.67 - 20 - 65) / 2 = 910.835 -> 910.84; 1491 - 910.84
    assert both["ssi_total"] == 580.16
    assert [p["ssi"] for p in both["people"]] == [580.16, 0.0]
    assert round(one["ssi_total"] - both["ssi_total"], 2) == 433.34  # issue 19's overstatement
    assert both["total_income"] == 2486.83


def test_couple_rate_without_income():
    out = run({"couple": True, "people": [{"gross_earnings": 0}, {"gross_earnings": 0}]})
    assert out["ssi_total"] == 1491.0


# --- SSA's published examples -----------------------------------------------------


@pytest.mark.parametrize(
    ("gross", "used_before", "countable"),
    [
        (D("2540"), D("0"), D("52.50")),  # June: 2540 - 2350 - 20 - 65, half
        (D("2540"), D("4700"), D("52.50")),  # August: 7,050 used after it
        (D("1270"), D("7050"), D("0")),  # September: all excluded
        (D("1270"), D("8320"), D("22.50")),  # October: only 1,140 of the yearly cap left
        (D("1270"), D("9460"), D("592.50")),  # the yearly cap is used up
    ],
)
def test_poms_si_00820_510_student_exclusion_example_2025(gross, used_before, countable):
    person = Person(gross_earnings=gross, student_under_22=True, student_exclusion_used=used_before)
    result = one_ssi(person, P2025)
    assert result.countable_earned == countable
    assert result.payment == D("967") - countable


def test_si_00820_500_order_student_then_20_then_65_then_irwe_then_half_then_bwe():
    person = Person(
        gross_earnings=D("3000"),
        student_under_22=True,
        irwe=D("100"),
        blind=True,
        bwe=D("50"),
        other_unearned=D("5"),
    )
    result = one_ssi(person)
    steps = [(s.text, s.amount, s.result) for s in result.steps if s.amount < 0]
    assert steps == [
        ("$20 general income exclusion", D("-5"), D("0")),
        ("Student earned income exclusion", D("-2410"), D("590")),
        ("Rest of the $20 general exclusion", D("-15"), D("575")),
        ("$65 earned income exclusion", D("-65"), D("510")),
        ("Impairment-related work expenses (IRWE)", D("-100"), D("410")),
        ("One half of the rest", D("-205.00"), D("205.00")),
        ("Blind work expenses (BWE)", D("-50"), D("155.00")),
    ]
    assert result.payment == D("839.00")


def test_bwe_counts_only_for_a_blind_person():
    assert one_ssi(Person(gross_earnings=D("1000"), bwe=D("50"))).countable_earned == D("457.50")


# --- 1619(b) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "gross", "expected"),
    [
        ("MD", 3000, True),  # $36,000 a year, under Maryland's $62,929
        ("MD", 5300, False),  # $63,600 a year
        ("MI", 3000, None),  # no threshold stored: no answer
        (None, 3000, None),
    ],
)
def test_medicaid_1619b_when_ssi_cash_is_zero(state, gross, expected):
    out = run({"state": state, "people": [{"gross_earnings": gross}]})
    assert out["ssi_total"] == 0.0
    assert out["people"][0]["medicaid_1619b"] is expected


@pytest.mark.parametrize(
    "person",
    [
        {"gross_earnings": 0, "ssdi": 1500},  # SSDI, not work, ends SSI cash
        {"gross_earnings": 100, "other_unearned": 1500},  # so would other unearned income
        {"gross_earnings": 0, "other_unearned": 2000},
    ],
)
def test_no_1619b_answer_when_ssi_would_be_zero_without_work(person):
    """1619(b) continues Medicaid when earnings end SSI cash (POMS SI 02302.010), not when
    unearned income does (red-team finding, issue 19)."""
    out = run({"state": "MD", "people": [person]})
    assert out["ssi_total"] == 0.0
    assert out["people"][0]["medicaid_1619b"] is None


def test_no_1619b_answer_while_ssi_is_paid():
    out = run({"state": "MD", "people": [{"gross_earnings": 1040}]})
    assert out["people"][0]["medicaid_1619b"] is None


# --- bad input: a message naming the field -----------------------------------------


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ({"people": [{"gross_earnings": -1}]}, "people[0].gross_earnings"),
        ({"people": [{"gross_earnings": 10, "irwe": -5}]}, "people[0].irwe"),
        ({"people": [{"gross_earnings": 10, "wages": 5}]}, "people[0].wages"),
        ({"people": [{"ssdi": 5}]}, "people[0].gross_earnings"),
        ({"couple": True, "people": [{"gross_earnings": 10}]}, "people"),
        ({"people": [{"gross_earnings": 1}, {"gross_earnings": 1}]}, "couple"),
        ({"people": [{"gross_earnings": 10}], "colour": "red"}, "colour"),
        ({"people": [{"gross_earnings": 10, "twp_months_used": 10}]}, "people[0].twp_months_used"),
        ({"people": [{"gross_earnings": 10, "blind": "yes"}]}, "people[0].blind"),
        ({"people": [{"gross_earnings": 10, "bwe": 5}]}, "people[0].bwe"),
        ({"people": [{"gross_earnings": 10.001}]}, "people[0].gross_earnings"),
        ({"state": "ZZ", "people": [{"gross_earnings": 10}]}, "state"),
        ({"year": "2026", "people": [{"gross_earnings": 10}]}, "year"),
        ({"people": []}, "people"),
        (
            {
                "couple": True,
                "people": [{"gross_earnings": 1}, {"gross_earnings": 1, "ssi_eligible": False}],
            },
            "people[1].ssi_eligible",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field(question, field):
    with pytest.raises(InputError) as caught:
        read_question(question)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


# --- properties ---------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=20000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def people(draw):
    return Person(
        gross_earnings=draw(money),
        other_unearned=draw(money),
        student_under_22=draw(st.booleans()),
        student_exclusion_used=draw(money),
        irwe=draw(money),
        blind=(blind := draw(st.booleans())),
        bwe=draw(money) if blind else D("0"),
    )


@given(person=people(), raise_by=money, params=st.sampled_from([P2025, P2026]))
def test_ssi_never_rises_when_earnings_rise(person, raise_by, params):
    before = estimate((person,), params).ssi_total
    richer = replace(person, gross_earnings=person.gross_earnings + raise_by)
    assert estimate((richer,), params).ssi_total <= before


@given(first=people(), second=people(), raise_by=money)
def test_couple_ssi_never_rises_when_either_earns_more_and_never_below_zero(
    first, second, raise_by
):
    before = estimate((first, second), P2026).ssi_total
    richer = replace(second, gross_earnings=second.gross_earnings + raise_by)
    after = estimate((first, richer), P2026).ssi_total
    assert D("0") <= after <= before <= P2026.ssi_fbr_couple


# --- trial work months counted from jobs -------------------------------------------

TWP_AMOUNTS = {2025: D("1160"), 2026: D("1210")}


@pytest.mark.parametrize(
    ("jobs", "today", "months"),
    [
        # held since Jan 2025 at $1,300: 14 whole months before March 2026, at most 9
        ([(dt.date(2025, 1, 1), None, D("1300"))], dt.date(2026, 3, 15), 9),
        # started 16 January: 16/31 of $1,300 = $670.97, not a TWP month; February is
        ([(dt.date(2026, 1, 16), None, D("1300"))], dt.date(2026, 3, 10), 1),
        # $1,200 is above 2025's $1,160 but not 2026's $1,210
        ([(dt.date(2025, 10, 1), dt.date(2026, 2, 28), D("1200"))], dt.date(2026, 4, 1), 3),
        # two part-time jobs together
        (
            [(dt.date(2026, 1, 1), None, D("700")), (dt.date(2026, 1, 1), None, D("600"))],
            dt.date(2026, 3, 1),
            2,
        ),
        # the current month is not counted yet
        ([(dt.date(2026, 3, 1), None, D("5000"))], dt.date(2026, 3, 31), 0),
        # 2023-2024 at $2,600, before every stored year: above 2025's amount, so above its
        # own year's too (red-team finding: these months were not counted at all)
        ([(dt.date(2023, 1, 1), dt.date(2024, 12, 31), D("2600"))], dt.date(2026, 11, 30), 9),
        # before every stored year and under 2025's amount: unknown, not 0
        ([(dt.date(2024, 6, 1), dt.date(2024, 8, 31), D("1000"))], dt.date(2026, 11, 30), None),
    ],
)
def test_trial_work_months_counted_from_jobs(jobs, today, months):
    assert twp_months_from_jobs(jobs, TWP_AMOUNTS, today) == months
