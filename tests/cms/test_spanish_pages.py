"""The public pages in Spanish through Wagtail's own localisation (issue 20, item 5): a
Spanish page tree under /es/ beside the English one, the switch landing on the same page
in the other language, Spanish titles and `lang`, the sitemap, and the migration that
keeps an existing site's pages English."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.conf import settings
from wagtail.models import Locale, Page

from cms.models import HomePage, OpeningsIndexPage, StandardPage
from cms.services import ensure_site, public_openings_path
from employers.models import JobOpening
from ips.models import Occupation

pytestmark = pytest.mark.django_db


def switch(client, language, next_path):
    return client.post("/portal/language/", {"language": language, "next": next_path})


def test_every_english_page_has_a_live_spanish_translation_under_es():
    english = Page.objects.filter(locale__language_code="en", depth__gte=2).specific()
    assert len(english) == 5
    for page in english:
        spanish = page.get_translation(Locale.objects.get(language_code="es"))
        assert spanish.live
        assert spanish.url == f"/es{page.url}"
        assert spanish.title != page.title  # written in Spanish, not copied


def test_ensure_site_adds_the_spanish_tree_once_and_keeps_editors_spanish():
    spanish_about = StandardPage.objects.get(slug="about-the-program", locale__language_code="es")
    spanish_about.title = "Quiénes somos"
    spanish_about.save_revision().publish()
    before = Page.objects.count()
    ensure_site()
    assert Page.objects.count() == before
    assert StandardPage.objects.get(pk=spanish_about.pk).title == "Quiénes somos"


@pytest.mark.parametrize(
    ("path", "heading", "words"),
    [
        ("/es/", "Encuentre el trabajo que quiere", "Cómo conseguir un especialista"),
        ("/es/about-the-program/", "Sobre el programa", "Quién puede entrar"),
        ("/es/how-ips-works/", "Cómo funciona IPS", "La búsqueda de trabajo empieza pronto"),
        ("/es/about-the-data/", "Sobre los datos", "USDOL/ETA no ha aprobado"),
        ("/es/openings/", "Trabajos disponibles", "Buscar trabajos"),
    ],
)
def test_each_spanish_page_is_in_spanish_with_lang_and_title(client, path, heading, words):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert f"<h1>{heading}</h1>" in html
    assert f"<title>{heading} · " in html
    assert words in html
    assert response["Content-Language"] == "es"


def test_english_pages_keep_their_addresses_and_english(client):
    for path in ("/", "/openings/", "/about-the-program/", "/how-ips-works/", "/about-the-data/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert '<html lang="en">' in response.content.decode(), path
    # A Spanish cookie does not change what an English address shows (no mixed pages).
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert "<h1>About the data</h1>" in client.get("/about-the-data/").content.decode()


def test_the_switch_lands_on_the_translation_even_with_its_own_slug(client):
    spanish = StandardPage.objects.get(slug="about-the-data", locale__language_code="es")
    spanish.slug = "sobre-los-datos"
    spanish.save_revision().publish()
    to_spanish = switch(client, "es", "/about-the-data/")
    assert to_spanish.url == "/es/sobre-los-datos/"
    assert "<h1>Sobre los datos</h1>" in client.get(to_spanish.url).content.decode()
    assert switch(client, "en", "/es/sobre-los-datos/").url == "/about-the-data/"


def test_the_switch_keeps_an_openings_sub_route_and_query(client, make_opening, openings_url):
    opening = make_opening(title="Room attendant")
    response = switch(client, "es", f"{openings_url}{opening.pk}/?from=list")
    assert response.url == f"/es{openings_url}{opening.pk}/?from=list"
    html = client.get(response.url).content.decode()
    assert '<html lang="es">' in html
    assert "Room attendant" in html  # the employer's own title, as written


def test_an_english_page_without_a_translation_switches_to_the_spanish_prefix(client):
    home = HomePage.objects.get(locale__language_code="en")
    home.add_child(instance=StandardPage(title="News", slug="news", body="<p>Hi</p>"))
    response = switch(client, "es", "/news/")
    assert response.url == "/es/news/"
    missing = client.get(response.url)
    assert missing.status_code == 404
    assert "No encontramos esta página" in missing.content.decode()  # the 404, in Spanish


def test_spanish_opening_gone_is_410_in_spanish_with_similar_jobs(client, make_opening):
    housekeeping = Occupation.objects.get(code="37-2012.00")
    gone = make_opening(
        title="Room attendant", occupation=housekeeping, status=JobOpening.Status.FILLED
    )
    similar = make_opening(title="Hotel housekeeper", occupation=housekeeping)
    response = client.get(f"/es/openings/{gone.pk}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Este trabajo ya no está disponible" in html
    assert f'href="/es/openings/{similar.pk}/"' in html  # similar jobs stay in Spanish


def test_the_sitemap_lists_the_spanish_pages(client):
    body = client.get("/sitemap-pages.xml").content.decode()
    found = set(re.findall(r"<loc>https?://[^/]+([^<]+)</loc>", body))
    assert {"/", "/openings/", "/es/", "/es/openings/", "/es/about-the-data/"} <= found


def test_the_openings_path_follows_the_language():
    assert public_openings_path("en") == "/openings/"
    assert public_openings_path("es") == "/es/openings/"
    OpeningsIndexPage.objects.filter(locale__language_code="es").update(live=False)
    assert public_openings_path("es") == "/openings/"


def test_the_migration_keeps_an_existing_sites_pages_english():
    migration = importlib.import_module("cms.migrations.0007_english_and_spanish_locales")
    english = Locale.objects.get(language_code="en")
    pages = set(Page.objects.filter(locale=english).values_list("pk", flat=True))
    Page.objects.filter(locale__language_code="es").delete()
    Locale.objects.filter(language_code="es").delete()
    english.language_code = "en-us"  # the code an older settings file gave the first locale
    english.save()
    migration.create_locales(apps, None)
    english.refresh_from_db()
    assert english.language_code == "en"
    assert set(Page.objects.filter(locale=english).values_list("pk", flat=True)) == pages
    assert Locale.objects.filter(language_code="es").exists()
    migration.create_locales(apps, None)  # again: nothing changes
    assert Locale.objects.count() == 2


def test_signing_in_from_a_spanish_page_is_in_spanish_and_lands_back_on_it(
    client, seeker_user, make_opening
):
    opening = make_opening(title="Room attendant")
    detail = f"/es/openings/{opening.pk}/"
    html = client.get(detail).content.decode()
    sign_in_link = re.search(r'href="(/portal/sign-in/\?next=[^"]+)"', html).group(1)
    page = client.get(sign_in_link)
    assert '<html lang="es">' in page.content.decode()  # no cookie: the page it came from
    assert "Entrar a su página" in page.content.decode()
    response = client.post(
        sign_in_link,
        {
            "email": "alex_portal@example.org",
            "password": "correct horse battery staple",
            "next": detail,
        },
    )
    assert response.url == detail
    assert client.get("/portal/sign-in/?next=https://evil.example/es/").url == "/portal/"


def test_each_translated_page_in_the_sitemap_names_its_other_language(client):
    """hreflang alternates (a red-team finding: the pages' file had none): each page with a
    live translation names both languages' URLs, itself included."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(client.get("/sitemap-pages.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    link = "{http://www.w3.org/1999/xhtml}link"
    alternates = {
        re.sub(r"^https?://[^/]+", "", url.findtext("s:loc", namespaces=ns)): [
            (a.get("hreflang"), re.sub(r"^https?://[^/]+", "", a.get("href")))
            for a in url.iter(link)
        ]
        for url in root.findall("s:url", ns)
    }
    both = [("en", "/openings/"), ("es", "/es/openings/")]
    assert alternates["/openings/"] == alternates["/es/openings/"] == both
    assert alternates["/es/about-the-data/"] == [
        ("en", "/about-the-data/"),
        ("es", "/es/about-the-data/"),
    ]
