"""The report PDF names specialists (never by email) and keeps accented names intact."""

from __future__ import annotations

import copy
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from ips.models import Program, StaffMember
from reports.pdf import UNICODE_FONTS
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
    if all(path.exists() for path in UNICODE_FONTS.values()):
        assert "Thu Nguyễn: 75.0 %" in text
    else:  # the core Latin-1 fonts: the letter outside Latin-1 cannot be drawn
        assert "Thu Nguy?n: 75.0 %" in text
