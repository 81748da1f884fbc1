"""Forms for the benefits estimate, benefits counselling and wage reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms

from ips.validators import DomainForm
from jobseekers import benefits
from jobseekers.forms.common import DATE, today
from jobseekers.models import (
    BenefitsCounselling,
    WageReport,
)


def _money(label: str, **kw) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=0, max_value=1_000_000, decimal_places=2, required=False, **kw
    )


STATE_CHOICES = [("", "Not given"), *((s, s) for s in sorted(benefits.US_STATES))]


class BenefitsEstimateForm(DomainForm):
    """What the person gets and earns now, and the job they might take: the same question
    `manage.py benefits_estimate` reads (jobseekers.benefits.question). Money is monthly."""

    year = forms.IntegerField(min_value=1900, max_value=2100)
    state = forms.ChoiceField(choices=STATE_CHOICES, required=False, label="State (for 1619(b))")
    # what the person gets and earns now
    ssi_eligible = forms.BooleanField(
        required=False, initial=True, label="Gets SSI (or is eligible)"
    )
    ssdi = _money("SSDI each month ($)")
    other_unearned = _money("Other income each month, not from work ($)")
    earnings_now = _money("Pay from work each month now, before tax ($)")
    # the job
    job = forms.ChoiceField(required=False, label="Pick the job")
    hours_per_week = forms.DecimalField(
        min_value=0, max_value=80, decimal_places=1, required=False, label="or hours per week"
    )
    hourly_wage = forms.DecimalField(
        min_value=0, max_value=500, decimal_places=2, required=False, label="and hourly wage ($)"
    )
    # work incentives
    student_under_22 = forms.BooleanField(required=False, label="Under 22 and regularly in school")
    student_exclusion_used = _money("Student exclusion already used this year ($)")
    irwe = _money("Impairment-related work expenses (IRWE) each month ($)")
    blind = forms.BooleanField(required=False, label="Blind (SSA's definition)")
    bwe = _money("Blind work expenses each month ($)")
    subsidy = _money("Employer subsidy or special conditions each month ($)")
    twp_months_used = forms.IntegerField(
        min_value=0, max_value=9, required=False, label="SSDI trial work months used (0-9)"
    )
    epe = forms.BooleanField(required=False, label="In the SSDI extended period of eligibility")
    grace_months_used = forms.IntegerField(
        min_value=0, max_value=3, required=False, label="SSDI grace months used (0-3)"
    )
    # the spouse, for an eligible couple
    couple = forms.BooleanField(required=False, label="Married, and the spouse gets SSI too")
    spouse_earnings = _money("Spouse's pay from work each month ($)")
    spouse_ssdi = _money("Spouse's SSDI each month ($)")
    spouse_other_unearned = _money("Spouse's other income each month ($)")
    spouse_irwe = _money("Spouse's IRWE each month ($)")

    PERSON_FIELDS = (
        "ssi_eligible", "ssdi", "other_unearned", "student_under_22", "student_exclusion_used",
        "irwe", "blind", "bwe", "subsidy", "twp_months_used", "epe", "grace_months_used",
    )  # fmt: skip

    FIELDSETS = (
        ("Now", ("year", "state", "ssi_eligible", "ssdi", "other_unearned", "earnings_now")),
        ("The job", ("job", "hours_per_week", "hourly_wage")),
        ("Work incentives", (
            "student_under_22", "student_exclusion_used", "irwe", "blind", "bwe", "subsidy",
        )),
        ("SSDI work history", ("twp_months_used", "epe", "grace_months_used")),
        ("Spouse", (
            "couple", "spouse_earnings", "spouse_ssdi", "spouse_other_unearned", "spouse_irwe",
        )),
    )  # fmt: skip

    def fieldsets(self) -> list[tuple[str, list]]:
        """(legend, bound fields) in screen order; the first two are always shown."""
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def __init__(self, *args, jobs=(), openings=(), **kw):
        super().__init__(*args, **kw)
        self.job_earnings: dict[str, tuple[str, Decimal]] = {}
        for prefix, rows in (("job", jobs), ("opening", openings)):
            for row in rows:
                if row.hours_per_week is None or row.hourly_wage is None:
                    continue
                label = f"{row.title} ({row.hours_per_week} h a week at ${row.hourly_wage})"
                earnings = benefits.monthly_earnings(row.hours_per_week, row.hourly_wage)
                self.job_earnings[f"{prefix}-{row.pk}"] = (label, earnings)
        self.fields["job"].choices = [("", "Enter hours and wage")] + [
            (key, label) for key, (label, _) in self.job_earnings.items()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("job"):
            return cleaned
        if cleaned.get("hours_per_week") is None or cleaned.get("hourly_wage") is None:
            if "hours_per_week" not in self.errors and "hourly_wage" not in self.errors:
                self.add_error("job", "Pick the job, or enter its hours per week and wage.")
        return cleaned

    def job_monthly_earnings(self) -> Decimal:
        """Gross monthly pay of the picked job, or of the hours and wage entered."""
        if self.cleaned_data.get("job"):
            return self.job_earnings[self.cleaned_data["job"]][1]
        return benefits.monthly_earnings(
            self.cleaned_data["hours_per_week"], self.cleaned_data["hourly_wage"]
        )

    def question(self, earnings: Decimal) -> dict:
        """The interchange.md question for the person earning `earnings` a month."""
        data = self.cleaned_data
        person = {name: data[name] for name in self.PERSON_FIELDS if data.get(name) is not None}
        people = [{**person, "gross_earnings": earnings}]
        if data["couple"]:
            spouse = {
                "gross_earnings": data.get("spouse_earnings") or Decimal(0),
                "ssdi": data.get("spouse_ssdi") or Decimal(0),
                "other_unearned": data.get("spouse_other_unearned") or Decimal(0),
                "irwe": data.get("spouse_irwe") or Decimal(0),
                "ssi_eligible": data["ssi_eligible"],
            }
            people.append(spouse)
        return {
            "year": data["year"],
            "state": data.get("state") or None,
            "couple": data["couple"],
            "people": people,
        }

    def refuse(self, error: benefits.InputError) -> None:
        """Show the question's refusal on the field it names."""
        where, _, name = error.field.partition(".")
        if where == "people[1]":
            name = {"gross_earnings": "spouse_earnings"}.get(name, f"spouse_{name}")
        elif where == "people[0]" and name == "gross_earnings":
            name = "earnings_now"
        self.add_error(name if name in self.fields else None, error.message)


