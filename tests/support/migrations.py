"""Tests that walk migrations back must leave the database fully migrated: a test that
unapplies `coaching` 0004+ also unapplies every later migration of other apps that
depends on them, and `migrate coaching` alone would not bring those back (the
PostgreSQL run then failed in later transactional tests on a missing column)."""

from __future__ import annotations

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_everything_forward() -> None:
    """Apply every migration of every app (what a deploy runs) and check none is left."""
    call_command("migrate", verbosity=0)
    executor = MigrationExecutor(connection)
    left = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert not left, f"migrations still unapplied: {[m.name for m, _ in left]}"
