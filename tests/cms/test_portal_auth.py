"""Portal sign-in: password, one-time emailed link, invitation; staff are not portal users."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from cms.models import PortalPreference
from cms.tokens import SIGN_IN_LINK_MINUTES, SignInLinkTokenGenerator
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def link_in(message) -> str:
    return re.search(r"http://testserver(/portal/\S+/)", message.body).group(1)


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/portal/")
    assert response.status_code == 302
    assert response.url.startswith("/portal/sign-in/?next=/portal/")


def test_seeker_signs_in_with_email_and_password(client, seeker_user):
    response = client.post(
        "/portal/sign-in/", {"email": "ALEX_PORTAL@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/portal/"
    assert signed_in_user_id(client) == str(seeker_user.pk)


@pytest.mark.parametrize(
    "data",
    [
        {"email": "alex_portal@example.org", "password": "wrong"},
        {"email": "nobody@example.org", "password": PASSWORD},
        {"email": "not an email", "password": PASSWORD},
        {},
    ],
)
def test_wrong_sign_in_gives_a_plain_message_and_no_session(client, seeker_user, data):
    response = client.post("/portal/sign-in/", data)
    assert response.status_code == 400
    assert "Please check this" in response.content.decode()
    assert signed_in_user_id(client) is None


def test_sign_in_refuses_an_unsafe_next_address(client, seeker_user):
    response = client.post(
        "/portal/sign-in/",
        {"email": "alex_portal@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == "/portal/"


@pytest.mark.parametrize("role", ["specialist", "coach", "supervisor", "director"])
def test_staff_cannot_sign_in_to_the_portal(client, users, role):
    response = client.post("/portal/sign-in/", {"email": users[role].email, "password": PASSWORD})
    assert response.status_code == 400
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("role", ["specialist", "coach", "supervisor", "director"])
def test_signed_in_staff_are_told_the_portal_is_for_job_seekers(client, users, role):
    client.force_login(users[role])
    for path in ("/portal/", "/portal/profile/", "/portal/preferences/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "This page is for job seekers" in response.content.decode()


def test_superuser_linked_to_a_seeker_is_still_not_a_portal_user(client, superuser, seeker):
    seeker.portal_user = superuser
    seeker.save()
    client.force_login(superuser)
    assert client.get("/portal/").status_code == 403


def ask_for_link(client, email: str, capture):
    """POST the sign-in-link form; the task it queues on commit runs (eagerly) here."""
    with capture(execute=True):
        return client.post("/portal/sign-in/link/", {"email": email})


def test_sign_in_link_is_emailed_and_works_once(
    client, seeker_user, anymail_backend, django_capture_on_commit_callbacks
):
    response = ask_for_link(client, "alex_portal@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = link_in(mail.outbox[0])
    assert client.get(path).status_code == 200  # a button to press; the GET spends nothing
    assert signed_in_user_id(client) is None
    assert client.post(path).status_code == 302
    assert signed_in_user_id(client) == str(seeker_user.pk)
    client.logout()
    assert client.post(path).status_code == 400
    assert signed_in_user_id(client) is None


def test_sign_in_link_expires(
    client, seeker_user, anymail_backend, django_capture_on_commit_callbacks
):
    ask_for_link(client, "alex_portal@example.org", django_capture_on_commit_callbacks)
    path = link_in(mail.outbox[0])
    now = SignInLinkTokenGenerator()._now()
    with mock.patch.object(
        SignInLinkTokenGenerator,
        "_now",
        return_value=now + dt.timedelta(minutes=SIGN_IN_LINK_MINUTES + 1),
    ):
        response = client.post(path)
    assert response.status_code == 400
    assert "does not work any more" in response.content.decode()
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("email", ["nobody@example.org", "specialist_north@example.org"])
def test_sign_in_link_is_not_sent_to_unknown_or_staff_addresses(
    client, users, email, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/portal/sign-in/link/", {"email": email}, follow=True)
    assert "If this email address has a page with us" in response.content.decode()
    assert mail.outbox == []


def test_sign_in_link_with_bad_address_is_a_message(client):
    response = client.post("/portal/sign-in/link/", {"email": "nope"})
    assert response.status_code == 400
    assert mail.outbox == []


@pytest.mark.parametrize("path", ["/portal/link/zz/bad-token/", "/portal/welcome/MQ/1-abc/"])
def test_broken_links_say_so_plainly(client, seeker_user, path):
    response = client.post(path)
    assert response.status_code == 400
    assert signed_in_user_id(client) is None


def test_invitation_link_sets_a_password_and_signs_in(
    client, seeker, users, anymail_backend, django_capture_on_commit_callbacks
):
    seeker.email = "alex@example.org"
    seeker.save()
    client.force_login(users["specialist"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/portal-invitations/{seeker.pk}/invite/")
    assert response.status_code == 302
    seeker.refresh_from_db()
    user = seeker.portal_user
    assert user.email == "alex@example.org"
    assert not user.has_usable_password()
    assert PortalPreference.objects.get(seeker=seeker).invited_at is not None
    assert len(mail.outbox) == 1
    path = link_in(mail.outbox[0])
    client.logout()
    mismatch = client.post(path, {"new_password1": "a-long-pass-1", "new_password2": "other"})
    assert mismatch.status_code == 400
    assert signed_in_user_id(client) is None
    new = "sunny meadow lantern 42"
    assert client.post(path, {"new_password1": new, "new_password2": new}).status_code == 302
    assert signed_in_user_id(client) == str(user.pk)
    client.logout()
    assert client.post(path, {"new_password1": new, "new_password2": new}).status_code == 400
    assert (
        client.post("/portal/sign-in/", {"email": "alex@example.org", "password": new}).status_code
        == 302
    )


def test_invite_without_email_changes_nothing(client, seeker, users):
    client.force_login(users["specialist"])
    response = client.post(f"/admin/portal-invitations/{seeker.pk}/invite/", follow=True)
    assert "Add an email address" in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.portal_user is None
    assert mail.outbox == []


def test_invite_refuses_a_staff_members_email(client, seeker, users):
    seeker.email = users["coach"].email
    seeker.save()
    client.force_login(users["specialist"])
    response = client.post(f"/admin/portal-invitations/{seeker.pk}/invite/", follow=True)
    assert "belongs to a staff account" in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.portal_user is None
    assert mail.outbox == []


def test_invite_refuses_an_email_another_seeker_uses(client, seeker, other_seeker, users):
    taken = make_user("taken_portal")
    other_seeker.portal_user = taken
    other_seeker.save()
    seeker.email = taken.email
    seeker.save()
    client.force_login(users["specialist"])
    response = client.post(f"/admin/portal-invitations/{seeker.pk}/invite/", follow=True)
    assert "already used by another job seeker" in response.content.decode()
    seeker.refresh_from_db()
    assert seeker.portal_user is None


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("specialist", True),
        ("supervisor", True),
        ("director", True),
        ("coach", False),
        ("outsider", False),
        ("seeker_user", False),
    ],
)
def test_invite_permission_matrix(
    client, seeker, users, outsider, seeker_user, who, allowed, django_capture_on_commit_callbacks
):
    seeker.email = "alex@example.org"
    seeker.save()
    user = {"outsider": outsider, "seeker_user": seeker_user}.get(who) or users[who]
    before = get_user_model().objects.count()
    linked_before = seeker.portal_user_id
    client.force_login(user)
    listing = client.get("/admin/portal-invitations/?mine=0")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/portal-invitations/{seeker.pk}/invite/")
    seeker.refresh_from_db()
    if allowed:
        assert listing.status_code == 200
        assert seeker.name in listing.content.decode()
        assert response.status_code == 302
        assert len(mail.outbox) == 1
    else:
        assert seeker.name not in listing.content.decode()
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:  # to sign in, or Wagtail's "permission denied" home
            assert response.url in ("/admin/", "/admin/login/") or "/admin/login/" in response.url
        assert seeker.portal_user_id == linked_before
        assert get_user_model().objects.count() == before
        assert mail.outbox == []


@pytest.mark.parametrize("size", [3, 30])
def test_invitations_listing_query_count_is_constant(
    client, program, staff, users, django_assert_max_num_queries, size
):
    from jobseekers.models import JobSeeker

    JobSeeker.objects.bulk_create(
        [
            JobSeeker(program=program, name=f"Person {n}", specialist=staff["specialist"])
            for n in range(size)
        ]
    )
    client.force_login(users["specialist"])
    client.get("/admin/portal-invitations/")  # warm Wagtail's per-process caches
    with django_assert_max_num_queries(20):
        response = client.get("/admin/portal-invitations/")
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == size


def test_sign_in_links_are_limited_to_one_a_minute(
    client, seeker_user, anymail_backend, django_capture_on_commit_callbacks
):
    for _ in range(3):
        response = ask_for_link(
            client, "alex_portal@example.org", django_capture_on_commit_callbacks
        )
        assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_a_sign_in_link_asked_for_from_an_opening_lands_back_on_it(
    client, seeker_user, make_opening, openings_url, django_capture_on_commit_callbacks
):
    opening = make_opening(title="Room attendant")
    detail = f"/es{openings_url}{opening.pk}/"
    sign_in = client.get(f"/portal/sign-in/?next={detail}").content.decode()
    assert f'<input type="hidden" name="next" value="{detail}">' in sign_in  # both forms
    assert sign_in.count(f'name="next" value="{detail}"') == 2
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(
            "/portal/sign-in/link/", {"email": "alex_portal@example.org", "next": detail}
        )
    assert (
        asked.url == f"/portal/sign-in/?next=%2Fes{openings_url.replace('/', '%2F')}{opening.pk}%2F"
    )
    # Asked for from a Spanish page, with no language kept yet: the email is in Spanish.
    assert mail.outbox[0].subject == "Su enlace para entrar"
    body = mail.outbox[0].body
    link = re.search(r"http://testserver(/portal/link/\S+)", body).group(1)
    assert link.endswith(f"?next=%2Fes{openings_url.replace('/', '%2F')}{opening.pk}%2F")
    confirm = client.get(link).content.decode()
    assert f'name="next" value="{detail}"' in confirm
    response = client.post(link, {"next": detail})
    assert response.status_code == 302
    assert response.url == detail
    assert signed_in_user_id(client) == str(seeker_user.pk)
    # Spanish is kept and the portal follows it (the cookie), not only the emails.
    assert response.cookies["language"].value == "es"
    assert 'lang="es"' in client.get("/portal/").content.decode()


@pytest.mark.parametrize(
    "hostile", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/\\evil"]
)
def test_a_hostile_next_on_the_sign_in_link_is_ignored_without_an_error(
    client, seeker_user, django_capture_on_commit_callbacks, hostile
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(
            "/portal/sign-in/link/", {"email": "alex_portal@example.org", "next": hostile}
        )
    assert asked.status_code == 302
    assert asked.url == "/portal/sign-in/"
    link = re.search(r"http://testserver(/portal/link/\S+/)\s", mail.outbox[0].body).group(1)
    assert "next" not in mail.outbox[0].body.split(link, 1)[1].split()[0]  # nothing carried
    # Someone edits the emailed link to add one: signing in still works, and goes home.
    from urllib.parse import quote

    tampered = f"{link}?next={quote(hostile, safe='')}"
    confirm = client.get(tampered).content.decode().split("<main", 1)[1]
    assert "evil" not in confirm  # the button's form carries no next
    response = client.post(tampered, {"next": hostile})
    assert response.status_code == 302
    assert response.url == "/portal/"
    assert signed_in_user_id(client) == str(seeker_user.pk)


def test_the_sign_in_link_service_drops_a_next_that_is_not_a_local_path(seeker_user, mailoutbox):
    from cms.services import local_path, send_sign_in_link

    assert local_path("/openings/3/?page=2") == "/openings/3/?page=2"
    for value in ("", None, "openings/3/", "https://evil.example/", "//evil.example", "/\\x"):
        assert local_path(value) == "", value
    send_sign_in_link(email="alex_portal@example.org", next_path="https://evil.example/")
    assert "evil" not in mailoutbox[0].body


@pytest.fixture
def reference_data_kept(django_db_blocker):
    """Requested before transactional_db: re-loads the reference data (Wagtail site, O*NET,
    role groups) its flush removes, for the tests that follow."""
    yield
    from tests.conftest import ensure_reference_data

    with django_db_blocker.unblock():
        ensure_reference_data()


@pytest.mark.parametrize(
    "backend",
    ["tests.cms.failing_mail.SmtpDownBackend", "tests.cms.failing_mail.ProviderErrorBackend"],
)
def test_a_sign_in_link_that_cannot_be_emailed_is_a_calm_message_and_logged(
    reference_data_kept, transactional_db, client, seeker_user, settings, caplog, backend
):
    """Committed transactions, as on the running site: the task runs (eagerly) inside the
    request, and the mail backend's failure reaches the view."""
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    settings.EMAIL_BACKEND = backend
    last_login = seeker_user.last_login
    response = client.post("/portal/sign-in/link/", {"email": "alex_portal@example.org"})
    assert response.status_code == 503
    html = response.content.decode()
    assert (
        "We could not send the email just now. Please try again in a few minutes, "
        "or ask your employment specialist." in html
    )
    assert 'value="alex_portal@example.org"' in html  # kept, to try again
    assert "Sorry, something went wrong" not in html
    assert "If this email address has a page with us" not in html
    [record] = [r for r in caplog.records if r.name == "cms.views.sign_in"]
    assert record.levelname == "ERROR"
    assert record.exc_info is not None
    assert signed_in_user_id(client) is None
    seeker_user.refresh_from_db()
    assert seeker_user.last_login == last_login
    # The same in Spanish.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    cache_clear()
    spanish = client.post("/portal/sign-in/link/", {"email": "alex_portal@example.org"})
    assert spanish.status_code == 503
    assert "No pudimos enviar el correo" in spanish.content.decode()


