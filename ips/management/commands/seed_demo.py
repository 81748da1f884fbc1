"""`python manage.py seed_demo`: the demo program, built once, and its logins."""

from __future__ import annotations

import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ips.demo import DEMO_PASSWORD, DemoConflict, demo_logins, seed_demo


class Command(BaseCommand):
    help = (
        "Build a believable demo (two Detroit-area IPS programs, a year of work) once; "
        "re-running changes nothing. Prints the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            help="Date the demo year ends on (YYYY-MM-DD); default: today.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even though secure cookies are on (a production setting).",
        )

    def handle(self, *args, today=None, allow_production=False, **options):
        # Demo users share a published password: never create them on a live site by accident.
        if settings.SESSION_COOKIE_SECURE and not allow_production:
            raise CommandError(
                "This looks like production (SESSION_COOKIE_SECURE is on): the demo's users "
                "share a published password. Nothing was changed. Pass --allow-production "
                "to seed anyway."
            )
        started = time.monotonic()
        try:
            built = seed_demo(today=today)
        except DemoConflict as error:
            raise CommandError(str(error)) from error
        if built:
            self.stdout.write(f"Demo built in {time.monotonic() - started:.1f} s.")
        else:
            self.stdout.write("The demo is already there: nothing changed.")
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for login in demo_logins():
            self.stdout.write(
                f"  {login.role:<26} {login.username:<11} {login.name:<20} {login.where}"
            )
