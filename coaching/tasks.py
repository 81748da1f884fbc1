"""Celery tasks for follow-along email: thin, take ids, retry on provider errors."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from coaching import services
from ips.mail import RETRYABLE_EMAIL_ERRORS

# Provider outages: retry after ~30 s, 60 s, 120 s ... (jittered, at most an hour apart).
EMAIL_RETRY = {
    "autoretry_for": RETRYABLE_EMAIL_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": 6,
}


@shared_task(name="coaching.send_morning_digests")
def send_morning_digests_task(day: str | None = None) -> int:
    """Queue one digest task per opted-in staff member (celery beat, each morning)."""
    on = dt.date.fromisoformat(day) if day else timezone.localdate()
    staff_ids = services.staff_for_morning_digest(day=on)
    for staff_id in staff_ids:
        transaction.on_commit(
            lambda staff_id=staff_id: send_digest_task.delay(staff_id, on.isoformat())
        )
    return len(staff_ids)


@shared_task(name="coaching.send_digest", **EMAIL_RETRY)
def send_digest_task(staff_id: int, day: str) -> bool:
    """Send one staff member's digest for a day (at most once, whatever the retries)."""
    return services.send_digest(staff_id=staff_id, day=dt.date.fromisoformat(day))


@shared_task(name="coaching.notify_specialist_of_interest", **EMAIL_RETRY)
def notify_specialist_of_interest_task(outcome_id: int) -> bool:
    """Tell the specialist that their job seeker is interested in an opening (once)."""
    return services.notify_specialist_of_interest(outcome_id=outcome_id)


@shared_task(name="coaching.notify_specialist_of_withdrawal", **EMAIL_RETRY)
def notify_specialist_of_withdrawal_task(withdrawal_id: int) -> bool:
    """Tell the specialist their job seeker took back "I'm interested" (once)."""
    return services.notify_specialist_of_withdrawal(withdrawal_id=withdrawal_id)
