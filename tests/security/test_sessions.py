"""Issue 13, findings 9 and 16: background requests do not keep an idle session open; the
portal signs idle job seekers out and no portal page is kept by a cache."""

from __future__ import annotations

import re
import time

import pytest
from django.urls import URLPattern, reverse

from cms import urls as portal_urls

pytestmark = pytest.mark.django_db
LAST_SEEN = "ips_last_seen"


def idle_for(client, minutes: int) -> int:
    """Pretend the signed-in person made their last request `minutes` ago."""
    session = client.session
    session[LAST_SEEN] = int(time.time()) - minutes * 60
    session.save()
    return session[LAST_SEEN]


@pytest.fixture
def edit_page_ping(client, superuser):
    """The editing-session ping URL an open page editor calls by itself, as a browser finds it."""
    from cms.models import HomePage

    client.force_login(superuser)
    page = client.get(
        f"/admin/pages/{HomePage.objects.get(locale__language_code='en').pk}/edit/"
    ).content.decode()
    return re.search(r'data-w-swap-src-value="(/admin/editing-sessions/ping/[^"]+)"', page)[1]


def test_an_open_editors_ping_does_not_keep_an_idle_session_open(client, edit_page_ping):
    stamp = idle_for(client, 20)
    response = client.post(edit_page_ping)
    assert response.status_code == 200
    assert client.session[LAST_SEEN] == stamp  # the ping is not the person


def test_an_open_editors_ping_is_signed_out_once_idle_too_long(client, edit_page_ping, settings):
    idle_for(client, settings.STAFF_IDLE_TIMEOUT_MINUTES + 1)
    response = client.post(edit_page_ping)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def test_staff_using_the_workspace_keep_their_session(client, users):
    client.force_login(users["specialist"])
    stamp = idle_for(client, 20)
    assert client.get("/admin/").status_code == 200
    assert client.session[LAST_SEEN] > stamp


@pytest.fixture
def portal_client(client, seeker_user):
    client.force_login(seeker_user)
    return client


def test_job_seekers_idle_longer_than_the_limit_are_signed_out(portal_client, settings):
    idle_for(portal_client, settings.PORTAL_IDLE_TIMEOUT_MINUTES + 1)
    response = portal_client.get("/portal/profile/", follow=True)
    assert response.redirect_chain[0][0].startswith("/portal/sign-in/?next=%2Fportal%2Fprofile%2F")
    assert "You were signed out after 30 minutes" in response.content.decode()
    assert "_auth_user_id" not in portal_client.session


def test_job_seekers_active_within_the_limit_stay_signed_in(portal_client, settings):
    idle_for(portal_client, settings.PORTAL_IDLE_TIMEOUT_MINUTES - 1)
    assert portal_client.get("/portal/profile/").status_code == 200


def portal_paths(opening_id: int) -> list[tuple[str, str]]:
    """(method, path) of every portal URL, with made-up values for its parameters."""
    values = {"opening_id": opening_id, "uidb64": "MQ", "token": "1-abc"}
    found = []
    for pattern in portal_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {name: values[name] for name in pattern.pattern.converters}
        path = reverse(f"portal:{pattern.name}", kwargs=kwargs)
        post_only = pattern.name in {
            "send_link",
            "sign_out",
            "interested",
            "withdraw_interest",
            "suggestions",
            "language",
        }
        found.append(("post" if post_only else "get", path))
    return found


@pytest.fixture
def opening(program):
    from tests.cms.conftest import build_opening

    return build_opening(program)


def test_no_portal_page_is_kept_by_a_browser_or_proxy_cache(client, seeker_user, opening):
    paths = portal_paths(opening.pk)
    assert len(paths) == len(portal_urls.urlpatterns) >= 9
    for method, path in paths:
        client.force_login(seeker_user)
        response = getattr(client, method)(path)
        cache_control = response.get("Cache-Control", "")
        assert "no-store" in cache_control, (method, path, response.status_code)
        assert "private" in cache_control, (method, path)
