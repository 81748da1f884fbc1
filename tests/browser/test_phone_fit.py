"""Phones, red-team round (issue 17): the workspace's own tables (My week, its team view,
My hours, the employer record) stack into cards below 600 px instead of running off a
375 px screen, and the openings form's employer is chosen by search, by keyboard. Each
page passes axe (WCAG 2.2 AA) at 375 and 1280 px."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from employers.models import Employer, EmployerPerson, JobOpening
from ips.roles import Role
from tests.browser.conftest import WCAG_22_AA, axe_violations, log_in
from tests.browser.test_occupation_chooser import tab_to
from tests.browser.test_workspace import DESKTOP, PHONE, shoot, watch_console
from tests.employers.conftest import make_contact, make_opening

# Anything of the page's content drawn past the right edge of the screen: Wagtail's shell
# clips the page, so documentElement.scrollWidth alone misses a table running off it.
OFF_SCREEN = """(width) => [...document.querySelectorAll('main .nice-padding *')]
  .filter(e => e.getClientRects().length && !e.closest('.crm-sr, .w-sr-only, .visually-hidden'))
  .filter(e => e.getBoundingClientRect().right > width + 1)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def assert_no_axe_violations(page) -> None:
    found = axe_violations(page, WCAG_22_AA)
    assert found == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]


@pytest.fixture
def employer_with_history(program, staff, seeker):
    employer = Employer.objects.create(
        program=program, name="Riverside Auto Components", zip="48226", phone="313 555 0100"
    )
    EmployerPerson.objects.create(
        program=program,
        employer=employer,
        name="Dolores Featherstonehaugh-Whitaker",
        job_title="Hiring manager, second shift",
        phone="313 555 0199",
        email="dolores.featherstonehaugh-whitaker@riverside-auto-components.example.com",
        consent_notes="Agreed to be called about candidates on weekday mornings.",
    )
    today = timezone.localdate()
    for weeks in range(8):
        make_contact(
            staff[Role.SPECIALIST],
            employer,
            date=today - dt.timedelta(weeks=weeks),
            next_step="Send the hiring manager a thank-you note",
            next_step_due=today,
        )
    make_opening(employer, title="Assembly technician, second shift", hours_per_week=32)
    return employer


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_workspace_tables_fit_the_screen_and_pass_axe(
    browser_page, live_server, users, employer_with_history, name, size
):
    page = browser_page
    errors = watch_console(page)
    page.set_viewport_size(size)
    pages = {
        "specialist": [
            "/admin/crm/week/",
            "/admin/coaching/hours/",
            f"/admin/employers/inspect/{employer_with_history.pk}/",
        ],
        "supervisor": ["/admin/crm/week/"],  # the team's table, a chart in each row
    }
    for role, paths in pages.items():
        log_in(page, users[role], live_server.url)
        for path in paths:
            page.goto(path)
            assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], path
            assert page.evaluate(OFF_SCREEN, size["width"]) == [], path
            assert_no_axe_violations(page)
            shoot(page, f"fit-{role}-{path.strip('/').replace('/', '-')}-{name}")
    if size is PHONE:  # cards: every value under its column's name
        page.goto("/admin/crm/week/")
        cell = page.locator("table.ips-cards td[data-label='Specialist']").first
        expect(cell).to_be_visible()
    assert errors == []


def test_hours_are_typed_on_a_phone_without_sideways_scrolling(
    browser_page, live_server, users, staff
):
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.goto("/admin/coaching/hours/")
    last = page.locator("input[name$='_other_office']").last
    last.scroll_into_view_if_needed()
    box = last.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    # The column's name stands above each box in the card.
    label = page.locator("td[data-label='Other work, in the office']").last
    expect(label).to_be_visible()


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_opening_employer_is_found_by_name_with_the_keyboard(
    browser_page, live_server, users, program, name, size
):
    page = browser_page
    errors = watch_console(page)
    page.set_viewport_size(size)
    for other in ("Corner Cafe", "Adams's Plastics", "Belle Isle Credit Union"):
        Employer.objects.create(program=program, name=other, zip="48226")
    hotel = Employer.objects.create(program=program, name="Grand Hotel", zip="48226")
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.goto("/admin/openings/new/")
    assert page.locator("select[name=employer]").count() == 0
    expect(page.locator("main")).not_to_contain_text("Belle Isle Credit Union")
    tab_to(page, page.get_by_role("button", name="Choose the employer"))
    page.keyboard.press("Enter")
    search = page.get_by_role("dialog").get_by_label("Employer name")
    expect(search).to_be_visible()
    tab_to(page, search)
    page.keyboard.type("grand")
    choice = page.get_by_role("dialog").get_by_role("link", name="Grand Hotel")
    expect(choice).to_be_visible()
    expect(page.get_by_role("dialog").get_by_role("link", name="Corner Cafe")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_no_axe_violations(page)
    shoot(page, f"opening-employer-chooser-{name}")
    tab_to(page, choice)
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.locator("main")).to_contain_text("Grand Hotel")
    assert_no_axe_violations(page)
    shoot(page, f"opening-form-employer-{name}")
    expect(page.get_by_role("dialog")).to_have_count(0)
    page.locator("#id_title").fill("Night auditor")
    page.locator("#w-editor-form [type=submit]").first.click()
    expect(page.get_by_text("Night auditor").first).to_be_visible()
    assert JobOpening.objects.get().employer == hotel
    assert errors == []


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_employer_record_contacts_are_cards_on_a_phone_with_call_and_email_links(
    browser_page, live_server, users, employer_with_history, name, size
):
    page = browser_page
    page.set_viewport_size(size)
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.goto(f"/admin/employers/inspect/{employer_with_history.pk}/")
    people = page.locator("section[aria-labelledby='people-heading']")
    expect(people.locator("a[href='tel:3135550199']")).to_have_text("Call 313 555 0199")
    email = "dolores.featherstonehaugh-whitaker@riverside-auto-components.example.com"
    expect(people.locator(f"a[href='mailto:{email}']")).to_have_text(email)
    expect(page.locator("a[href='tel:3135550100']")).to_have_text("313 555 0100")
    contacts = page.locator("section[aria-labelledby='timeline-heading'] table")
    expect(contacts.locator("tbody tr")).to_have_count(8)
    assert page.evaluate(OFF_SCREEN, size["width"]) == []
    if size is PHONE:  # each contact a card, each value under its column's name
        expect(contacts).to_have_class("ips-stack ips-cards")
        expect(contacts.locator("td[data-label='Next step']").first).to_be_visible()
        expect(contacts.locator("thead")).not_to_be_in_viewport()
    assert_no_axe_violations(page)
    shoot(page, f"employer-record-{name}")


