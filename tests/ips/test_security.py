"""Sign-in protection: lockout, password rules, staff idle timeout, two-step, CSP."""

import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery staple"


def _totp_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_sixth_attempt_after_five_wrong_passwords_is_refused_even_with_the_right_one(
    client, users, settings
):
    settings.AXES_ENABLED = True
    username = users["specialist"].username
    for _ in range(5):
        client.post("/admin/login/", {"username": username, "password": "wrong"})
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 429
    assert b"Signing in is paused" in response.content
    assert client.get("/admin/").status_code == 302  # still signed out


def test_right_password_within_the_limit_signs_in(client, users, settings):
    settings.AXES_ENABLED = True
    username = users["specialist"].username
    for _ in range(3):
        client.post("/admin/login/", {"username": username, "password": "wrong"})
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("weak", ["short1", "password123", "1234567890123", "abcdefghij"])
def test_weak_passwords_are_rejected(weak, users):
    with pytest.raises(ValidationError):
        validate_password(weak, users["specialist"])


def test_staff_idle_longer_than_the_limit_are_signed_out(client, users, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(users["specialist"])
    session = client.session
    session["ips_last_seen"] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "timeout=1" in response["Location"]
    assert client.get("/admin/").status_code == 302


def test_staff_active_within_the_limit_stay_signed_in(client, users, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(users["specialist"])
    session = client.session
    session["ips_last_seen"] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/admin/").status_code == 200


def test_staff_with_two_step_on_must_enter_a_code_before_the_workspace(client, users):
    user = users["supervisor"]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-step/verify/")

    wrong = client.post("/admin/two-step/verify/", {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 200
    assert b"did not match" in wrong.content
    assert client.get("/admin/").status_code == 302

    # django-otp throttles after a wrong code; a person waits, the test resets the clock.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    right = client.post("/admin/two-step/verify/", {"code": _totp_code(device), "next": "/admin/"})
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_verify_never_redirects_to_another_site(client, users):
    user = users["supervisor"]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    response = client.post(
        "/admin/two-step/verify/", {"code": _totp_code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_turning_on_two_step_needs_a_correct_code(client, users):
    user = users["specialist"]
    client.force_login(user)
    page = client.get("/admin/two-step/")
    assert page.status_code == 200
    assert b"<svg" in page.content
    secret = re.search(r"Key: <code>([A-Z2-7]+)</code>", page.content.decode()).group(1)
    app = TOTPDevice(user=user, key=b32decode(secret + "=" * (-len(secret) % 8)).hex())

    client.post("/admin/two-step/", {"code": "12345"})
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()

    client.post("/admin/two-step/", {"code": _totp_code(app)})
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed is True
    assert device.key == app.key


def test_staff_without_two_step_are_not_asked_for_a_code(client, users):
    client.force_login(users["coach"])
    assert client.get("/admin/").status_code == 200


def test_public_pages_send_a_strict_content_security_policy(client, db):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


def test_workspace_sends_its_own_policy_limited_to_this_site(client, db):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'self'" in policy


def test_repeated_wrong_codes_are_slowed_down(client, users):
    user = users["supervisor"]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.force_login(user)
    client.post("/admin/two-step/verify/", {"code": "000000"})
    response = client.post("/admin/two-step/verify/", {"code": _totp_code(device)})
    assert b"Too many wrong codes" in response.content
    assert client.get("/admin/").status_code == 302
