"""Workspace listings: a constant number of queries whatever the row count, and CSV/XLSX
exports that hold exactly the rows the user may see."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ips.models import Program
from ips.roles import Role
from tests.ips.workspace import FACTORIES, is_scoped, workspace_viewsets

VIEWSETS = workspace_viewsets()
SCOPED = [vs for vs in workspace_viewsets() if is_scoped(vs) and vs.model is not Program]
MOST_QUERIES = 40  # a ceiling for any listing page, whatever its size


def add_rows(viewset, program, n: int) -> None:
    factory = FACTORIES[viewset.model]
    for _ in range(n):
        factory(program=program) if is_scoped(
            viewset
        ) and viewset.model is not Program else factory()


@pytest.mark.parametrize("viewset", VIEWSETS, ids=lambda vs: vs.name)
def test_index_runs_the_same_queries_for_3_rows_as_for_15(
    client, viewset, users, superuser, program, django_assert_max_num_queries
):
    client.force_login(superuser if viewset.model is Program else users[Role.DIRECTOR])
    url = reverse(viewset.get_url_name("index"))
    add_rows(viewset, program, 3)
    client.get(url)  # warm the per-process caches (content types, site, ...)
    with CaptureQueriesContext(connection) as small:
        shown_small = len(client.get(url).context["object_list"])
    add_rows(viewset, program, 12)

    with django_assert_max_num_queries(len(small)):
        shown_large = len(client.get(url).context["object_list"])

    assert len(small) <= MOST_QUERIES
    assert shown_large > shown_small or shown_small >= viewset.list_per_page


def exported_rows(viewset, client, fmt: str) -> list[list[str]]:
    response = client.get(reverse(viewset.get_url_name("index")), {"export": fmt})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    return rows


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("viewset", SCOPED, ids=lambda vs: vs.name)
def test_export_holds_exactly_the_rows_the_user_may_see(
    client, viewset, fmt, users, program, other_program
):
    add_rows(viewset, program, 2)
    add_rows(viewset, other_program, 2)
    director = users[Role.DIRECTOR]
    client.force_login(director)
    visible = viewset.model._default_manager.for_user(director).count()

    header, *rows = exported_rows(viewset, client, fmt)
    assert len(rows) == visible
    assert all(header)
    assert not [h for h in header if "__" in h or "." in h]  # headings in words
    assert all(any(cell for cell in row) for row in rows)
    assert 2 <= visible < viewset.model._default_manager.count()


@pytest.mark.parametrize(
    ("viewset_name", "factory_name"), [("seekers", "JobSeeker"), ("employers", "Employer")]
)
def test_search_finds_only_rows_of_the_users_programs(
    client, viewset_name, factory_name, users, program, other_program
):
    factory = next(f for m, f in FACTORIES.items() if m.__name__ == factory_name)
    home = factory(program=program, name="Jordan Lake")
    factory(program=other_program, name="Jordan Lake")
    factory(program=program, name="Someone Else")
    client.force_login(users[Role.SPECIALIST])

    response = client.get(reverse(f"{viewset_name}:index"), {"q": "jordan"})

    assert list(response.context["object_list"]) == [home]
