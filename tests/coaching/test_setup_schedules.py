"""Periodic work is declared once, in settings.CELERY_BEAT_SCHEDULE; `setup_schedules` writes
those rows the way beat's database scheduler does, and every row names a real task."""

from django.core.management import call_command
from django.test import override_settings
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from ips.celery import app as celery_app

DIGEST = "Morning digest of what is due"
NIGHTLY = {
    "locate_unlocated_seekers_task": (
        "jobseekers.matching.tasks.locate_unlocated_seekers_task",
        "1",
    ),
    "retrain_match_model_task": ("jobseekers.matching.tasks.retrain_match_model_task", "2"),
    "refresh_all_matches_task": ("jobseekers.matching.tasks.refresh_all_matches_task", "2"),
}
WEEKLY = "Weekly email of new matches to job seekers"


def test_setup_schedules_creates_the_morning_digest_once(db, settings):
    call_command("setup_schedules")
    call_command("setup_schedules")
    task = PeriodicTask.objects.get(name=DIGEST)
    assert task.task == "coaching.send_morning_digests"
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("30", "6", "*")
    assert str(task.crontab.timezone) == settings.CELERY_TIMEZONE
    assert PeriodicTask.objects.filter(name=DIGEST).count() == 1


def test_every_periodic_job_of_the_settings_gets_one_row(db, settings):
    call_command("setup_schedules")
    call_command("setup_schedules")
    rows = {t.name: (t.task, t.crontab.hour) for t in PeriodicTask.objects.all()}
    assert set(rows) == set(settings.CELERY_BEAT_SCHEDULE)
    for name, expected in NIGHTLY.items():
        assert rows[name] == expected
    assert rows[WEEKLY] == ("cms.tasks.send_weekly_matches_task", "9")


def test_every_scheduled_task_is_registered_with_celery(settings):
    celery_app.loader.import_default_modules()  # what a worker does at start-up
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in celery_app.tasks, name


def test_setup_schedules_restores_an_edited_row_and_leaves_others_alone(db):
    call_command("setup_schedules")
    other_cron = CrontabSchedule.objects.create(minute="0", hour="2")
    PeriodicTask.objects.create(name="Ad hoc", task="jobseekers.x", crontab=other_cron)
    PeriodicTask.objects.filter(name=DIGEST).update(task="wrong.task")
    call_command("setup_schedules")
    assert PeriodicTask.objects.get(name=DIGEST).task == "coaching.send_morning_digests"
    assert PeriodicTask.objects.get(name="Ad hoc").task == "jobseekers.x"


def test_the_migration_made_weekly_row_is_kept_as_one_row(db):
    import importlib

    from django.apps import apps

    importlib.import_module("cms.migrations.0004_schedule_weekly_matches_email").schedule(
        apps, None
    )
    call_command("setup_schedules")
    assert PeriodicTask.objects.filter(task="cms.tasks.send_weekly_matches_task").count() == 1


def test_a_changed_declaration_updates_the_row(db, settings):
    from celery.schedules import crontab

    hour = "4"
    schedule = dict(settings.CELERY_BEAT_SCHEDULE)
    schedule[DIGEST] = {**schedule[DIGEST], "schedule": crontab(minute="0", hour=hour)}
    call_command("setup_schedules")
    with override_settings(CELERY_BEAT_SCHEDULE=schedule):
        call_command("setup_schedules")
    assert PeriodicTask.objects.get(name=DIGEST).crontab.hour == hour
