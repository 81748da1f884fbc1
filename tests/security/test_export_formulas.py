"""Exported CSV cells never run as spreadsheet formulas: text starting with =, +, -, @
(or a tab / carriage return) is quoted in the report, the review and workspace listings."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from employers.models import Employer, EmployerContact
from ips.fidelity.services import rate_items, start_review
from ips.spreadsheets import FORMULA_STARTS
from reports.formats import to_csv

FORMULA = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(FORMULA_STARTS),
    st.text(max_size=20),
)
CELL_TEXT = st.one_of(FORMULA, st.text(max_size=20))


def runnable(cell: str) -> bool:
    """Would a spreadsheet evaluate this cell (text starting with a formula character)?"""
    if not cell.startswith(FORMULA_STARTS):
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@settings(max_examples=40, deadline=None)
@given(
    report=st.dictionaries(
        st.text(min_size=1, max_size=10),
        st.one_of(
            CELL_TEXT,
            st.integers(),
            st.floats(),
            st.dictionaries(CELL_TEXT.filter(bool), CELL_TEXT, max_size=3),
        ),
        max_size=6,
    )
)
def test_report_csv_quotes_every_cell_a_spreadsheet_would_run(report):
    cells = csv_cells(to_csv(report))
    assert cells[:2] == ["key", "value"]
    assert not [cell for cell in cells if runnable(cell)]


def test_report_csv_keeps_negative_numbers_as_numbers():
    cells = csv_cells(to_csv({"change": -3, "rate": -0.25, "name": "=1+1"}))
    assert cells == ["key", "value", "change", "-3", "rate", "-0.25", "name", "'=1+1"]


in_db = pytest.mark.django_db


@in_db
def test_review_csv_quotes_notes_and_evidence_typed_by_staff(client, users, program):
    review = start_review(
        program=program,
        review_date=dt.date(2026, 3, 1),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
    )
    key = review.ratings.first().item_key
    rate_items(review=review, ratings={key: (3, '=HYPERLINK("http://evil")', "@SUM(A1)")})
    client.force_login(users["supervisor"])
    response = client.get(reverse("fidelity:review_export", args=[review.pk, "csv"]))
    cells = csv_cells(response.content.decode())
    assert '\'=HYPERLINK("http://evil")' in cells
    assert "'@SUM(A1)" in cells
    assert not [cell for cell in cells if runnable(cell)]


@in_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(  # rows as the input domain lets them be stored: PostgreSQL refuses NUL anyway
    name=FORMULA.filter(lambda t: t.strip() and "\x00" not in t),
    notes=FORMULA.filter(lambda t: "\x00" not in t),
)
def test_workspace_listing_exports_quote_formulas(client, users, program, name, notes):
    employer = Employer.objects.create(program=program, name=name[:200], zip="48226")
    EmployerContact.objects.create(
        program=program,
        employer=employer,
        specialist=users["specialist"].staff_memberships.get(program=program),
        date=dt.date(2026, 3, 2),
        mode="phone",
        notes=notes,
    )
    client.force_login(users["supervisor"])
    for url in ("/admin/employers/?export=csv", "/admin/employer_contacts/?export=csv"):
        body = b"".join(client.get(url).streaming_content).decode()
        assert not [cell for cell in csv_cells(body) if runnable(cell)], url


def test_a_carriage_return_in_a_report_cell_cannot_split_its_row():
    rows = list(csv.reader(io.StringIO(to_csv({"name": "a\r=1+1"}), newline="")))
    assert rows == [["key", "value"], ["name", "a\n=1+1"]]
