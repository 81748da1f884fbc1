"""Benefits: SSA's yearly work-incentive figures and 1619(b) thresholds (reference data,
superuser-edited), benefits counselling and the monthly wages reported to SSA."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format

from ips.models import Program, StaffMember
from ips.versioning import Versioned
from jobseekers.models.records import JobSeeker, SeekerRowQuerySet


class BenefitsParameters(Versioned):
    """SSA work-incentive figures for one year (spec/metrics.md, Benefits). Reference data."""

    year = models.PositiveSmallIntegerField(unique=True)
    sga_non_blind = models.DecimalField(max_digits=8, decimal_places=2)
    sga_blind = models.DecimalField(max_digits=8, decimal_places=2)
    trial_work_month_above = models.DecimalField(max_digits=8, decimal_places=2)
    ssi_fbr_individual = models.DecimalField(max_digits=8, decimal_places=2)
    ssi_fbr_couple = models.DecimalField(max_digits=8, decimal_places=2)
    general_exclusion = models.DecimalField(max_digits=6, decimal_places=2, default=Decimal("20"))
    earned_income_exclusion = models.DecimalField(
        max_digits=6, decimal_places=2, default=Decimal("65")
    )
    student_exclusion_monthly = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        help_text="Student earned income exclusion, most a month (POMS SI 00820.510).",
    )
    student_exclusion_yearly = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        help_text="Student earned income exclusion, most in the calendar year.",
    )
    source = models.TextField(
        blank=True, help_text="Where each figure comes from (SSA page or POMS section)."
    )

    class Meta:
        ordering = ["-year"]
        verbose_name_plural = "benefits parameters"
        constraints = [
            models.CheckConstraint(
                condition=Q(student_exclusion_monthly__gte=0)
                & Q(student_exclusion_yearly__gte=F("student_exclusion_monthly")),
                name="student_exclusion_caps_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Benefits parameters {self.year}"


class Medicaid1619bThreshold(Versioned):
    """A state's 1619(b) threshold for a year: yearly gross earnings up to which
    Medicaid continues when SSI cash stops (spec/metrics.md, Benefits estimate).
    Reference data with its source; a superuser edits it."""

    parameters = models.ForeignKey(
        BenefitsParameters, on_delete=models.CASCADE, related_name="medicaid_thresholds"
    )
    state = models.CharField(max_length=2, help_text="Two-letter US state code, e.g. MI.")
    threshold = models.DecimalField(
        max_digits=9, decimal_places=2, help_text="Yearly gross earnings, dollars."
    )
    source = models.TextField(help_text="Where the figure comes from.")

    class Meta:
        ordering = ["parameters", "state"]
        verbose_name = "1619(b) threshold"
        constraints = [
            models.UniqueConstraint(
                fields=["parameters", "state"], name="one_1619b_threshold_per_state_year"
            ),
            models.CheckConstraint(condition=Q(threshold__gt=0), name="threshold_1619b_positive"),
        ]

    def __str__(self) -> str:
        return f"1619(b) threshold {self.state} {self.parameters.year}"


class BenefitsCounselling(Versioned):
    """That benefits (work-incentives) counselling happened, and when. Sensitive."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="benefits_counselling"
    )

    class Planner(models.TextChoices):
        WIPA = "wipa", "WIPA (Work Incentives Planning and Assistance) project"
        CWIC = "cwic", "CWIC (Community Work Incentives Coordinator)"
        OTHER = "other", "Other certified benefits planner"

    class Outcome(models.TextChoices):
        REFERRED = "referred", "Referred, waiting"
        SEEN = "seen", "Seen: a benefits plan was made"
        DECLINED = "declined", "The person declined"
        NOT_REACHED = "not_reached", "Could not be reached"

    date = models.DateField(help_text="The day of the referral or the counselling.")
    counsellor = models.CharField(max_length=200, blank=True)
    planner = models.CharField(
        max_length=10, choices=Planner.choices, blank=True, help_text="Certified benefits planner"
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    bpqy_received_on = models.DateField(
        null=True, blank=True, help_text="When SSA's Benefits Planning Query (BPQY) came back."
    )
    twp_months_used = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(9)],
        help_text="SSDI trial work months used so far (from the BPQY or the planner).",
    )
    notes = models.TextField(blank=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name_plural = "benefits counselling"
        constraints = [
            models.CheckConstraint(
                condition=Q(twp_months_used__isnull=True) | Q(twp_months_used__lte=9),
                name="counselling_twp_months_0_to_9",
            ),
        ]

    def __str__(self) -> str:
        return f"Benefits counselling for {self.seeker} on {date_format(self.date)}"


class WageReport(models.Model):
    """That a working person's pay for one month was reported to SSA. SSI: gross wages each
    month, in the first days of the next month and by its 10th at the latest (POMS
    SI 00820.143 monthly wage reporting, SI 02301.005 reporting responsibilities; 20 CFR
    416.714); SSDI: work and pay changes (20 CFR 404.1588). One row per person and month of
    pay; the specialist's home lists the months worked and not yet reported."""

    class How(models.TextChoices):
        APP = "app", "SSA Mobile Wage Reporting app"
        ONLINE = "online", "my Social Security or myWageReport (online)"
        PHONE = "phone", "SSI Telephone Wage Reporting"
        OFFICE = "office", "At or to the local Social Security office"
        PLANNER = "planner", "By the benefits planner or representative payee"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="wage_reports")
    month = models.DateField(help_text="The first day of the month whose pay was reported.")
    reported_on = models.DateField(help_text="The day the pay was reported to SSA.")
    how = models.CharField(max_length=10, choices=How.choices, blank=True)
    recorded_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["seeker", "month"], name="one_wage_report_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%B %Y} pay reported to SSA on {self.reported_on}"
