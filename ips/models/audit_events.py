"""The audit log: AuditEvent rows and their queryset."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ips.models.programs import Program
from ips.roles import LEADERSHIP, program_ids
from ips.versioning import Versioned


class AuditEventQuerySet(models.QuerySet):
    def for_user(self, user):
        """Supervisors and directors read their programs' trail."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(program_id__in=program_ids(user, LEADERSHIP))

    def for_seeker(self, seeker_id: int):
        return self.filter(seeker_id=seeker_id)


class AuditEvent(Versioned):
    """Who viewed or changed a job seeker's record, when and from where.

    `seeker_id` is a plain number, not a foreign key, so the trail outlives an erasure;
    `summary` never holds the record's content (field names at most).
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        EXPORT = "export", "Exported"
        ERASE = "erase", "Erased"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField("who", max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    seeker_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    summary = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit event"

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}" if self.at else ""
        return f"{when} {self.user_label}: {self.get_action_display()} {self.object_type}"
