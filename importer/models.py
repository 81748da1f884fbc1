"""The importer's one model: files uploaded in the workspace, checked, then imported.

The table keeps the name it had when the model lived in the fidelity app
(`fidelity_importupload`); importer/migrations/0001 took it over without touching it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ips.models import Program
from ips.querysets import LeadershipQuerySet


class ImportUpload(models.Model):
    """Files uploaded in the workspace for `import_program`: previewed, then confirmed."""

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking the files"
        PREVIEW = "preview", "Ready to confirm"
        REJECTED = "rejected", "Problems found; nothing imported"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Stopped by an error; nothing imported"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    files = models.JSONField(default=dict, help_text="File name -> base64 content.")

    class DateOrder(models.TextChoices):
        ISO = "", "Only YYYY-MM-DD (2026-04-09)"
        MDY = "MDY", "Month first (04/09/2026 is April 9)"
        DMY = "DMY", "Day first (04/09/2026 is 4 September)"

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    dates = models.CharField(
        "Dates written",
        max_length=3,
        choices=DateOrder.choices,
        blank=True,
        default="",
        help_text="How the files write dates other than YYYY-MM-DD.",
    )
    preview = models.JSONField(
        default=dict, blank=True, help_text="File name -> the first rows as read, and counts."
    )
    rows = models.PositiveIntegerField(default=0)
    progress_done = models.PositiveSmallIntegerField(default=0)
    progress_total = models.PositiveSmallIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    notes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LeadershipQuerySet.as_manager()

    class Meta:
        db_table = "fidelity_importupload"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import into {self.program} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)
