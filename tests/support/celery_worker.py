"""A real celery worker process on a real Redis broker, for tests.

    with celery_worker(redis_url("14")) as client:
        assert client.send_task("ips.ping", args=["hi"]).get(timeout=30) == "hi"

`client` is a separate Celery app pointed at the same broker and result backend,
so the test process's own (eager) celery configuration is left alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from celery import Celery

ROOT = Path(__file__).resolve().parents[2]
REDIS_HOST = os.environ.get("TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("TEST_REDIS_PORT", "6379"))


def redis_url(db: str | int) -> str:
    """The URL of one Redis database (pick a number no other test uses)."""
    return f"redis://{REDIS_HOST}:{REDIS_PORT}/{db}"


def require_redis(url: str) -> None:
    """Flush the test's Redis database; skip (or fail under REQUIRE_REDIS) when unreachable."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).flushdb()
    except redis.RedisError as error:
        message = f"Redis is not reachable at {url}: {error}"
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(message)
        pytest.skip(message)


def _wait_until_ready(client: Celery, process: subprocess.Popen, log: Path, timeout: float):
    """Poll the worker with celery's ping until it answers (bounded), or report its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"celery worker exited with {process.returncode}:\n{log.read_text()}"
            )
        if client.control.ping(timeout=0.5):
            return
    raise TimeoutError(f"celery worker not ready after {timeout} s:\n{log.read_text()}")


@contextmanager
def celery_worker(
    url: str,
    *,
    env: dict[str, str] | None = None,
    ready_timeout: float = 60.0,
    app: str = "ips",
    pool: str = "solo",
    include: tuple[str, ...] = (),
    name: str = "test",
) -> Iterator[Celery]:
    """Start `celery -A ips worker --pool solo` on `url` (broker and result backend),
    yield a client app for that broker, and stop the worker afterwards. Several workers
    on one broker need their own `name` each (the node name is `<name>-<pid>@<host>`)."""
    worker_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ips.settings",
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        **(env or {}),
    }
    celery_bin = str(Path(sys.executable).with_name("celery"))
    with tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False) as handle:
        log = Path(handle.name)
        process = subprocess.Popen(
            [celery_bin, "-A", app, "worker", "--pool", pool, "--concurrency", "1",
             "--loglevel", "INFO", "--without-gossip", "--without-mingle",
             "--hostname", f"{name}-{os.getpid()}@%h",
             *(["--include", ",".join(include)] if include else [])],
            cwd=ROOT,
            env=worker_env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    client = Celery("ips-test-client", broker=url, backend=url)
    try:
        _wait_until_ready(client, process, log, ready_timeout)
        yield client
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        client.close()
        log.unlink(missing_ok=True)
