"""Create (or update) the recommender's nightly beat schedule. Safe to run again."""

from django.core.management.base import BaseCommand

from jobseekers.matching.schedule import ensure_match_schedules


class Command(BaseCommand):
    help = "Nightly match refresh and model retraining in django-celery-beat (idempotent)."

    def handle(self, *args, **options):
        for name in ensure_match_schedules():
            self.stdout.write(f"scheduled {name}")
