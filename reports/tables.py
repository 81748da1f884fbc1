"""The program report as tables a director can open in a spreadsheet and chart: one table
per subject (items, outcomes, per specialist, per quarter, retention, earnings), each a
title, a header row and data rows of plain numbers and words. Pure: no django.

`to_xlsx` writes them as one workbook, one sheet per table (openpyxl, imported when
used). The key/value CSV of interchange.md (`reports.formats.to_csv`) is unchanged.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from ips.fidelity.anchors import COMPUTED_ITEMS, TIER_LABELS, TIER_SHORT_LABELS, ComputedItem
from ips.spreadsheets import neutralise_formula
from reports.html import END_REASON_LABELS, OUTCOME_LABELS, per_specialist_shown

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    """A sheet: `title` (at most 31 characters, Excel's limit), `header`, `rows`."""

    title: str
    header: list[str]
    rows: list[list[Cell]]


def _percent(rate: float | None) -> float | None:
    """A 0-1 rate as a percentage with 2 decimals (a spreadsheet charts it as is)."""
    return None if rate is None else round(rate * 100, 2)


def items_table(report: dict[str, Any]) -> Table:
    """Computed fidelity items: key, item, value, rating (1-5), provisional."""
    items = report["fidelity"]["items"]
    return Table(
        "Fidelity items",
        ["Item", "Name", "Value", "Rating (1-5)", "Provisional"],
        [
            [
                spec.key,
                spec.title,
                items[spec.key].get("value_shown", items[spec.key]["value"]),
                items[spec.key]["rating"],
                "yes" if items[spec.key]["provisional"] else "no",
            ]
            for spec in COMPUTED_ITEMS
        ],
    )


def outcomes_table(report: dict[str, Any]) -> Table:
    """Outcomes: one row per figure, rates as percentages."""
    outcomes = report["outcomes"]
    rows: list[list[Cell]] = []
    for key, label, unit in OUTCOME_LABELS:
        value = outcomes[key]
        rows.append([label, _percent(value) if unit == "rate" else value])
    rows.append(["US tier", TIER_LABELS[outcomes["tier"]]])
    return Table("Outcomes", ["Figure", "Value (rates in %)"], rows)


# What a per-specialist figure counts, after the item's name in a column heading.
UNIT_WORDS = {"percent": "(%)", "days": "(days)", "ratio": ""}
PER_SPECIALIST_UNITS = {"V6": "(contacts a week)"}  # face-to-face employer contacts


def item_heading(spec: ComputedItem) -> str:
    """A column heading naming the item by code and name, with its unit: "S2 Employment
    services staff (%)", "V6 Frequent employer contact (contacts a week)"."""
    unit = PER_SPECIALIST_UNITS.get(spec.key) or UNIT_WORDS.get(spec.unit, "")
    return f"{spec.key} {spec.title} {unit}".strip()


def per_specialist_table(report: dict[str, Any], names: dict[str, str] | None = None) -> Table:
    """One row per specialist, one column per item that has per-specialist values, headed
    by the item's code and name (no spec fixes these headings: docs/figures.md).
    `names` maps the report's specialist keys (emails) to the names shown."""
    items = report["fidelity"]["items"]
    specs = [spec for spec in COMPUTED_ITEMS if items[spec.key].get("per_specialist")]
    keys = [spec.key for spec in specs]
    # Two more decimals where the rounded value would read as another rating.
    values = {key: per_specialist_shown(items[key]) for key in keys}
    people = sorted({p for key in keys for p in values[key]})
    names = names or {}
    return Table(
        "Per specialist",
        ["Specialist", *(item_heading(spec) for spec in specs)],
        [[names.get(p, p), *(values[key].get(p) for key in keys)] for p in people],
    )


def _rate(report: dict[str, Any]) -> float | None:
    """The US employment rate in %, or None when nobody was served (no data, not 0 %)."""
    outcomes = report["outcomes"]
    return _percent(outcomes["employment_rate"]) if outcomes["served"] else None


def _tier(report: dict[str, Any]) -> str | None:
    outcomes = report["outcomes"]
    return TIER_SHORT_LABELS[outcomes["tier"]] if outcomes["served"] else None


QUARTERLY_COLUMNS = (
    ("Served", lambda r: r["outcomes"]["served"]),
    ("Worked in a competitive job", lambda r: r["outcomes"]["worked_competitive"]),
    ("Employment rate (%)", _rate),
    ("Tier (31 / 41 / 50 %)", _tier),
    ("Job starts", lambda r: r["outcomes"]["job_starts"]),
    ("In education or training", lambda r: r["education"]["in_education"]),
    ("Working and in education", lambda r: r["education"]["working_and_in_education"]),
    ("New referrals", lambda r: r["outcomes"]["referrals"]),
    ("Closed", lambda r: r["outcomes"]["closed"]),
    ("Kept the job 90 days (%)", lambda r: _percent(r["retention"]["marks"]["90"]["share"])),
)


def _uk_rate(report: dict[str, Any]) -> float | None:
    """The UK employment rate in %, or None when nobody was served (no data, not 0 %)."""
    outcomes = report["outcomes"]
    return _percent(outcomes["employment_rate_uk"]) if outcomes["served"] else None


def _uk_benchmark(report: dict[str, Any]) -> str | None:
    """ "at or over" / "under" the UK 40 % benchmark, decided on the exact rate (the
    computation's warning); None when nobody was served."""
    outcomes = report["outcomes"]
    if not outcomes["served"]:
        return None
    return "under" if outcomes["warnings"]["uk_below_benchmark"] else "at or over"


def _in_work_share(report: dict[str, Any]) -> float | None:
    outcomes = report["outcomes"]
    return _percent(outcomes["job_retention_share"]) if outcomes["served"] else None


# The IPS Grow (UK) figures the product computes (spec/metrics.md, UK outcomes); a UK
# program's quarterly return leads with them, the US figures follow.
UK_QUARTERLY_COLUMNS = (
    ("Referrals (UK)", lambda r: r["outcomes"]["referrals"]),
    ("Supported into work (UK)", lambda r: r["outcomes"]["supported_into_work"]),
    ("Job starts (UK, 4 paid hours)", lambda r: r["outcomes"]["job_starts_uk"]),
    ("Employment rate (UK, %)", _uk_rate),
    ("UK 40 % benchmark", _uk_benchmark),
    (
        "In-work referrals ÷ served (%)",
        lambda r: (
            _percent(r["outcomes"]["job_retention_share"]) if r["outcomes"]["served"] else None
        ),
    ),
)


def quarterly_columns(country: str = "US") -> tuple:
    """The quarterly return's columns: (header, report -> cell). A UK program's
    (Program.country "UK") lead with the IPS Grow figures, then the US ones; otherwise
    the US ones alone."""
    return UK_QUARTERLY_COLUMNS + QUARTERLY_COLUMNS if country == "UK" else QUARTERLY_COLUMNS


def quarterly_table(quarters: list[tuple[str, dict[str, Any]]], country: str = "US") -> Table:
    """The quarterly return: one row per (label, report), oldest first; `country` as in
    `quarterly_columns`."""
    columns = quarterly_columns(country)
    return Table(
        "Per quarter",
        ["Quarter", *(name for name, _ in columns)],
        [[label, *(get(report) for _, get in columns)] for label, report in quarters],
    )


TOTAL_COLUMNS = (
    ("Served", lambda r: r["outcomes"]["served"]),
    ("Worked in a competitive job", lambda r: r["outcomes"]["worked_competitive"]),
    ("Employment rate (%)", _rate),
    ("Tier (31 / 41 / 50 %)", _tier),
    ("Job starts", lambda r: r["outcomes"]["job_starts"]),
    ("New referrals", lambda r: r["outcomes"]["referrals"]),
    ("Closed", lambda r: r["outcomes"]["closed"]),
    ("In education or training", lambda r: r["education"]["in_education"]),
)


def totals_table(reports: list[dict[str, Any]], total: dict[str, Any]) -> Table:
    """One row per program and a last row "All programs" (the combined report: counts
    summed, rates recomputed from the sums)."""
    rows = [[r["program"], *(get(r) for _, get in TOTAL_COLUMNS)] for r in reports]
    rows.append(["All programs", *(get(total) for _, get in TOTAL_COLUMNS)])
    return Table("Programs and total", ["Program", *(n for n, _ in TOTAL_COLUMNS)], rows)


def programs_tables(
    entries: list[tuple[dict[str, Any], list[tuple[str, dict[str, Any]]], dict[str, str], str]],
    total: dict[str, Any],
) -> list[Table]:
    """The several-program workbook: a "Programs" sheet (tag P1, P2, ... and the full
    name of each program), "Programs and total", then each program's tables (items,
    outcomes, per specialist by name, per quarter, retention, earnings) on sheets named
    "P1 · Fidelity items" and so on: unique and within Excel's 31 characters however
    long or alike the program names are.

    `entries`: per program, (report, quarters as for `quarterly_table`, names: the
    report's specialist emails -> names shown, country). `total`: the combined report."""
    reports = [report for report, *_ in entries]
    tags = [f"P{n}" for n in range(1, len(entries) + 1)]
    tables = [
        Table(
            "Programs",
            ["Tag", "Program"],
            [[tag, r["program"]] for tag, r in zip(tags, reports, strict=True)],
        ),
        totals_table(reports, total),
    ]
    for tag, (report, quarters, names, country) in zip(tags, entries, strict=True):
        tables += [
            Table(f"{tag} · {t.title}"[:31], t.header, t.rows)
            for t in report_tables(report, quarters, names, country)
        ]
    return tables


def retention_table(report: dict[str, Any]) -> Table:
    """Retention at each mark: job starts that reached it, still in the job, share (%)."""
    marks = report["retention"]["marks"]
    return Table(
        "Retention",
        ["Days after the start", "Reached the mark", "Still in the job", "Share (%)"],
        [
            [int(days), m["reached"], m["still_employed"], _percent(m["share"])]
            for days, m in marks.items()
        ],
    )


def earnings_table(report: dict[str, Any], country: str = "US") -> Table:
    """Hours, wages (dollars an hour, or pounds for a UK program), tenure and job endings
    (reasons labelled as on the screen)."""
    earnings, endings = report["earnings"], report["retention"]["job_endings"]
    money = "pounds" if country == "UK" else "dollars"
    rows: list[list[Cell]] = [
        ["Jobs held", earnings["jobs_held"]],
        ["Median hours a week", earnings["median_hours_per_week"]],
        [f"Median hourly wage ({money})", earnings["median_hourly_wage"]],
        ["Median days in the job", earnings["median_tenure_days"]],
        ["Jobs ended", endings["ended"]],
        *(
            [f"Jobs ended: {END_REASON_LABELS.get(reason, reason)}", n]
            for reason, n in endings["by_reason"].items()
        ),
        ["Found a next job by the period's end", endings["next_job_by_period_end"]],
        ["Median days to the next job", endings["median_days_to_next_job"]],
    ]
    return Table("Earnings and endings", ["Figure", "Value"], rows)


def report_tables(
    report: dict[str, Any],
    quarters: list[tuple[str, dict[str, Any]]] | None = None,
    names: dict[str, str] | None = None,
    country: str = "US",
) -> list[Table]:
    """Every table of one report (and the per-quarter table when `quarters` is given);
    `country` is the program's (UK: IPS Grow figures lead the quarters, money in pounds)."""
    tables = [items_table(report), outcomes_table(report), per_specialist_table(report, names)]
    if quarters:
        tables.append(quarterly_table(quarters, country))
    tables += [retention_table(report), earnings_table(report, country)]
    return tables


# The tables a director downloads one at a time as CSV (the dashboard's CSV buttons), by
# the name in the URL; the same tables as the workbook's sheets.
CSV_TABLES = ("items", "outcomes", "per-specialist", "per-quarter", "retention", "earnings")


def named_table(
    name: str,
    report: dict[str, Any],
    quarters: list[tuple[str, dict[str, Any]]] | None = None,
    names: dict[str, str] | None = None,
    country: str = "US",
) -> Table:
    """The table `name` (one of CSV_TABLES) of one report; "per-quarter" needs `quarters`;
    `country` as in `report_tables`. Raises KeyError for another name."""
    builders = {
        "items": lambda: items_table(report),
        "outcomes": lambda: outcomes_table(report),
        "per-specialist": lambda: per_specialist_table(report, names),
        "per-quarter": lambda: quarterly_table(quarters or [], country),
        "retention": lambda: retention_table(report),
        "earnings": lambda: earnings_table(report, country),
    }
    return builders[name]()


def _safe(cell: Cell) -> Cell:
    # Words typed by people (program and staff names) are never run as formulas.
    return neutralise_formula(cell) if isinstance(cell, str) else cell


def table_csv(table: Table) -> str:
    """One table as CSV: the header row, then the rows (empty cell for no data)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.header)
    writer.writerows([["" if c is None else _safe(c) for c in row] for row in table.rows])
    return out.getvalue()


def to_xlsx(tables: list[Table]) -> bytes:
    """A workbook with one sheet per table (header row bold and frozen)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.append(table.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_safe(c) for c in row])
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, width + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SUPERVISION_HEADER = [
    "Specialist", "Caseload", "Employer contacts a week", "Job starts", "Working",
    "Working (%)", "In education", "In education (%)", "Reached 90 days in a job",
    "Kept the job 90 days", "Left the caseload", "Job endings",
]  # fmt: skip


def supervision_table(
    rows, names: dict[str, str] | None = None, title: str = "Supervision"
) -> Table:
    """The supervision report (`ips.fidelity.supervision.SupervisionRow`s) as a table."""
    names = names or {}
    return Table(
        title[:31],
        SUPERVISION_HEADER,
        [
            [
                names.get(r.email, r.email), r.caseload, r.contacts_per_week, r.job_starts,
                r.working, _percent(r.working_share), r.in_education,
                _percent(r.in_education_share), r.reached_90_days, r.kept_90_days,
                r.left_caseload, r.job_endings,
            ]
            for r in rows
        ],
    )  # fmt: skip
