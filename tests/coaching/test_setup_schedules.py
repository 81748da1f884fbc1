"""Celery beat rows: created once, kept in step, room for other apps' schedules."""

import pytest
from django.core.management import CommandError, call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from wagtail import hooks

from ips.celery import app as celery_app
from ips.hooks import PERIODIC_TASKS

DIGEST = "Morning digest of what is due"


def test_setup_schedules_creates_the_morning_digest_once(db, settings):
    call_command("setup_schedules")
    call_command("setup_schedules")
    task = PeriodicTask.objects.get(name=DIGEST)
    assert task.task == "coaching.send_morning_digests"
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("30", "6", "*")
    assert str(task.crontab.timezone) == settings.CELERY_TIMEZONE
    assert PeriodicTask.objects.filter(name=DIGEST).count() == 1
    celery_app.loader.import_default_modules()  # what a worker does at start-up
    assert task.task in celery_app.tasks


def test_setup_schedules_restores_an_edited_row_and_leaves_others_alone(db):
    call_command("setup_schedules")
    other_cron = CrontabSchedule.objects.create(minute="0", hour="2")
    PeriodicTask.objects.create(name="Nightly matches", task="jobseekers.x", crontab=other_cron)
    PeriodicTask.objects.filter(name=DIGEST).update(task="wrong.task")
    call_command("setup_schedules")
    assert PeriodicTask.objects.get(name=DIGEST).task == "coaching.send_morning_digests"
    assert PeriodicTask.objects.get(name="Nightly matches").task == "jobseekers.x"


def test_other_apps_register_their_schedules_through_the_hook(db):
    def nightly():
        return [{"name": "Nightly", "task": "ips.ping", "crontab": {"minute": 0, "hour": 3}}]

    with hooks.register_temporarily(PERIODIC_TASKS, nightly):
        call_command("setup_schedules")
    assert PeriodicTask.objects.get(name="Nightly").crontab.hour == "3"
    assert PeriodicTask.objects.filter(name=DIGEST).exists()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"name": "X", "task": "ips.ping"}, "needs a name, a task and a crontab"),
        ({"name": "X", "task": "ips.ping", "crontab": {"second": 1}}, "unknown crontab field"),
        (
            {"name": DIGEST, "task": "ips.ping", "crontab": {"hour": 1}},
            "Two schedules are named",
        ),
    ],
)
def test_bad_schedule_is_refused_and_nothing_written(db, spec, message):
    with (
        hooks.register_temporarily(PERIODIC_TASKS, lambda: [spec]),
        pytest.raises(CommandError, match=message),
    ):
        call_command("setup_schedules")
    assert not PeriodicTask.objects.filter(name__in=["X", DIGEST]).exists()
