"""A celery task goes through a real Redis broker to a real worker process and back."""

from __future__ import annotations

import pytest

from tests.support.celery_worker import celery_worker, redis_url, require_redis

REDIS_DB = 14  # this test's own Redis database


@pytest.mark.redis
def test_ping_task_round_trips_through_redis_and_a_worker_process():
    url = redis_url(REDIS_DB)
    require_redis(url)
    with celery_worker(url) as client:
        result = client.send_task("ips.ping", args=["through redis"])
        assert result.get(timeout=60) == "through redis"
        assert result.successful()
