"""scripts/pg_backup.sh and scripts/pg_restore.sh round-trip a PostgreSQL database."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("BACKUP_TEST_SERVER", "postgres://postgres@127.0.0.1:5432")


def psql(db: str, sql: str) -> str:
    done = subprocess.run(
        ["psql", f"{SERVER}/{db}", "-tAqc", sql], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@pytest.fixture
def scratch_databases():
    if (
        shutil.which("pg_dump") is None
        or subprocess.run(
            ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], check=False
        ).returncode
    ):
        message = "PostgreSQL is not reachable at 127.0.0.1:5432"
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(message)
        pytest.skip(message)
    suffix = uuid.uuid4().hex[:8]
    source, target = f"ips_backup_src_{suffix}", f"ips_backup_dst_{suffix}"
    psql("postgres", f'CREATE DATABASE "{source}"')
    yield source, target
    for name in (source, target):
        psql("postgres", f'DROP DATABASE IF EXISTS "{name}"')


def run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / "scripts" / script), *args], capture_output=True, text=True, check=False
    )


def test_restore_of_a_backup_gives_back_every_row(scratch_databases, tmp_path):
    source, target = scratch_databases
    psql(source, "CREATE TABLE seekers (id int primary key, name text)")
    psql(source, "INSERT INTO seekers SELECT g, 'person ' || g FROM generate_series(1, 250) g")
    dump = tmp_path / "ips.dump"

    backup = run("pg_backup.sh", f"{SERVER}/{source}", str(dump))
    assert backup.returncode == 0, backup.stderr
    assert (tmp_path / "ips.dump.sha256").exists()
    assert oct(dump.stat().st_mode & 0o777) == "0o600"

    restore = run("pg_restore.sh", str(dump), f"{SERVER}/{target}")
    assert restore.returncode == 0, restore.stderr
    assert psql(target, "SELECT count(*), sum(id) FROM seekers") == "250|31375"


def test_a_damaged_backup_is_refused_and_nothing_is_restored(scratch_databases, tmp_path):
    source, target = scratch_databases
    psql(source, "CREATE TABLE t (id int)")
    dump = tmp_path / "ips.dump"
    assert run("pg_backup.sh", f"{SERVER}/{source}", str(dump)).returncode == 0
    with dump.open("ab") as handle:
        handle.write(b"corruption")

    restore = run("pg_restore.sh", str(dump), f"{SERVER}/{target}")
    assert restore.returncode == 3
    assert "checksum" in restore.stderr
    assert psql("postgres", f"SELECT count(*) FROM pg_database WHERE datname = '{target}'") == "0"


@pytest.mark.parametrize(
    ("script", "args"),
    [
        ("pg_backup.sh", ["sqlite:///db.sqlite3"]),
        ("pg_restore.sh", []),
        ("pg_restore.sh", ["/nonexistent.dump", "postgres://postgres@127.0.0.1:5432/x"]),
    ],
)
def test_scripts_explain_bad_arguments_and_exit_2(script, args):
    done = subprocess.run(
        [str(ROOT / "scripts" / script), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DATABASE_URL": ""},
    )
    assert done.returncode == 2
    assert done.stderr.strip()
