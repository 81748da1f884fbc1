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


def test_nothing_tappable_sits_under_the_save_bar_with_a_full_caseload(
    browser_page, live_server, users, program, seeker, specialist_staff
):
    """Issue 17: with a caseload (the demo specialist's) the first row of job-seeker chips
    lay under the sticky Save bar at 375 px and axe found 3 target-size violations."""
    import datetime as dt

    from jobseekers.models import JobSeeker

    for n in range(14):
        JobSeeker.objects.create(
            program=program, ref=f"S-{n + 10}", name=f"Person Number{n}",
            specialist=specialist_staff, referral_date=dt.date(2026, 1, 5),
            stage=JobSeeker.Stage.JOB_SEARCH, zip="48226",
        )  # fmt: skip
    for n in range(6):
        make_employer(program, name=f"Employer Number{n}", zip="48226")
    browser_page.set_viewport_size({"width": 375, "height": 740})
    log_in(browser_page, users[Role.SPECIALIST], live_server.url)
    browser_page.goto("/admin/crm/log/")
    assert axe_violations(browser_page) == []
    covered = browser_page.evaluate(
        """() => {
          const bar = document.querySelector(".crm-save-bar").getBoundingClientRect();
          const form = document.getElementById("quick-log");
          return [...form.querySelectorAll("label, input, a, summary")]
            .filter(el => !el.closest(".crm-save-bar") && el.checkVisibility())
            .filter(el => { const r = el.getBoundingClientRect();
              return r.bottom > bar.top && r.top < bar.bottom
                && r.right > bar.left && r.left < bar.right; })
            .map(el => el.textContent.trim() || el.name);
        }"""
    )
    assert covered == []
    # Once something is picked the bar sticks to the foot of the screen: a control reached
    # by Tab is scrolled clear of it, never left under it (WCAG 2.4.11, red team issue 17).
    # Wagtail's page scrolls smoothly (main.content-wrapper): made instant here, so each
    # control's place is read once the page has moved to it.
    browser_page.add_style_tag(content="main { scroll-behavior: auto !important; }")
    browser_page.get_by_label("Person Number0").check()
    assert browser_page.locator(".crm-save-bar.crm-within-reach").count() == 1
    hidden_under_bar = """() => {
      const el = document.activeElement;
      if (!el || el.closest(".crm-save-bar") || !el.closest("#quick-log")) { return ""; }
      const bar = document.querySelector(".crm-save-bar").getBoundingClientRect();
      const r = el.getBoundingClientRect();
      const name = el.labels?.[0]?.textContent || el.name;
      return r.bottom > bar.top && r.top < bar.bottom ? name : "";
    }"""
    obscured = []
    for _ in range(40):
        browser_page.keyboard.press("Tab")
        obscured.append(browser_page.evaluate(hidden_under_bar))
    assert [name for name in obscured if name] == []


def test_a_refused_save_opens_on_an_error_summary_that_leads_to_the_field_by_keyboard(
    phone_page, program, specialist_staff
):
    """Issue 17: after a refused save the page stayed at the top, focus on <body>, the one
    error ~1,900 px down. Now a summary at the top has focus and links to the field."""
    import datetime as dt

    from django.utils import timezone

    make_employer(program, name="Bike Shop", zip="48201")
    phone_page.get_by_label("Search by name, ZIP or industry").fill("bike")
    phone_page.get_by_label("Bike Shop · 48201").check()
    phone_page.get_by_text("Purpose, date and next step").click()
    ahead = timezone.localdate() + dt.timedelta(days=2)
    phone_page.locator("#id_date").fill(ahead.isoformat())
    phone_page.get_by_role("button", name="Save contact").click()
    summary = phone_page.get_by_role("alert").filter(has_text="There is a problem")
    summary.wait_for()
    assert phone_page.evaluate("document.activeElement.id") == "error-summary"
    assert not EmployerContact.objects.exists()
    phone_page.keyboard.press("Tab")
    assert phone_page.evaluate("document.activeElement.getAttribute('href')") == "#id_date"
    phone_page.keyboard.press("Enter")
    assert phone_page.evaluate("document.activeElement.id") == "id_date"
    assert phone_page.locator("#id_date").is_visible()
    assert axe_violations(phone_page) == []
