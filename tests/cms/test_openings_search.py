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


def test_a_word_late_in_a_long_title_ranks_above_one_early_in_a_description(
    client, make_opening, openings_url
):
    """A red-team finding: PostgreSQL ranked by where the word first appears in title and
    description together, so "sommelier" at the end of a long title came after it at the
    start of a description. Title matches come first on both engines; an apostrophe
    typed as an acute accent (´) is one in the title too."""
    make_opening(title="Aide", description="Sommelier duties at the bar.")
    make_opening(title="Weekend Kitchen Assistant and Sommelier", description="Help serve.")
    response = client.get(openings_url, {"q": "sommelier"})
    assert titles(response) == ["Weekend Kitchen Assistant and Sommelier", "Aide"]
    make_opening(title="Helper", description="Shifts at McDonald´s on Main")
    make_opening(title="Weekend crew at the big McDonald´s", description="Fries")
    response = client.get(openings_url, {"q": "mcdonalds"})
    assert titles(response) == ["Weekend crew at the big McDonald´s", "Helper"]


def test_title_then_description_then_employer_name_however_the_texts_are_written(
    client, make_opening, openings_url, program
):
    """Red-team findings, one engine or the other: a description repeating the word, a
    title of punctuation, a short employer name holding the word, a title with "ß" or a
    ligature each put an opening in the wrong tier. Title matches come first, then
    description matches, then openings found only through the employer's name."""
    from employers.models import Employer

    bar = Employer.objects.create(program=program, name="Sommelier Wine Bar")
    make_opening(title="Host", employer=bar, description="Greets guests")
    make_opening(title="Aide", description="Sommelier duties. " + "Sommelier " * 5)
    make_opening(
        title="*** ((( Busser ))) *** --- !!! ??? ...",
        description="Sommelier wanted in a busy restaurant with a large wine list, evenings"
        " and weekends, training given, a friendly team close to the bus line",
    )
    make_opening(title="Weekend Kitchen Assistant and Sommelier", description="Help serve.")
    found = titles(client.get(openings_url, {"q": "sommelier"}))
    assert found[0] == "Weekend Kitchen Assistant and Sommelier"
    assert set(found[1:3]) == {"Aide", "*** ((( Busser ))) *** --- !!! ??? ..."}
    assert found[3] == "Host"
    make_opening(title="Großküche Straßenfest Außendienst Maß Kochx")
    make_opening(title="Helper", description="Kochx wanted for the Straßenfest")
    assert titles(client.get(openings_url, {"q": "kochx"}))[0].startswith("Großküche")
    assert titles(client.get(openings_url, {"q": "strassenfest"}))[0].startswith("Großküche")
    make_opening(title="Clerk", description="Office work")
    make_opening(title="Ofﬁce Clerk", description="Filing")
    assert titles(client.get(openings_url, {"q": "office"})) == ["Ofﬁce Clerk", "Clerk"]


def test_eight_words_deep_in_a_long_description_rank_above_one_only_in_an_employer_name(
    client, make_opening, openings_url, program
):
    """A red-team finding: PostgreSQL added each word's place in a 26,000-character
    description to its rank, and eight of them outweighed a word found only through the
    employer's name. Places are capped, so tiers decide, as on SQLite."""
    from employers.models import Employer

    words = "vornik talbex mirquo destal pluvet grenko sarvil tobrin"
    make_opening(title="Warehouse Associate", description="Pallets and boxes. " * 1400 + words)
    tobrin = Employer.objects.create(program=program, name="Tobrin Logistics")
    make_opening(title=words.rsplit(" ", 1)[0], employer=tobrin)
    found = titles(client.get(openings_url, {"q": words}))
    assert found == ["Warehouse Associate", "vornik talbex mirquo destal pluvet grenko sarvil"]


def test_past_the_bound_a_punctuated_title_does_not_make_a_title_match(
    client, make_opening, openings_url, two_pages_at_most
):
    """Past the count's bound the listing is title matches first, newest first: a title of
    punctuation before a word found in the description is no title match."""
    make_opening(title="Old Bulkx porter")
    for n in range(41):
        make_opening(title=f"*** ((( Busser {n} ))) *** --- !!!", description="bulkx wanted")
    response = client.get(openings_url, {"q": "bulkx"})
    assert heading(response) == "More than 40 openings"
    assert titles(response)[0] == "Old Bulkx porter"


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


