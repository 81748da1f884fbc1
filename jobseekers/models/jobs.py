"""Job starts and their ends."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from employers.models import Employer, JobOpening
from ips.idempotency import key_constraint, key_field
from ips.models import Occupation, Program
from ips.querysets import ProgramScopedQuerySet
from ips.versioning import Versioned
from jobseekers.models.records import JobSeeker


class JobQuerySet(ProgramScopedQuerySet):
    def held_between(self, start, end):
        """Worked in a period: started by its end and not ended before its start."""
        return self.filter(start_date__lte=end).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start)
        )

    def started_between(self, start, end):
        return self.filter(start_date__gte=start, start_date__lte=end)

    def current(self):
        return self.filter(end_date__isnull=True)


class Job(Versioned):
    """A job start (and its end). Competitive: open to anyone, at least minimum wage,
    the same pay as co-workers, not set aside for people with disabilities."""

    class Disclosure(models.TextChoices):
        NONE = "none", "Employer not told"
        PARTIAL = "partial", "Employer told some things"
        FULL = "full", "Employer knows about the support"

    class EndReason(models.TextChoices):
        QUIT = "quit", "Left by choice"
        QUIT_BETTER_JOB = "better_job", "Left for a better job"
        FIRED = "fired", "Let go"
        LAID_OFF = "laid_off", "Laid off"
        TEMPORARY_ENDED = "temporary_ended", "Temporary job ended"
        HEALTH = "health", "Health reasons"
        OTHER = "other", "Other"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    ref = models.CharField("agency reference", max_length=64, blank=True)
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="jobs")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="jobs")
    opening = models.ForeignKey(
        JobOpening, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    title = models.CharField(max_length=200)
    occupation = models.ForeignKey(
        Occupation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    hourly_wage = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    paid_hours_to_date = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    competitive = models.BooleanField(default=True)
    permanent = models.BooleanField(default=True)
    disclosure = models.CharField(max_length=10, choices=Disclosure.choices, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    end_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    idempotency_key = key_field()

    # The same person starting at the same employer on the same day, minutes apart.
    DUPLICATE_FIELDS = ("seeker", "employer", "start_date")

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "ref"], condition=~Q(ref=""), name="job_ref_unique_per_program"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="job_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__isnull=True)
                | (Q(hours_per_week__gte=0) & Q(hours_per_week__lte=80)),
                name="job_hours_0_to_80",
            ),
            models.CheckConstraint(
                condition=Q(hourly_wage__isnull=True) | Q(hourly_wage__gte=0),
                name="job_wage_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(paid_hours_to_date__isnull=True) | Q(paid_hours_to_date__gte=0),
                name="job_paid_hours_not_negative",
            ),
            key_constraint("job"),
        ]
        indexes = [models.Index(fields=["program", "start_date", "end_date"])]

    def __str__(self) -> str:
        return f"{self.title} at {self.employer.name} ({self.seeker})"
