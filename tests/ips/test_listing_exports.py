"""Listing exports read as the screens do (red team, issue 17): a choice's label, Yes/No,
whole numbers without ".0", money with its cents, ISO dates (date cells in a workbook),
and a job seeker named by name beside the agency reference."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coaching.models import SupportContact
from employers.models import EmployerContact
from ips.models import AuditEvent, TimeEntry
from ips.roles import Role
from tests.factories import (
    EmployerContactFactory,
    EmployerFactory,
    JobFactory,
    MatchFactory,
    SupportContactFactory,
)

pytestmark = pytest.mark.django_db


def csv_rows(client, path: str) -> list[dict[str, str]]:
    response = client.get(path, {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(client, path: str) -> list[dict[str, openpyxl.cell.Cell]]:
    response = client.get(path, {"export": "xlsx"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header, *rows = list(sheet.iter_rows())
    return [{h.value: cell for h, cell in zip(header, row, strict=True)} for row in rows]


@pytest.fixture
def as_supervisor(client, users):
    client.force_login(users[Role.SUPERVISOR])
    return client


@pytest.fixture
def job(seeker):
    return JobFactory(
        program=seeker.program,
        seeker=seeker,
        employer=EmployerFactory(program=seeker.program, name="Corner Diner"),
        title="Line cook",
        start_date=dt.date(2026, 3, 2),
        hours_per_week=Decimal("20.0"),
        hourly_wage=Decimal("15.50"),
        competitive=True,
    )


def test_seekers_export_says_the_stage_in_words_and_dates_in_iso(as_supervisor, seeker):
    [row] = csv_rows(as_supervisor, "/admin/seekers/")
    assert row["Stage"] == "Job search"
    assert row["Entry date"] == "2026-01-12"
    assert row["Name"] == "Alex Rivera"


def test_employer_contacts_export_writes_labels_and_yes_or_no(as_supervisor, program, staff):
    EmployerContactFactory(
        program=program,
        specialist=staff[Role.SPECIALIST],
        employer=EmployerFactory(program=program, name="Corner Diner"),
        date=dt.date(2026, 3, 4),
        mode=EmployerContact.Mode.FACE_TO_FACE,
        purpose=EmployerContact.Purpose.LEARN_NEEDS,
        client_present=False,
    )
    [row] = csv_rows(as_supervisor, "/admin/employer_contacts/")
    assert (row["Mode"], row["Job seeker came along"]) == ("Face to face", "No")
    assert row["Purpose"] == "Learn about the business's needs"
    assert row["Date"] == "2026-03-04"
    assert "face_to_face" not in row.values()

    [cells] = xlsx_rows(as_supervisor, "/admin/employer_contacts/")
    assert cells["Mode"].value == "Face to face"
    assert cells["Date"].is_date  # a date cell a spreadsheet sorts, not text
    assert cells["Date"].value == dt.date(2026, 3, 4)
    assert cells["Date"].number_format == "yyyy-mm-dd"


def test_jobs_export_names_the_person_and_writes_numbers_people_read(as_supervisor, job):
    [row] = csv_rows(as_supervisor, "/admin/jobs/")
    assert (row["Job seeker reference"], row["Job seeker"]) == ("S-1", "Alex Rivera")
    assert list(row).index("Job seeker") == list(row).index("Job seeker reference") + 1
    assert row["Hours per week"] == "20"  # not "20.0"
    assert row["Hourly wage"] == "15.50"  # money keeps its cents
    assert row["Competitive"] == "Yes"
    assert row["Start date"] == "2026-03-02"

    [cells] = xlsx_rows(as_supervisor, "/admin/jobs/")
    assert cells["Job seeker"].value == "Alex Rivera"
    assert cells["Hours per week"].value == 20
    assert cells["Hours per week"].data_type == "n"  # a number cell, not text
    assert cells["Hourly wage"].value == pytest.approx(15.5)
    assert cells["Hourly wage"].number_format == "0.00"
    assert cells["Start date"].is_date


def test_support_contacts_export_names_the_person_beside_the_reference(as_supervisor, job, staff):
    SupportContactFactory(
        program=job.program,
        seeker=job.seeker,
        job=job,
        staff=staff[Role.COACH],
        date=dt.date(2026, 3, 9),
        mode=SupportContact.Mode.FACE_TO_FACE,
        location=SupportContact.Location.WORKPLACE,
        minutes=45,
    )
    [row] = csv_rows(as_supervisor, "/admin/support_contacts/")
    assert (row["Job seeker reference"], row["Job seeker"]) == ("S-1", "Alex Rivera")
    assert (row["Mode"], row["Location"], row["Minutes"]) == ("Face to face", "At work", "45")


def test_matches_export_heads_the_person_column_job_seeker(as_supervisor, seeker):
    MatchFactory(program=seeker.program, seeker=seeker)
    [row] = csv_rows(as_supervisor, "/admin/matches/")
    assert row["Job seeker"] == "Alex Rivera"
    assert "Job seeker reference" not in row  # the match names the person already


def test_time_entries_export_writes_hours_without_trailing_zeros(as_supervisor, staff):
    for hours in ("7.00", "2.50"):
        TimeEntry.objects.create(
            program=staff[Role.SPECIALIST].program,
            staff=staff[Role.SPECIALIST],
            date=dt.date(2026, 3, 3),
            hours=Decimal(hours),
            activity=TimeEntry.Activity.EMPLOYMENT_SERVICES,
            location=TimeEntry.Location.COMMUNITY,
        )
    rows = csv_rows(as_supervisor, "/admin/time_entries/")
    assert sorted(row["Hours"] for row in rows) == ["2.5", "7"]
    assert {row["Activity"] for row in rows} == {"Employment services"}
    assert {row["Location"] for row in rows} == {"In the community"}


def test_staff_export_writes_the_role_in_words_and_whole_fte(as_supervisor, staff):
    rows = csv_rows(as_supervisor, "/admin/staff/")
    mine = next(r for r in rows if r["Email"] == "specialist_north@example.org")
    assert (mine["Program"], mine["Role"]) == ("North Team", "Employment specialist")
    assert (mine["FTE"], mine["Active"]) == ("1", "Yes")  # not "1.00", "True"


def test_audit_export_carries_the_events_details(as_supervisor, seeker):
    AuditEvent.objects.create(
        program=seeker.program,
        user_label="Ana Ruiz",
        action=AuditEvent.Action.CHANGE,
        object_type="jobseekers.jobseeker",
        object_id=str(seeker.pk),
        seeker_id=seeker.pk,
        summary="Changed: phone, email",
    )
    rows = csv_rows(as_supervisor, "/admin/audit/")
    [row] = [r for r in rows if r["Who"] == "Ana Ruiz"]
    assert (row["Action"], row["Details"]) == ("Changed", "Changed: phone, email")

    cells = xlsx_rows(as_supervisor, "/admin/audit/")
    [mine] = [c for c in cells if c["Who"].value == "Ana Ruiz"]
    assert mine["When (local time)"].is_date
    assert mine["Details"].value == "Changed: phone, email"


def test_every_program_owned_export_says_each_rows_program(client, users, seeker):
    """Red team (issue 17): a director's export of two programs' people (149 rows) had no
    column saying whose each row was."""
    client.force_login(users[Role.DIRECTOR])
    rows = csv_rows(client, "/admin/seekers/")
    assert rows
    assert {row["Program"] for row in rows} == {seeker.program.name}
    contact = EmployerContactFactory(program=seeker.program)
    rows = csv_rows(client, "/admin/employer_contacts/")
    assert [row["Program"] for row in rows] == [contact.program.name]


def test_the_employers_export_heads_every_column_in_words(client, users, seeker):
    EmployerFactory(program=seeker.program, name="Corner Cafe")
    client.force_login(users[Role.SUPERVISOR])
    [row] = csv_rows(client, "/admin/employers/")
    assert "Last contact" in row
    assert not [heading for heading in row if "_" in heading]


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/admin/support_contacts/", lambda program: SupportContactFactory(program=program)),
        ("/admin/employer_contacts/", lambda program: EmployerContactFactory(program=program)),
        ("/admin/jobs/", lambda program: JobFactory(program=program)),
    ],
)
def test_an_export_reads_its_rows_names_in_a_constant_number_of_queries(
    client, users, seeker, path, make, django_assert_max_num_queries
):
    """Names of programs, staff and people come through links: read with the rows, not one
    query a row (the export of 10,000 contacts would otherwise make 10,000 queries)."""
    client.force_login(users[Role.SUPERVISOR])
    make(seeker.program)
    csv_rows(client, path)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as one:
        assert len(csv_rows(client, path)) == 1
    for _ in range(5):
        make(seeker.program)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(csv_rows(client, path)) == 6
