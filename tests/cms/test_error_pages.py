"""Error pages in the site's layout (issue 20, item 4): 404, 410 for a filled opening with
similar open jobs, a static 500, the favicon, and sign-in returning to where it started."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error

from employers.models import JobOpening
from ips.models import Occupation

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
LAYOUT = ('name="viewport"', 'class="skip-link"', 'class="site-header"', "Find work you want")


def assert_site_layout(html: str) -> None:
    for piece in LAYOUT:
        assert piece in html


def test_unknown_page_is_a_404_in_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_site_layout(html)
    assert "We cannot find this page" in html
    assert 'href="/openings/"' in html


def test_unknown_opening_is_a_404_in_the_site_layout(client, openings_url):
    response = client.get(f"{openings_url}987654/")
    assert response.status_code == 404
    assert_site_layout(response.content.decode())


def test_an_opening_never_shared_is_a_404_even_when_closed(client, make_opening, openings_url):
    private = make_opening(title="Secret role", shareable=False, status=JobOpening.Status.FILLED)
    response = client.get(f"{openings_url}{private.pk}/")
    assert response.status_code == 404
    assert "Secret role" not in response.content.decode()


@pytest.mark.parametrize("status", [JobOpening.Status.FILLED, JobOpening.Status.CLOSED])
def test_a_filled_or_closed_opening_is_410_with_three_similar_open_jobs(
    client, make_opening, openings_url, status, django_assert_max_num_queries
):
    housekeeping = Occupation.objects.get(code="37-2012.00")
    janitor = Occupation.objects.get(code="37-2011.00")
    cook = Occupation.objects.get(code="35-2014.00")
    gone = make_opening(title="Room attendant", occupation=housekeeping, status=status)
    make_opening(title="Line cook", occupation=cook)  # another family: only if too few
    make_opening(title="Custodian", occupation=janitor)
    make_opening(title="Housekeeper nights", occupation=housekeeping)
    make_opening(title="Hotel housekeeper", occupation=housekeeping)
    make_opening(title="Hidden housekeeper", occupation=housekeeping, shareable=False)
    # 9 before Wagtail's localisation; +1 its active-locale lookup, +1 a content type the
    # first request of a test process may still have to read.
    with django_assert_max_num_queries(11):
        response = client.get(f"{openings_url}{gone.pk}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert_site_layout(html)
    assert "This job is no longer open" in html
    assert "Room attendant" in html
    similar = [o.title for o in response.context["similar"]]
    assert sorted(similar[:2]) == ["Hotel housekeeper", "Housekeeper nights"]
    assert similar[2] == "Custodian"  # same kind of work (SOC 37) before any other
    assert "Hidden housekeeper" not in html
    assert f'href="{openings_url}{gone.pk}/"' not in html


def test_a_filled_opening_with_nothing_similar_still_offers_open_jobs(
    client, make_opening, openings_url
):
    gone = make_opening(title="Old job", status=JobOpening.Status.FILLED)
    other = make_opening(title="Any job")
    response = client.get(f"{openings_url}{gone.pk}/")
    assert response.status_code == 410
    assert [o.pk for o in response.context["similar"]] == [other.pk]


def test_the_500_page_uses_the_site_layout_and_no_database():
    request = RequestFactory().get("/broken/")
    with CaptureQueriesContext(connection) as queries:
        response = server_error(request)
    assert len(queries) == 0
    assert response.status_code == 500
    html = response.content.decode()
    assert_site_layout(html)
    assert "Sorry, something went wrong" in html


def test_a_failing_page_answers_with_the_500_page(settings):
    settings.ROOT_URLCONF = "tests.cms.urls_failing"
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_favicon_is_served_and_linked_from_every_page(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert 'rel="icon"' in client.get("/").content.decode()


def test_favicon_refuses_a_post(client):
    assert client.post("/favicon.ico").status_code == 405


def test_sign_in_link_on_an_opening_returns_to_the_opening(
    client, seeker_user, make_opening, openings_url
):
    opening = make_opening()
    detail = f"{openings_url}{opening.pk}/"
    html = client.get(detail).content.decode()
    assert f'href="/portal/sign-in/?next={detail}"' in html
    sign_in = client.get(f"/portal/sign-in/?next={detail}")
    assert f'name="next" value="{detail}"' in sign_in.content.decode()
    response = client.post(
        "/portal/sign-in/",
        {"email": "alex_portal@example.org", "password": PASSWORD, "next": detail},
    )
    assert response.status_code == 302
    assert response.url == detail


def test_the_header_sign_in_link_carries_the_page_with_its_query(client, openings_url):
    html = client.get(f"{openings_url}?q=cook").content.decode()
    assert f'href="/portal/sign-in/?next={openings_url}%3Fq%3Dcook"' in html


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_an_unsafe_next_is_neither_shown_nor_followed(client, seeker_user, unsafe):
    page = client.get("/portal/sign-in/", {"next": unsafe}).content.decode()
    sign_in_form = page.split('action="/portal/sign-in/"')[1].split("</form>")[0]
    assert '<input type="hidden" name="next" value="">' in sign_in_form
    assert "evil.example" not in sign_in_form
    response = client.post(
        "/portal/sign-in/",
        {"email": "alex_portal@example.org", "password": PASSWORD, "next": unsafe},
    )
    assert response.url == "/portal/"


def test_a_signed_in_seeker_sent_to_sign_in_goes_straight_back(portal_client, openings_url):
    response = portal_client.get("/portal/sign-in/", {"next": openings_url})
    assert response.status_code == 302
    assert response.url == openings_url


def test_portal_pages_send_visitors_to_sign_in_and_back_with_the_query(client):
    response = client.get("/portal/preferences/?from=email")
    assert response.url == "/portal/sign-in/?next=/portal/preferences/%3Ffrom%3Demail"


def test_readme_gives_the_portal_sign_in_email_the_demo_creates():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    from ips.demo import people

    assert "seeker@demo.example.org" in readme
    assert 'email="seeker@demo.example.org"' in Path(people.__file__).read_text()
