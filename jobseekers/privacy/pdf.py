"""A readable PDF of a person's record (fpdf2 through ips.pdf, pure Python)."""

from __future__ import annotations

from typing import Any

from ips.pdf import Document

SECTION_TITLES = {
    "jobseekers.CareerProfile": "Career profile",
    "jobseekers.Job": "Jobs",
    "jobseekers.DomainAssessment": "Assessments",
    "jobseekers.Goal": "Goals",
    "jobseekers.Intervention": "Your plan: the help you get",
    "jobseekers.CulturalPreference": "Your values and preferences",
    "jobseekers.FamilyConsent": "Family and friends you agreed we may involve",
    "jobseekers.CoordinationContact": "Contacts with your other services",
    "jobseekers.BenefitsCounselling": "Benefits counselling",
    "jobseekers.WageReport": "Pay reported to Social Security",
    "jobseekers.Match": "Openings suggested",
    "jobseekers.MatchOutcome": "Interest in openings",
    "coaching.SupportContact": "Support after starting work",
    "employers.EmployerContact": "Contacts with employers on your behalf",
}


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def render_record_pdf(record: dict[str, Any], *, title: str) -> bytes:
    """Lay the record out as headed sections of 'label: value' lines (ips.pdf.Document:
    the person's name prints as written, whatever its letters)."""
    doc = Document(title, title_size=18)
    _block(doc, "About you", [record["person"]])
    for label, rows in record["sections"].items():
        if rows:
            _block(doc, SECTION_TITLES.get(label, label.split(".")[-1]), rows)
    return doc.pdf_bytes()


def _block(doc: Document, heading: str, rows: list[dict[str, Any]]) -> None:
    doc.heading(heading, size=14)
    for row in rows:
        for key, value in row.items():
            if value in (None, "", [], {}):
                continue
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            doc.para(f"{_label(key)}: {shown}", size=11)
        doc.ln(2)
