"""`manage.py benefits_estimate FILE` against spec/interchange.md ("Benefits estimate"):
issue 19's worked examples and SSA's, through the real command and the shipped figures."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from tests.factories import Medicaid1619bThresholdFactory

pytestmark = pytest.mark.django_db


def estimate(question, monkeypatch) -> dict:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(question)))
    out = io.StringIO()
    call_command("benefits_estimate", "-", stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def row_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def test_the_contract_example_from_a_file(tmp_path):
    question = {
        "year": 2026,
        "state": "MI",
        "couple": False,
        "people": [
            {
                "gross_earnings": 1040.0,
                "ssi_eligible": True,
                "ssdi": 0,
                "other_unearned": 0,
                "blind": False,
                "student_under_22": False,
                "irwe": 0,
                "bwe": 0,
                "twp_months_used": 0,
                "epe": False,
                "grace_months_used": 0,
            }
        ],
    }
    path = tmp_path / "question.json"
    path.write_text(json.dumps(question))
    out = io.StringIO()
    call_command("benefits_estimate", str(path), stdout=out)
    assert json.loads(out.getvalue()) == {
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


AFTER_TWP = {"ssdi": 1300, "ssi_eligible": False, "epe": True, "twp_months_used": 9}


@pytest.mark.parametrize(
    ("people", "couple", "ssi_total", "total_income"),
    [
        ([{"gross_earnings": 1126.67, "student_under_22": True}], False, 994.0, 2120.67),
        ([{"gross_earnings": 1500.20, "irwe": 80}], False, 326.4, 1826.6),
        ([{"gross_earnings": 1950, **AFTER_TWP, "grace_months_used": 3}], False, 0.0, 1950.0),
        (
            [{"gross_earnings": 1950, **AFTER_TWP, "grace_months_used": 3, "irwe": 300}],
            False,
            0.0,
            3250.0,
        ),
        ([{"gross_earnings": 1040}, {"gross_earnings": 866.67}], True, 580.16, 2486.83),
        # POMS SI 00820.510, 2025: June's $2,540 leaves $52.50 countable
        ([{"gross_earnings": 2540, "student_under_22": True}], False, 914.5, 3454.5),
    ],
    ids=["student", "irwe", "epe-above-sga", "epe-irwe-under-sga", "couple", "poms-510"],
)
def test_issue_19_findings_through_the_command(
    monkeypatch, people, couple, ssi_total, total_income
):
    year = 2025 if people[0]["gross_earnings"] == 2540 else 2026
    out = estimate({"year": year, "couple": couple, "people": people}, monkeypatch)
    assert (out["ssi_total"], out["total_income"]) == (ssi_total, total_income)


def test_sga_is_never_reported_for_ssi_only(monkeypatch):
    out = estimate({"people": [{"gross_earnings": 4000}]}, monkeypatch)
    assert out["people"][0]["above_sga"] is False


def test_1619b_uses_the_stored_state_threshold(monkeypatch):
    from jobseekers.models import BenefitsParameters

    Medicaid1619bThresholdFactory(
        parameters=BenefitsParameters.objects.get(year=2026), state="OH", threshold=40000
    )
    under = estimate({"state": "OH", "people": [{"gross_earnings": 3000}]}, monkeypatch)
    over = estimate({"state": "OH", "people": [{"gross_earnings": 3400}]}, monkeypatch)
    assert under["people"][0]["medicaid_1619b"] is True  # $36,000 a year
    assert over["people"][0]["medicaid_1619b"] is False  # $40,800 a year


def test_a_state_without_a_threshold_says_so_on_stderr(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"people": [{"gross_earnings": 3000}]}'))
    out, err = io.StringIO(), io.StringIO()
    call_command("benefits_estimate", "-", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["people"][0]["medicaid_1619b"] is None
    assert "no 1619(b) threshold is stored for MI in 2026" in err.getvalue()


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"people": [{"gross_earnings": -10}]}', "people[0].gross_earnings"),
        ('{"people": [{"gross_earnings": 10, "ssdi": -1}]}', "people[0].ssdi"),
        ('{"people": [{"gross_earnings": 10, "hours": 20}]}', "people[0].hours"),
        ('{"couple": true, "people": [{"gross_earnings": 10}]}', "people"),
        ('{"people": [{"gross_earnings": "10"}]}', "people[0].gross_earnings"),
        ('{"people": [{"gross_earnings": NaN}]}', "(input)"),
        ("[1, 2]", "(input)"),
        ("not json", "(input)"),
    ],
)
def test_bad_input_exits_non_zero_naming_the_field_and_writes_nothing(monkeypatch, text, field):
    before = row_counts()
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    with pytest.raises(CommandError, match=rf"^{re.escape(field)}: "):
        call_command("benefits_estimate", "-", stdout=io.StringIO())
    assert row_counts() == before


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("benefits_estimate", str(tmp_path / "nope.json"))


def test_from_the_shell_bad_input_exits_non_zero_with_the_field_named():
    done = subprocess.run(
        [sys.executable, "manage.py", "benefits_estimate", "-"],
        input='{"couple": true, "people": [{"gross_earnings": 900}]}',
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert done.returncode != 0
    assert "people: a couple needs two people." in done.stderr
    assert done.stdout == ""
