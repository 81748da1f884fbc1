"""A readable PDF of a person's record (fpdf2, pure Python)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fpdf import FPDF

UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
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


def render_record_pdf(record: dict, *, title: str) -> bytes:
    """Lay the record out as headed sections of 'label: value' lines."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    if UNICODE_FONT.exists():
        pdf.add_font("Body", fname=str(UNICODE_FONT))
        font, clean = "Body", str
    else:  # core fonts are Latin-1 only
        font, clean = "Helvetica", _latin1
    pdf.add_page()
    pdf.set_font(font, size=18)
    pdf.multi_cell(0, 10, clean(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, size=11)
    _block(pdf, font, clean, "About you", [record["person"]])
    for label, rows in record["sections"].items():
        if rows:
            _block(pdf, font, clean, SECTION_TITLES.get(label, label.split(".")[-1]), rows)
    return bytes(pdf.output())


def _block(pdf: FPDF, font: str, clean, heading: str, rows: list[dict]) -> None:
    pdf.ln(3)
    pdf.set_font(font, size=14)
    pdf.multi_cell(0, 8, clean(heading), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(font, size=11)
    for row in rows:
        for key, value in row.items():
            if value in (None, "", [], {}):
                continue
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            pdf.multi_cell(0, 6, clean(f"{_label(key)}: {text}"), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)


def _latin1(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("latin-1", "ignore").decode("latin-1")
    return folded
