"""The report PDF names specialists (never by email) and keeps accented names intact."""

from __future__ import annotations

import copy
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from ips.models import Program, StaffMember
from tests.conftest import make_user
from tests.importer.conftest import write_folder
from tests.reports.conftest import FOLDER, PERIOD
from tests.reports.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def test_report_pdf_names_specialists_and_keeps_nguyen_intact(client, tmp_path):
    files = copy.deepcopy(FOLDER)
    files["staff"][1][1] = "Thu Nguyễn"  # ana@example.org
    folder = write_folder(tmp_path / "north", files)
    call_command(
        "import_program", str(folder), "--program", "North Team", "--create", stdout=io.StringIO()
    )
    program = Program.objects.get(name="North Team")
    director = make_user("dina_director")
    StaffMember.objects.create(user=director, program=program, role="director")
    client.force_login(director)
    query = f"?program={program.pk}&start={PERIOD[0]}&end={PERIOD[1]}"
    response = client.get(reverse("reports:report", args=["pdf"]) + query)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())  # a cell may wrap a name
    assert "IPS program report: North Team" in text
    assert "Ben Okafor: 100.0 %" in text  # S2 per specialist, worked by hand
    assert "@example.org" not in text  # people by name, never by email
    assert "Thu Nguyễn: 75.0 %" in text  # the embedded Unicode font (ips.pdf)


def test_the_bundled_font_prints_nguyen_where_the_system_has_none(tmp_path):
    """`make run` on a machine without fonts-dejavu-core: the copy in ips/fonts/ is used."""
    from ips.pdf import BUNDLED_FONTS, Document, font_files

    fonts = font_files((tmp_path / "no-fonts-here", BUNDLED_FONTS))
    assert fonts[""].parent == BUNDLED_FONTS
    doc = Document("Report for Thu Nguyễn", fonts=fonts)
    doc.grid(["Name", "Share"], [["Thu Nguyễn", "75.0 %"]], [90, 90])
    text = " ".join(pdf_text(doc.pdf_bytes()).split())
    assert "Report for Thu Nguyễn" in text
    assert "Thu Nguyễn 75.0 %" in text


def test_no_font_anywhere_is_a_clear_error(tmp_path):
    from ips.pdf import font_files

    with pytest.raises(FileNotFoundError, match="No DejaVu Sans in"):
        font_files((tmp_path,))
