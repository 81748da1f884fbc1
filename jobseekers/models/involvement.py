"""Culture, family involvement and coordination with other services: cultural
preferences, family consent, coordination contacts."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format

from ips.models import Program, StaffMember
from ips.versioning import Versioned
from jobseekers.models.records import JobSeeker, SeekerRowQuerySet


class CulturalPreference(models.Model):
    """The person's cultural values and preferences, in their words, as recorded on a day
    (PSR practice parameters: services are culturally sensitive). The latest is current;
    earlier ones are kept."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="cultural_preferences"
    )
    recorded_on = models.DateField()
    values_and_preferences = models.TextField(
        "values and preferences, in the person's words (language, faith, customs, how and "
        "by whom they want to be helped)"
    )
    recorded_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"Cultural values and preferences of {self.seeker} ({self.recorded_on})"


class FamilyConsentQuerySet(SeekerRowQuerySet):
    def in_force(self, on):
        """Consent given by `on` and not withdrawn by then: whom staff may contact."""
        return self.filter(given_on__lte=on).filter(
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
        )


class FamilyConsent(Versioned):
    """The person's consent to involve a family member or friend: who, what may be shared,
    from when, and when it was withdrawn (PSR practice parameters: family involvement with
    the person's consent). Only consent in force makes the contact one staff may reach."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.CASCADE, related_name="family_consents")
    contact_name = models.CharField("who", max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    scope = models.TextField("what may be shared, in the person's words")
    given_on = models.DateField("consent given on")
    withdrawn_on = models.DateField("consent withdrawn on", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FamilyConsentQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "contact_name", "-given_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=F("given_on")),
                name="family_consent_withdrawn_on_or_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_name} ({self.relationship or 'family'})"

    def is_withdrawn_by(self, day) -> bool:
        return self.withdrawn_on is not None and self.withdrawn_on <= day


class CoordinationContact(models.Model):
    """A contact with another service about the person: which service, the contact
    person there, the date and what was agreed (PSR practice parameters: services are
    coordinated; IPS fidelity: integration with the mental-health team and other services)."""

    class Service(models.TextChoices):
        PSYCHIATRY = "psychiatry", "Psychiatry"
        PRIMARY_CARE = "primary_care", "Primary care"
        SUBSTANCE_USE = "substance_use", "Substance use services"
        SUPPORTED_HOUSING = "supported_housing", "Supported housing"
        VOCATIONAL_REHABILITATION = "vocational_rehabilitation", "Vocational rehabilitation"
        MENTAL_HEALTH_TEAM = "mental_health_team", "Mental-health treatment team"
        OTHER = "other", "Other service"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    seeker = models.ForeignKey(
        JobSeeker, on_delete=models.CASCADE, related_name="coordination_contacts"
    )
    service = models.CharField(max_length=30, choices=Service.choices)
    service_name = models.CharField("which one (agency or office)", max_length=200, blank=True)
    contact_person = models.CharField("contact person", max_length=200)
    date = models.DateField()
    agreed = models.TextField("what was agreed")
    logged_by = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SeekerRowQuerySet.as_manager()

    class Meta:
        ordering = ["seeker", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_service_display()} ({self.contact_person}) on {date_format(self.date)}"
