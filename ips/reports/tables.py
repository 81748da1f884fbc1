"""The program report as tables a director can open in a spreadsheet and chart: one table
per subject (items, outcomes, per specialist, per quarter, retention, earnings), each a
title, a header row and data rows of plain numbers and words. Pure: no django.

`to_xlsx` writes them as one workbook, one sheet per table (openpyxl, imported when
used). The key/value CSV of interchange.md (`ips.reports.formats.to_csv`) is unchanged.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from ips.fidelity.anchors import COMPUTED_ITEMS, TIER_LABELS, TIER_SHORT_LABELS
from ips.reports.html import OUTCOME_LABELS
from ips.spreadsheets import neutralise_formula

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


def per_specialist_table(report: dict[str, Any], names: dict[str, str] | None = None) -> Table:
    """One row per specialist, one column per item that has per-specialist values.
    `names` maps the report's specialist keys (emails) to the names shown."""
    items = report["fidelity"]["items"]
    keys = [spec.key for spec in COMPUTED_ITEMS if items[spec.key].get("per_specialist")]
    people = sorted({p for key in keys for p in items[key]["per_specialist"]})
    names = names or {}
    return Table(
        "Per specialist",
        ["Specialist", *keys],
        [[names.get(p, p), *(items[key]["per_specialist"].get(p) for key in keys)] for p in people],
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


def quarterly_table(quarters: list[tuple[str, dict[str, Any]]]) -> Table:
    """The quarterly return: one row per (label, report), oldest first."""
    return Table(
        "Per quarter",
        ["Quarter", *(name for name, _ in QUARTERLY_COLUMNS)],
        [[label, *(get(report) for _, get in QUARTERLY_COLUMNS)] for label, report in quarters],
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


def earnings_table(report: dict[str, Any]) -> Table:
    """Hours, wages, tenure and job endings."""
    earnings, endings = report["earnings"], report["retention"]["job_endings"]
    rows: list[list[Cell]] = [
        ["Jobs held", earnings["jobs_held"]],
        ["Median hours a week", earnings["median_hours_per_week"]],
        ["Median hourly wage (dollars)", earnings["median_hourly_wage"]],
        ["Median days in the job", earnings["median_tenure_days"]],
        ["Jobs ended", endings["ended"]],
        *(
            [f"Jobs ended: {reason or 'no reason recorded'}", n]
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
) -> list[Table]:
    """Every table of one report (and the per-quarter table when `quarters` is given)."""
    tables = [items_table(report), outcomes_table(report), per_specialist_table(report, names)]
    if quarters:
        tables.append(quarterly_table(quarters))
    tables += [retention_table(report), earnings_table(report)]
    return tables


# The tables a director downloads one at a time as CSV (the dashboard's CSV buttons), by
# the name in the URL; the same tables as the workbook's sheets.
CSV_TABLES = ("items", "outcomes", "per-specialist", "per-quarter", "retention", "earnings")


def named_table(
    name: str,
    report: dict[str, Any],
    quarters: list[tuple[str, dict[str, Any]]] | None = None,
    names: dict[str, str] | None = None,
) -> Table:
    """The table `name` (one of CSV_TABLES) of one report; "per-quarter" needs `quarters`.
    Raises KeyError for another name."""
    builders = {
        "items": lambda: items_table(report),
        "outcomes": lambda: outcomes_table(report),
        "per-specialist": lambda: per_specialist_table(report, names),
        "per-quarter": lambda: quarterly_table(quarters or []),
        "retention": lambda: retention_table(report),
        "earnings": lambda: earnings_table(report),
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
