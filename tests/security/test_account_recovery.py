"""Issue 13, finding 19 (part): opening the two-step page writes nothing; password-reset
emails are limited per email address and per caller, with the same answer every time."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from ips.signin import RESET_PER_ADDRESS, RESET_PER_EMAIL

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


def test_opening_the_two_step_page_creates_no_device(client, users):
    user = users["specialist"]
    client.force_login(user)
    first = client.get("/admin/two-step/")
    second = client.get("/admin/two-step/")
    assert first.status_code == second.status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()
    # The same key until it is confirmed, so a reload does not break a half-done setup.
    assert first.context["secret"] == second.context["secret"]


def ask_for_reset(client: Client, email: str):
    response = client.post("/admin/password_reset/", {"email": email})
    assert response.status_code == 302
    assert response["Location"] == "/admin/password_reset/done/"
    return response


def test_reset_emails_to_one_address_are_limited(users):
    email = users["specialist"].email
    limit, _ = RESET_PER_EMAIL
    for n in range(limit + 3):
        ask_for_reset(Client(REMOTE_ADDR=f"203.0.113.{n}"), email)  # from many places
    assert len(mail.outbox) == limit
    assert all(message.to == [email] for message in mail.outbox)


def test_reset_requests_from_one_caller_are_limited(users):
    caller = Client(REMOTE_ADDR="203.0.113.9")
    limit, _ = RESET_PER_ADDRESS
    for n in range(limit):
        ask_for_reset(caller, f"someone{n}@example.org")
    ask_for_reset(caller, users["coach"].email)
    assert mail.outbox == []
    ask_for_reset(Client(REMOTE_ADDR="198.51.100.7"), users["coach"].email)
    assert [message.to for message in mail.outbox] == [[users["coach"].email]]
