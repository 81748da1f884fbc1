"""The public site in Chromium: browse and filter openings, keyboard only, axe, reflow."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.browser.conftest import axe_violations
from tests.cms.conftest import build_opening

PUBLIC_PATHS = ("/", "/about-the-program/", "/how-ips-works/", "/about-the-data/", "/openings/")


@pytest.fixture
def openings(program):
    from ips.models import Occupation

    food = Occupation.objects.filter(code__startswith="35-").first()
    office = Occupation.objects.filter(code__startswith="43-").first()
    return {
        "cook": build_opening(program, title="Line cook", occupation=food, zip_code="48201"),
        "clerk": build_opening(
            program, title="Office clerk", occupation=office, hours_per_week=Decimal("35")
        ),
        "far": build_opening(program, title="Farm cook", occupation=food, zip_code="48185"),
        "hidden": build_opening(program, title="Unlisted cook", shareable=False),
    }


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_every_public_page_has_no_axe_violations(browser_page, openings):
    paths = [*PUBLIC_PATHS, f"/openings/{openings['cook'].pk}/", "/openings/?zip=00000&hours=x"]
    for path in paths:
        browser_page.goto(path)
        assert browser_page.locator("h1").count() == 1, path
        assert_accessible(browser_page)


def test_browse_and_filter_openings(browser_page, openings):
    page = browser_page
    page.goto("/")
    page.get_by_role("link", name="See job openings").click()
    cards = page.locator(".card h3")
    assert sorted(cards.all_inner_texts()) == ["Farm cook", "Line cook", "Office clerk"]
    page.get_by_label("Words to look for").fill("cook")
    page.get_by_label("Kind of work").select_option(label="Cooking and serving food")
    page.get_by_label("Near this ZIP code").fill("48226")
    page.get_by_role("button", name="Show openings").click()
    assert cards.all_inner_texts() == ["Line cook"]
    assert "within 10 miles of 48226" in page.locator("#results").inner_text()
    page.get_by_label("How far from the ZIP code").select_option("25")
    page.get_by_role("button", name="Show openings").click()
    assert cards.all_inner_texts() == ["Line cook", "Farm cook"]
    page.get_by_role("link", name="Line cook").click()
    assert page.locator("h1").inner_text() == "Line cook"
    assert "Unlisted" not in page.content()


def test_a_wrong_zip_is_explained_next_to_the_field(browser_page, openings):
    page = browser_page
    page.goto("/openings/")
    page.get_by_label("Near this ZIP code").fill("123")
    page.get_by_role("button", name="Show openings").click()
    field = page.locator("#id_zip")
    assert field.get_attribute("aria-invalid") == "true"
    assert "5 numbers" in page.locator("#id_zip-error").inner_text()
    assert page.locator(".card").count() == 3


def test_filter_form_works_by_keyboard_only(browser_page, openings):
    page = browser_page
    page.goto("/openings/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    for _ in range(30):  # Tab from the top of main to the keyword box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    assert page.evaluate("document.activeElement.id") == "id_q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    page.keyboard.type("clerk")
    page.keyboard.press("Tab")  # kind of work
    page.keyboard.press("Tab")  # hours
    assert page.evaluate("document.activeElement.id") == "id_hours"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "30_plus"
    for _ in range(4):  # when, ZIP code, distance, then the button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Show openings"
    page.keyboard.press("Enter")
    page.wait_for_url("**hours=30_plus**")
    assert page.locator(".card h3").all_inner_texts() == ["Office clerk"]


@pytest.mark.parametrize("width", [320, 640])
def test_public_pages_reflow_without_sideways_scrolling(browser_page, openings, width):
    """320 px wide = 400 % zoom of 1280; 640 px = 200 % zoom (WCAG 1.4.10)."""
    browser_page.set_viewport_size({"width": width, "height": 800})
    for path in [*PUBLIC_PATHS, f"/openings/{openings['cook'].pk}/"]:
        browser_page.goto(path)
        overflow = browser_page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_controls_are_at_least_44_px_high(browser_page, openings):
    browser_page.goto("/openings/")
    controls = browser_page.locator("main button, main input, main select, main a.button")
    assert controls.count() >= 7
    for box in (controls.nth(i).bounding_box() for i in range(controls.count())):
        assert box["height"] >= 44
