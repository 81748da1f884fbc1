"""Words near a ZIP code (issue 21 item 1, keyword + 10 miles): on SQLite the words are
read from the text index ordered by place (employers/migrations/0010) for the bounding
box's cells only, and the openings found read through the index on id and place. These
tests hold the listing to what a person would count by hand: every opening holding the
words within the miles, nearest first, whatever cells and bands they lie in, on every
write path; on PostgreSQL the same listing runs its own plan."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.db import connection

from employers.models import Employer, JobOpening
from employers.search import PLACE_FTS_TABLE, PLACE_INDEX, place_key
from employers.services import save_opening
from ips.geo import haversine_miles, zip_centroid

pytestmark = pytest.mark.django_db

CENTRE = zip_centroid("48226")


def listed(client, openings_url, **params) -> tuple[list[int], str]:
    """Every opening id of the listing, page after page, and its heading."""
    ids: list[int] = []
    heading = ""
    for page in itertools.count(1):
        response = client.get(openings_url, {**params, "page": page})
        assert response.status_code == 200
        found = [o.pk for o in response.context["openings"]]
        if page == 1:
            heading = response.content.decode().split('<h2 id="results">')[1].split("</h2>")[0]
        if not found or (ids and found[0] in ids):  # past the last page: the last again
            break
        ids += found
    return ids, heading.strip()


def by_hand(openings, miles: float) -> list[int]:
    """The openings within `miles` of 48226's centre, nearest first (then by id)."""
    inside = [
        (haversine_miles(*CENTRE, o.latitude, o.longitude), o.pk)
        for o in openings
        if o.latitude is not None and haversine_miles(*CENTRE, o.latitude, o.longitude) <= miles
    ]
    return [pk for _, pk in sorted(inside)]


@pytest.fixture
def scattered(make_opening):
    """Porters and cashiers on a grid around 48226 whose steps (0.0125 and 0.025
    degrees) put openings on, just inside and just outside the 0.05-degree cells' edges,
    from the centre out past 10 miles; a porter without coordinates; a porter not public."""
    lat0, lon0 = CENTRE
    openings = []
    for i, j in itertools.product(range(-13, 14, 2), range(-9, 10, 2)):
        lat = round(lat0 + i * 0.0125, 4)
        lon = round(lon0 + j * 0.025, 4)
        title = "Porter" if (i + j) % 4 == 2 else "Cashier"
        openings.append(make_opening(title=title, latitude=lat, longitude=lon))
    openings.append(make_opening(title="Porter", latitude=42.35, longitude=-83.05))  # a corner
    make_opening(title="Porter", latitude=None, longitude=None, zip="")
    make_opening(title="Porter", shareable=False)
    return openings


@pytest.mark.parametrize("miles", [2, 5, 10, 25])
def test_words_near_a_zip_list_every_match_within_the_miles_nearest_first(
    client, openings_url, scattered, miles, settings
):
    porters = [o for o in scattered if o.title == "Porter"]
    expected = by_hand(porters, miles)
    assert expected  # the grid puts porters within each distance
    ids, heading = listed(client, openings_url, q="porter", zip="48226", miles=str(miles))
    assert ids == expected
    noun = "opening" if len(expected) == 1 else "openings"
    assert heading == f"{len(expected)} {noun} within {miles} miles of 48226"


def test_other_filters_and_a_word_in_the_employers_name_apply_near_a_zip_too(
    client, openings_url, scattered, program
):
    diner = Employer.objects.create(program=program, name="Porter's Diner")
    lat, lon = CENTRE
    named = JobOpening.objects.create(
        program=program,
        employer=diner,
        title="Dishwasher",
        status=JobOpening.Status.OPEN,
        shareable=True,
        latitude=lat + 0.01,
        longitude=lon,
        hours_per_week=Decimal("12"),
    )
    porters = [o for o in scattered if o.title == "Porter"] + [named]
    ids, _ = listed(client, openings_url, q="porter", zip="48226", miles="5")
    assert ids == by_hand(porters, 5)
    short = [o for o in porters if o.hours_per_week < 20]
    ids, _ = listed(client, openings_url, q="porter", zip="48226", miles="5", hours="under_20")
    assert ids == by_hand(short, 5) == [named.pk]


