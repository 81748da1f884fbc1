"""Labels and rows for the human-readable report (HTML and PDF). Pure: no django."""

from __future__ import annotations

from typing import Any

from ips.fidelity.anchors import (
    BAND_LABELS,
    COMPUTED_ITEMS,
    TIER_LABELS,
    UK_EMPLOYMENT_BENCHMARK,
    UK_RETENTION_WARNING,
)

UNIT_SUFFIX = {"ratio": "", "percent": " %", "days": " days"}
OUTCOME_LABELS = (
    ("served", "Job seekers served", "count"),
    ("worked_competitive", "Worked a competitive job", "count"),
    ("employment_rate", "Employment rate (US)", "rate"),
    ("job_starts", "Job starts", "count"),
    ("days_to_first_job", "Median days from entry to first competitive job", "days"),
    ("referrals", "Referrals (UK)", "count"),
    ("supported_into_work", "Supported into work (UK, 4 paid hours)", "count"),
    ("job_starts_uk", "Job starts (UK, 4 paid hours)", "count"),
    ("employment_rate_uk", "Employment rate (UK; in-work referrals excluded)", "rate"),
    ("job_retention_share", "In-work referrals ÷ served (UK)", "rate"),
)


def show(value: Any, unit: str) -> str:
    """A figure as text: 31.2 %, 20.5, 64 days, or 'no data'."""
    if value is None:
        return "no data"
    if unit == "rate":
        return f"{value * 100:.1f} %"
    if unit == "count":
        return str(value)
    return f"{value}{UNIT_SUFFIX.get(unit, '')}"


def item_rows(items: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per computed item with its title, shown value and flags."""
    rows = []
    for spec in COMPUTED_ITEMS:
        item = items[spec.key]
        rows.append(
            {
                "key": spec.key,
                "title": spec.title,
                "measures": spec.measures,
                "value": item["value"],
                "shown": show(item["value"], spec.unit),
                "rating": item["rating"],
                "provisional": item["provisional"],
                "per_specialist": [
                    (email, show(v, spec.unit))
                    for email, v in (item.get("per_specialist") or {}).items()
                ],
                "warning": item.get("warning", False),
                "max_employer_share": item.get("max_employer_share"),
            }
        )
    return rows


def outcome_rows(outcomes: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per outcome figure, labelled."""
    return [
        {"key": key, "label": label, "value": outcomes[key], "shown": show(outcomes[key], unit)}
        for key, label, unit in OUTCOME_LABELS
    ]


def report_context(report: dict[str, Any]) -> dict[str, Any]:
    """Template context for reports/program_report.html."""
    outcomes = report["outcomes"]
    review = report["fidelity"]["review"]
    return {
        "report": report,
        "items": item_rows(report["fidelity"]["items"]),
        "outcomes": outcome_rows(outcomes),
        "tier_label": TIER_LABELS[outcomes["tier"]],
        "band_label": BAND_LABELS.get(review["band"] or "", ""),
        "uk_below_benchmark": outcomes["employment_rate_uk"] < UK_EMPLOYMENT_BENCHMARK,
        "retention_warning": outcomes["job_retention_share"] > UK_RETENTION_WARNING,
    }
