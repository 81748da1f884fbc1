"""The field forms on a device whose own date is already tomorrow for the program (issue 17,
item 1): the date the server filled in is the program's today and is saved as it is."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from coaching.models import SupportContact
from employers.models import EmployerContact
from ips.roles import Role
from tests.browser.conftest import axe_violations, log_in
from tests.employers.conftest import make_employer


@pytest.fixture
def program_far_west(settings):
    """The program in UTC-12, so that some device time zone is always a day ahead of it."""
    settings.TIME_ZONE = "Etc/GMT+12"
    return settings.TIME_ZONE


def _zone_a_day_ahead() -> str:
    """A device time zone (UTC+0 to UTC+14) whose date is the program's tomorrow right now."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    now = timezone.now()
    for hours in range(15):
        name = f"Etc/GMT-{hours}" if hours else "Etc/UTC"
        if now.astimezone(zoneinfo.ZoneInfo(name)).date() == tomorrow:
            return name
    raise AssertionError("no device time zone is a day ahead")  # cannot happen from UTC-12


@pytest.fixture
def device_ahead(chromium, live_server, site_root, program_far_west):
    zone = _zone_a_day_ahead()
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 800}, timezone_id=zone
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    # The device really is a day ahead of the program.
    device_day = page.evaluate("() => new Date().toLocaleDateString('en-CA')")
    assert device_day == (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    yield page
    context.close()


def test_log_support_saves_the_filled_in_date_on_a_device_a_day_ahead(
    device_ahead, live_server, users, seeker
):
    page = device_ahead
    today = timezone.localdate()
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.goto("/admin/coaching/log/")
    page.locator("html[data-field-ready='1']").wait_for(state="attached")
    assert page.get_by_label("Date").input_value() == today.isoformat()
    page.get_by_label("Who was supported").select_option(label=seeker.name)
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Minutes").fill("20")
    page.get_by_role("button", name="Save").click()
    page.get_by_text(f"Support for {seeker.name} logged.").wait_for()
    assert [(c.date, c.minutes) for c in SupportContact.objects.all()] == [(today, 20)]
    assert page.errors == []


def test_quick_log_saves_the_filled_in_date_on_a_device_a_day_ahead(
    device_ahead, live_server, users, program
):
    page = device_ahead
    today = timezone.localdate()
    make_employer(program, name="Corner Cafe", zip="48226")
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.goto("/admin/crm/log/")
    page.locator("html[data-field-ready='1']").wait_for(state="attached")
    page.get_by_label("Another employer? Search by name").fill("Corner")
    page.get_by_label("Corner Cafe · 48226").check()
    page.get_by_text("Purpose, date and next step").click()
    assert page.get_by_label("Date").input_value() == today.isoformat()
    page.get_by_role("button", name="Save contact").click()
    page.get_by_role("heading", name="Just saved: face to face, Corner Cafe").wait_for()
    assert list(EmployerContact.objects.values_list("date", flat=True)) == [today]
    assert axe_violations(page) == []
    assert page.errors == []


def _said(day: dt.date) -> str:
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b %Y')}"


def test_a_browser_date_box_says_its_date_as_the_workspace_does(
    browser_page, live_server, users, seeker
):
    """Red-team finding (issue 17): the field forms' native date boxes show the device's
    format ("12/01/2026"); beside each, the date is said as "Tue 1 Dec 2026"."""
    page = browser_page
    today = timezone.localdate()
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.goto("/admin/coaching/log/")
    date = page.get_by_label("Date")
    said = page.locator("[data-date-said]")
    assert said.inner_text() == _said(today)
    assert said.get_attribute("id") in date.get_attribute("aria-describedby").split()
    yesterday = today - dt.timedelta(days=1)
    date.fill(yesterday.isoformat())
    assert said.inner_text() == _said(yesterday)
    date.fill("0001-01-01")  # the first year there is: not 1901 (red team)
    assert said.inner_text() == "Mon 1 Jan 0001"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []
    page.goto("/admin/crm/log/")
    page.get_by_text("Purpose, date and next step").click()
    assert page.locator("[data-date-said]").first.inner_text() == _said(today)
