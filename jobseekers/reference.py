"""SSA work-incentive parameters by year (spec/metrics.md, Benefits), shipped as data."""

from __future__ import annotations

from decimal import Decimal

BENEFITS_PARAMETERS: dict[int, dict[str, Decimal]] = {
    2025: {
        "sga_non_blind": Decimal("1620"),
        "sga_blind": Decimal("2700"),
        "trial_work_month_above": Decimal("1160"),
        "ssi_fbr_individual": Decimal("967"),
        "ssi_fbr_couple": Decimal("1450"),
    },
    2026: {
        "sga_non_blind": Decimal("1690"),
        "sga_blind": Decimal("2830"),
        "trial_work_month_above": Decimal("1210"),
        "ssi_fbr_individual": Decimal("994"),
        "ssi_fbr_couple": Decimal("1491"),
    },
}


def load_benefits_parameters(parameters_model) -> None:
    """Create or refresh the shipped years (idempotent)."""
    for year, values in BENEFITS_PARAMETERS.items():
        parameters_model.objects.update_or_create(year=year, defaults=values)
