"""Culture, family involvement and coordination: the person's cultural preferences, their
consent to involve family (given and withdrawn), contacts with other services."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ips.versioning import save_if_unchanged
from jobseekers.models import CoordinationContact, CulturalPreference, FamilyConsent, JobSeeker
from jobseekers.services.common import Actor, _log, _staff_of, _validate

# --- culture and family involvement -----------------------------------------------------


@transaction.atomic
def record_cultural_preferences(
    *, seeker: JobSeeker, recorded_on: dt.date, values_and_preferences: str, by: Actor
) -> CulturalPreference:
    """Record the person's cultural values and preferences in their words, dated (PSR
    practice parameters: culturally sensitive services); earlier records are kept."""
    row = CulturalPreference(
        program_id=seeker.program_id,
        seeker=seeker,
        recorded_on=recorded_on,
        values_and_preferences=values_and_preferences.strip(),
        recorded_by=_staff_of(by, seeker.program),
    )
    _validate(row, exclude=("seeker", "program"))
    row.save()
    _log(seeker, "wagtail.edit", by, f"Cultural values and preferences recorded {recorded_on}")
    return row


@transaction.atomic
def record_family_consent(
    *,
    seeker: JobSeeker,
    contact_name: str,
    scope: str,
    given_on: dt.date,
    by: Actor,
    relationship: str = "",
    phone: str = "",
) -> FamilyConsent:
    """Record the person's consent to involve a family member or friend: who, what may be
    shared (`scope`, in the person's words) and from when (PSR practice parameters:
    family involvement with consent)."""
    consent = FamilyConsent(
        program_id=seeker.program_id,
        seeker=seeker,
        contact_name=contact_name.strip(),
        relationship=relationship.strip(),
        phone=phone.strip(),
        scope=scope.strip(),
        given_on=given_on,
    )
    _validate(consent, exclude=("seeker", "program"))
    consent.save()
    _log(seeker, "wagtail.edit", by, f"Family consent: {consent}")
    return consent


@transaction.atomic
def withdraw_family_consent(
    *,
    consent: FamilyConsent,
    withdrawn_on: dt.date,
    by: Actor,
    expected_version: int | None = None,
) -> FamilyConsent:
    """The person withdraws consent from `withdrawn_on` (today or earlier): the contact is
    no longer offered to staff (FamilyConsent.objects.in_force) and its phone number is
    erased, so no screen, export or copy of the record can show it any more; the name,
    the relationship and the dates stay as the record of the withdrawal. Refused for a
    day before consent was given or after today, or when already withdrawn; StaleCopyError
    when changed since the form."""
    if withdrawn_on > timezone.localdate():
        raise ValidationError(
            {"withdrawn_on": "Record the withdrawal from today or the day the person said."}
        )
    if consent.withdrawn_on is not None:
        raise ValidationError(
            {"withdrawn_on": f"Consent was already withdrawn on {consent.withdrawn_on}."}
        )
    if withdrawn_on < consent.given_on:
        raise ValidationError(
            {"withdrawn_on": f"Consent was given on {consent.given_on}: withdraw it after."}
        )
    consent.withdrawn_on = withdrawn_on
    consent.phone = ""
    save_if_unchanged(
        consent, expected_version=expected_version, update_fields=["withdrawn_on", "phone"]
    )
    _log(consent.seeker, "wagtail.edit", by, f"Family consent withdrawn: {consent}")
    return consent


# --- coordination with other services ---------------------------------------------------


@transaction.atomic
def log_coordination_contact(
    *,
    seeker: JobSeeker,
    service: str,
    contact_person: str,
    date: dt.date,
    agreed: str,
    by: Actor,
    service_name: str = "",
) -> CoordinationContact:
    """Log a contact with another service about the person (CoordinationContact.Service:
    psychiatry, primary care, substance use, supported housing, vocational rehabilitation,
    the mental-health team, other): the contact person, the date (not in the future) and
    what was agreed (PSR practice parameters: coordinated services)."""
    if date > timezone.localdate():
        raise ValidationError({"date": "A contact cannot be logged for a day still to come."})
    row = CoordinationContact(
        program_id=seeker.program_id,
        seeker=seeker,
        service=service,
        service_name=service_name.strip(),
        contact_person=contact_person.strip(),
        date=date,
        agreed=agreed.strip(),
        logged_by=_staff_of(by, seeker.program),
    )
    _validate(row, exclude=("seeker", "program"))
    row.save()
    _log(seeker, "wagtail.edit", by, f"Coordination: {row}")
    return row
