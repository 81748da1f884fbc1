"""Create or update the celery beat rows every app registers (idempotent)."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from wagtail import hooks

from ips.hooks import PERIODIC_TASKS

CRONTAB_FIELDS = ("minute", "hour", "day_of_week", "day_of_month", "month_of_year")


def collect_specs() -> list[dict]:
    """Every schedule registered under ips.hooks.PERIODIC_TASKS, checked."""
    specs: list[dict] = []
    for fn in hooks.get_hooks(PERIODIC_TASKS):
        specs.extend(fn())
    names = [spec.get("name") for spec in specs]
    for spec in specs:
        if not spec.get("name") or not spec.get("task") or not spec.get("crontab"):
            raise CommandError(f"A schedule needs a name, a task and a crontab: {spec!r}")
        unknown = set(spec["crontab"]) - set(CRONTAB_FIELDS)
        if unknown:
            raise CommandError(f"{spec['name']}: unknown crontab field(s) {sorted(unknown)}")
        if names.count(spec["name"]) > 1:
            raise CommandError(f"Two schedules are named {spec['name']!r}")
    return specs


class Command(BaseCommand):
    help = "Create or update the celery beat schedules (the morning digest and others)."

    @transaction.atomic
    def handle(self, *args, **options):
        for spec in collect_specs():
            crontab = dict.fromkeys(CRONTAB_FIELDS, "*") | {
                key: str(value) for key, value in spec["crontab"].items()
            }
            # Any existing identical schedule will do (beat rows may share one).
            schedule = CrontabSchedule.objects.filter(
                **crontab, timezone=settings.CELERY_TIMEZONE
            ).first() or CrontabSchedule.objects.create(
                **crontab, timezone=settings.CELERY_TIMEZONE
            )
            _, created = PeriodicTask.objects.update_or_create(
                name=spec["name"],
                defaults={
                    "task": spec["task"],
                    "crontab": schedule,
                    "interval": None,
                    "kwargs": json.dumps(spec.get("kwargs", {})),
                    "description": spec.get("description", ""),
                },
            )
            verb = "created" if created else "updated"
            self.stdout.write(f"{spec['name']}: {verb} ({spec['task']})")
