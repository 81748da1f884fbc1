"""Coaching reacts to job starts and ends recorded in the job-seeker layer (connected in
coaching.apps.CoachingConfig.ready)."""

from __future__ import annotations

from django.dispatch import receiver

from coaching import services
from jobseekers.signals import job_ended, job_started


@receiver(job_started, dispatch_uid="coaching_support_plan_after_job_start")
def open_support_plan(sender, *, job, coach=None, **kwargs) -> None:
    """A job start: its support plan, followed by the chosen coach (retention checks are
    derived from the job)."""
    services.open_support_plan(job=job, coach=coach)


@receiver(job_ended, dispatch_uid="coaching_reengage_after_job_end")
def reengage_after_job_end(sender, *, job, **kwargs) -> None:
    """A job ended: a task to re-engage the person."""
    services.open_reengagement_task(job=job)
