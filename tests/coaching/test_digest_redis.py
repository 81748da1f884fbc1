"""The morning digest end to end: a real Redis broker and a real `celery worker`
process against the test database. Skips without Redis, fails when REQUIRE_REDIS is set."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from coaching.models import DigestLog

pytestmark = pytest.mark.redis

BROKER_URL = os.environ.get("COACHING_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
DEADLINE_SECONDS = 90


@pytest.fixture
def redis_url():
    import redis

    client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        message = f"Redis is not reachable at {BROKER_URL}: {error}"
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(message)
        pytest.skip(message)
    client.flushdb()  # db 13 is this suite's own: no stale tasks or results
    yield BROKER_URL
    client.flushdb()


@pytest.fixture
def reference_data_kept(django_db_blocker):
    """Requested before transactional_db, so it re-loads the reference data (O*NET,
    role groups, Wagtail site) after that fixture's flush, for the tests that follow."""
    yield
    from tests.conftest import ensure_reference_data

    with django_db_blocker.unblock():
        ensure_reference_data()


@pytest.fixture
def worker(redis_url, tmp_path):
    """`celery -A ips worker --pool solo` as a subprocess on the test database."""
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.coaching.worker_settings",
        IPS_WORKER_DB_NAME=str(connection.settings_dict["NAME"]),
        IPS_WORKER_BROKER_URL=redis_url,
        IPS_WORKER_MAIL_DIR=str(mail_dir),
    )
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ips",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"coaching-test-{uuid.uuid4().hex[:8]}@%h",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    yield mail_dir
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    log.close()
    if process.returncode not in (0, -15):
        print((tmp_path / "worker.log").read_text()[-4000:])


def _until(condition, what: str) -> None:
    """Poll `condition` until it holds, for at most DEADLINE_SECONDS."""
    pause = threading.Event()
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out waiting for {what}")
        pause.wait(0.2)


def _sent_messages(mail_dir: Path) -> list[str]:
    text = "".join(path.read_text() for path in sorted(mail_dir.iterdir()))
    return [part for part in text.split("\n" + "-" * 79 + "\n") if "Subject:" in part]


def test_digest_runs_once_per_day_through_redis_and_a_worker(
    reference_data_kept, transactional_db, worker, staff, seeker, make_job, today
):
    make_job(seeker, days_ago=40)  # a 30-day check overdue: specialist + leadership
    client = Celery("coaching-redis-test", broker=BROKER_URL, backend=BROKER_URL)
    day = today.isoformat()

    queued = client.send_task("coaching.send_morning_digests", args=[day])
    assert queued.get(timeout=DEADLINE_SECONDS) == 4  # every opted-in staff member
    _until(
        lambda: DigestLog.objects.filter(day=today, sent_at__isnull=False).count() == 3,
        "three digests to be sent",
    )

    again = client.send_task("coaching.send_morning_digests", args=[day])
    assert again.get(timeout=DEADLINE_SECONDS) == 1  # only the coach, who had nothing due
    direct = client.send_task("coaching.send_digest", args=[staff["specialist"].pk, day])
    assert direct.get(timeout=DEADLINE_SECONDS) is False
    _until(
        lambda: client.send_task("ips.ping").get(timeout=DEADLINE_SECONDS) == "pong",
        "the worker to drain its queue",
    )

    messages = _sent_messages(worker)
    recipients = sorted(
        line.split(": ", 1)[1]
        for m in messages
        for line in m.splitlines()
        if line.startswith("To: ")
    )
    assert recipients == sorted(
        staff[role].user.email for role in ("specialist", "supervisor", "director")
    )
    assert all("30-day check" in m for m in messages)
