"""SSA work-incentive parameters by year (spec/metrics.md, Benefits), shipped as data
with their sources. A superuser edits them in the workspace; a data migration loads these."""

from __future__ import annotations

from decimal import Decimal

SSA_COLA = "SSA, Cost-of-Living Adjustment figures: https://www.ssa.gov/oact/cola/"
SEIE_SOURCE = (
    "Student earned income exclusion: POMS SI 00820.510 and "
    "https://www.ssa.gov/oact/cola/studentEIE.html"
)
SEIE_2026_CHECK = (
    " (2026: the 2025 unrounded amounts $2,347.90 / $9,464.33 raised by the 2.8% COLA"
    " are $2,413.64 / $9,729.34, rounded to the nearest $10 as SSA's method says)"
)

BENEFITS_PARAMETERS: dict[int, dict[str, Decimal | str]] = {
    2025: {
        "sga_non_blind": Decimal("1620"),
        "sga_blind": Decimal("2700"),
        "trial_work_month_above": Decimal("1160"),
        "ssi_fbr_individual": Decimal("967"),
        "ssi_fbr_couple": Decimal("1450"),
        "student_exclusion_monthly": Decimal("2350"),
        "student_exclusion_yearly": Decimal("9460"),
        "source": f"{SSA_COLA}. {SEIE_SOURCE} (2025 figures are POMS SI 00820.510's example).",
    },
    2026: {
        "sga_non_blind": Decimal("1690"),
        "sga_blind": Decimal("2830"),
        "trial_work_month_above": Decimal("1210"),
        "ssi_fbr_individual": Decimal("994"),
        "ssi_fbr_couple": Decimal("1491"),
        "student_exclusion_monthly": Decimal("2410"),
        "student_exclusion_yearly": Decimal("9730"),
        "source": f"{SSA_COLA}. {SEIE_SOURCE}{SEIE_2026_CHECK}.",
    },
}

THRESHOLDS_1619B_SOURCE = (
    "SSA, Continued Medicaid Eligibility (Section 1619(b)): "
    "https://www.ssa.gov/disabilityresearch/wi/1619b.htm, as quoted by Maryland Benefits "
    "Counseling (mdbenefitscounseling.org, '2026's 1619(b) thresholds are out')"
)
# Only the states whose figure could be checked here; a superuser adds the others from
# SSA's table. A state without a row gets no 1619(b) answer (the screen says so).
THRESHOLDS_1619B: dict[int, dict[str, Decimal]] = {
    2025: {"MD": Decimal("57296")},
    2026: {"AL": Decimal("40026"), "MD": Decimal("62929"), "MN": Decimal("84206")},
}


def load_benefits_parameters(parameters_model, threshold_model=None) -> None:
    """Create or refresh the shipped years and their 1619(b) thresholds (idempotent).
    Fields a given model (a migration's historical one) does not have are skipped."""
    names = {f.name for f in parameters_model._meta.get_fields()}
    for year, values in BENEFITS_PARAMETERS.items():
        row, _ = parameters_model.objects.update_or_create(
            year=year, defaults={k: v for k, v in values.items() if k in names}
        )
        if threshold_model is None:
            continue
        for state, amount in THRESHOLDS_1619B.get(year, {}).items():
            threshold_model.objects.update_or_create(
                parameters=row,
                state=state,
                defaults={"threshold": amount, "source": THRESHOLDS_1619B_SOURCE},
            )
