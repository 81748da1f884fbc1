"""The recommender's nightly schedule in django-celery-beat (idempotent, no migration)."""

from __future__ import annotations

from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask

# (periodic task name, celery task, hour, minute) in the program's TIME_ZONE.
NIGHTLY = (
    (
        "locate_unlocated_seekers_task",
        "jobseekers.matching.tasks.locate_unlocated_seekers_task",
        1,
        45,
    ),
    ("refresh_all_matches_task", "jobseekers.matching.tasks.refresh_all_matches_task", 2, 30),
    ("retrain_match_model_task", "jobseekers.matching.tasks.retrain_match_model_task", 2, 0),
)


@transaction.atomic
def ensure_match_schedules() -> list[str]:
    """Create or update the nightly refresh and retraining entries; returns their names."""
    from django.conf import settings

    names = []
    for name, task, hour, minute in NIGHTLY:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=str(minute),
            hour=str(hour),
            day_of_week="*",
            day_of_month="*",
            month_of_year="*",
            timezone=settings.TIME_ZONE,
        )
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "enabled": True}
        )
        names.append(name)
    return names
