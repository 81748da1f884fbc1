"""The sitemap at state scale (issue 21, item 2): an index of files of at most
SITEMAP_OPENINGS_PER_PAGE URLs each (6 here: 3 openings in English and Spanish, so a few
rows show the paging), each file cached under the public openings' version and rebuilt
when one changes."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import override_settings

from employers.services import save_opening

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_files():
    cache.clear()
    with override_settings(SITEMAP_OPENINGS_PER_PAGE=6):
        yield
    cache.clear()


def locations(body: str) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", body)


def english(urls: list[str]) -> list[str]:
    return [url for url in urls if "/es/" not in url]


def test_the_index_names_one_file_per_page_of_openings(client, make_opening):
    for _ in range(7):
        make_opening()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "<sitemapindex" in response.content.decode()
    assert locations(response.content.decode()) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-openings.xml",
        "http://testserver/sitemap-openings.xml?p=2",
        "http://testserver/sitemap-openings.xml?p=3",
    ]


def test_each_public_opening_is_in_exactly_one_file_and_no_other_is(
    client, make_opening, openings_url
):
    shown = [make_opening() for _ in range(5)]
    hidden = make_opening(shareable=False)
    found = []
    for page in (1, 2):
        body = client.get(f"/sitemap-openings.xml?p={page}").content.decode()
        assert len(locations(body)) <= 6
        found += locations(body)
    paths = sorted(re.sub(r"^https?://[^/]+", "", url) for url in found)
    assert paths == sorted(
        [f"{openings_url}{o.pk}/" for o in shown] + [f"/es{openings_url}{o.pk}/" for o in shown]
    )
    assert client.get(f"/es{openings_url}{shown[0].pk}/").status_code == 200
    assert not any(url.endswith(f"/{hidden.pk}/") for url in found)
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "/about-the-data/" in pages
    assert not re.search(r"/openings/\d+/", pages)


def test_a_cached_file_costs_one_query_and_a_changed_opening_shows_at_once(
    client, make_opening, openings_url, django_assert_num_queries
):
    first, second = make_opening(), make_opening()
    client.get("/sitemap-openings.xml")  # built and cached
    with django_assert_num_queries(1):  # the version only
        body = client.get("/sitemap-openings.xml").content.decode()
    assert f"{openings_url}{second.pk}/" in body
    second.shareable = False
    save_opening(opening=second, relocate=False)
    body = client.get("/sitemap-openings.xml").content.decode()
    assert f"{openings_url}{first.pk}/" in body
    assert f"{openings_url}{second.pk}/" not in body
    assert f"/es{openings_url}{second.pk}/" not in body


def test_a_spanish_openings_page_taken_down_leaves_the_cached_files_at_once(
    client, make_opening, openings_url
):
    from cms.models import OpeningsIndexPage

    opening = make_opening()
    body = client.get("/sitemap-openings.xml").content.decode()  # built and cached
    assert f"/es{openings_url}{opening.pk}/" in body
    OpeningsIndexPage.objects.get(locale__language_code="es").unpublish()
    body = client.get("/sitemap-openings.xml").content.decode()
    assert (
        english(locations(body))
        == locations(body)
        == [f"http://localhost{openings_url}{opening.pk}/"]
    )
    assert "xhtml:link" not in body  # one language: no alternates to name


def test_building_a_file_takes_the_same_queries_whatever_the_number_of_openings(
    client, make_opening, django_assert_max_num_queries, django_assert_num_queries
):
    make_opening()
    cache.clear()
    with django_assert_max_num_queries(20) as small:
        client.get("/sitemap-openings.xml")
    for _ in range(6):
        make_opening()
    cache.clear()
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/sitemap-openings.xml?p=2")


@pytest.mark.parametrize("path", ["/sitemap-nothing.xml", "/sitemap-openings.xml?p=99"])
def test_an_unknown_file_or_page_is_a_404(client, make_opening, path):
    make_opening()
    assert client.get(path).status_code == 404


def test_a_file_is_valid_sitemap_xml_with_each_openings_url_and_when_it_last_changed(
    client, make_opening, openings_url
):
    """The openings' files are written without the template (state scale): still XML of
    the sitemap protocol, one <url> per opening with its <loc> and its last change as a
    W3C datetime in UTC (the protocol's format), to the second."""
    import datetime as dt
    from xml.etree import ElementTree

    from wagtail.models import Site

    from employers.models import JobOpening

    late, early = make_opening(), make_opening()
    JobOpening.objects.filter(pk=late.pk).update(  # 22:30:15 on the 23rd in Detroit
        updated_at=dt.datetime(2026, 11, 24, 3, 30, 15, 250_000, tzinfo=dt.UTC)
    )
    JobOpening.objects.filter(pk=early.pk).update(
        updated_at=dt.datetime(2026, 7, 1, 5, 0, tzinfo=dt.UTC)
    )
    response = client.get("/sitemap-openings.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    found = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in root.findall("s:url", ns)
    }
    site = Site.objects.get(is_default_site=True).root_url
    assert found == {
        f"{site}{openings_url}{late.pk}/": "2026-11-24T03:30:15+00:00",
        f"{site}{openings_url}{early.pk}/": "2026-07-01T05:00:00+00:00",
        f"{site}/es{openings_url}{late.pk}/": "2026-11-24T03:30:15+00:00",
        f"{site}/es{openings_url}{early.pk}/": "2026-07-01T05:00:00+00:00",
    }
    # Each URL names every language's URL of the same opening, itself included.
    link = "{http://www.w3.org/1999/xhtml}link"
    for url in root.findall("s:url", ns):
        pk = url.findtext("s:loc", namespaces=ns).rstrip("/").rsplit("/", 1)[1]
        assert [(a.get("rel"), a.get("hreflang"), a.get("href")) for a in url.iter(link)] == [
            ("alternate", "en", f"{site}{openings_url}{pk}/"),
            ("alternate", "es", f"{site}/es{openings_url}{pk}/"),
        ]


def test_a_page_that_is_not_a_number_is_a_404_and_no_opening_is_an_empty_file(client):
    assert client.get("/sitemap-openings.xml?p=two").status_code == 404
    assert client.get("/sitemap-openings.xml?p=0").status_code == 404
    from xml.etree import ElementTree

    response = client.get("/sitemap-openings.xml")
    assert response.status_code == 200
    assert list(ElementTree.fromstring(response.content)) == []
