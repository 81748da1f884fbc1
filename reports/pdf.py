"""Printable PDF of the program report and of a fidelity review (fpdf2, pure Python).
Pure: no django; takes the rows built for the HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fpdf import FPDF

# Debian's DejaVu (installed with Chromium and fonts-dejavu-core) covers names such as
# "Nguyễn"; without it the core Latin-1 fonts are used and other letters become "?".
UNICODE_FONTS = {
    "": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    "B": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
}

_REPLACE = {"÷": "/", "—": "-", "–": "-", "’": "'", "“": '"', "”": '"', "≥": ">=", "≤": "<="}


def _text(value: Any) -> str:
    """Core PDF fonts are Latin-1: swap the few symbols we use, drop anything else."""
    text = "" if value is None else str(value)
    for old, new in _REPLACE.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


class _Doc(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        self.family, self.clean = "Helvetica", _text
        if all(path.exists() for path in UNICODE_FONTS.values()):
            for style, path in UNICODE_FONTS.items():
                self.add_font("Body", style=style, fname=str(path))
            self.family, self.clean = "Body", lambda value: "" if value is None else str(value)
        self.set_title(self.clean(title))
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()
        self.set_font(self.family, "B", 15)
        self.multi_cell(0, 8, self.clean(title), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(self.family, "B", 12)
        self.multi_cell(0, 7, self.clean(text), new_x="LMARGIN", new_y="NEXT")

    def para(self, text: str) -> None:
        self.set_font(self.family, "", 10)
        self.multi_cell(0, 5, self.clean(text), new_x="LMARGIN", new_y="NEXT")

    def grid(self, header: list[str], rows: list[list[Any]], widths: list[int]) -> None:
        self.set_font(self.family, "", 9)
        with self.table(col_widths=widths, text_align="LEFT", line_height=5) as table:
            table.row([self.clean(h) for h in header])
            for row in rows:
                table.row([self.clean(cell) for cell in row])


def report_pdf(context: dict[str, Any]) -> bytes:
    """The program report (outcomes, computed items, review) as PDF bytes."""
    report = context["report"]
    period = report["period"]
    so_far = " (to date: the period has not ended)" if period.get("partial") else ""
    doc = _Doc(
        f"IPS program report: {report['program']}, {period['start']} to {period['end']}{so_far}"
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
    return bytes(doc.output())


def review_pdf(
    title: str, rows: list[dict[str, Any]], summary: list[str], actions: list[list[str]]
) -> bytes:
    """A fidelity review: each item's rating, note and evidence; total, band; action plan."""
    doc = _Doc(title)
    for line in summary:
        doc.para(line)
    doc.heading("Ratings")
    doc.grid(
        ["Item", "Rating", "Computed", "Note and evidence"],
        [[r["label"], r["rating"], r["computed"], r["note"]] for r in rows],
        [60, 18, 30, 72],
    )
    doc.heading("Action plan")
    if actions:
        doc.grid(["Item", "Action", "Owner", "Due", "Status"], actions, [15, 80, 35, 25, 25])
    else:
        doc.para("No action items.")
    return bytes(doc.output())
