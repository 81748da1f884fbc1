"""The celery app. Tasks are discovered in each installed app's tasks.py (the recommender,
`jobseekers.matching`, is an app of its own for this)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ips.settings")

app = Celery("ips")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ips.ping")
def ping(value: str = "pong") -> str:
    """A no-op round trip used by health checks and the broker test."""
    return value
