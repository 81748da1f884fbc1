"""Production configuration: check --deploy is clean, every env var is documented,
the compose file and Dockerfile describe the five services."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "ips.settings",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k3Rq9-vX2mZp8LwN4tYb7HcJ1sFd6GeA0uQoIiVyXnTlWrEkSgBhMjPzCaOvDfU5",
    "DJANGO_ALLOWED_HOSTS": "ips.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://ips.example.org",
    "SECURE_SSL_REDIRECT": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "STATICFILES_BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    "WAGTAILADMIN_BASE_URL": "https://ips.example.org",
}


def manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process with only the given settings variables."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_"))}
    base.update(env, DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_flags_the_embedded_defaults(tmp_path):
    embedded = {"DJANGO_SETTINGS_MODULE": "ips.settings"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=embedded, tmp_path=tmp_path)
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W009", "security.W012"):
        assert check in result.stderr


def env_vars_read_by_settings() -> tuple[set[str], set[str]]:
    """(names, prefixes) of the environment variables ips/settings.py reads."""
    tree = ast.parse((ROOT / "ips" / "settings.py").read_text())
    names, prefixes = set(), set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("env", "getenv"):
            names.add(first.value)
        elif isinstance(func, ast.Attribute):
            owner = func.value
            if isinstance(owner, ast.Name) and owner.id == "env" and func.attr != "read_env":
                names.add(first.value)
            elif func.attr in ("get", "getenv") and "environ" in ast.unparse(owner):
                names.add(first.value)
            elif func.attr == "startswith" and first.value.isupper():
                prefixes.add(first.value)
    return names, prefixes


def documented_env_vars() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_env_example_documents_every_variable_settings_read():
    names, prefixes = env_vars_read_by_settings()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL"} <= names  # parser works
    documented = documented_env_vars()
    assert sorted(names - documented) == []
    for prefix in prefixes:
        assert any(name.startswith(prefix) for name in documented), prefix


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def command_of(service: dict) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_compose_runs_postgres_redis_web_worker_and_beat():
    services = compose()["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "beat"}
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    assert "gunicorn ips.wsgi:application" in command_of(services["web"])
    assert "migrate --noinput" in command_of(services["web"])
    assert command_of(services["worker"]).startswith("celery -A ips worker")
    beat = command_of(services["beat"])
    assert beat.startswith("celery -A ips beat")
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_compose_file_is_valid_for_docker_compose(tmp_path):
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose is not installed (the YAML checks above still ran)")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")  # what an operator starts from
    result = subprocess.run(
        [binary, "-f", "docker-compose.yml", "config", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_start_without_a_secret_key(tmp_path):
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose is not installed")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    lines = (ROOT / ".env.example").read_text().splitlines()
    (tmp_path / ".env").write_text(
        "\n".join(line for line in lines if not line.startswith("DJANGO_SECRET_KEY="))
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [binary, "-f", "docker-compose.yml", "config", "-q"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "set DJANGO_SECRET_KEY" in result.stderr


def test_dockerfile_is_python_311_slim_with_locked_uv_sync_and_gunicorn():
    text = (ROOT / "Dockerfile").read_text()
    assert text.count("FROM python:3.11-slim") == 1
    assert "uv sync --frozen --no-dev" in text
    assert "CompressedManifestStaticFilesStorage" in text
    assert '"gunicorn", "ips.wsgi:application"' in text
    assert "USER ips" in text  # not root


def test_notice_carries_the_onet_attribution():
    text = (ROOT / "NOTICE").read_text()
    assert "O*NET 29.2 Database" in text
    assert "CC BY 4.0" in text
    assert "has not approved, endorsed, or" in text
