"""The workspace's generic add and edit forms at 375 and 1280 px (issue 17): staff picks by
plain name, employers, people and job seekers picked with a searchable chooser (no long
select), dates as "Mon 23 Nov 2026"; each form passes axe with no console errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coaching.models import FollowUpTask, SupportContact
from employers.models import EmployerContact, EmployerPerson
from ips.roles import Role
from jobseekers.models import DomainAssessment, Goal, Job, JobSeeker
from tests.browser.conftest import WCAG_22_AA, axe_violations, log_in
from tests.browser.test_workspace import DESKTOP, PHONE, shoot, watch_console
from tests.factories import (
    EmployerFactory,
    EmployerPersonFactory,
    FollowUpTaskFactory,
    GoalFactory,
    JobFactory,
    JobOpeningFactory,
    JobSeekerFactory,
)
from tests.ips.workspace import workspace_viewsets

SMALL_BUTTONS = """() => [...document.querySelectorAll(
    'main button, main a.button, footer button, footer a.button')]
  .filter(b => b.checkVisibility() && b.getBoundingClientRect().height < 44)
  .map(b => (b.textContent.trim() || b.getAttribute('aria-label') || b.className).slice(0, 40))"""


def url(model, action, *args) -> str:
    viewset = next(vs for vs in workspace_viewsets() if vs.model is model)
    return reverse(viewset.get_url_name(action), args=args)


@pytest.fixture
def rows(program, staff, seeker):
    for name in ("Harbor Bakery", "Grand Hotel"):
        employer = EmployerFactory(program=program, name=name)
        EmployerPersonFactory(program=program, employer=employer)
    JobSeekerFactory(program=program, name="Bea Zed", specialist=staff[Role.SPECIALIST])
    return {
        "goal": GoalFactory(seeker=seeker, target_date=dt.date(2026, 11, 23)),
        "task": FollowUpTaskFactory(seeker=seeker, due_date=dt.date(2026, 11, 23)),
        "job": JobFactory(
            seeker=seeker,
            title="Baker's assistant",
            opening=JobOpeningFactory(program=program, title="Baker's assistant"),
        ),
    }


def pages(rows, seeker):
    return {
        "seeker-edit": url(JobSeeker, "edit", seeker.pk),
        "goal-edit": url(Goal, "edit", rows["goal"].pk),
        "follow-up-edit": url(FollowUpTask, "edit", rows["task"].pk),
        "assessment-add": url(DomainAssessment, "add"),
        "employer-contact-add": url(EmployerContact, "add"),
        "employer-person-add": url(EmployerPerson, "add"),
        "support-contact-add": url(SupportContact, "add"),
        "job-edit": url(Job, "edit", rows["job"].pk),
    }


@pytest.mark.parametrize(("size_name", "size"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_edit_forms_fit_pass_axe_and_ask_no_long_selects(
    browser_page, live_server, users, rows, seeker, size_name, size
):
    page = browser_page
    errors = watch_console(page)
    page.set_viewport_size(size)
    log_in(page, users[Role.SUPERVISOR], live_server.url)
    for name, path in pages(rows, seeker).items():
        page.goto(path)
        for field in ("seeker", "employer", "person", "job", "opening"):
            assert page.locator(f"select[name={field}]").count() == 0, (name, field)
        assert "(Employment specialist" not in page.locator("main").inner_text(), name
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], name
        found = axe_violations(page, WCAG_22_AA)
        assert found == [], (name, [(v["id"], [n["target"] for n in v["nodes"]]) for v in found])
        if size is PHONE:  # a thumb's size: Save, Cancel, the choosers' buttons (red team)
            assert page.evaluate(SMALL_BUTTONS) == [], name
        shoot(page, f"edit-form-{name}-{size_name}")
    assert errors == []


def test_goal_is_added_with_the_seeker_chooser_and_a_human_date(
    browser_page, live_server, users, rows, seeker
):
    page = browser_page
    errors = watch_console(page)
    page.set_viewport_size(PHONE)
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.goto(url(Goal, "edit", rows["goal"].pk))
    date = page.locator("input[name=target_date]")
    expect(date).to_have_value("Mon 23 Nov 2026")
    date.click()  # the picker opens on the shown date and writes the picked one alike
    picker = page.locator(".xdsoft_datetimepicker:visible")
    picker.locator("td[data-date='24'][data-month='10']").click()
    expect(date).to_have_value("Tue 24 Nov 2026")
    page.goto(url(Goal, "add"))
    page.get_by_role("button", name="Choose the person").click()
    search = page.get_by_role("dialog").get_by_label("Name or agency reference")
    expect(search).to_be_visible()
    search.fill("rivera")
    choice = page.get_by_role("dialog").get_by_role("link", name=seeker.name)
    expect(choice).to_be_visible()
    found = axe_violations(page, WCAG_22_AA)
    assert found == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
    shoot(page, "seeker-chooser-phone")
    choice.click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.locator("select[name=domain]").select_option(label="Employment")
    page.locator("textarea[name=description], input[name=description]").first.fill("Café job")
    date.fill("Tue 1 Dec 2026")
    date.press("Tab")
    expect(date).to_have_value("Tue 1 Dec 2026")  # the picker keeps the typed date
    # The picker closes once the box is left (it takes Enter while open, as a person
    # sees): a busy CI machine pressed Enter on Save before it had gone.
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    shoot(page, "goal-add-filled-phone")
    # By keyboard: the footer's "unsaved edits" note slides in under a pointer.
    page.locator("#w-editor-form [type=submit]").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("created")
    goal = Goal.objects.get(description="Café job")
    assert (goal.seeker, goal.target_date) == (seeker, dt.date(2026, 12, 1))
    assert errors == []


def test_a_support_contacts_job_is_picked_with_the_job_chooser(
    browser_page, live_server, users, rows, seeker
):
    """Red-team finding (issue 17): the support contact and follow-up forms listed every
    job of the program in a select; the job is now found by person, title or employer."""
    page = browser_page
    errors = watch_console(page)
    page.set_viewport_size(PHONE)
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.goto(url(FollowUpTask, "edit", rows["task"].pk))
    page.get_by_role("button", name="Choose the job").click()
    search = page.get_by_role("dialog").get_by_label("Person, job title or employer")
    expect(search).to_be_visible()
    search.fill("baker")
    choice = page.get_by_role("dialog").get_by_role("link", name=seeker.name)
    expect(choice).to_be_visible()
    found = axe_violations(page, WCAG_22_AA)
    assert found == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in found]
    shoot(page, "job-chooser-phone")
    choice.click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.locator("#w-editor-form [type=submit]").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("updated")
    assert FollowUpTask.objects.get(pk=rows["task"].pk).job == rows["job"]
    assert errors == []


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("20 Dec 2026", dt.date(2026, 12, 20)),  # the month as a word: read
        ("2026-12-20", dt.date(2026, 12, 20)),
        ("31/12/2026", None),  # numbers only, day or month first? refused, never guessed
        ("Mon 31 Feb 2026", None),  # no such day: refused, not moved into March
    ],
)
def test_a_typed_date_is_kept_as_typed_then_read_or_refused(
    browser_page, live_server, users, rows, typed, saved
):
    """Red-team finding (issue 17): the date picker put today's date in place of a typed
    date it could not read when the box lost focus, and the form saved it."""
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, users[Role.SPECIALIST], live_server.url)
    task = rows["task"]
    page.goto(url(FollowUpTask, "edit", task.pk))
    date = page.locator("input[name=due_date]")
    date.fill(typed)
    date.press("Tab")
    expect(date).to_have_value(typed)  # left as typed when the box loses focus
    page.keyboard.press("Escape")
    page.locator("#w-editor-form [type=submit]").first.focus()
    page.keyboard.press("Enter")
    task.refresh_from_db()
    if saved is None:
        expect(page.locator(".error-message").first).to_contain_text("Enter a date as day")
        assert task.due_date == dt.date(2026, 11, 23)  # unchanged
    else:
        expect(page.locator(".messages")).to_contain_text("updated")
        task.refresh_from_db()
        assert task.due_date == saved
