"""Printable PDF of a fidelity review (fpdf2 through ips.pdf). Pure: no django."""

from __future__ import annotations

from typing import Any

from ips.pdf import Document


def review_pdf(
    title: str, rows: list[dict[str, Any]], summary: list[str], actions: list[list[str]]
) -> bytes:
    """A fidelity review: each item's rating, note and evidence; total, band; action plan."""
    doc = Document(title)
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
    return doc.pdf_bytes()
