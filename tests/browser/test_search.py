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
