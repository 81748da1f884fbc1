"""The fidelity dashboard and report exports: figures, charts, bounded queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ips.reports.charts import Line, bar_chart
from tests.reports.builders import build_program

pytestmark = pytest.mark.django_db


def test_chart_is_an_accessible_svg_with_every_value_in_its_description():
    svg = bar_chart(
        "Contacts", [("ana", 6.5), ("ben", None)], maximum=8, lines=(Line(6, "goal 6"),)
    )
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title>Contacts</title>" in svg
    assert "<desc>ana: 6.5; ben: no data; goal 6: 6</desc>" in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def dashboard_url(program):
    return reverse("fidelity:dashboard") + f"?program={program.pk}&start=2026-01-01&end=2026-12-31"


@pytest.mark.parametrize(("specialists", "seekers", "contacts"), [(2, 20, 100), (8, 200, 2000)])
def test_dashboard_query_count_is_constant(
    client, django_assert_max_num_queries, specialists, seekers, contacts
):
    from ips.models import StaffMember

    program = build_program("Sized", specialists=specialists, seekers=seekers, contacts=contacts)
    director = StaffMember.objects.filter(program=program).first()
    director.role = "director"
    director.save()
    client.force_login(director.user)
    with django_assert_max_num_queries(70):
        response = client.get(dashboard_url(program))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Employment rate against the benchmarks" in page
    assert "goal 6" in page
    assert "provisional" in page


def test_report_exports_pdf_csv_and_printable_html(client, program, users):
    client.force_login(users["director"])
    query = f"?program={program.pk}&start=2026-01-01&end=2026-03-31"
    pdf = client.get(reverse("fidelity:report", args=["pdf"]) + query)
    assert pdf.content.startswith(b"%PDF")
    csv_text = client.get(reverse("fidelity:report", args=["csv"]) + query).content.decode()
    assert "outcomes.served,0" in csv_text
    html = client.get(reverse("fidelity:report", args=["html"]) + query).content.decode()
    assert "IPS program report" in html


def test_weekly_contacts_per_specialist_count_each_face_to_face_visit(program, staff):
    import datetime as dt

    from employers.models import Employer, EmployerContact
    from ips.fidelity.selectors import weekly_face_to_face

    employer = Employer.objects.create(program=program, name="Cafe")
    ana = staff["specialist"]

    def log(day, mode="face_to_face"):
        EmployerContact.objects.create(
            program=program, date=day, specialist=ana, employer=employer, mode=mode
        )

    log(dt.date(2026, 3, 23))  # Monday of the last week
    log(dt.date(2026, 3, 23))  # same employer twice: counts twice
    log(dt.date(2026, 3, 29))  # Sunday: same ISO week
    log(dt.date(2026, 3, 24), mode="phone")  # not face to face
    log(dt.date(2026, 3, 22))  # Sunday before: previous week
    mondays, table = weekly_face_to_face(program, dt.date(2026, 3, 29))
    assert mondays[-1] == dt.date(2026, 3, 23)
    assert len(mondays) == 8
    assert table == [(ana.user.email, [0, 0, 0, 0, 0, 0, 1, 3])]