def test_the_text_index_follows_every_way_an_opening_is_written(
    client, make_opening, openings_url, program
):
    """The index (SQLite FTS5, kept by triggers; PostgreSQL reads the table) follows
    save(), bulk_create(), QuerySet.update() and delete."""
    from employers.models import Employer, JobOpening

    porter = make_opening(title="Porter")
    assert titles(client.get(openings_url, {"q": "porter"})) == ["Porter"]
    porter.shareable = False
    porter.save()
    assert titles(client.get(openings_url, {"q": "porter"})) == []
    JobOpening.objects.filter(pk=porter.pk).update(shareable=True, title="Night porter")
    JobOpening.objects.filter(pk=porter.pk).update(search_text="night porter")  # refold's way
    assert titles(client.get(openings_url, {"q": "night porter"})) == ["Night porter"]
    porter.delete()
    assert titles(client.get(openings_url, {"q": "porter"})) == []
    shop = Employer.objects.create(program=program, name="Harbour")
    JobOpening.objects.bulk_create(
        JobOpening(program=program, employer=shop, title=f"Deckhand {n}", shareable=True)
        for n in range(2)
    )
    assert sorted(titles(client.get(openings_url, {"q": "deckhand"}))) == [
        "Deckhand 0",
        "Deckhand 1",
    ]


def test_an_employer_renamed_is_found_by_its_new_name_only(
    client, make_opening, openings_url, program
):
    from employers.models import Employer

    shop = Employer.objects.create(program=program, name="Corner Shop")
    make_opening(title="Cashier", employer=shop)
    shop.name = "Señora Café"
    shop.save()
    assert titles(client.get(openings_url, {"q": "senora cafe"})) == ["Cashier"]
    assert titles(client.get(openings_url, {"q": "corner"})) == []


@pytest.mark.parametrize("near", [{}, {"zip": "48226", "miles": "10"}])
def test_the_public_search_finds_an_employer_by_its_name_never_its_industry_or_reference(
    client, make_opening, openings_url, program, two_pages_at_most, near
):
    """Only the employer's name is on the public pages, so only the name is searched:
    the industry and the agency's own reference ("E-0083", an identifier no visitor
    should be able to probe) find nothing, on each engine's plan, past the count's bound
    too. The staff search still finds the employer by both (employers 0011)."""
    from employers.models import Employer
    from ips.search import search

    hotel = Employer.objects.create(
        program=program, name="Corktown Hotel", industry="Hospitality", ref="E-0083"
    )
    for n in range(41):
        make_opening(title=f"Housekeeper {n}", employer=hotel)
    assert heading(client.get(openings_url, {"q": "corktown", **near})).startswith("More than 40")
    for typed in ("E-0083", "e 0083", "0083", "hospitality", "corktown hospitality"):
        response = client.get(openings_url, {"q": typed, **near})
        assert titles(response) == [], typed
        assert "0 openings" in heading(response), typed
    for typed in ("E-0083", "hospitality"):
        assert list(search(Employer.objects.all(), ["name", "industry", "ref"], typed)) == [hotel]


def test_an_employer_renamed_by_a_reimport_is_found_by_its_new_name_in_both_searches(
    client, make_opening, openings_url, program
):
    """The importer writes a changed employer with bulk_update, which bypasses save():
    the folded search columns are refreshed with it (ips.search.fold_rows), so the
    staff search and the public search follow the new name."""
    from employers.models import Employer
    from ips.search import search
    from tests.importer.test_cells_agencies_have import csv_bytes, run

    run(program, {"employers.csv": csv_bytes([["ref", "name"], ["E1", "Corner Cafe"]])})
    shop = Employer.objects.get(program=program, ref="E1")
    make_opening(title="Cashier", employer=shop)
    assert titles(client.get(openings_url, {"q": "corner"})) == ["Cashier"]
    again = run(program, {"employers.csv": csv_bytes([["ref", "name"], ["E1", "Señora Café"]])})
    assert again.counts["employers.csv"]["updated"] == 1
    assert titles(client.get(openings_url, {"q": "senora cafe"})) == ["Cashier"]
    assert titles(client.get(openings_url, {"q": "corner"})) == []
    assert list(search(Employer.objects.all(), ["name"], "senora")) == [shop]
    assert list(search(Employer.objects.all(), ["name"], "corner")) == []


