"""The audit log: AuditEvent rows and their queryset."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

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
        """The page title: "Tue 1 Dec 2026, 00:27 Ana Ruiz: Viewed Job seeker", in the
        program's local time as the page body shows it (DATETIME_FORMAT)."""
        when = date_format(timezone.localtime(self.at), "DATETIME_FORMAT") if self.at else ""
        return f"{when} {self.user_label}: {self.get_action_display()} {self.record_type()}"

    @admin.display(description="record", ordering="object_type")
    def record_type(self) -> str:
        """The model's name as people read it ("Job seeker" for "jobseekers.JobSeeker");
        the stored label when it names no model (an old or removed one)."""
        try:
            model = apps.get_model(self.object_type)
        except (LookupError, ValueError):
            return self.object_type
        return capfirst(str(model._meta.verbose_name))

    def get_object_type_display(self) -> str:
        """The inspect page's "Object type" value: record_type, as the listing shows it."""
        return self.record_type()
