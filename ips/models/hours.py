"""Staff time: TimeEntry rows and the week-of-hours saves (idempotent by key)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.formats import date_format

from ips.idempotency import key_constraint, key_field
from ips.models.programs import Program, StaffMember
from ips.querysets import ProgramScopedQuerySet
from ips.roles import LEADERSHIP, program_ids
from ips.versioning import Versioned


class TimeEntryQuerySet(ProgramScopedQuerySet):
    def for_user(self, user):
        """Leadership sees the program's entries; other staff only their own."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(
            Q(program_id__in=program_ids(user, LEADERSHIP))
            | Q(program_id__in=program_ids(user), staff__user=user)
        )


class TimeEntry(Versioned):
    """Hours a staff member spent on one day, by activity and place (items S2, V13)."""

    class Activity(models.TextChoices):
        EMPLOYMENT_SERVICES = "employment_services", "Employment services"
        OTHER = "other", "Other work"

    class Location(models.TextChoices):
        COMMUNITY = "community", "In the community"
        OFFICE = "office", "In the office"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="time_entries")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="time_entries")
    date = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    activity = models.CharField(max_length=30, choices=Activity.choices)
    location = models.CharField(max_length=20, choices=Location.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = key_field()

    # An identical entry made minutes ago is a double submission (ips.idempotency).
    DUPLICATE_FIELDS = ("staff", "date", "activity", "location", "hours")

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "staff"]
        verbose_name_plural = "time entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=24), name="time_entry_hours_0_to_24"
            ),
            models.CheckConstraint(
                condition=Q(activity__in=["employment_services", "other"]),
                name="time_entry_activity_known",
            ),
            models.CheckConstraint(
                condition=Q(location__in=["community", "office"]),
                name="time_entry_location_known",
            ),
            key_constraint("time_entry"),
        ]

    def __str__(self) -> str:
        return f"{date_format(self.date)} {self.staff.display_name}: {self.hours} h"


class WeekOfHoursSave(models.Model):
    """One saving of a staff member's week of hours (the "Week of hours" screen,
    `coaching.services.record_week_of_time`). Its submission key answers a replayed
    sending with "Already saved", even for a week of zeros (no entries are stored for
    those); the latest saving of a week, with the week's entries, is the week's version
    (`coaching.services.week_version`), so a copy of the screen opened before a later save
    is refused instead of overwriting the correction (issue 14)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="week_saves")
    monday = models.DateField(help_text="The Monday of the ISO week saved.")
    created_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = key_field()

    objects = TimeEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [key_constraint("week_of_hours")]

    def __str__(self) -> str:
        return f"Week of {self.monday} for {self.staff.display_name}, saved {self.created_at:%H:%M}"