def test_the_start_of_a_word_finds_it(client, make_opening, openings_url):
    make_opening(title="Warehouse porter", description="Loading bays")
    make_opening(title="Cashier", description="Tills")
    assert titles(client.get(openings_url, {"q": "wareh"})) == ["Warehouse porter"]
    assert titles(client.get(openings_url, {"q": "load port"})) == ["Warehouse porter"]


def test_a_plain_title_of_the_kind_of_work_finds_the_opening(client, make_opening, openings_url):
    from ips.models import Occupation
    from ips.reference import plain_titles

    code, names = next((c, t) for c, t in sorted(plain_titles().items()) if c.startswith("37-2012"))
    make_opening(title="Room attendant", occupation=Occupation.objects.get(code=code))
    make_opening(title="Cashier")
    word = names["en"].split()[-1]  # a word of the plain title, not of the opening's text
    assert titles(client.get(openings_url, {"q": word})) == ["Room attendant"]


@pytest.mark.parametrize("typed", ["line cook", "Grill cook", "restaurant cook", "LINE"])
def test_an_also_called_name_of_the_kind_of_work_finds_the_opening(
    client, make_opening, openings_url, typed
):
    """Red-team finding (issue 17): "line cook" did not find a Cooks, Restaurant opening
    titled "Kitchen team member" (data/onet_plain_titles.tsv: plain title "Restaurant
    cook", also called "Line cook; Grill cook")."""
    from ips.models import Occupation

    cooks = Occupation.objects.get(code="35-2014.00")
    make_opening(title="Kitchen team member", occupation=cooks, description="Busy diner")
    make_opening(title="Cashier", description="Shop till")
    assert titles(client.get(openings_url, {"q": typed})) == ["Kitchen team member"]


@pytest.mark.parametrize("zip_code", [None, "48226"])
def test_the_kind_of_works_code_tokens_are_never_found_by_a_typed_word(
    client, make_opening, openings_url, zip_code
):
    """Red-team finding: "occ" (and "occ35") found every opening with a kind of work, as
    the index held its code as a word "occ35201400" (employers 0010 keeps them apart).
    A word of the kind of work's own title is still found, "occ" as its start included."""
    from ips.models import Occupation

    cooks = Occupation.objects.get(code="35-2014.00")
    therapy = Occupation.objects.filter(title__startswith="Occupational").first()
    make_opening(title="Kitchen team member", occupation=cooks)
    make_opening(title="Helper", occupation=therapy)
    near = {"zip": zip_code} if zip_code else {}
    for typed in ("occ35", "occ35201400"):
        assert titles(client.get(openings_url, {"q": typed, **near})) == []
    assert titles(client.get(openings_url, {"q": "occ", **near})) == ["Helper"]
    assert titles(client.get(openings_url, {"q": "restaurant", **near})) == ["Kitchen team member"]


def test_near_a_zip_the_distance_shown_is_the_great_circle_distance(
    client, make_opening, openings_url
):
    from ips.geo import haversine_miles, zip_centroid

    make_opening(title="Midtown", zip_code="48201")
    response = client.get(openings_url, {"zip": "48226", "miles": "5"})
    (opening,) = response.context["openings"]
    expected = haversine_miles(*zip_centroid("48226"), *zip_centroid("48201"))
    assert response.context["listing"].distances == {opening.pk: round(expected, 1)}
    assert f"About {round(expected, 1)} miles away" in response.content.decode()


