"""The supervision report, the quarterly return and a fidelity review in Chromium at a
phone's 375 px and a desktop's 1280 px: axe finds nothing, nothing makes the page scroll
sideways, and every control is reached with the Tab key."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from ips.models import Program
from tests.browser.conftest import axe_violations, log_in
from tests.browser.test_fidelity import director_of
from tests.importer.conftest import write_folder
from tests.reports.conftest import FOLDER

FOCUSED = """() => {
    const e = document.activeElement;
    return [e.tagName, e.id, e.getAttribute("href") || "", e.getAttribute("aria-label") || "",
            (e.textContent || "").trim().slice(0, 60)].join("|");
}"""


def tab_through(page, limit: int = 150) -> list[str]:
    """What the Tab key focuses, in order, from the top of the page (tag|id|href|label|text)."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.evaluate("() => window.scrollTo(0, 0)")
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused in seen[:1] or focused.startswith("BODY"):
            break
        seen.append(focused)
    return seen


def reached(seen: list[str], *wanted: str) -> list[str]:
    """The wanted texts that no focused element carried (empty: all were reached)."""
    return [w for w in wanted if not any(w in focused for focused in seen)]


def no_sideways_scroll(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width + 1


@pytest.fixture
def north(tmp_path):
    folder = write_folder(tmp_path / "north", FOLDER)
    call_command(
        "import_program", str(folder), "--program", "North Team", "--create", stdout=io.StringIO()
    )
    return Program.objects.get(name="North Team")


@pytest.mark.parametrize("width", [375, 1280])
def test_supervision_report_passes_axe_and_every_control_is_reached_by_keyboard(
    browser_page, live_server, north, tmp_path, width
):
    log_in(browser_page, director_of(north), live_server.url)
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(f"/admin/fidelity/supervision/?program={north.pk}&month=2026-07")
    table = browser_page.get_by_role("region", name="Supervision report, scrolls sideways")
    assert table.get_by_role("rowheader", name="Ana Lopez").count() == 1
    assert axe_violations(browser_page) == []
    assert no_sideways_scroll(browser_page, width)
    seen = tab_through(browser_page)
    controls = ("id_month", "Show", "Month before", "Month after", "format=xlsx", "format=csv")
    assert reached(seen, *controls, "Supervision report, scrolls sideways") == []
    browser_page.screenshot(path=str(tmp_path / f"supervision-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_quarterly_return_passes_axe_and_every_control_is_reached_by_keyboard(
    browser_page, live_server, north, tmp_path, width
):
    log_in(browser_page, director_of(north), live_server.url)
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(f"/admin/fidelity/quarterly/?program={north.pk}")
    assert browser_page.locator("table.listing tbody tr").count() == 9
    assert axe_violations(browser_page) == []
    assert no_sideways_scroll(browser_page, width)
    seen = tab_through(browser_page)
    controls = ("format=xlsx", "format=csv", "Fidelity and outcomes")
    assert reached(seen, *controls, "Quarterly return, scrolls sideways") == []
    browser_page.screenshot(path=str(tmp_path / f"quarterly-{width}.png"), full_page=True)


def test_review_rating_choices_read_in_full_on_a_phone(browser_page, live_server, tmp_path):
    """Each rating's anchor (the words that say what 1-5 mean) is a choice shown in full,
    wrapped inside the phone's width: no picker clips it and the page never scrolls
    sideways; a choice is made with the keyboard and autosaved."""
    from playwright.sync_api import expect

    from ips.fidelity.services import start_review

    program = Program.objects.create(name="Lakeside", slug="lakeside")
    review = start_review(
        program=program,
        review_date=dt.date(2026, 9, 30),
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 9, 30),
    )
    log_in(browser_page, director_of(program), live_server.url)
    browser_page.set_viewport_size({"width": 375, "height": 800})
    browser_page.goto(f"/admin/fidelity/reviews/{review.pk}/")
    assert no_sideways_scroll(browser_page, 375)
    o1 = browser_page.locator("#item-O1")
    longest = o1.get_by_label("5: At most two teams and at least 90 % of the caseload from them")
    assert longest.count() == 1
    for label in o1.locator(".ips-rating-choice label").all():
        box = label.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 375, label.inner_text()
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), label.inner_text()
    # Keyboard: arrow keys move between the choices of one rating; the choice is saved.
    browser_page.locator("#rating_O1").focus()
    browser_page.keyboard.press("ArrowDown")
    browser_page.keyboard.press("ArrowDown")
    expect(browser_page.locator("#rating_O1_2")).to_be_checked()
    browser_page.get_by_role("status").get_by_text("Saved at").wait_for()
    assert review.ratings.get(item_key="O1").rating == 2
    assert axe_violations(browser_page) == []
    o1.screenshot(path=str(tmp_path / "review-o1-375.png"))


@pytest.mark.parametrize("width", [375, 1280])
def test_dashboard_reads_well_on_a_phone_and_a_desktop(
    browser_page, live_server, north, tmp_path, width
):
    """Charts keep a readable size (they scroll sideways in their region on a phone rather
    than shrink), a week under the goal is bold with its words for screen readers only,
    and the page passes axe without scrolling sideways."""
    log_in(browser_page, director_of(north), live_server.url)
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(f"/admin/fidelity/?program={north.pk}&start=2026-07-01&end=2026-09-30")
    for chart in browser_page.locator("svg.ips-chart").all():
        assert chart.bounding_box()["width"] >= 500  # 32rem: labels at about 12 px or more
    hidden = browser_page.get_by_text("(under the goal)").first
    box = hidden.bounding_box()
    assert box is not None
    assert box["width"] <= 1
    assert box["height"] <= 1
    assert axe_violations(browser_page) == []
    assert no_sideways_scroll(browser_page, width)
    browser_page.screenshot(path=str(tmp_path / f"dashboard-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_dashboard_shows_figures_first_and_every_download_is_reached_by_keyboard(
    browser_page, live_server, north, tmp_path, width
):
    """Red team (issue 17): the headline figures sat under about 20 export buttons. The
    outcomes now come first; the exports are one "Download" section after them, opened
    with the keyboard, each reached with the Tab key."""
    from playwright.sync_api import expect

    page = browser_page
    log_in(page, director_of(north), live_server.url)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"/admin/fidelity/?program={north.pk}&start=2026-07-01&end=2026-09-30")
    summary = page.locator(".ips-downloads summary")
    outcomes = page.get_by_role("table", name="Outcomes for the period (both days included)")
    assert outcomes.bounding_box()["y"] < summary.bounding_box()["y"]
    assert reached(tab_through(page, limit=200), "The report, its tables and its charts") == []

    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".ips-downloads details")).to_have_attribute("open", "")
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
    wanted = ["PDF", "Excel (XLSX", "Printable page", "Fidelity items", "Keeping the job"]
    wanted += [
        f"{chart} chart, {kind}"
        for chart in ("Employment rate", "Trend by quarter")
        for kind in ("SVG", "PNG")
    ]
    wanted += ["every figure as one key and value", "JSON", "Quarterly return"]
    assert reached(seen, *wanted) == []
    assert axe_violations(page) == []
    assert no_sideways_scroll(page, width)
    page.locator(".ips-downloads").screenshot(path=str(tmp_path / f"downloads-{width}.png"))
