"""seed_demo refuses clearly, and changes nothing, where it must not build the demo."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ips.models import Program
from tests.conftest import make_user


def test_refuses_on_production_settings_and_changes_nothing(db, settings):
    settings.SESSION_COOKIE_SECURE = True
    with pytest.raises(CommandError, match="looks like production"):
        call_command("seed_demo", stdout=StringIO())
    assert not Program.objects.exists()


def test_refuses_when_a_demo_username_is_taken_and_changes_nothing(db):
    make_user("director")
    with pytest.raises(CommandError, match="user director"):
        call_command("seed_demo", stdout=StringIO())
    assert not Program.objects.exists()


def test_rejects_a_date_that_is_not_a_date(db):
    with pytest.raises(CommandError, match="invalid fromisoformat value"):
        call_command("seed_demo", "--today", "2026-13-01", stdout=StringIO())
    assert not Program.objects.exists()