def test_on_postgresql_each_keyword_column_is_its_own_indexed_id_list(make_opening, program):
    """Each word is a UNION of id lists (employers.search), planned one by one, so the
    employer's trigram index answers its part; an OR across the joined tables could use
    no index. (The openings' own trigram index competes with the listing's indexes on a
    test-sized table, as in the test above; the planner prefers it at scale.)"""
    from django.db import connection, transaction

    from cms.filters import OpeningFilter
    from cms.selectors import public_openings

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's; SQLite reads its FTS5 table")
    make_opening(title="Porter")
    found = OpeningFilter({"q": "porter"}, queryset=public_openings()).qs
    with transaction.atomic():
        with connection.cursor() as cursor:  # a tiny table: make the planner show its choice
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        plan = found.explain()
    assert "Append" in plan  # the UNION's branches
    assert "Bitmap Index Scan on employer_folded_name_trgm" in plan


@pytest.fixture
def two_pages_at_most(monkeypatch):
    """The listing shows at most 2 pages (40 openings) instead of MAX_PAGES: the bound's
    behaviour with 41 openings instead of 2,001."""
    import cms.paging

    monkeypatch.setattr(cms.paging, "MAX_PAGES", 2)


def heading(response) -> str:
    body = response.content.decode()
    start = body.index('<h2 id="results">') + len('<h2 id="results">')
    return body[start : body.index("</h2>", start)]


def test_a_keyword_count_stops_past_what_the_listing_can_show(
    client, make_opening, openings_url, two_pages_at_most
):
    for n in range(40):
        make_opening(title=f"Porter {n}")
    assert heading(client.get(openings_url, {"q": "porter"})) == "40 openings"
    make_opening(title="Porter 40")
    response = client.get(openings_url, {"q": "porter"})
    assert heading(response) == "More than 40 openings"
    assert "Page 1 of 2" in response.content.decode()
    response = client.get(f"/es{openings_url}", {"q": "porter"})
    assert heading(response) == "Más de 40 trabajos"


def test_past_the_bound_title_matches_come_first_newest_first_and_it_says_so(
    client, make_opening, openings_url, two_pages_at_most
):
    """More matches than the listing shows: title matches first, newest first, and the
    page says so. SQLite reads the text index in id order, PostgreSQL walks the listing's
    index with the words as a row condition (employers.search), neither ranking every
    match; the found set is the one below the bound (the employer's name, other filters)."""
    older_titles = [make_opening(title=f"Porter {n}") for n in range(25)]
    described = [make_opening(title="Helper", description=f"Porter work {n}") for n in range(16)]
    response = client.get(openings_url, {"q": "porter"})
    body = response.content.decode()
    page_1 = [o.pk for o in response.context["openings"]]
    second = client.get(openings_url, {"q": "porter", "page": 2})
    page_2 = [o.pk for o in second.context["openings"]]
    newest_first = [o.pk for o in reversed(older_titles)] + [o.pk for o in reversed(described)]
    assert heading(response) == "More than 40 openings"
    assert "your words in the job title first, then the newest first" in body
    assert page_1 + page_2 == newest_first[:40]
    # Other filters still apply past the bound: 42 match, 41 of them with 20-29 hours.
    make_opening(title="Helper", description="Porter work 16")
    older_titles[-1].hours_per_week = 12
    older_titles[-1].save()
    with_hours = client.get(openings_url, {"q": "porter", "hours": "20_to_29"})
    assert heading(with_hours) == "More than 40 openings"
    assert [o.pk for o in with_hours.context["openings"]] == newest_first[1:21]
    es = client.get(f"/es{openings_url}", {"q": "porter"}).content.decode()
    assert "primero los que tienen sus palabras en el nombre del trabajo" in es


def test_past_the_bound_an_employer_name_and_an_accented_word_find_as_below_it(
    client, make_opening, openings_url, two_pages_at_most, django_assert_max_num_queries
):
    """The order past the bound changes, not which openings are found: a word typed with
    an accent finds the titles written without, and a word only in the employer's name
    still finds its openings, after the title matches; in a constant number of queries."""
    from employers.models import Employer

    titles_ = [make_opening(title=f"Cafe cook {n}") for n in range(39)]
    program = titles_[0].program
    diner = Employer.objects.create(program=program, name="Café O'Brien")
    by_name = [make_opening(title="Dishwasher", employer=diner) for _ in range(2)]
    make_opening(title="Cook", status="filled")  # not public: never listed
    assert heading(client.get(openings_url, {"q": "obrien"})) == "2 openings"
    # 11 as in test_openings_page's constant count: the count, the ids, the rows.
    with django_assert_max_num_queries(11):
        response = client.get(openings_url, {"q": "CAFÉ", "page": 2})
    assert heading(response) == "More than 40 openings"
    page_2 = [o.pk for o in response.context["openings"]]
    # Positions 21-40: the 19 oldest titles, then the newer of the employer's two.
    assert page_2 == [o.pk for o in reversed(titles_[:19])] + [by_name[1].pk]


