"""Write the periodic jobs of settings.CELERY_BEAT_SCHEDULE into celery beat's tables."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.schedulers import ModelEntry

from ips.celery import app as celery_app


class Command(BaseCommand):
    help = "Create or update the celery beat rows of CELERY_BEAT_SCHEDULE (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        # The same write beat's DatabaseScheduler makes at start-up (update_from_dict), so the
        # rows exist, and an edited row is put back, before beat first runs.
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            ModelEntry.from_entry(name, app=celery_app, **entry)
            self.stdout.write(f"{name}: {entry['task']}")
