"""The weekly email of new matches to each job seeker who keeps suggestions on."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from cms.models import OpeningsIndexPage, PortalPreference
from cms.selectors import is_portal_account, new_matches_since, weekly_email_recipients
from cms.services.common import portal_url
from ips.mail import send_templated_email
from jobseekers.models import JobSeeker


def week_start(day: dt.date) -> dt.date:
    """Monday of the week `day` is in: the weekly email's marker."""
    return day - dt.timedelta(days=day.weekday())


def send_weekly_matches_to(*, seeker_id: int, today: dt.date | None = None) -> bool:
    """Send one seeker this week's email of new matches; never twice in one week, never
    once they paused suggestions (checked here, as the email goes: a task queued before
    the pause, or retried after it, sends nothing)."""
    week = week_start(today or timezone.localdate())
    with transaction.atomic():
        preference = (
            PortalPreference.objects.select_for_update(of=("self",))
            .select_related("seeker__portal_user", "seeker__specialist__user")
            .filter(seeker_id=seeker_id, weekly_email=True, suggestions_paused=False)
            .first()
        )
        if preference is None or (preference.last_weekly_week or dt.date.min) >= week:
            return False
        seeker, user = preference.seeker, preference.seeker.portal_user
        if user is None or not is_portal_account(user) or not user.email:
            return False
        since = preference.last_weekly_sent_at or timezone.now() - dt.timedelta(days=7)
        matches = new_matches_since(seeker, since)
        if not matches:
            return False
        with translation.override(preference.language):  # the seeker's own language
            _send_weekly(user, seeker, matches)
        preference.last_weekly_week = week
        preference.last_weekly_sent_at = timezone.now()
        preference.save(update_fields=["last_weekly_week", "last_weekly_sent_at", "updated_at"])
    return True


def _send_weekly(user, seeker: JobSeeker, matches: list) -> None:
    send_templated_email(
        to=[user.email],
        template="weekly_matches",
        context={
            "name": seeker.preferred_name or seeker.name.split()[0],
            "matches": matches,
            "portal_link": portal_url(reverse("portal:home")),
            "preferences_link": portal_url(reverse("portal:preferences")),
            "openings_base": portal_url(public_openings_path()),
        },
        tags=["weekly-matches"],
    )


def public_openings_path(language: str | None = None) -> str:
    """The openings index page's path in `language` ("en" or "es"; the active language by
    default), e.g. /openings/ or /es/openings/; the English one when that language has no
    live openings page."""
    language = language or translation.get_language() or "en"
    pages = OpeningsIndexPage.objects.live()
    page = (
        pages.filter(locale__language_code=language).first()
        or pages.filter(locale__language_code="en").first()
    )
    return page.url if page is not None and page.url else "/openings/"


def send_weekly_matches(*, today: dt.date | None = None) -> list[int]:
    """Enqueue this week's email for every opted-in seeker not yet sent one."""
    from cms.tasks import send_weekly_matches_to_task

    week = week_start(today or timezone.localdate())
    seeker_ids = weekly_email_recipients(week)
    for seeker_id in seeker_ids:
        send_weekly_matches_to_task.delay(seeker_id, week.isoformat())
    return seeker_ids
