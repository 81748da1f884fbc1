"""The staff search in Chromium (issue 17 item 2): the header's search box, typed by
keyboard without the apostrophe, opens the search page and finds the employer; the page
passes axe at 375 and 1280 px with no console errors."""

from __future__ import annotations

from employers.models import Employer
from ips.search import fold
from tests.browser.conftest import axe_violations, log_in
from tests.browser.test_workspace import DESKTOP, PHONE, demo, shoot, watch_console

__all__ = ["demo"]  # the fixture, shared with the workspace tests


def test_header_search_finds_an_employer_typed_without_its_apostrophe(
    browser_page, live_server, demo
):
    page = browser_page
    user = demo.get(username="specialist")
    program_id = user.staff_memberships.first().program_id
    employer = Employer.objects.filter(program_id=program_id, name__contains="'").first()
    typed = fold(employer.name).split()[0]  # "williamss" for "Williams's ..."
    assert "'" not in typed
    errors = watch_console(page)
    log_in(page, user, live_server.url)
    page.set_viewport_size(DESKTOP)
    page.goto("/admin/")
    box = page.get_by_role("search").get_by_role("textbox").first
    box.focus()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/search/?q=*")
    link = page.get_by_role("link", name=employer.name).first
    assert link.is_visible()
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        shoot(page, f"staff-search-{name}")
        found = axe_violations(page)
        assert found == [], [(v["id"], [n["html"][:200] for n in v["nodes"]]) for v in found]
    assert errors == []


def test_on_a_phone_the_search_is_one_tap_away_not_behind_the_side_menu(
    browser_page, live_server, users, program
):
    """Red team (issue 17): at 375 px the header's search box was inside the side menu,
    behind the menu button. A search box and its button now sit beside that button on every
    workspace page, a thumb's size, first after the skip link for the keyboard; from 800
    px the side menu's own box is shown instead (one search box on screen either way)."""
    from playwright.sync_api import expect

    Employer.objects.create(program=program, name="Corner Bakery", zip="48226")
    page = browser_page
    errors = watch_console(page)
    log_in(page, users["specialist"], live_server.url)
    page.set_viewport_size(PHONE)
    page.goto("/admin/")
    search = page.get_by_role("search", name="Search people, employers and openings")
    box = search.get_by_role("searchbox", name="Search people, employers and openings")
    button = search.get_by_role("button", name="Search")
    for target in (box, button):
        area = target.bounding_box()
        assert area["y"] + area["height"] <= PHONE["height"] / 4  # at the top, in view
        assert area["height"] >= 44
        assert area["width"] >= 44
        # Nothing (the menu button, the page's header) lies over it: one tap reaches it.
        middle = (area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
        assert target.evaluate("(e, [x, y]) => e.contains(document.elementFromPoint(x, y))", middle)
    # The button's word is whole (red team: "Search" was clipped, 77 px of text in 62).
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth")
    found = axe_violations(page)
    assert found == [], [(v["id"], [n["html"][:200] for n in v["nodes"]]) for v in found]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The page under it keeps the rest of the screen (its foot, a save bar stuck there, in
    # view): the window itself does not scroll.
    assert page.evaluate("document.documentElement.scrollHeight") <= PHONE["height"]

    page.keyboard.press("Tab")  # "Skip to main content"
    page.keyboard.press("Tab")
    expect(box).to_be_focused()
    page.keyboard.type("corner")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/search/?q=corner")
    expect(page.get_by_role("link", name="Corner Bakery").first).to_be_visible()
    # The search page's own box is the only one on it.
    assert page.get_by_role("searchbox").count() == 1
    shoot(page, "staff-search-top-phone")

    page.set_viewport_size(DESKTOP)
    page.goto("/admin/")
    expect(box).to_be_hidden()
    expect(page.get_by_role("search").get_by_role("textbox").first).to_be_visible()
    found = axe_violations(page)
    assert found == [], [(v["id"], [n["html"][:200] for n in v["nodes"]]) for v in found]
    assert errors == []
