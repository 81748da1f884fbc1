"""The supervision report (docs/figures.md): a hand-computed month, and the screen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ips.fidelity.compute import Job, Period, ProgramFacts, Seeker, Specialist
from ips.fidelity.supervision import supervision_rows

D = dt.date
OCTOBER = Period(D(2026, 10, 1), D(2026, 10, 31), as_of=D(2026, 11, 30))
ANA, BEN = Specialist(1, "ana@example.org"), Specialist(2, "ben@example.org")

SEEKERS = [
    Seeker(1, D(2026, 1, 5), specialist_id=1),
    Seeker(2, D(2026, 3, 1), specialist_id=1),
    Seeker(3, D(2026, 6, 1), specialist_id=1, closed_date=D(2026, 10, 20)),
    Seeker(4, D(2026, 9, 1), specialist_id=1),
    Seeker(5, D(2026, 2, 1), specialist_id=2),
    Seeker(6, D(2026, 1, 1), specialist_id=1, closed_date=D(2026, 9, 1)),  # gone before
]
JOBS = [
    # 90-day mark 3 October, still working: reached and kept.
    Job(10, 1, D(2026, 7, 5), hours_per_week=Decimal(20)),
    # Started in October: a job start; ended 25 October: a job ending.
    Job(11, 2, D(2026, 10, 6), end_date=D(2026, 10, 25), end_reason="quit"),
    # 90-day mark 20 October, ended in August: reached, not kept.
    Job(12, 3, D(2026, 7, 22), end_date=D(2026, 8, 30)),
    # Ben's person started in October.
    Job(13, 5, D(2026, 10, 12)),
]


def test_a_hand_computed_month_per_specialist():
    facts = ProgramFacts(OCTOBER, [ANA, BEN], SEEKERS, JOBS, face_to_face_contacts={1: 27, 2: 9})
    ana, ben = supervision_rows(facts, learning={2, 4, 6})
    assert ana.caseload == 4  # people 1-4 (6 closed in September)
    assert ana.contacts_per_week == 6.1  # 27 / (31 / 7) = 6.097
    assert ana.job_starts == 1  # job 11
    assert (ana.working, ana.working_share) == (2, 0.5)  # 1 and 2 (3 left the job in August)
    assert (ana.in_education, ana.in_education_share) == (2, 0.5)  # 2 and 4; 6 not served
    assert (ana.reached_90_days, ana.kept_90_days) == (2, 1)  # jobs 10 and 12
    assert ana.left_caseload == 1  # person 3
    assert ana.job_endings == 1  # job 11
    assert (ben.caseload, ben.job_starts, ben.working, ben.contacts_per_week) == (1, 1, 1, 2.03)


SUPERVISION = "/admin/fidelity/supervision/"


@pytest.mark.django_db
def test_supervision_screen_csv_and_xlsx_for_a_month(client, program, users, staff):
    import csv
    import io

    from openpyxl import load_workbook

    from employers.models import Employer, EmployerContact
    from jobseekers.models import JobSeeker

    specialist = staff["specialist"]
    employer = Employer.objects.create(program=program, name="Cafe")
    JobSeeker.objects.create(
        program=program, ref="P1", name="Pat", entry_date=D(2026, 1, 5), specialist=specialist
    )
    for day in range(1, 29):  # 28 visits in February 2026: 7 a week
        EmployerContact.objects.create(
            program=program, date=D(2026, 2, day), specialist=specialist, employer=employer,
            mode="face_to_face",
        )  # fmt: skip
    client.force_login(users["supervisor"])
    page = client.get(SUPERVISION + "?month=2026-02")
    assert page.status_code == 200
    row = dict(zip(page.context["table"].header, page.context["table"].rows[0], strict=True))
    assert row["Specialist"] == "Specialist Tester"
    assert (row["Caseload"], row["Employer contacts a week"]) == (1, 7.0)
    text = client.get(SUPERVISION + "?month=2026-02&format=csv").content.decode()
    assert list(csv.reader(io.StringIO(text)))[1][:3] == ["Specialist Tester", "1", "7.0"]
    body = client.get(SUPERVISION + "?month=2026-02&format=xlsx").content
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet.title == "Supervision 2026-02"
    assert sheet["C2"].value == 7.0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?month=2026-13", "?month=26-02", "?month=9999-01", "?format=doc", "?program=x"]
)
def test_supervision_refuses_bad_input(client, program, users, query):
    client.force_login(users["director"])
    response = client.get(SUPERVISION + query)
    assert response.status_code == 400
    assert response.content  # says what to give


@pytest.mark.django_db
def test_supervision_is_for_leadership_of_the_program(client, program, users, other_program):
    client.force_login(users["coach"])
    assert client.get(SUPERVISION).status_code == 302  # Wagtail's "permission denied"
    client.force_login(users["director"])
    assert client.get(SUPERVISION + f"?program={other_program.pk}").status_code == 404