class CounsellingForm(DomainForm):
    date = forms.DateField(widget=DATE, initial=today, label="Date of the referral or meeting")
    planner = forms.ChoiceField(
        choices=[("", "Not known"), *BenefitsCounselling.Planner.choices],
        required=False,
        label="Certified benefits planner",
    )
    counsellor = forms.CharField(max_length=200, required=False, label="Who gave it")
    outcome = forms.ChoiceField(
        choices=[("", "Not known"), *BenefitsCounselling.Outcome.choices], required=False
    )
    bpqy_received_on = forms.DateField(
        widget=DATE, required=False, label="BPQY (Benefits Planning Query) received on"
    )
    twp_months_used = forms.IntegerField(
        min_value=0, max_value=9, required=False, label="SSDI trial work months used so far"
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class WageReportForm(DomainForm):
    """That one month's pay was reported to SSA (the choice: the last 12 whole months)."""

    month = forms.ChoiceField(label="Month of pay")
    reported_on = forms.DateField(widget=DATE, initial=today, label="Reported to SSA on")
    how = forms.ChoiceField(
        choices=[("", "Not known"), *WageReport.How.choices], required=False, label="How"
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        months = []
        first = today.replace(day=1)
        for _ in range(12):
            first = (first - dt.timedelta(days=1)).replace(day=1)
            months.append((f"{first:%Y-%m}", f"{first:%B %Y}"))
        self.fields["month"].choices = months

    def clean_month(self) -> dt.date:
        year, month = self.cleaned_data["month"].split("-")  # a choice: always YYYY-MM
        return dt.date(int(year), int(month), 1)
