"""PSR status check-ins: housing, education, justice, hospital use, supports and the
person's own ratings since the last check-in."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format

from ips.idempotency import key_constraint, key_field
from ips.models import Program, StaffMember
from jobseekers.models.records import JobSeeker, SeekerRowQuerySet


class StatusCheckIn(models.Model):
    """A PSR status check-in: housing, education, justice, hospital use, supports and the
    person's own ratings, since the last check-in. Every field but the date is optional."""

    class Housing(models.TextChoices):
        OWN_OR_FAMILY = "own_or_family", "Own home or family home"
        SUPPORTED = "supported", "Supported housing"
        SHELTER = "shelter", "Shelter"
        HOMELESS = "homeless", "Homeless"
        INSTITUTION = "institution", "Hospital, prison or other institution"

    class Justice(models.TextChoices):
        NONE = "none", "None"
        NEW_CONTACT = "new_contact", "New contact with police or courts"
        NEW_CHARGE = "new_charge", "New charge"
        INCARCERATION = "incarceration", "Time in jail or prison"

    STABLE_HOUSING = ("own_or_family", "supported")
    NEW_JUSTICE = ("new_contact", "new_charge", "incarceration")

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="check_ins")
    date = models.DateField()
    housing = models.CharField(max_length=20, choices=Housing.choices, blank=True)
    housing_moves = models.PositiveSmallIntegerField(
        "moves since the last check-in", null=True, blank=True
    )
    education_enrolled = models.BooleanField("enrolled in a course", null=True, blank=True)
    education_completed = models.BooleanField(
        "completed a course or credential", null=True, blank=True
    )
    justice = models.CharField(
        "justice involvement since the last check-in",
        max_length=20,
        choices=Justice.choices,
        blank=True,
    )
    inpatient_admissions = models.PositiveSmallIntegerField(
        "psychiatric hospital admissions", null=True, blank=True
    )
    inpatient_days = models.PositiveSmallIntegerField("days in hospital", null=True, blank=True)
    er_visits = models.PositiveSmallIntegerField("emergency-room visits", null=True, blank=True)
    social_supports = models.PositiveSmallIntegerField(
        "people the person can count on", null=True, blank=True
    )
    quality_of_life = models.PositiveSmallIntegerField(
        "the person's rating of their life (1-5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    service_rating = models.PositiveSmallIntegerField(
        "the person's rating of our services (1-5)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    entered_by_person = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    idempotency_key = key_field()

    # One check-in per person and day, minutes apart, is a double submission.
    DUPLICATE_FIELDS = ("seeker", "date")

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "-date", "-id"]
        verbose_name = "status check-in"
        constraints = [
            models.CheckConstraint(
                condition=Q(quality_of_life__isnull=True)
                | (Q(quality_of_life__gte=1) & Q(quality_of_life__lte=5)),
                name="checkin_quality_of_life_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(service_rating__isnull=True)
                | (Q(service_rating__gte=1) & Q(service_rating__lte=5)),
                name="checkin_service_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(inpatient_days__isnull=True) | Q(inpatient_days__lte=366),
                name="checkin_inpatient_days_at_most_a_year",
            ),
            models.CheckConstraint(
                condition=Q(
                    housing__in=[
                        "",
                        "own_or_family",
                        "supported",
                        "shelter",
                        "homeless",
                        "institution",
                    ]
                ),
                name="checkin_housing_known",
            ),
            models.CheckConstraint(
                condition=Q(justice__in=["", "none", "new_contact", "new_charge", "incarceration"]),
                name="checkin_justice_known",
            ),
            key_constraint("status_checkin"),
        ]
        indexes = [models.Index(fields=["program", "date"])]

    def __str__(self) -> str:
        return f"Check-in for {self.seeker} on {date_format(self.date)}"
