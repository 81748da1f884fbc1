"""The dashboard's computed-items table at a phone's 375 px: it fits the screen (its
cells wrap), so neither the page nor the table's own box runs past the right edge
(red-team finding on issue 18: it was 398 px wide). Two specialists sharing a name are
shown with their emails, long words a cell must still fit."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import axe_violations, log_in
from tests.browser.test_fidelity import director_of
from tests.browser.test_fidelity_reports import north  # noqa: F401  (fixture)

TABLE_BOX = """() => {
    const caption = [...document.querySelectorAll("caption")].find(
        c => c.textContent.startsWith("Items computed from the records"));
    const table = caption.closest("table");
    const box = table.getBoundingClientRect();
    return {right: box.right, width: box.width, scroll: table.scrollWidth,
            page: document.documentElement.scrollWidth,
            widest: Math.max(...[...document.querySelectorAll(".nice-padding *")].map(
                e => e.getBoundingClientRect().right))};
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_computed_items_table_fits_the_screen(browser_page, live_server, north, tmp_path, width):  # noqa: F811
    # Two "Ana Lopez": the per-specialist cells read "Ana Lopez (ben@example.org)".
    get_user_model().objects.filter(email="ben@example.org").update(
        first_name="Ana", last_name="Lopez"
    )
    log_in(browser_page, director_of(north), live_server.url)
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(f"/admin/fidelity/?program={north.pk}&start=2026-07-01&end=2026-09-30")
    box = browser_page.evaluate(TABLE_BOX)
    assert box["right"] <= width, box
    assert box["scroll"] <= box["width"] + 1, box
    assert box["page"] <= width + 1, box
    assert axe_violations(browser_page) == []
    browser_page.get_by_text("Items computed from the records").scroll_into_view_if_needed()
    browser_page.screenshot(path=str(tmp_path / f"items-{width}.png"))
