"""API tokens: made and revoked on the workspace page /admin/api/tokens/ (issue 22, item 2)."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from api.models import ApiToken
from api.tokens import create_personal_token, create_service_token, revoke_token
from ips.roles import Role

pytestmark = pytest.mark.django_db
URL = "/admin/api/tokens/"


def test_the_secret_is_stored_only_as_its_hash(users):
    token, secret = create_personal_token(user=users[Role.COACH], name="phone")
    assert secret.startswith(f"ips_{token.prefix}_")
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {getattr(token, f.attname) for f in ApiToken._meta.concrete_fields}


def test_only_a_director_of_the_program_makes_its_service_token(users, program, other_program):
    for role in (Role.SPECIALIST, Role.COACH, Role.SUPERVISOR):
        with pytest.raises(PermissionDenied):
            create_service_token(by=users[role], program=program, name="state")
    with pytest.raises(PermissionDenied):
        create_service_token(by=users[Role.DIRECTOR], program=other_program, name="state")
    token, _ = create_service_token(by=users[Role.DIRECTOR], program=program, name="state")
    assert token.can_write is False  # read-only by default


def test_a_token_needs_a_name_and_a_life_of_at_most_a_year(users, seeker_user):
    with pytest.raises(ValidationError) as error:
        create_personal_token(user=users[Role.COACH], name="  ")
    assert "name" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create_personal_token(user=users[Role.COACH], name="x", days=400)
    assert "days" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        create_personal_token(user=seeker_user, name="portal")  # not staff
    assert ApiToken.objects.count() == 0


def test_nobody_revokes_another_persons_token(users):
    token, _ = create_personal_token(user=users[Role.COACH], name="phone")
    with pytest.raises(ApiToken.DoesNotExist):
        revoke_token(by=users[Role.SPECIALIST], token_id=token.pk)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_staff_make_a_token_on_the_page_and_see_it_once(client, users):
    client.force_login(users[Role.SPECIALIST])
    page = client.get(URL)
    assert page.status_code == 200
    assert b"Make a program service token" not in page.content  # not a director
    made = client.post(
        URL, {"make": "personal", "personal-name": "field app", "personal-days": "30"}
    )
    assert made.status_code == 200
    token = ApiToken.objects.get(user=users[Role.SPECIALIST])
    secret = made.context["secret"]
    assert secret.encode() in made.content
    assert "no-store" in made["Cache-Control"] or "max-age=0" in made["Cache-Control"]
    again = client.get(URL)
    assert secret.encode() not in again.content  # shown once
    assert f"ips_{token.prefix}_".encode() in again.content
    response = client.get("/api/v1/programs", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200


def test_bad_input_on_the_page_saves_nothing_and_says_why(client, users):
    client.force_login(users[Role.SPECIALIST])
    response = client.post(URL, {"make": "personal", "personal-name": "", "personal-days": "0"})
    assert response.status_code == 400
    assert response.context["personal_form"].errors.keys() == {"name", "days"}
    assert ApiToken.objects.count() == 0


def test_a_director_makes_a_read_only_service_token_and_revokes_it(client, users, program):
    client.force_login(users[Role.DIRECTOR])
    made = client.post(
        URL,
        {
            "make": "service",
            "service-program": program.pk,
            "service-name": "State reporting",
            "service-days": "365",
        },
    )
    assert made.status_code == 200
    token = ApiToken.objects.get(kind="service")
    assert (token.program, token.can_write) == (program, False)
    secret = made.context["secret"]
    auth = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/programs", headers=auth).status_code == 200
    revoked = client.post(URL, {"revoke": str(token.pk)})
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/programs", headers=auth).status_code == 401


def test_revoking_a_token_one_cannot_see_changes_nothing(client, users):
    token, _ = create_personal_token(user=users[Role.COACH], name="phone")
    client.force_login(users[Role.SPECIALIST])
    for value in (str(token.pk), "abc", ""):
        response = client.post(URL, {"revoke": value}, follow=True)
        assert b"nothing was revoked" in response.content
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_is_personal_with_a_user_or_a_service_with_a_program(users, program):
    from django.db import IntegrityError, transaction

    for wrong in (
        {"kind": "personal", "program": program},
        {"kind": "service", "user": users[Role.COACH]},
        {"kind": "personal", "user": users[Role.COACH], "program": program},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            ApiToken.objects.create(name="x", prefix="abcd1234", secret_hash="0" * 64, **wrong)
    assert ApiToken.objects.count() == 0
