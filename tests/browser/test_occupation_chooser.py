"""The occupation chooser on a staff form, by keyboard only, at 375 and 1280 px (issue 17,
item 5): search by a plain job title, pick "Housekeeper (Maids and Housekeeping Cleaners)",
the O*NET code is saved; the form and the open chooser pass axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from employers.models import Employer, JobOpening
from tests.browser.conftest import WCAG_22_AA, axe_violations, log_in
from tests.browser.test_workspace import DESKTOP, PHONE, shoot, watch_console

HOUSEKEEPER = "Housekeeper (Maids and Housekeeping Cleaners)"


def tab_to(page, locator, limit: int = 60) -> None:
    """Press Tab until `locator` has focus (fails past `limit` presses)."""
    for _ in range(limit):
        if locator.evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"not reached by Tab: {locator}")


def assert_no_axe_violations(page) -> None:
    found = axe_violations(page, WCAG_22_AA)
    assert found == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_opening_occupation_is_chosen_by_plain_title_with_the_keyboard(
    browser_page, live_server, users, program, name, size
):
    page = browser_page
    errors = watch_console(page)
    page.set_viewport_size(size)
    Employer.objects.create(program=program, name="Grand Hotel", zip="48226")
    log_in(page, users["specialist"], live_server.url)
    page.goto("/admin/openings/new/")
    assert page.locator("select[name=occupation]").count() == 0
    assert page.locator("select[name=program]").count() == 0  # one program: not asked
    assert page.locator("select[name=employer]").count() == 0  # one employer: named
    expect(page.locator("main")).to_contain_text("Grand Hotel")
    page.locator("#id_title").fill("Room attendant")
    page.locator("#id_title").focus()
    tab_to(page, page.get_by_role("button", name="Choose a kind of work"))
    page.keyboard.press("Enter")
    search = page.get_by_role("dialog").get_by_label("Job title")
    expect(search).to_be_visible()
    tab_to(page, search)
    page.keyboard.type("housekeeper")
    choice = page.get_by_role("dialog").get_by_role("link", name=HOUSEKEEPER)
    expect(choice).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_no_axe_violations(page)  # after animations settle
    shoot(page, f"occupation-chooser-{name}")
    tab_to(page, choice)
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator("main")).to_contain_text(HOUSEKEEPER)
    assert_no_axe_violations(page)
    shoot(page, f"opening-form-{name}")
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.locator("#w-editor-form [type=submit]").first.click()
    expect(page.get_by_text("Room attendant").first).to_be_visible()
    opening = JobOpening.objects.get()
    assert (opening.occupation_id, opening.program) == ("37-2012.00", program)
    assert errors == []


def focused(page) -> str:
    """A description of the focused element: tag, name and the chooser it is in."""
    return page.evaluate(
        """() => { const e = document.activeElement;
        const chooser = e.closest('.chooser');
        return [e.tagName, e.getAttribute('name') || e.getAttribute('aria-label')
                || e.innerText.trim(), chooser ? chooser.id : ''].join('|'); }"""
    )


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_chooser_takes_focus_to_its_search_and_gives_it_back_to_its_button(
    browser_page, live_server, users, program, name, size
):
    """Keyboard only: the chooser opens with focus in its search box; several words in
    any order find the job; ArrowDown reaches the first result and Enter chooses it; focus
    comes back to the chooser (its Actions button, the choose button now being hidden),
    never to the page's body; Escape closes it with focus on the button that opened it."""
    page = browser_page
    errors = watch_console(page)
    page.set_viewport_size(size)
    Employer.objects.create(program=program, name="Grand Hotel", zip="48226")
    log_in(page, users["specialist"], live_server.url)
    page.goto("/admin/openings/new/")
    page.locator("#id_title").fill("Cook")
    page.locator("#id_title").focus()
    opener = page.get_by_role("button", name="Choose a kind of work")
    tab_to(page, opener)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    search = dialog.get_by_label("Job title")
    expect(search).to_be_focused()
    assert_no_axe_violations(page)  # open, unfiltered
    page.keyboard.type("cook line")
    choice = dialog.get_by_role("link", name="Restaurant cook (Cooks, Restaurant)")
    expect(choice).to_be_visible()
    expect(search).to_be_focused()  # typing stays in the box while the results change
    assert_no_axe_violations(page)  # open, with results
    shoot(page, f"occupation-chooser-cook-line-{name}")
    page.keyboard.press("ArrowDown")
    expect(choice).to_be_focused()  # the only result
    page.keyboard.press("ArrowUp")
    expect(search).to_be_focused()
    page.keyboard.press("ArrowDown")
    # The results change under the focused result (a search still on its way): focus goes
    # to the search box, not to the page behind the dialog.
    search.evaluate(
        "q => { q.value = 'restaurant cook';"
        " q.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    expect(search).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(choice).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Restaurant cook (Cooks, Restaurant)")
    chooser = page.locator("#id_occupation-chooser")
    expect(chooser.get_by_role("button", name="Actions")).to_be_focused()
    assert focused(page) == "BUTTON|Actions|id_occupation-chooser"  # not BODY
    # Escape: focus goes back to the button that opened it.
    page.goto("/admin/openings/new/")
    opener.focus()
    page.keyboard.press("Enter")
    expect(search).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()
    assert errors == []


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_career_profile_kinds_of_work_by_plain_title_chosen_by_keyboard(
    browser_page, live_server, users, seeker, name, size
):
    """The career-profile checklist and the record name kinds of work by plain title (the
    O*NET title and code in small print on the checklist); a kind of work is added by
    keyboard with the chooser ("cashier's" finds Cashier); both pages pass axe."""
    from jobseekers import services

    services.update_career_profile(
        seeker=seeker, changes={"preferred_occupations": ["51-9198.00"]}, by=None
    )
    page = browser_page
    errors = watch_console(page)
    page.set_viewport_size(size)
    log_in(page, users["specialist"], live_server.url)
    page.goto(f"/admin/jobseekers/record/{seeker.pk}/profile/")
    expect(
        page.get_by_label("Production helper Helpers--Production Workers, 51-9198.00")
    ).to_be_checked()
    expect(page.locator("main")).not_to_contain_text("Helpers--Production Workers (51-9198.00)")
    adder = page.locator("#id_add_occupation-chooser")
    adder.get_by_role("button", name="Choose a kind of work").focus()
    page.keyboard.press("Enter")
    search = page.get_by_role("dialog").get_by_label("Job title")
    expect(search).to_be_focused()
    page.keyboard.insert_text("cashier's")  # one input event: one search
    # Cashier is on the unfiltered first page too: wait for the search's answer.
    expect(page.get_by_role("dialog").get_by_text("There are 2 matches")).to_be_visible()
    expect(
        page.get_by_role("dialog").get_by_role("link", name="Cashier (Cashiers)")
    ).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(
        page.get_by_role("dialog").get_by_role("link", name="Cashier (Cashiers)")
    ).to_be_focused()
    page.keyboard.press("Enter")
    expect(adder.get_by_role("button", name="Actions")).to_be_focused()
    expect(adder).to_contain_text("Cashier (Cashiers)")
    assert_no_axe_violations(page)
    shoot(page, f"career-profile-form-{name}")
    page.get_by_text("Kinds of work wanted (untick to remove)").scroll_into_view_if_needed()
    shoot(page, f"career-profile-checklist-{name}")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#h-profile")).to_be_visible()
    profile = page.locator("section[aria-labelledby=h-profile]")
    expect(profile).to_contain_text("Production helper (Helpers--Production Workers)")
    expect(profile).to_contain_text("Cashier (Cashiers)")
    assert_no_axe_violations(page)
    profile.locator("dl").first.scroll_into_view_if_needed()
    shoot(page, f"seeker-record-profile-{name}")
    assert errors == []
