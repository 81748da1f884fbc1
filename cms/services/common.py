"""What the portal's writes share: PortalError, absolute portal URLs, the safe local path
and the language a person reads."""

from __future__ import annotations

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from cms.models import PortalPreference
from jobseekers.models import JobSeeker

# --- The job seeker portal ----------------------------------------------------


class PortalError(ValueError):
    """A portal action refused, with a message in plain words for the person asking."""


def portal_url(path: str, base_url: str = "") -> str:
    """An absolute link for an email: on `base_url` (the address the person asked from,
    "http://host:port/") when given, else on the site's base URL from the environment."""
    return f"{(base_url or settings.WAGTAILADMIN_BASE_URL).rstrip('/')}{path}"


def local_path(value: str | None) -> str:
    """`value` if it is a path on this site with no host or scheme ("/openings/12/?page=2"),
    else "": "https://evil.example/", "//evil.example/" and "javascript:..." all give ""
    (Django's url_has_allowed_host_and_scheme with no host allowed)."""
    value = (value or "").strip()
    if not value.startswith("/") or not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return ""
    return value


def saved_language(seeker: JobSeeker | None) -> str | None:
    """The language kept in the seeker's portal settings ("en" or "es"), or None."""
    if seeker is None:
        return None
    language = (
        PortalPreference.objects.filter(seeker=seeker).values_list("language", flat=True).first()
    )
    return language or None


def seeker_language(seeker: JobSeeker | None) -> str:
    """The language kept in the seeker's portal settings ("en" or "es"); "en" if none."""
    return saved_language(seeker) or "en"
