"""Fidelity screens in Chromium: the dashboard is accessible, and an upload is previewed
then imported."""

from __future__ import annotations

import io

from django.core.management import call_command

from ips.models import Program, StaffMember
from jobseekers.models import JobSeeker
from tests.browser.conftest import axe_violations, log_in
from tests.conftest import make_user
from tests.importer.conftest import GOOD, write_folder
from tests.reports.conftest import FOLDER


def director_of(program):
    user = make_user("dina_director")
    StaffMember.objects.create(user=user, program=program, role="director")
    return user


def test_fidelity_dashboard_shows_figures_and_has_no_axe_violations(
    browser_page, live_server, tmp_path
):
    folder = write_folder(tmp_path / "north", FOLDER)
    call_command(
        "import_program", str(folder), "--program", "North Team", "--create", stdout=io.StringIO()
    )
    program = Program.objects.get(name="North Team")
    log_in(browser_page, director_of(program), live_server.url)
    browser_page.goto(f"/admin/fidelity/?program={program.pk}&start=2026-07-06&end=2026-08-02")
    assert (
        browser_page.get_by_role("img", name="Employment rate against the benchmarks").count() == 1
    )
    assert "2.67" in browser_page.content()
    assert axe_violations(browser_page) == []


def test_upload_is_previewed_then_imported(browser_page, live_server, tmp_path):
    program = Program.objects.create(name="Lakeside", slug="lakeside")
    folder = write_folder(tmp_path / "lake", GOOD)
    log_in(browser_page, director_of(program), live_server.url)
    browser_page.goto("/admin/fidelity/import/")
    browser_page.set_input_files("input[type=file]", sorted(str(p) for p in folder.iterdir()))
    browser_page.get_by_role("button", name="Check the files").click()
    browser_page.get_by_role("button", name="Import these rows into Lakeside").click()
    assert browser_page.locator("#import-status").inner_text().startswith("Imported")
    assert JobSeeker.objects.filter(program=program).count() == 3


def test_a_second_import_says_rows_unchanged_at_375_and_1280_px(
    browser_page, live_server, tmp_path
):
    """Issue 16: importing the same files again counts every row unchanged, not updated;
    the outcome page with its per-file table passes axe and does not scroll sideways."""
    program = Program.objects.create(name="Lakeside", slug="lakeside")
    folder = write_folder(tmp_path / "lake", GOOD)
    log_in(browser_page, director_of(program), live_server.url)
    for width in (1280, 375):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.goto("/admin/fidelity/import/")
        browser_page.set_input_files("input[type=file]", sorted(str(p) for p in folder.iterdir()))
        browser_page.get_by_role("button", name="Check the files").click()
        browser_page.get_by_role("button", name="Import these rows into Lakeside").click()
        assert browser_page.locator("#import-status").inner_text().startswith("Imported")
        region = browser_page.get_by_role("region", name="Rows per file")  # scrolls on a phone
        region.focus()
        assert browser_page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            "Rows per file"
        )
        assert axe_violations(browser_page) == []
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width + 1
        browser_page.screenshot(path=str(tmp_path / f"imported-{width}.png"), full_page=True)
    outcome = browser_page.locator(".ips-import-outcome").inner_text()
    assert outcome == "Imported into Lakeside: 0 rows created, 0 updated, 16 unchanged."


def test_this_quarter_to_date_and_the_quarterly_return_at_375_and_1280_px(
    browser_page, live_server, tmp_path
):
    """A director opens "this quarter to date" from the quarter picker by keyboard, sees the
    period marked as not ended, then the quarterly return; both pages pass axe at 375 and
    1280 px and the table scrolls inside its own region on a phone."""
    folder = write_folder(tmp_path / "north", FOLDER)
    call_command(
        "import_program", str(folder), "--program", "North Team", "--create", stdout=io.StringIO()
    )
    program = Program.objects.get(name="North Team")
    log_in(browser_page, director_of(program), live_server.url)
    for width in (375, 1280):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.goto("/admin/fidelity/")
        link = browser_page.get_by_role("navigation", name="Quarters").get_by_role("link").first
        assert link.inner_text().endswith("to date")
        link.focus()
        with browser_page.expect_navigation():
            browser_page.keyboard.press("Enter")
        assert browser_page.get_by_text("This period has not ended.").count() == 1
        assert browser_page.get_by_text("(so far)").count() >= 1
        assert axe_violations(browser_page) == []
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width + 1
        quarter_links = browser_page.get_by_role("navigation", name="Quarters").get_by_role("link")
        assert all(box["height"] >= 44 for box in (a.bounding_box() for a in quarter_links.all()))
        browser_page.screenshot(path=str(tmp_path / f"dashboard-{width}.png"), full_page=True)

        browser_page.goto(f"/admin/fidelity/quarterly/?program={program.pk}")
        rows = browser_page.locator("table.listing tbody tr")
        assert rows.count() == 9
        assert axe_violations(browser_page) == []
        page_width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= width + 1  # the table scrolls in its region, not the page
        browser_page.screenshot(path=str(tmp_path / f"quarterly-{width}.png"), full_page=True)


def test_review_autosaves_each_change_and_passes_axe_on_a_phone(browser_page, live_server):
    import datetime as dt

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
    assert axe_violations(browser_page) == []
    browser_page.check("#rating_S1_3")
    browser_page.get_by_role("status").get_by_text("Saved at").wait_for()
    browser_page.check("#rating_S2_4")  # a second change after the first save
    from playwright.sync_api import expect

    # Both saves answered: the form now carries the version after two saves.
    expect(browser_page.locator("input[name=version]")).to_have_value(str(review.version + 2))
    ratings = {r.item_key: r.rating for r in review.ratings.filter(item_key__in=["S1", "S2"])}
    assert ratings == {"S1": 3, "S2": 4}
    # The Save button stays in view at the bottom of a phone screen while scrolling.
    save = browser_page.get_by_role("button", name="Save ratings")
    box = save.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= 800


def test_upload_screen_and_preview_at_375_and_1280_px(browser_page, live_server, tmp_path):
    """The upload screen (date order, template link, the files' columns) and the preview of
    the rows as read pass axe on a phone and a desktop; the preview table scrolls inside its
    own region, reachable by keyboard, and the page does not scroll sideways."""
    program = Program.objects.create(name="Lakeside", slug="lakeside")
    folder = write_folder(tmp_path / "lake", GOOD)
    log_in(browser_page, director_of(program), live_server.url)
    for width in (375, 1280):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.goto("/admin/fidelity/import/")
        browser_page.get_by_text("The files and their columns").click()
        assert browser_page.get_by_role("link", name="Download the template").count() == 1
        assert axe_violations(browser_page) == []
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width + 1
        browser_page.screenshot(path=str(tmp_path / f"upload-{width}.png"), full_page=True)
        browser_page.set_input_files("input[type=file]", sorted(str(p) for p in folder.iterdir()))
        browser_page.get_by_label("Dates written").select_option("DMY")
        browser_page.get_by_role("button", name="Check the files").click()
        region = browser_page.get_by_role("region", name="seekers.csv, first rows")
        assert "Sam One" in region.inner_text()
        region.focus()
        assert browser_page.evaluate("document.activeElement.getAttribute('aria-label')") == (
            "seekers.csv, first rows"
        )
        assert axe_violations(browser_page) == []
        assert browser_page.evaluate("document.documentElement.scrollWidth") <= width + 1
        browser_page.screenshot(path=str(tmp_path / f"preview-{width}.png"), full_page=True)
    assert not JobSeeker.objects.filter(program=program).exists()