def place_rows() -> set[tuple[int, str]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid, employer FROM {PLACE_FTS_TABLE}")
        return set(cursor.fetchall())


def expected_rows() -> set[tuple[int, str]]:
    return {
        (place_key(o.latitude, o.longitude, o.pk), o.employer.folded_name)
        for o in JobOpening.objects.public().select_related("employer")
        if o.latitude is not None and o.longitude is not None
    }


@pytest.fixture
def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the index ordered by place is SQLite's (PostgreSQL reads its own indexes)")


def test_the_place_index_follows_every_way_an_opening_is_written_or_moved(
    sqlite_only, client, make_opening, openings_url, program
):
    porter = make_opening(title="Porter")
    assert place_rows() == expected_rows() != set()
    # Moved through the service, as a specialist's edit does, to Midtown.
    porter.latitude, porter.longitude = zip_centroid("48201")
    save_opening(opening=porter, relocate=False)
    assert place_rows() == expected_rows()
    # QuerySet.update (imports, the geocoding task), then coordinates taken away.
    JobOpening.objects.filter(pk=porter.pk).update(latitude=42.36, longitude=-83.07)
    assert place_rows() == expected_rows()
    JobOpening.objects.filter(pk=porter.pk).update(latitude=None)
    assert place_rows() == expected_rows() == set()
    JobOpening.objects.filter(pk=porter.pk).update(latitude=42.36)
    # Not shareable, shareable again, filled, a bulk create, a renamed employer, deleted.
    porter.shareable = False
    porter.save()
    assert place_rows() == set()
    JobOpening.objects.filter(pk=porter.pk).update(shareable=True)
    shop = Employer.objects.create(program=program, name="Harbour")
    JobOpening.objects.bulk_create(
        JobOpening(
            program=program,
            employer=shop,
            title=f"Deckhand {n}",
            shareable=True,
            latitude=42.33 + n / 100,
            longitude=-83.04,
        )
        for n in range(2)
    )
    assert len(place_rows()) == 3
    assert place_rows() == expected_rows()
    shop.name = "Señora's Harbour"
    shop.save()
    assert place_rows() == expected_rows()
    ids, _ = listed(client, openings_url, q="senoras", zip="48226", miles="5")
    assert len(ids) == 2
    JobOpening.objects.filter(employer=shop).update(status=JobOpening.Status.FILLED)
    porter.delete()
    assert place_rows() == expected_rows() == set()


def test_the_sqlite_objects_of_the_migrations_are_all_there(sqlite_only):
    """Triggers and this index are raw SQL (employers 0008 and 0010): a migration that
    rebuilt employers_jobopening on SQLite would drop them silently with the old table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index')")
        found = set(cursor.fetchall())
    assert {
        ("trigger", "employers_opening_fts_insert"),
        ("trigger", "employers_opening_fts_update"),
        ("trigger", "employers_opening_fts_delete"),
        ("trigger", "employers_employer_fts_rename"),
        ("trigger", "employers_opening_place_fts_insert"),
        ("trigger", "employers_opening_place_fts_update"),
        ("trigger", "employers_opening_place_fts_delete"),
        ("trigger", "employers_employer_place_fts_rename"),
        ("index", PLACE_INDEX),
    } <= found


def test_words_near_a_zip_are_read_through_the_place_index_in_three_queries(
    sqlite_only, client, make_opening, openings_url
):
    for n in range(3):
        make_opening(title=f"Porter {n}")
    seen: list[str] = []

    def record(execute, sql, *args):
        seen.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(record):
        response = client.get(openings_url, {"q": "porter", "zip": "48226"})
    assert len(response.context["openings"]) == 3
    (ids_query,) = [sql for sql in seen if "listing_total" in sql]
    # INDEXED BY: SQLite uses the index or refuses the query ("no query solution").
    assert f"INDEXED BY {PLACE_INDEX}" in ids_query
    assert PLACE_FTS_TABLE in ids_query


def test_on_postgresql_words_near_a_zip_are_checked_on_the_boxs_rows(make_opening, program):
    """PostgreSQL: near a ZIP, each word is a row condition on the openings read from the
    bounding box's index (employers.search._postgres_near_keywords), so the cost follows
    the openings near the ZIP; the UNION of id lists would read and hash every match of
    the word statewide first (25,691 for "cook" at state scale)."""
    from django.db import transaction

    from cms.filters import OpeningFilter
    from cms.selectors import public_openings

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's plan; SQLite reads the FTS5 table ordered by place")
    make_opening(title="Porter")
    found = OpeningFilter({"q": "porter", "zip": "48226"}, queryset=public_openings()).qs
    lat, lon = CENTRE
    in_box = found.filter(latitude__range=(lat - 1, lat + 1), longitude__range=(lon - 1, lon + 1))
    with transaction.atomic():
        with connection.cursor() as cursor:  # a tiny table: make the planner show its choice
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = in_box.explain()
    # The word is a filter on the openings read (whatever index a tiny table is read by).
    assert "Filter: (shareable AND (latitude >=" in plan, plan
    assert "(search_text ~~ '%porter%'::text) OR (hashed SubPlan" in plan, plan
    assert "public_opening_search_trgm" not in plan
    assert "HashAggregate" not in plan  # no UNION of id lists, hashed
    assert "Append" not in plan