# The header's title (its last breadcrumb) and each sidebar item's name, drawn cut short:
# past the screen's edge, or narrower than its words.
CUT_TITLES = """(width) => [
    ...document.querySelectorAll('.w-slim-header .w-breadcrumbs li:last-child a'),
    ...document.querySelectorAll('.sidebar-menu-item .menuitem-label'),
  ].filter(e => e.getClientRects().length)
  .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > width + 1)
  .map(e => e.textContent.replace(/\\s+/g, ' ').trim())"""
# A card's name over nothing.
EMPTY_LABELS = """() => [...document.querySelectorAll('table.ips-cards td[data-label]')]
  .filter(td => td.getClientRects().length && td.getAttribute('data-label'))
  .filter(td => !td.innerText.trim() && !td.querySelector('input, select, button, svg, img'))
  .map(td => td.getAttribute('data-label'))"""


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_staff_pages_show_titles_whole_and_no_label_without_a_value(
    browser_page, live_server, users, program, seeker, employer_with_history, name, size
):
    from django.urls import reverse

    Employer.objects.create(program=program, name="Never Contacted Yet Bakery", zip="48226")
    page = browser_page
    page.set_viewport_size(size)
    log_in(page, users[Role.SPECIALIST], live_server.url)
    paths = [
        "/admin/",
        reverse("jobseekers:record", args=[seeker.pk]),
        f"/admin/seekers/inspect/{seeker.pk}/",  # no internal columns (item 1)
        reverse("jobseekers:caseload"),
        f"/admin/employers/inspect/{employer_with_history.pk}/",
        "/admin/employers/",
        "/admin/openings/",
        reverse("matching:openings"),
        "/admin/crm/week/",
    ]
    for path in paths:
        page.goto(path)
        assert page.evaluate(CUT_TITLES, size["width"]) == [], path
        if size is PHONE:  # cards below 600 px; a table cell may be empty
            assert page.evaluate(EMPTY_LABELS) == [], path
        assert page.evaluate(OFF_SCREEN, size["width"]) == [], path
        assert_no_axe_violations(page)
        shoot(page, f"titles-{path.strip('/').replace('/', '-') or 'home'}-{name}")
    page.goto(f"/admin/employers/inspect/{employer_with_history.pk}/")
    title = page.locator(".w-slim-header .w-breadcrumbs li:last-child a")
    expect(title).to_contain_text("Riverside Auto Components")
    expect(title).to_be_in_viewport(ratio=1)


LONG_WORD = "Featherstonehaughwhitakerautocomponentsandsons"


@pytest.mark.parametrize(("name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_a_long_word_searched_stays_on_the_screen(
    browser_page, live_server, users, program, name, size
):
    for other in ("Harbor Bakery", "Harbor Diner"):
        Employer.objects.create(program=program, name=other, zip="48226")
    page = browser_page
    page.set_viewport_size(size)
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.goto(f"/admin/search/?q={LONG_WORD}")
    nothing = page.get_by_text("Nothing found for")
    expect(nothing).to_contain_text(LONG_WORD)
    assert nothing.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert page.evaluate(OFF_SCREEN, size["width"]) == []
    assert_no_axe_violations(page)
    shoot(page, f"search-long-word-{name}")
    page.goto("/admin/openings/new/")
    page.get_by_role("button", name="Choose the employer").click()
    dialog = page.get_by_role("dialog")
    search = dialog.get_by_label("Employer name")
    search.fill("harbor")
    expect(dialog.get_by_role("link", name="Harbor Diner (48226)")).to_be_visible()
    expect(dialog.locator(".pagination")).to_have_count(0)  # two rows: no "Page 1 of 1"
    search.fill(LONG_WORD)
    said = dialog.get_by_text("Sorry, there are no matches for")
    expect(said).to_contain_text(LONG_WORD)
    inside = dialog.locator(".modal-body, .w-dialog__body").first
    right = inside.evaluate("e => e.getBoundingClientRect().right")
    assert said.evaluate("e => e.getBoundingClientRect().right") <= right
    assert said.evaluate("e => e.scrollWidth <= e.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_no_axe_violations(page)
    shoot(page, f"chooser-long-word-{name}")
