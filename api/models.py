"""API tokens: a staff member's personal access token, or a program's service token."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ips.models import Program


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        """Not revoked and not expired at `now` (default: the current time)."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A bearer token. The secret is shown once when made; only its SHA-256 is stored,
    with a short `prefix` (the first characters of the secret) to tell tokens apart.

    - personal (`kind=personal`): acts as `user` with the user's own roles.
    - service (`kind=service`): acts for one `program` as a read-only leadership reader
      (api.principal.ServicePrincipal); `can_write` is off unless the director allows it.
    """

    class Kind(models.TextChoices):
        PERSONAL = "personal", "Personal access token"
        SERVICE = "service", "Program service token"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=100, help_text="What the token is for.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ips_api_tokens",
        help_text="Personal tokens: the staff member the token acts as.",
    )
    program = models.ForeignKey(
        Program,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="service_tokens",
        help_text="Service tokens: the one program the token reads.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    can_write = models.BooleanField(
        default=False, help_text="Service tokens only: may also write (off: read-only)."
    )
    see_sensitive = models.BooleanField(
        default=False,
        help_text="The `sensitive` scope: may read job seekers' sensitive fields (contact "
        "details, disclosure, benefits, PSR check-in answers) where the role shows them.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="personal", user__isnull=False, program__isnull=True))
                | Q(kind="service", program__isnull=False, user__isnull=True),
                name="api_token_personal_has_user_service_has_program",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}\u2026)"

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class KeyUse(models.Model):
    """An Idempotency-Key an API write answered, with a fingerprint of the request it came
    with (the IETF httpapi idempotency-key draft, "Error Scenarios": a key reused with a
    different request is a 422, not a replay). Written in the same transaction as the row
    the write recorded; a retry with the same key and the same request is answered with
    the first row, one with another request is refused (api.keys)."""

    key = models.UUIDField(unique=True)
    fingerprint = models.CharField(
        max_length=64, help_text="SHA-256 of the method, path and canonical JSON body."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Idempotency-Key {self.key}"
