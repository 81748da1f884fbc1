"""The person's own choices on the portal: job suggestions, language, profile fields."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext

from cms.models import PortalPreference
from cms.selectors import current_job
from cms.services.common import PortalError
from jobseekers.models import CareerProfile, JobSeeker
from jobseekers.services import (
    career_profile_unchanged,
    confirm_career_profile,
    update_career_profile,
)


@transaction.atomic
def choose_job_suggestions(*, seeker: JobSeeker, keep: bool) -> PortalPreference:
    """Keep (`keep=True`) or pause the openings picked for the seeker, e.g. after a job start;
    remembers the current job start as answered so the question is not asked again for it.
    Paused: no matches on the portal page and no weekly email until they choose again."""
    preference, _ = PortalPreference.objects.select_for_update().get_or_create(seeker=seeker)
    preference.suggestions_paused = not keep
    preference.answered_job = current_job(seeker)
    preference.save(update_fields=["suggestions_paused", "answered_job", "updated_at"])
    return preference


PORTAL_LANGUAGES = ("en", "es")


@transaction.atomic
def choose_portal_language(*, seeker: JobSeeker, language: str) -> PortalPreference:
    """Keep the seeker's language ("en" or "es") in their portal settings: the portal and
    the public site use it from their next sign-in. PortalError for any other code."""
    if language not in PORTAL_LANGUAGES:
        raise PortalError(gettext("Please choose English or Spanish."))
    preference, _ = PortalPreference.objects.get_or_create(seeker=seeker)
    if preference.language != language:
        preference.language = language
        preference.save(update_fields=["language", "updated_at"])
    return preference


PORTAL_PROFILE_FIELDS = frozenset(
    {
        "min_hours_per_week",
        "max_hours_per_week",
        "preferred_schedules",
        "travel_mode",
        "max_commute_miles",
        "preferred_occupations",
    }
)


@transaction.atomic
def change_portal_preferences(
    *, seeker: JobSeeker, changes: dict, weekly_email: bool, expected_version: int | None = None
) -> CareerProfile:
    """Save the seeker's own changes: a new career-profile version, and the email opt-in.
    `expected_version` is the profile version the form showed (StaleCopyError if superseded).
    Saving the form unchanged makes no new version (the profile's history stays one entry
    per real change); it still answers a pending "please check your profile" request."""
    unknown = set(changes) - PORTAL_PROFILE_FIELDS
    if unknown:
        raise PortalError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    current = seeker.profiles.filter(is_current=True).first()
    if current is not None and career_profile_unchanged(current, changes):
        confirm_career_profile(seeker=seeker, by=None)
        profile = current
    else:
        profile = update_career_profile(
            seeker=seeker, changes=changes, by=None, expected_version=expected_version
        )
    PortalPreference.objects.update_or_create(
        seeker=seeker, defaults={"weekly_email": weekly_email}
    )
    return profile
