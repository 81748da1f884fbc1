"""Browser tests: Debian's Chromium driven by Playwright's sync API (never a downloaded browser).

Traps handled here (see shared notes-stack.md): the sync API runs an event loop in the
test thread, so ORM calls need DJANGO_ALLOW_ASYNC_UNSAFE; live_server flushes the
database, so `site_root` re-creates Wagtail's root page, locale and site; and this
suite never uses pytest-playwright's own fixtures.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        message = "Chromium is not installed at /usr/bin/chromium (run `make browsers`)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def site_root(transactional_db):
    from cms.models import HomePage
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    return HomePage.objects.get(locale__language_code="en")


@pytest.fixture
def browser_page(chromium, live_server, site_root):
    """A fresh page on a 1280 px wide window; use `browser_page.set_viewport_size` to narrow."""
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, user, base_url: str) -> None:
    """Sign `user` in by giving the page a real session cookie (no form round trip)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": base_url}]
    )


WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page, tags: list[str] | None = None) -> list[dict]:
    """axe-core (shipped inside axe-playwright-python, no network) run on the current page:
    every rule, or only the rules of `tags` (e.g. WCAG_22_AA) when given."""
    from axe_playwright_python.sync_playwright import Axe

    # Colours are judged as they settle: a message fading in (Wagtail animates them) would
    # be measured half transparent on a busy machine.
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(a => a.effect?.getComputedTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)))"""
    )
    options = {"resultTypes": ["violations"]}
    if tags:
        options["runOnly"] = {"type": "tag", "values": tags}
    results = Axe().run(page, options=options)
    return results.response["violations"]
