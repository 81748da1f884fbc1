"""Labels and rows for the human-readable report (HTML and PDF). Pure: no django."""

from __future__ import annotations

from typing import Any

from ips.domain import shown_date
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


PSR_LABELS = (
    ("people", "People with a check-in in the period", "count"),
    ("stable_housing_share", "In stable housing (own, family or supported)", "rate"),
    ("education_share", "Enrolled in or completing education", "rate"),
    ("no_new_justice_share", "No new police, court or jail involvement", "rate"),
    ("compared_people", "People with check-ins in this and the previous period", "count"),
    ("inpatient_days", "Psychiatric hospital days (those people)", "count"),
    ("inpatient_days_previous", "... in the previous period", "count"),
    ("inpatient_days_change", "... change", "count"),
    ("er_visits", "Emergency-room visits (those people)", "count"),
    ("er_visits_previous", "... in the previous period", "count"),
    ("er_visits_change", "... change", "count"),
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


def per_specialist_shown(item: dict[str, Any]) -> dict[str, Any]:
    """An item's per-specialist values as screens, the PDF and the tables show them
    (email -> value): the rounded value, or two more decimals where the rounded one
    would read as another rating (`per_specialist_shown`; spec/metrics.md, "Edge cases,
    settled"). Empty when the item has none."""
    return {**(item.get("per_specialist") or {}), **(item.get("per_specialist_shown") or {})}


def item_rows(
    items: dict[str, dict[str, Any]], names: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """One row per computed item with its title, shown value and flags; per-specialist
    figures under the person's name (`names`: email -> name shown)."""
    names = names or {}
    rows = []
    for spec in COMPUTED_ITEMS:
        item = items[spec.key]
        rows.append(
            {
                "key": spec.key,
                "title": spec.title,
                "measures": spec.measures,
                "value": item["value"],
                # Two more decimals where the rounded figure would read as another rating.
                "shown": show(item.get("value_shown", item["value"]), spec.unit),
                "rating": item["rating"],
                "provisional": item["provisional"],
                "per_specialist": [
                    (names.get(email, email), show(v, spec.unit))
                    for email, v in per_specialist_shown(item).items()
                ],
                "warning": item.get("warning", False),
                "max_employer_share": item.get("max_employer_share"),
                # V12: jobs still in their first 4 weeks, not yet judged.
                "pending": item.get("pending", 0),
            }
        )
    return rows


US_OUTCOMES = ("served", "worked_competitive", "employment_rate", "job_starts",
               "days_to_first_job")  # fmt: skip
UK_OUTCOMES = ("referrals", "supported_into_work", "job_starts_uk", "employment_rate_uk",
               "job_retention_share")  # fmt: skip
OUTCOME_SETS = {"US": ("US (IPS Learning Community)", US_OUTCOMES),
                "UK": ("UK (IPS Grow)", UK_OUTCOMES)}  # fmt: skip


def outcome_rows(
    outcomes: dict[str, Any], keys: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    """One row per outcome figure (of `keys`, default all), labelled; a rate whose rounded
    figure would read as another tier is shown with two more decimals (`<key>_shown`)."""
    rows = []
    for key, label, unit in OUTCOME_LABELS:
        if keys is not None and key not in keys:
            continue
        value = outcomes[key]
        precise = outcomes.get(f"{key}_shown")
        if precise is not None and unit == "rate":
            shown = f"{precise * 100:.3f} %"
        else:
            shown = show(value, unit)
        rows.append({"key": key, "label": label, "value": value, "shown": shown})
    return rows


def education_row(psr: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Education beside employment in the quarterly outcomes (from the PSR check-ins)."""
    if not psr:
        return []
    share = psr.get("education_share")
    return [
        {
            "key": "education_share",
            "label": "Enrolled in or completing education (people asked at check-ins)",
            "value": share,
            "shown": show(share, "rate"),
        }
    ]


def psr_rows(psr: dict[str, Any] | None) -> list[dict[str, Any]]:
    """One row per PSR figure, labelled (none when the report has no PSR section)."""
    if not psr:
        return []
    return [
        {"key": key, "label": label, "value": psr.get(key), "shown": show(psr.get(key), unit)}
        for key, label, unit in PSR_LABELS
    ]


END_REASON_LABELS = {
    "quit": "Left by choice",
    "better_job": "Left for a better job",
    "fired": "Let go",
    "laid_off": "Laid off",
    "temporary_ended": "Temporary job ended",
    "health": "Health reasons",
    "other": "Other",
    "": "No reason recorded",
}


def retention_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per retention mark (30/90/180/365 days), or none for an older report."""
    marks = (report.get("retention") or {}).get("marks") or {}
    return [
        {
            "days": days,
            "reached": mark["reached"],
            "still": mark["still_employed"],
            "shown": show(mark["share"], "rate"),
        }
        for days, mark in marks.items()
    ]


CURRENCY = {"US": "$", "UK": "£"}


def earnings_rows(report: dict[str, Any], country: str = "US") -> list[dict[str, Any]]:
    """Hours, wage, tenure and job endings as labelled rows (none for an older report);
    the wage in the program's money (`country`: "$" for US, "£" for UK)."""
    earnings = report.get("earnings")
    endings = (report.get("retention") or {}).get("job_endings")
    if not earnings or not endings:
        return []
    wage = earnings["median_hourly_wage"]
    symbol = CURRENCY.get(country, "$")
    rows = [
        ("Jobs held", show(earnings["jobs_held"], "count")),
        ("Median hours a week", show(earnings["median_hours_per_week"], "")),
        ("Median hourly wage", "no data" if wage is None else f"{symbol}{wage:,.2f}"),
        ("Median days in the job", show(earnings["median_tenure_days"], "days")),
        ("Jobs ended", show(endings["ended"], "count")),
    ]
    rows += [
        (f"... {END_REASON_LABELS.get(reason, reason)}", show(n, "count"))
        for reason, n in endings["by_reason"].items()
    ]
    rows += [
        ("Found a next job by the period's end", show(endings["next_job_by_period_end"], "count")),
        ("Median days to the next job", show(endings["median_days_to_next_job"], "days")),
    ]
    return [{"label": label, "shown": shown} for label, shown in rows]


ATTAINMENT_LABELS = {
    "-2": "Much less than expected",
    "-1": "Somewhat less than expected",
    "0": "As expected",
    "1": "Somewhat more than expected",
    "2": "Much more than expected",
}


def psr_outcome_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Goal attainment, satisfaction, quality of life, supports and domain change as
    labelled rows (none for a report without them)."""
    found = report.get("psr_outcomes")
    if not found:
        return []
    goals = found["goal_attainment"]
    rows = [("Goals reviewed at re-assessments", show(goals["reviewed"], "count"))]
    rows += [
        (f"... {ATTAINMENT_LABELS[level]}", show(n, "count"))
        for level, n in goals["by_level"].items()
    ]
    rows.append(("... met or better than expected", show(goals["met_or_better"], "count")))
    for key, label in (
        ("satisfaction", "Satisfaction with services at assessment (1-5)"),
        ("service_rating", "Rating of our services at check-ins (1-5)"),
        ("quality_of_life", "Quality of life (1-5)"),
        ("social_supports", "People they can count on"),
    ):
        figure = found[key]
        rows.append((f"{label}: average", show(figure["mean"], "")))
        rows.append((f"{label}: people", show(figure["people"], "count")))
    change = found["domain_change"]
    rows.append(("People compared with their previous assessment", show(change["people"], "count")))
    rows += [
        (f"... {domain.replace('_', ' ')}: average change", f"{d['mean_change']:+} ({d['people']})")
        for domain, d in change["by_domain"].items()
    ]
    return [{"label": label, "shown": shown} for label, shown in rows]


def report_context(
    report: dict[str, Any], names: dict[str, str] | None = None, country: str = "US"
) -> dict[str, Any]:
    """Template context for reports/program_report.html; `names` maps the report's
    specialist emails to the names a director reads; the program's `country` ("US" or
    "UK") chooses which outcome set leads (`outcomes`), the other one follows
    (`other_outcomes`, shown one click away)."""
    leading = "UK" if country == "UK" else "US"
    other = "US" if leading == "UK" else "UK"
    outcomes = report["outcomes"]
    review = report["fidelity"]["review"]
    warnings = outcomes.get("warnings") or {}
    return {
        "report": report,
        "items": item_rows(report["fidelity"]["items"], names),
        "outcomes": outcome_rows(outcomes, OUTCOME_SETS[leading][1])
        + education_row(report.get("psr")),
        "outcomes_label": OUTCOME_SETS[leading][0],
        "other_outcomes": outcome_rows(outcomes, OUTCOME_SETS[other][1]),
        "other_outcomes_label": OUTCOME_SETS[other][0],
        "leads_uk": leading == "UK",
        "psr": psr_rows(report.get("psr")),
        "retention": retention_rows(report),
        "psr_outcomes": psr_outcome_rows(report),
        "earnings": earnings_rows(report, leading),
        "tier_label": TIER_LABELS[outcomes["tier"]],
        "band_label": BAND_LABELS.get(review["band"] or "", ""),
        # Decided on the exact rates by the computation; older report objects without
        # them fall back to the rounded figures.
        "uk_below_benchmark": warnings.get(
            "uk_below_benchmark", outcomes["employment_rate_uk"] < UK_EMPLOYMENT_BENCHMARK
        ),
        "retention_warning": warnings.get(
            "in_work_referrals_high", outcomes["job_retention_share"] > UK_RETENTION_WARNING
        ),
        "partial": report["period"].get("partial", False),
        # The report object keeps ISO dates (the interchange contract); people read these.
        "period_shown": {
            "start": shown_date(report["period"]["start"]),
            "end": shown_date(report["period"]["end"]),
        },
    }
