"""The celery app. Tasks are discovered in each app's tasks.py."""

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


app.autodiscover_tasks(["jobseekers.matching"])  # the recommender's tasks live one level down