def test_words_near_a_zip_count_in_the_ids_query_and_stop_past_the_bound(
    client, make_opening, openings_url, two_pages_at_most
):
    for n in range(3):
        make_opening(title=f"Porter {n}")
    make_opening(title="Porter far", zip_code="49503")  # Grand Rapids: not within 10 miles
    response = client.get(openings_url, {"q": "porter", "zip": "48226"})
    assert heading(response) == "3 openings within 10 miles of 48226"
    # A page past the last: the last page, counted by a query of its own.
    response = client.get(openings_url, {"q": "porter", "zip": "48226", "page": "2"})
    assert len(response.context["openings"]) == 3
    for n in range(38):
        make_opening(title=f"Porter {n}")
    response = client.get(openings_url, {"q": "porter", "zip": "48226"})
    assert heading(response) == "More than 40 openings within 10 miles of 48226"
    assert "Add a word or choose fewer miles to find fewer openings." in response.content.decode()


def test_words_past_the_eighth_are_named_as_not_looked_for(client, make_opening, openings_url):
    """A search uses 8 words (ips.search.MAX_WORDS): the page says which were left out,
    never dropping them silently (a red-team finding: the 9th word "zzzzqq", in no
    opening, still listed openings)."""
    make_opening(title="Cook", description="a b c d e f g")
    typed = {"q": "cook a b c d e f g zzzzqq", "zip": "48226", "miles": "10"}
    page = client.get(openings_url, typed).content.decode()
    assert "A search looks for 8 words at most. This word was not looked for: zzzzqq." in page
    es = client.get(f"/es{openings_url}", {"q": "cook a b c d e f g zzzzqq yy"}).content.decode()
    assert "Estas palabras no se buscaron: zzzzqq, yy." in es
    eight = client.get(openings_url, {"q": "cook a b c d e f g COOK"}).content.decode()
    assert "not looked for" not in eight  # a repeated word is no ninth word


def test_words_left_out_are_named_as_typed(client, make_opening, openings_url):
    """The note spells a left-out word as the person typed it ("José", not "jose"), a
    hyphenated word by its parts, without the punctuation typed around it."""
    make_opening(title="Cook", description="a b c d e f g")
    page = client.get(openings_url, {"q": "cook a b c d e f g José O'Brien-Ana"})
    assert "These words were not looked for: José, O&#x27;Brien, Ana." in page.content.decode()
    page = client.get(openings_url, {"q": "cook, a, b, c, d, e, f, g, h, i,"})
    assert "These words were not looked for: h, i." in page.content.decode()


def test_a_zip_beside_another_fields_error_still_lists_openings_near_it(
    client, make_opening, openings_url
):
    """A red-team finding: an unknown kind of work (or words too long to use) made a valid
    ZIP drop silently, and the listing went statewide. The ZIP applies; the other field
    shows its error."""
    make_opening(title="Porter near")
    make_opening(title="Porter far", zip_code="49503")  # Grand Rapids
    response = client.get(openings_url, {"q": "porter", "zip": "48226", "kind": "99"})
    assert titles(response) == ["Porter near"]
    assert heading(response) == "1 opening within 10 miles of 48226"
    assert "Please choose a kind of work from the list." in response.content.decode()
    response = client.get(openings_url, {"q": "porter", "zip": "48226", "miles": "7"})
    assert heading(response) == "1 opening within 10 miles of 48226"
    page = response.content.decode()
    assert "Please choose a distance from the list." in page
    assert '<option value="10" selected>' in page  # the miles the heading names
    response = client.get(openings_url, {"q": "porter " * 40, "zip": "48226"})
    assert titles(response) == ["Porter near"]
    assert "within 10 miles of 48226" in heading(response)
    assert "at most 200 characters" in response.content.decode()