def cache_clear() -> None:
    """The one-a-minute limit would keep the second try from reaching the mail backend."""
    from django.core.cache import cache

    cache.clear()


def test_the_emailed_link_is_on_the_address_the_person_asked_from(
    client, seeker_user, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/portal/sign-in/link/",
            {"email": "alex_portal@example.org"},
            HTTP_HOST="localhost:8017",
        )
    body = mail.outbox[0].body
    assert "127.0.0.1:8000" not in body
    path = re.search(r"http://localhost:8017(/portal/link/\S+/)\s", body).group(1)
    assert client.post(path, HTTP_HOST="localhost:8017").status_code == 302
    assert signed_in_user_id(client) == str(seeker_user.pk)


def test_an_emailed_link_without_a_request_is_on_the_configured_address(
    seeker_user, settings, mailoutbox
):
    from cms.tasks import send_sign_in_link_task

    settings.WAGTAILADMIN_BASE_URL = "https://ips.example.org"
    send_sign_in_link_task.delay("alex_portal@example.org")
    assert re.search(r"https://ips\.example\.org/portal/link/\S+/", mailoutbox[0].body)


def test_where_any_host_is_allowed_the_link_stays_on_the_configured_address(
    client, seeker_user, settings, django_capture_on_commit_callbacks
):
    """A forged Host header must not aim someone's sign-in link at another site."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAILADMIN_BASE_URL = "https://ips.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/portal/sign-in/link/", {"email": "alex_portal@example.org"}, HTTP_HOST="evil.example"
        )
    body = mail.outbox[0].body
    assert "evil.example" not in body
    assert "https://ips.example.org/portal/link/" in body
