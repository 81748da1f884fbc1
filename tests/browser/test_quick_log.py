"""The quick log on a phone: 360 px wide, by touch and by keyboard, without axe violations."""

from __future__ import annotations

import pytest

from employers.models import EmployerContact
from ips.roles import Role
from tests.browser.conftest import axe_violations, log_in
from tests.employers.conftest import make_employer

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def phone_page(browser_page, live_server, users, seeker):
    browser_page.set_viewport_size(PHONE)
    log_in(browser_page, users[Role.SPECIALIST], live_server.url)
    browser_page.goto("/admin/crm/log/")
    return browser_page


def test_quick_log_page_has_no_axe_violations_and_fits_a_phone(phone_page):
    assert phone_page.get_by_role("heading", name="Log a contact").is_visible()
    assert axe_violations(phone_page) == []
    overflow = phone_page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= PHONE["width"]


def test_specialist_logs_a_contact_on_a_360px_phone(phone_page, program, seeker, specialist_staff):
    make_employer(program, name="Corner Cafe", zip="48226")
    phone_page.get_by_label("Search by name, ZIP or industry").fill("corner")
    phone_page.get_by_label("Corner Cafe · 48226").check()
    phone_page.get_by_label(seeker.name).check()
    phone_page.get_by_label("Notes").fill("Owner needs a weekend cook")
    phone_page.get_by_role("button", name="Save contact").click()
    phone_page.get_by_text("Face to face this week: 1 of 6").wait_for()
    contact = EmployerContact.objects.get()
    assert contact.specialist == specialist_staff
    assert contact.mode == "face_to_face"
    assert list(contact.seekers.all()) == [seeker]


def test_quick_log_works_by_keyboard(phone_page, program, specialist_staff):
    make_employer(program, name="Bike Shop", zip="48201")
    search = phone_page.get_by_label("Search by name, ZIP or industry")
    search.focus()
    phone_page.keyboard.type("bike")
    phone_page.get_by_label("Bike Shop · 48201").wait_for()
    phone_page.keyboard.press("Enter")  # picks the first match, does not submit
    assert phone_page.get_by_label("Bike Shop · 48201").is_checked()
    phone_page.get_by_role("button", name="Save contact").focus()
    phone_page.keyboard.press("Enter")
    phone_page.get_by_text("Face to face this week: 1 of 6").wait_for()
    assert EmployerContact.objects.get().employer.name == "Bike Shop"


@pytest.fixture
def specialist_staff(staff):
    return staff[Role.SPECIALIST]


def test_my_week_page_has_no_axe_violations_on_a_phone(phone_page):
    phone_page.goto("/admin/crm/week/")
    assert phone_page.get_by_role("heading", name="My week").is_visible()
    assert axe_violations(phone_page) == []


def test_the_duplicate_hint_is_beside_its_box_at_375_and_1280_px(
    phone_page, program, specialist_staff
):
    """Red team (issue 17): the hint sat far from the "save anyway" box it is about."""
    from tests.browser.test_workspace import shoot

    make_employer(program, name="Bike Shop", zip="48201")
    page = phone_page
    for shown in ("Face to face this week", "See why, next to the Save button"):
        # The same contact twice: the second is refused as a likely copy.
        page.goto("/admin/crm/log/")
        page.get_by_label("Search by name, ZIP or industry").fill("bike")
        page.get_by_label("Bike Shop · 48201").check()
        page.get_by_role("button", name="Save contact").click()
        page.get_by_text(shown).first.wait_for()
    box = page.get_by_label("It really is a second one: save it anyway")
    hint = page.locator("#save-anyway-hint")
    assert box.get_attribute("aria-describedby") == "save-anyway-hint"
    assert "An identical employer contact was saved 1 minute ago" in hint.inner_text()
    for size, label in (
        ({"width": 375, "height": 740}, "phone"),
        ({"width": 1280, "height": 900}, "desktop"),
    ):
        page.set_viewport_size(size)
        box.scroll_into_view_if_needed()
        hint_box, check_box = hint.bounding_box(), box.bounding_box()
        assert 0 <= check_box["y"] - (hint_box["y"] + hint_box["height"]) < 60  # right above it
        shoot(page, f"quick-log-duplicate-hint-{label}")
        assert axe_violations(page) == []
    page.get_by_role("link", name="See why, next to the Save button").click()
    box.check()
    page.get_by_role("button", name="Save contact").click()
    page.get_by_text("Just saved").wait_for()
    assert EmployerContact.objects.count() == 2
