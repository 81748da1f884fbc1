"""Named extension points between layers (no Django signals).

A lower layer's service finishes by running the functions a higher layer registered
with Wagtail's hook registry, e.g. `run_hooks(JOB_STARTED, job=job)`; the coaching
app registers `schedule_retention_milestones` for it in its wagtail_hooks.py.
"""

from __future__ import annotations

from wagtail import hooks

JOB_STARTED = "ips_after_job_start"  # fn(job=Job)
JOB_ENDED = "ips_after_job_end"  # fn(job=Job)
OPENING_SAVED = "ips_after_opening_saved"  # fn(opening=JobOpening)
PROFILE_SAVED = "ips_after_profile_saved"  # fn(profile=CareerProfile)
# fn(seeker=JobSeeker, identifiers=PersonIdentifiers), inside the erasure's transaction and
# before the seeker loses their details: forget what a higher layer keeps about the person.
SEEKER_ERASURE = "ips_on_seeker_erasure"
# fn() -> list of dicts {"name", "task", "crontab": {minute, hour, day_of_week, ...},
# "kwargs"?, "description"?}: the celery beat rows `manage.py setup_schedules` keeps.
PERIODIC_TASKS = "ips_periodic_tasks"


def run_hooks(name: str, **kwargs) -> None:
    """Call every function registered for `name`, in registration order."""
    for fn in hooks.get_hooks(name):
        fn(**kwargs)
