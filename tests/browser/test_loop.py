"""Closing the loop in Chromium (issue 17, "Done when"): the seeker says "I'm interested";
the specialist's home and the seeker's record show it; the specialist records the job
start from that opening; the opening is no longer public; the coach chosen sees the
week-1 visit due on their home. axe at 375 px and 1280 px, no console errors."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from employers.models import JobOpening
from ips.roles import Role
from jobseekers.models import Job, Match
from tests.browser.conftest import axe_violations, log_in
from tests.cms.conftest import build_opening

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# Screenshots for a person to look at (set SCREENSHOTS=some/dir to keep them).
SHOTS = Path(os.environ.get("SCREENSHOTS", "/tmp/ips-screenshots"))


@pytest.fixture
def opening(program, seeker):
    opening = build_opening(program, title="Bakery assistant", zip_code="48201")
    opening.employer.name = "Corner Bakery"
    opening.employer.save()
    Match.objects.create(
        program=program,
        seeker=seeker,
        opening=opening,
        score=0.9,
        rank=1,
        reasons=["2 miles away, by bus", "you said you are good at works hard"],
        distance_miles=2.1,
    )
    return opening


def watch_console(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def check_both_widths(page) -> None:
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        violations = axe_violations(page)
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], (page.url, size, width)
    page.set_viewport_size(PHONE)


def test_interest_to_job_start_to_the_coachs_week_one_visit(
    chromium, live_server, site_root, users, staff, seeker, seeker_user, opening
):
    def new_page(user):
        context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in(page, user, live_server.url)
        return page, watch_console(page)

    # The seeker says "I'm interested" on the portal.
    portal, _ = new_page(seeker_user)
    portal.goto("/portal/")
    card = portal.locator(".card", has_text="Bakery assistant")
    card.get_by_role("button", name="I'm interested in Bakery assistant").click()
    assert "We told your specialist" in portal.locator(".messages").inner_text()

    # The specialist's home (375 px) shows it as a task.
    page, errors = new_page(users[Role.SPECIALIST])
    page.goto("/admin/")
    task = page.locator("#interest li", has_text="Bakery assistant")
    assert seeker.name in task.inner_text()
    assert "What came of it" in task.inner_text()
    check_both_widths(page)

    # The record shows it, with the match reasons written about the person.
    task.get_by_role("link", name=seeker.name, exact=True).click()
    page.wait_for_url(f"**/admin/jobseekers/record/{seeker.pk}/**")
    interest = page.locator("#interest")
    assert "Bakery assistant at Corner Bakery" in interest.inner_text()
    matches = page.locator("#matches").inner_text()
    assert "Their strengths include “works hard”" in matches
    assert "you said" not in matches
    check_both_widths(page)

    # The job start from that opening: filled in, the coach suggested.
    interest.get_by_role("link", name="Record a job start").click()
    page.wait_for_url("**/job/?opening=*")
    assert page.get_by_label("Job title").input_value() == "Bakery assistant"
    assert Decimal(page.get_by_label("Hours per week").input_value()) == Decimal("20")
    assert Decimal(page.get_by_label("Hourly wage").input_value()) == Decimal("15.50")
    coach = page.get_by_label("Who is the job coach?")
    assert coach.input_value() == str(staff[Role.COACH].pk)
    assert " — 0 people" in coach.locator("option:checked").inner_text()
    check_both_widths(page)
    shoot(page, "job-start-form-phone")
    coach.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "job-start-coach-phone.png"))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/admin/jobseekers/record/{seeker.pk}/")
    assert "Job start: saved" in page.locator(".messages").inner_text()
    assert page.locator("#interest").count() == 0  # handled by the job start
    job = Job.objects.get(seeker=seeker)
    assert job.opening_id == opening.pk
    assert errors == []

    # The opening is no longer public.
    opening.refresh_from_db()
    assert opening.status == JobOpening.Status.FILLED
    portal.goto("/portal/")
    assert portal.locator(".card", has_text="Bakery assistant").count() == 0

    # The coach chosen sees the week-1 visit due on their home.
    coach_page, coach_errors = new_page(users[Role.COACH])
    coach_page.goto("/admin/")
    coming = coach_page.locator(".home-card", has_text="Coming up: next 7 days").inner_text()
    assert seeker.name in coming
    assert "Week 1 face-to-face contact" in coming
    assert "Due today" not in coming  # due by the week's last day (red-team finding)
    check_both_widths(coach_page)
    coach_page.reload()  # laid out afresh at 375 px, as a phone opens it
    shoot(coach_page, "coach-home-phone")
    assert coach_errors == []


def test_a_staff_form_shown_again_with_errors_logs_no_console_error(
    browser_page, live_server, users, staff, seeker
):
    """Red-team finding (issue 17): a form POST re-rendered with errors answered 400 and
    the browser logged "Failed to load resource"; it answers 200 like Django's own."""
    page = browser_page
    errors = watch_console(page)
    log_in(page, users[Role.SPECIALIST], live_server.url)
    page.set_viewport_size(PHONE)
    page.goto(f"/admin/jobseekers/record/{seeker.pk}/job/")
    page.get_by_label("Job title").fill("")
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name="Save").click()
    assert sent.value.status == 200
    page.locator(".w-field--error").first.wait_for()
    assert not Job.objects.exists()
    assert errors == []


def test_what_came_of_it_choices_are_thumb_sized_on_a_phone(
    browser_page, live_server, users, seeker
):
    """Issue 17: the "What came of it" radios were ~22 px; each choice is a 44 px card now,
    its radio at least 24 px."""
    from django.utils import timezone

    from employers.models import Employer
    from jobseekers.models import MatchOutcome

    employer = Employer.objects.create(program=seeker.program, name="Corner Bakery")
    opening = JobOpening.objects.create(program=seeker.program, employer=employer, title="Baker")
    interest = MatchOutcome.objects.create(
        program=seeker.program, seeker=seeker, opening=opening,
        kind=MatchOutcome.Kind.INTEREST, date=timezone.localdate(), source="portal",
    )  # fmt: skip
    page = browser_page
    page.set_viewport_size(PHONE)
    log_in(page, users[Role.SPECIALIST], live_server.url)
    from django.urls import reverse

    page.goto(reverse("jobseekers:interest_handled", args=[seeker.pk, interest.pk]))
    radios = page.locator("main input[type=radio]")
    assert radios.count() >= 2
    for n in range(radios.count()):
        radio = radios.nth(n).bounding_box()
        assert radio["height"] >= 24
        assert radio["width"] >= 24
        card = radios.nth(n).locator("xpath=ancestor::label").bounding_box()
        assert card["height"] >= 44
    assert axe_violations(page) == []
