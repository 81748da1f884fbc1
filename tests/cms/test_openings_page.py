"""The public openings index and detail: filters, privacy, paging, query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from employers.models import EmployerPerson, JobOpening
from ips.models import Occupation

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [o.title for o in response.context["openings"]]


def test_openings_index_lists_only_open_shareable_openings(client, make_opening, openings_url):
    make_opening(title="Dishwasher")
    make_opening(title="Secret stock role", shareable=False)
    make_opening(title="Filled cashier", status=JobOpening.Status.FILLED)
    make_opening(title="Closed porter", status=JobOpening.Status.CLOSED)
    response = client.get(openings_url)
    assert response.status_code == 200
    assert titles(response) == ["Dishwasher"]
    body = response.content.decode()
    for hidden in ("Secret stock role", "Filled cashier", "Closed porter"):
        assert hidden not in body


@pytest.mark.parametrize("status", ["filled", "closed"])
def test_detail_of_closed_opening_is_gone_and_of_unshareable_one_404(
    client, make_opening, openings_url, status
):
    closed = make_opening(status=status)
    hidden = make_opening(shareable=False)
    closed_hidden = make_opening(shareable=False, status=status)
    assert client.get(f"{openings_url}{closed.pk}/").status_code == 410  # issue 20, item 4
    assert client.get(f"{openings_url}{hidden.pk}/").status_code == 404
    assert client.get(f"{openings_url}{closed_hidden.pk}/").status_code == 404


def test_detail_shows_no_employer_people_internal_notes_or_person_data(
    client, make_opening, openings_url, seeker
):
    opening = make_opening(
        title="Stock clerk",
        description="Stacking shelves in the mornings.",
        internal_notes="Manager said no to felony records",
    )
    EmployerPerson.objects.create(
        program=opening.program,
        employer=opening.employer,
        name="Pat Hiring",
        phone="313-555-0101",
        email="pat@shop.example",
    )
    response = client.get(f"{openings_url}{opening.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Stacking shelves" in body
    for secret in ("felony", "Pat Hiring", "313-555-0101", "pat@shop.example", seeker.name):
        assert secret not in body


def test_keyword_filter_matches_title_description_and_occupation(
    client, make_opening, openings_url
):
    cook = Occupation.objects.filter(code__startswith="35-2014").first()
    make_opening(title="Prep cook", occupation=cook)
    make_opening(title="Helper", description="Busy kitchen near downtown")
    make_opening(title="Cashier")
    response = client.get(openings_url, {"q": "kitchen"})
    assert titles(response) == ["Helper"]
    response = client.get(openings_url, {"q": "cook"})
    assert titles(response) == ["Prep cook"]


def test_kind_of_work_filter_uses_the_occupation_major_group(client, make_opening, openings_url):
    food = Occupation.objects.filter(code__startswith="35-").first()
    office = Occupation.objects.filter(code__startswith="43-").first()
    make_opening(title="Server", occupation=food)
    make_opening(title="Clerk", occupation=office)
    assert titles(client.get(openings_url, {"kind": "35"})) == ["Server"]


def test_hours_and_schedule_filters(client, make_opening, openings_url):
    make_opening(title="Short", hours_per_week=Decimal("12"))
    make_opening(title="Middle", hours_per_week=Decimal("25"), schedule="evenings")
    make_opening(title="Long", hours_per_week=Decimal("38"))
    assert titles(client.get(openings_url, {"hours": "under_20"})) == ["Short"]
    assert titles(client.get(openings_url, {"hours": "30_plus"})) == ["Long"]
    assert titles(client.get(openings_url, {"schedule": "evenings"})) == ["Middle"]


def test_distance_filter_defaults_to_10_miles_and_sorts_nearest_first(
    client, make_opening, openings_url
):
    make_opening(title="Downtown", zip_code="48226")  # Detroit
    make_opening(title="Midtown", zip_code="48201")  # ~2 miles
    make_opening(title="Westland", zip_code="48185")  # ~17 miles
    response = client.get(openings_url, {"zip": "48201"})
    assert titles(response) == ["Midtown", "Downtown"]
    assert response.context["listing"].miles == 10
    assert "within 10 miles of 48201" in response.content.decode()
    assert "Westland" in titles(client.get(openings_url, {"zip": "48201", "miles": "25"}))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "5 numbers"),
        ("00000", "could not find the ZIP code 00000"),
        ("４８２２６", "5 numbers"),  # full-width digits (a phone's keyboard): no longer a 500
        ("٤٨٢٢٦", "5 numbers"),  # Arabic-Indic digits
    ],
)
def test_invalid_zip_gives_a_clear_message_and_still_lists(
    client, make_opening, openings_url, value, message
):
    make_opening(title="Downtown")
    response = client.get(openings_url, {"zip": value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert titles(response) == ["Downtown"]


def test_unknown_filter_choice_is_a_message_not_a_crash(client, make_opening, openings_url):
    make_opening(title="Downtown")
    response = client.get(openings_url, {"hours": "lots", "page": "zzz", "miles": "9999"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please choose the hours from the list." in page
    assert "Please choose a distance from the list." in page
    typed = {"kind": "99", "schedule": "moon"}
    es = client.get(f"/es{openings_url}", typed).content.decode()
    assert "Elija un tipo de trabajo de la lista." in es
    assert "Elija de la lista cuándo es el trabajo." in es


def test_listing_is_paginated_and_keeps_the_filters_in_page_links(
    client, make_opening, openings_url
):
    for n in range(25):
        make_opening(title=f"Porter {n}")
    response = client.get(openings_url, {"q": "porter"})
    assert len(response.context["openings"]) == 20
    assert "q=porter&amp;page=2" in response.content.decode()
    assert len(client.get(openings_url, {"q": "porter", "page": 2}).context["openings"]) == 5


@pytest.mark.parametrize(
    "params", [{}, {"q": "porter"}, {"q": "porter", "page": "2"}, {"q": "porter", "zip": "48226"}]
)
@pytest.mark.parametrize("size", [3, 30])
def test_listing_query_count_is_constant(
    client, make_opening, openings_url, django_assert_max_num_queries, params, size
):
    for n in range(size):
        make_opening(title=f"Porter {n}")
    # 8 before Wagtail's localisation; +1 its active-locale lookup, +1 a content type the
    # first request of a test process may still have to read, +1 with words or a ZIP: the
    # ids are read before the page's rows (cms.selectors.IdsFirstPaginator).
    with django_assert_max_num_queries(11 if {"q", "zip"} & set(params) else 10):
        response = client.get(openings_url, params)
    # Page 2 of fewer than 21 openings is the last page, page 1.
    on_page_2 = size - 20 if size > 20 else size
    assert len(response.context["openings"]) == (on_page_2 if params.get("page") else min(size, 20))


def test_empty_form_shows_10_miles_as_the_distance(client, openings_url):
    body = client.get(openings_url).content.decode()
    assert '<option value="10" selected>10 miles</option>' in body


def test_a_listing_page_is_read_from_the_listing_index_not_sorted(make_opening):
    """Issue 21, item 1: the public listing's order has its own (partial) index, so a page
    costs the same at 100,000 openings as at 2,000."""
    from django.db import connection, transaction

    from cms.selectors import LISTING_ORDER, public_openings

    for _ in range(3):
        make_opening()
    page = public_openings().order_by(*LISTING_ORDER)[:20]
    with transaction.atomic():
        if connection.vendor == "postgresql":  # a tiny table: make the planner show its choice
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL enable_sort = off")
        plan = page.explain()
    assert "public_opening_listing" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan.upper()