def test_words_beside_a_zip_we_cannot_place_are_still_ranked_and_noted(
    client, make_opening, openings_url
):
    """A ZIP error does not change what the valid words do: the openings are ranked as
    without a ZIP (the title match first, though the other is newer), the ZIP's error is
    shown, and words past the eighth are still named."""
    make_opening(title="Kitchen porter", description="Washing up")
    make_opening(title="Helper", description="Prep work in a busy kitchen")
    typed = {"q": "kitchen a b c d e f g Zeta", "zip": "99999"}
    response = client.get(openings_url, {**typed, "q": "kitchen"})
    assert titles(response) == ["Kitchen porter", "Helper"]
    page = response.content.decode()
    assert "We could not find the ZIP code 99999." in page
    noted = client.get(openings_url, typed).content.decode()
    assert "This word was not looked for: Zeta." in noted
    assert "We could not find the ZIP code 99999." in noted


def test_a_word_only_in_employers_names_or_a_kind_of_work_counts_right_past_the_bound(
    client, make_opening, openings_url, program, two_pages_at_most
):
    """On PostgreSQL the count reads subsets of the matches first (employers.search.
    bounded_match_count): own text, employer's name, kind of work's title; the figure
    must be the same as counting every match, below the bound and past it."""
    from employers.models import Employer
    from ips.models import Occupation

    shops = [Employer.objects.create(program=program, name=f"Kowalski Deli {n}") for n in range(3)]
    for n in range(40):
        make_opening(title=f"Helper {n}", employer=shops[n % 3])
    assert heading(client.get(openings_url, {"q": "kowalski"})) == "40 openings"
    assert heading(client.get(openings_url, {"q": "kowalski deli"})) == "40 openings"
    assert heading(client.get(openings_url, {"q": "kowalski helper"})) == "40 openings"
    make_opening(title="Helper", employer=shops[0])
    past = client.get(openings_url, {"q": "kowalski"})
    assert heading(past) == "More than 40 openings"
    assert len(past.context["openings"]) == 20
    assert heading(client.get(openings_url, {"q": "kowalski nowhere"})) == "0 openings"
    cooks = Occupation.objects.get(code="35-2014.00")  # "Cooks, Restaurant"
    for n in range(40):
        make_opening(title=f"Team member {n}", occupation=cooks)
    make_opening(title="Team member Zebra", occupation=cooks)
    assert heading(client.get(openings_url, {"q": "restaurant"})) == "More than 40 openings"
    assert heading(client.get(openings_url, {"q": "restaurant zebra"})) == "1 opening"


def test_a_plain_title_is_found_from_a_words_start_and_after_the_openings_own_words(
    client, make_opening, openings_url
):
    """Red-team findings: "eeper" found the housekeepers through a plain title's middle
    (a typed word finds the start of a word), and "clerk" listed a Stocker (whose kind of
    work is called "Stock clerk") above a Deli Clerk."""
    from ips.models import Occupation
    from ips.reference import plain_title_codes

    housekeeping = Occupation.objects.get(code="37-2012.00")
    make_opening(title="Room attendant", occupation=housekeeping)
    assert titles(client.get(openings_url, {"q": "eeper"})) == []
    assert titles(client.get(openings_url, {"q": "housekeep"})) == ["Room attendant"]
    code = next(
        c
        for c in plain_title_codes("clerk")
        if "clerk" not in Occupation.objects.get(code=c).title.lower()
    )
    make_opening(title="Stocker", occupation=Occupation.objects.get(code=code))
    for n in range(4):  # a word common in titles weighs less than a rare code token
        make_opening(title=f"Clerk {n}", description="Front desk clerk, desk clerk")
    make_opening(title="Deli Clerk")
    found = titles(client.get(openings_url, {"q": "clerk"}))
    assert found[-1] == "Stocker", found
    assert sorted(found[:-1]) == ["Clerk 0", "Clerk 1", "Clerk 2", "Clerk 3", "Deli Clerk"]
