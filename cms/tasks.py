"""Portal email tasks: thin, take ids, retry on provider errors."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from cms import services
from ips.mail import RETRYABLE_EMAIL_ERRORS

EMAIL_RETRY = {
    "autoretry_for": RETRYABLE_EMAIL_ERRORS,
    "retry_backoff": 60,
    "retry_backoff_max": 3600,
    "max_retries": 5,
}


@shared_task(**EMAIL_RETRY)
def send_portal_invite_task(seeker_id: int) -> None:
    services.send_portal_invite(seeker_id=seeker_id)


@shared_task(**EMAIL_RETRY)
def send_sign_in_link_task(email: str, next_path: str = "", base_url: str = "") -> None:
    services.send_sign_in_link(email=email, next_path=next_path, base_url=base_url)


@shared_task
def send_weekly_matches_task() -> int:
    """Fan out this week's weekly emails (celery beat runs it; safe to run again)."""
    return len(services.send_weekly_matches())


@shared_task(**EMAIL_RETRY)
def send_weekly_matches_to_task(seeker_id: int, week: str) -> bool:
    return services.send_weekly_matches_to(seeker_id=seeker_id, today=dt.date.fromisoformat(week))
