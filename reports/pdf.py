"""Printable PDF of the program report (fpdf2 through ips.pdf, pure Python).
Pure: no django; takes the rows built for the HTML page."""

from __future__ import annotations

from typing import Any

from ips.domain import shown_date
from ips.pdf import Document


def report_pdf(context: dict[str, Any]) -> bytes:
    """The program report (outcomes, computed items, review) as PDF bytes."""
    report = context["report"]
    period = report["period"]
    so_far = " (to date: the period has not ended)" if period.get("partial") else ""
    doc = Document(
        f"IPS program report: {report['program']}, {shown_date(period['start'])} to "
        f"{shown_date(period['end'])}{so_far}"
    )
    # The program's own outcome set first (US or UK), then the other (on paper both show).
    sets = [(context.get("outcomes_label", ""), context["outcomes"])]
    if context.get("other_outcomes"):
        sets.append((context["other_outcomes_label"], context["other_outcomes"]))
    for label, outcome_rows in sets:
        doc.heading(f"Outcomes: {label}" if label else "Outcomes")
        rows = [[row["label"], row["shown"]] for row in outcome_rows]
        if label.startswith("US") or not label:
            rows.append(["US tier (31 / 41 / 50 %)", context["tier_label"]])
        doc.grid(["Figure", "Value"], rows, [120, 60])
    if context.get("retention"):
        doc.heading("Keeping the job")
        doc.grid(
            ["Days after the start", "Reached the mark", "Still in the job", "Share"],
            [
                [r["days"], str(r["reached"]), str(r["still"]), r["shown"]]
                for r in context["retention"]
            ],
            [45, 45, 45, 45],
        )
    if context.get("earnings"):
        doc.heading("Hours, pay and job endings")
        rows = [[r["label"], r["shown"]] for r in context["earnings"]]
        doc.grid(["Figure", "Value"], rows, [120, 60])
    if context.get("psr_outcomes"):
        doc.heading("Recovery goals and how people are doing")
        rows = [[r["label"], r["shown"]] for r in context["psr_outcomes"]]
        doc.grid(["Figure", "Value"], rows, [120, 60])
    if context.get("psr"):
        doc.heading("Life beyond the job")
        doc.grid(["Figure", "Value"], [[r["label"], r["shown"]] for r in context["psr"]], [120, 60])
    doc.heading("Computed fidelity items")
    doc.grid(
        ["Item", "Value", "Rating", "Per specialist"],
        [
            [
                f"{item['key']} {item['title']}",
                item["shown"],
                f"{item['rating'] or '-'}{' (provisional)' if item['provisional'] else ''}",
                ", ".join(f"{email}: {shown}" for email, shown in item["per_specialist"]),
            ]
            for item in context["items"]
        ],
        [55, 25, 30, 70],
    )
    review = report["fidelity"]["review"]
    doc.heading("Fidelity review")
    doc.para(
        f"Latest completed review in the period: {review['total']} of 125, {context['band_label']}."
        if review["total"] is not None
        else "No completed fidelity review in this period."
    )
    return doc.pdf_bytes()
