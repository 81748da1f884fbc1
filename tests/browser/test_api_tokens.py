"""The API tokens page in Chromium: a director makes a service token by keyboard (granting
the `sensitive` scope), sees the secret once, and the page passes axe at 375 and 1280 px
(issue 22)."""

from __future__ import annotations

import os

import pytest

from api.models import ApiToken
from tests.browser.conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("SCREENSHOT_DIR")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_director_makes_a_service_token_by_keyboard(browser_page, live_server, users, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, users["director"], live_server.url)
    page.goto("/admin/api/tokens/")
    assert axe_violations(page) == []
    # One program: no select to choose from (issue 17, no one-option selects).
    assert page.locator("#id_service-program:visible").count() == 0
    page.locator("#id_service-name").focus()
    page.keyboard.type("State reporting")
    page.locator("#id_service-see_sensitive").focus()  # "Also read sensitive fields"
    page.keyboard.press("Space")  # grant the `sensitive` scope
    page.keyboard.press("Tab")  # to the service form's button
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your new token “State reporting”").wait_for()
    secret = page.locator("#new-token").input_value()
    token = ApiToken.objects.get(kind="service")
    assert secret.startswith(f"ips_{token.prefix}_")
    assert (token.can_write, token.see_sensitive) == (False, True)
    page.get_by_text("reads sensitive fields").wait_for()  # the list says so
    assert axe_violations(page) == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/api-tokens-{width}.png", full_page=True)


def test_the_interactive_docs_show_the_operations(browser_page, live_server, users):
    page = browser_page
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, users["coach"], live_server.url)
    page.goto("/api/v1/docs")
    page.get_by_text("/api/v1/employer-contacts").first.wait_for()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/api-docs-1280.png")
    assert errors == []
