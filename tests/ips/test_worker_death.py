"""A celery worker that dies mid-task loses nothing: tasks are acknowledged only when
they finish (CELERY_TASK_ACKS_LATE) and a lost worker's task goes back on the queue
(CELERY_TASK_REJECT_ON_WORKER_LOST), so another worker process runs it again."""

import pytest
from django.conf import settings

from tests.support.celery_worker import celery_worker, redis_url, require_redis

pytestmark = pytest.mark.redis


def test_settings_acknowledge_late_and_requeue_a_lost_workers_task():
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1


def test_a_task_whose_worker_process_dies_is_run_again_and_finishes(tmp_path):
    url = redis_url(12)
    require_redis(url)
    marker = tmp_path / "died-once"
    with celery_worker(url, pool="prefork", include=("tests.support.crash_tasks",)) as client:
        result = client.send_task("tests.crash_once", args=[str(marker)])
        assert result.get(timeout=90) == "done after the worker died"
    assert marker.read_text() == "the worker died here once"
