"""Coaching reacts to job starts and ends recorded in the job-seeker layer (connected in
coaching.apps.CoachingConfig.ready)."""

from __future__ import annotations

from django.dispatch import receiver

from coaching import services
from jobseekers.signals import job_ended, job_started


@receiver(job_started, dispatch_uid="coaching_schedule_after_job_start")
def schedule_retention_checks(sender, *, job, **kwargs) -> None:
    """A job start: its 30/90/180/365-day retention milestones."""
    services.schedule_retention_milestones(job=job)


@receiver(job_ended, dispatch_uid="coaching_reengage_after_job_end")
def reengage_after_job_end(sender, *, job, **kwargs) -> None:
    """A job ended: a task to re-engage the person."""
    services.open_reengagement_task(job=job)
