"""Issue 13, findings 15, 17 and 18: one cache shared by every process when REDIS_URL is set,
a dropped database connection replaced before a request uses it, plain-text emails and
subjects that show names as typed."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings
from django.core import mail
from django.db.utils import ConnectionHandler

from tests.support.celery_worker import redis_url, require_redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = 11  # this file's own Redis database (12-14 are the celery tests')
PG_SERVER = os.environ.get("HEALTH_CHECK_TEST_SERVER", "postgresql://postgres@127.0.0.1:5432")


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


def settings_with(monkeypatch, **env: str) -> dict:
    """ips/settings.py as a process started with these variables would read it."""
    monkeypatch.delenv("REDIS_URL", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "ips" / "settings.py"))


# --- 15: the shared cache ---------------------------------------------------------------

ANOTHER_WORKER = """
import django
django.setup()
from cms.services import request_sign_in_link
print(request_sign_in_link(email="alex_portal@example.org", address="198.51.100.7"))
"""


def test_a_sign_in_link_asked_for_in_another_process_counts_here(
    client, seeker_user, settings, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    url = redis_url(REDIS_DB)
    require_redis(url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ips.settings",
        "REDIS_URL": url,
        "CELERY_BROKER_URL": "memory://",  # queue the task, run nothing: no query
        "DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}",
    }
    other = subprocess.run(
        [sys.executable, "-c", ANOTHER_WORKER],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert other.stdout.strip().splitlines()[-1:] == ["True"], other.stderr

    settings.CACHES = settings_with(monkeypatch, REDIS_URL=url)["CACHES"]
    with django_capture_on_commit_callbacks() as queued:
        client.post("/portal/sign-in/link/", {"email": seeker_user.email})
    assert queued == []  # the other worker sent this minute's link already
    with django_capture_on_commit_callbacks() as queued:
        client.post("/portal/sign-in/link/", {"email": "someone-else@example.org"})
    assert len(queued) == 1


def test_settings_use_redis_as_the_cache_when_redis_url_is_set(monkeypatch):
    caches = settings_with(monkeypatch, REDIS_URL="redis://cache.internal:6379/2")["CACHES"]
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://cache.internal:6379/2"


def test_make_run_keeps_a_local_cache(monkeypatch):
    caches = settings_with(monkeypatch)["CACHES"]
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_every_compose_process_shares_the_redis_cache():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for name in ("web", "worker", "beat"):
        assert services[name]["environment"]["REDIS_URL"].startswith("redis://redis:6379/")


# --- 17: a dropped database connection ---------------------------------------------------


@pytest.fixture
def kept_postgres_connection(django_db_blocker):
    """A connection configured like production's (kept 60 s, health checks as settings say),
    to a real PostgreSQL server."""
    import psycopg

    try:
        psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=2).close()
    except psycopg.OperationalError as error:
        message = f"PostgreSQL is not reachable at {PG_SERVER}: {error}"
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(message)
        pytest.skip(message)
    production = django_settings.DATABASES["default"]
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "postgres",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": "5432",
                "CONN_MAX_AGE": 60,
                "CONN_HEALTH_CHECKS": production.get("CONN_HEALTH_CHECKS", False),
            }
        }
    )
    with django_db_blocker.unblock():
        yield handler["default"]
        handler.close_all()


def test_a_dropped_database_connection_is_replaced_before_the_next_request(
    kept_postgres_connection,
):
    import psycopg

    conn = kept_postgres_connection
    conn.ensure_connection()
    backend_pid = conn.connection.info.backend_pid
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [backend_pid])  # a server restart
    conn.close_if_unusable_or_obsolete()  # what Django does as each request starts
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert conn.connection.info.backend_pid != backend_pid


# --- 18: plain-text emails ---------------------------------------------------------------

AWKWARD = "D'Arcy & <Co>"


@pytest.mark.django_db
def test_the_portal_invitation_shows_names_as_typed_in_text_and_subject(
    client, seeker, program, users, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    program.name = "O'Brien & Sons <North>"
    program.save()
    seeker.email, seeker.preferred_name = "darcy@example.org", AWKWARD
    seeker.save()
    client.force_login(users["specialist"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/portal-invitations/{seeker.pk}/invite/")
    (message,) = mail.outbox
    assert "O'Brien & Sons <North>" in message.subject
    assert f"Hello {AWKWARD}," in message.body
    assert "&#x27;" not in message.body + message.subject
    html = message.alternatives[0][0]
    assert "D&#x27;Arcy &amp; &lt;Co&gt;" in html  # the HTML part stays escaped


@pytest.mark.django_db
def test_the_interest_notice_shows_names_as_typed_in_text_and_subject(
    client, seeker, seeker_user, program, settings, django_capture_on_commit_callbacks
):
    from tests.cms.conftest import build_opening

    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    seeker.name = AWKWARD
    seeker.save()
    opening = build_opening(program, title="Cook & <baker>'s help")
    client.force_login(seeker_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/portal/interested/{opening.pk}/")
    (message,) = mail.outbox
    assert message.subject.startswith(f"{AWKWARD} is interested in Cook & <baker>'s help")
    assert f"{AWKWARD} said they are interested" in message.body
    assert "&amp;" not in message.body + message.subject
