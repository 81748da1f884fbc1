"""ips_report's added `psr` section: PSR outcomes beside employment (issue: PSR outcomes)."""

import datetime as dt
import json
from io import StringIO

from django.core.management import call_command

from jobseekers.models import StatusCheckIn


def run(program, fmt: str) -> str:
    out = StringIO()
    call_command(
        "ips_report",
        program=program.name,
        start="2026-07-01",
        end="2026-09-30",
        format=fmt,
        stdout=out,
    )
    return out.getvalue()


def check_ins(seeker):
    StatusCheckIn.objects.create(
        program=seeker.program, seeker=seeker, date=dt.date(2026, 5, 1), inpatient_days=9
    )
    StatusCheckIn.objects.create(
        program=seeker.program,
        seeker=seeker,
        date=dt.date(2026, 8, 1),
        housing="supported",
        education_enrolled=True,
        justice="none",
        inpatient_days=2,
        er_visits=1,
    )


def test_report_json_carries_the_psr_figures_for_the_period(seeker):
    check_ins(seeker)
    psr = json.loads(run(seeker.program, "json"))["psr"]
    assert psr["people"] == 1
    assert (psr["stable_housing_share"], psr["education_share"]) == (1.0, 1.0)
    assert psr["no_new_justice_share"] == 1.0
    assert (psr["inpatient_days"], psr["inpatient_days_previous"]) == (2, 9)
    assert psr["inpatient_days_change"] == -7


def test_report_csv_and_html_carry_the_psr_figures(seeker):
    check_ins(seeker)
    csv = run(seeker.program, "csv")
    assert "psr.stable_housing_share,1.0" in csv
    assert "psr.inpatient_days_change,-7" in csv
    html = run(seeker.program, "html")
    assert "Life beyond the job" in html
    assert "Enrolled in or completing education" in html


def test_existing_report_keys_are_unchanged_by_the_psr_section(seeker):
    report = json.loads(run(seeker.program, "json"))
    # The contract's keys come first, in order; added sections only follow them.
    assert list(report) == [
        "program", "period", "fidelity", "outcomes", "psr", "retention", "earnings", "education",
        "psr_outcomes",
    ]  # fmt: skip
    assert "education_share" not in report["outcomes"]
