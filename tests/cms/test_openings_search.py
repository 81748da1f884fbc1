"""The public keyword search (issue 21 item 1): folded words (ips.search), ranked, an
index on PostgreSQL, a bounded number of pages with a clear message past the bound."""

from __future__ import annotations

import pytest

from cms.selectors import MAX_PAGES

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [o.title for o in response.context["openings"]]


def test_a_word_in_the_title_ranks_above_one_only_in_the_description(
    client, make_opening, openings_url
):
    make_opening(title="Helper", description="Prep work in a busy kitchen")
    make_opening(title="Kitchen porter", description="Washing up")
    make_opening(title="Cashier", description="Shop till")
    response = client.get(openings_url, {"q": "KITCHEN"})
    assert titles(response) == ["Kitchen porter", "Helper"]


def test_a_word_earlier_in_the_title_ranks_first_and_every_word_must_be_found(
    client, make_opening, openings_url
):
    make_opening(title="Night cook", description="Café kitchen")
    make_opening(title="Cook", description="Cafe on Main")
    make_opening(title="Cook", description="Diner")
    response = client.get(openings_url, {"q": "cook café"})
    assert titles(response) == ["Cook", "Night cook"]


def test_accents_apostrophes_and_case_are_ignored_in_the_employer_name(
    client, make_opening, openings_url, program
):
    from employers.models import Employer

    shop = Employer.objects.create(program=program, name="Señora O'Malley's Bakery")
    make_opening(title="Baker", employer=shop)
    make_opening(title="Baker")
    response = client.get(openings_url, {"q": "senora omalleys"})
    assert titles(response) == ["Baker"]
    assert response.context["openings"][0].employer == shop


def test_the_last_allowed_page_is_served_and_a_page_past_it_is_a_clear_message(
    client, make_opening, openings_url, settings
):
    make_opening(title="Porter")
    response = client.get(openings_url, {"q": "porter", "page": str(MAX_PAGES)})
    assert response.status_code == 200
    assert titles(response) == ["Porter"]  # a page beyond the last real one: the last
    response = client.get(openings_url, {"q": "porter", "page": str(MAX_PAGES + 1)})
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Only the first {MAX_PAGES} pages of openings can be shown" in body
    assert titles(response) == []
    assert 'href="?q=porter">First page</a>' in body
    response = client.get(openings_url, {"page": "9" * 30})  # huge: the same message
    assert "Only the first" in response.content.decode()


def test_the_past_the_bound_message_is_in_spanish_too(client, openings_url):
    response = client.get(f"/es{openings_url}", {"page": str(MAX_PAGES + 5)})
    body = response.content.decode()
    assert "Solo se pueden mostrar las primeras" in body


def test_the_page_count_shown_is_bounded(client, make_opening, openings_url, settings):
    from cms.selectors import BoundedPaginator

    paginator = BoundedPaginator(list(range(20 * MAX_PAGES + 500)), 20)
    assert paginator.num_pages == MAX_PAGES
    assert paginator.count == 20 * MAX_PAGES + 500
    assert paginator.get_page(MAX_PAGES + 3).number == MAX_PAGES


def test_on_postgresql_a_folded_word_can_be_read_from_a_trigram_index(program):
    """`search_text LIKE '%word%'` (ips.search) is answerable from a pg_trgm GIN index
    (employers 0007), which a B-tree cannot do. Shown on the employers' index, which has
    no rival: the openings' partial index competes with the listing's own indexes, and on
    a small test table the planner rightly prefers those."""
    from django.db import connection, transaction

    from employers.models import Employer

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's; SQLite scans (see the migration)")
    Employer.objects.bulk_create(
        Employer(program=program, name=f"Business {n}") for n in range(500)
    )
    found = Employer.objects.filter(search_text__contains="kitchen").values("pk")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = found.explain()
    assert "employer_search_trgm" in plan
