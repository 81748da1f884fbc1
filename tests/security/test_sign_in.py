"""Issue 13, findings 7 and 8: portal sign-in does the same work for a client's email and an
unknown one; wrong passwords pause an account from any address and an address at any
account, with the address the trusted proxy saw; nobody can keep a colleague out."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


class CountingHasher(MD5PasswordHasher):
    """The tests' MD5 hasher, counting every hash it computes (check or make)."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The sign-in-link and reset limits live in the cache: each test starts without them."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


def portal_try(client, email, password, **address):
    return client.post("/portal/sign-in/", {"email": email, "password": password}, **address)


def work_done(client, email, hasher) -> tuple[int, int, int, str]:
    """(hashes, queries, status, page without the CSRF token and the email) of one try."""
    before = hasher.calls
    with CaptureQueriesContext(connection) as queries:
        response = portal_try(client, email, "a wrong password")
    page = CSRF.sub("", response.content.decode()).replace(email, "EMAIL")
    return hasher.calls - before, len(queries), response.status_code, page


def test_portal_sign_in_does_the_same_work_for_a_clients_email_and_an_unknown_one(
    client, seeker_user, axes_on, counting_hasher
):
    work_done(client, "warm-up@example.org", counting_hasher)
    known = work_done(client, seeker_user.email, counting_hasher)
    unknown = work_done(client, "not-a-client@example.org", counting_hasher)
    assert known[0] == unknown[0] == 1  # one password hash each
    assert known[1] == unknown[1]
    assert known[2:] == unknown[2:]
    assert known[2] == 400


def test_the_sign_in_log_keeps_no_address_typed_by_someone_who_is_not_a_client(
    client, seeker_user, axes_on
):
    from axes.models import AccessAttempt

    portal_try(client, "not-a-client@example.org", "a wrong password")
    portal_try(client, seeker_user.email, "a wrong password")
    attempts = list(AccessAttempt.objects.all())
    assert len(attempts) == 2
    assert not any("@" in attempt.post_data for attempt in attempts)
    assert not any("not-a-client" in attempt.username for attempt in attempts)


def test_asking_for_a_sign_in_link_does_the_same_for_a_clients_email_and_an_unknown_one(
    client, seeker_user, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    answers = {}
    for email in (seeker_user.email, "not-a-client@example.org"):
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks() as queued,
        ):
            response = client.post("/portal/sign-in/link/", {"email": email}, follow=True)
        answers[email] = (len(queries), len(queued), response.redirect_chain, queued)
        assert "If this email address has a page with us" in response.content.decode()
    known, unknown = answers[seeker_user.email], answers["not-a-client@example.org"]
    # The signed-in-page render queries nothing either way; the task is queued for both.
    assert known[:3] == unknown[:3]
    assert known[1] == 1
    # The task, not the request, finds out whether there is anyone to write to.
    for callback in unknown[3]:
        callback()
    assert mail.outbox == []
    for callback in known[3]:
        callback()
    assert [m.to for m in mail.outbox] == [[seeker_user.email]]


# --- Lockout: per account from any address, per address at any account ------------------


def staff_try(client, user, password, **address):
    data = {"username": user.get_username(), "password": password}
    return client.post("/admin/login/", data, **address)


def portal_user_try(client, user, password, **address):
    return portal_try(client, user.email, password, **address)


@pytest.fixture(params=["workspace", "portal"])
def door(request, users, seeker_user):
    """(the account, its sign-in form) for staff (/admin/login/) and job seekers (/portal/)."""
    if request.param == "workspace":
        return users["specialist"], staff_try
    return seeker_user, portal_user_try


def signed_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


def test_guesses_spread_over_ten_addresses_pause_the_account(door, axes_on):
    user, sign_in = door
    attacker = Client()
    for n in range(40):
        sign_in(attacker, user, f"guess {n}", REMOTE_ADDR=f"203.0.113.{n % 10}")
    owner = Client()
    response = sign_in(owner, user, PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert b"Signing in is paused" in response.content
    assert not signed_in(owner, user)


def test_one_address_trying_many_accounts_is_paused(door, axes_on, settings):
    user, sign_in = door
    prowler = Client()
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        if sign_in is staff_try:
            prowler.post("/admin/login/", {"username": f"name{n}", "password": "x"})
        else:
            portal_try(prowler, f"person{n}@example.org", "x")
    assert sign_in(prowler, user, PASSWORD).status_code == 429
    assert not signed_in(prowler, user)
    elsewhere = Client()
    sign_in(elsewhere, user, PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert signed_in(elsewhere, user)


def test_behind_the_proxy_a_colleagues_wrong_guesses_do_not_pause_you(door, axes_on, settings):
    settings.TRUST_X_FORWARDED_FOR = True
    user, sign_in = door
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    colleague = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        # What the colleague puts in the header comes first; the proxy appends what it saw.
        spoofed = f"192.0.2.{n}, 203.0.113.66"
        sign_in(colleague, user, "wrong", HTTP_X_FORWARDED_FOR=spoofed, **proxy)
    again = sign_in(colleague, user, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.66")
    assert again.status_code == 429  # a made-up address does not reset the count

    owner = Client()
    sign_in(owner, user, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert signed_in(owner, user)


def test_signing_in_to_your_own_account_keeps_the_count_of_guesses_at_others(
    users, axes_on, settings
):
    insider, own = Client(), users["coach"]
    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        insider.post("/admin/login/", {"username": f"name{n}", "password": "x"})
    staff_try(insider, own, PASSWORD)
    assert signed_in(insider, own)
    insider.logout()
    insider.post("/admin/login/", {"username": "one-more", "password": "x"})
    assert staff_try(insider, own, PASSWORD).status_code == 429


def pause_account(user, sign_in, settings) -> None:
    """Wrong passwords from enough addresses to pause the account everywhere."""
    per_address = settings.AXES_FAILURE_LIMIT
    for n in range(settings.AXES_ACCOUNT_FAILURE_LIMIT):
        sign_in(Client(), user, "wrong", REMOTE_ADDR=f"203.0.113.{n // per_address}")
    assert sign_in(Client(), user, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429


def test_a_paused_job_seeker_still_signs_in_by_the_emailed_link(
    seeker_user, axes_on, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    pause_account(seeker_user, portal_user_try, settings)
    owner = Client(REMOTE_ADDR="198.51.100.7")
    with django_capture_on_commit_callbacks(execute=True):
        owner.post("/portal/sign-in/link/", {"email": seeker_user.email})
    path = re.search(r"http://testserver(/portal/link/\S+/)", mail.outbox[0].body).group(1)
    assert owner.post(path).status_code == 302
    assert signed_in(owner, seeker_user)


def test_a_new_password_from_the_emailed_reset_lifts_the_pause(users, axes_on, settings):
    user = users["supervisor"]
    pause_account(user, staff_try, settings)
    owner = Client(REMOTE_ADDR="198.51.100.7")
    owner.post("/admin/password_reset/", {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+/)", mail.outbox[0].body)
    form_page = owner.get(link.group(1), follow=True)
    new = "a brand new long passphrase"
    done = owner.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    staff_try(owner, user, new)
    assert signed_in(owner, user)
