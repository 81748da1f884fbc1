"""Making, checking and revoking API tokens (the only writer of api.models.ApiToken)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from api.models import ApiToken
from ips.models import Program
from ips.roles import Role, is_staff_member, program_ids

SCHEME = "ips"  # a secret reads "ips_<prefix>_<rest>"
PREFIX_LENGTH = 8
MAX_DAYS = 366  # a token lives a year at most
LAST_USED_EVERY = dt.timedelta(minutes=5)  # `last_used_at` is written at most this often


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret() -> tuple[str, str]:
    """(prefix, secret): a random 8-hex-digit prefix no token has yet (the column is
    unique; retried on the rare clash) and 32 random bytes, URL-safe base64."""
    for _ in range(10):
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    return prefix, f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"


def _expiry(days: int) -> dt.datetime:
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": [f"A token lives from 1 to {MAX_DAYS} days."]})
    return timezone.now() + dt.timedelta(days=days)


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": ["Give the token a name: what is it for?"]})
    return name[:100]


def create_personal_token(
    *, user, name: str, days: int = 90, see_sensitive: bool = False
) -> tuple[ApiToken, str]:
    """A personal access token acting as `user` for `days` days (1 to 366); with
    `see_sensitive` (the `sensitive` scope) it also reads job seekers' sensitive fields
    where the user's role does (api.common.may_see_sensitive). Returns (token, secret):
    the secret is shown once and never stored.
    PermissionDenied when the user is not staff; ValidationError by field."""
    if not is_staff_member(user):
        raise PermissionDenied("Only staff members make API tokens.")
    clean_name, expires_at = _name(name), _expiry(days)
    prefix, secret = _new_secret()
    token = ApiToken.objects.create(
        kind=ApiToken.Kind.PERSONAL,
        name=clean_name,
        user=user,
        created_by=user,
        prefix=prefix,
        secret_hash=_hash(secret),
        expires_at=expires_at,
        see_sensitive=see_sensitive,
    )
    return token, secret


def create_service_token(
    *,
    by,
    program: Program,
    name: str,
    days: int = 365,
    can_write: bool = False,
    see_sensitive: bool = False,
) -> tuple[ApiToken, str]:
    """A program service token for a reporting system, made by a director of `program`
    (or a superuser); read-only unless `can_write`; job seekers' sensitive fields only with
    `see_sensitive` (the `sensitive` scope). Returns (token, secret shown once).
    PermissionDenied for anyone else; ValidationError by field."""
    if not (by.is_superuser or program.pk in program_ids(by, {Role.DIRECTOR})):
        raise PermissionDenied("Only a director of the program makes its service tokens.")
    clean_name, expires_at = _name(name), _expiry(days)
    prefix, secret = _new_secret()
    token = ApiToken.objects.create(
        kind=ApiToken.Kind.SERVICE,
        name=clean_name,
        program=program,
        created_by=by,
        prefix=prefix,
        secret_hash=_hash(secret),
        expires_at=expires_at,
        can_write=can_write,
        see_sensitive=see_sensitive,
    )
    return token, secret


def tokens_for(user):
    """The tokens a user may see and revoke: their own personal tokens and the service
    tokens of programs they direct (all for a superuser)."""
    mine = ApiToken.objects.filter(user=user) if user.is_authenticated else ApiToken.objects.none()
    if user.is_superuser:
        return ApiToken.objects.select_related("program", "user")
    directed = ApiToken.objects.filter(
        kind=ApiToken.Kind.SERVICE, program_id__in=program_ids(user, {Role.DIRECTOR})
    )
    return (mine | directed).select_related("program", "user")


def revoke_token(*, by, token_id: int) -> ApiToken:
    """Revoke a token `by` may see (`tokens_for`); revoking twice changes nothing.
    ApiToken.DoesNotExist for any other id."""
    token = tokens_for(by).get(pk=token_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The usable token whose secret this is (constant-time compare), or None for a
    malformed, unknown, revoked or expired one. Notes the use (at most every 5 minutes)."""
    parts = (secret or "").split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME or len(parts[1]) != PREFIX_LENGTH:
        return None
    token = ApiToken.objects.usable().select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    if token.user is not None and not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
