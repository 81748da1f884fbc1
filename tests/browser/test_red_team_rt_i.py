"""The pages the red team's fixes changed (issue 17, records and refusals), in a real
browser at phone and desktop widths: accessible, names plain, dates as people read them."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from employers.models import Employer, JobOpening
from ips.models import AuditEvent
from ips.roles import Role
from tests.browser.conftest import axe_violations, log_in

SHOTS = Path(os.environ.get("SCREENSHOTS_DIR", "/tmp/screenshots-rt-i"))


def _check(page, name: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    assert axe_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not overflow, name


@pytest.mark.parametrize("width", [375, 1280])
def test_a_future_job_start_is_refused_on_the_form(browser_page, live_server, users, seeker, width):
    employer = Employer.objects.create(program=seeker.program, name="Corner Bakery", zip="48226")
    opening = JobOpening.objects.create(
        program=seeker.program, employer=employer, title="Line cook", zip="48226",
        status=JobOpening.Status.OPEN, hours_per_week=Decimal("20"),
        hourly_wage=Decimal("15.00"),
    )  # fmt: skip
    log_in(browser_page, users["specialist"], live_server.url)
    browser_page.goto(f"/admin/jobseekers/record/{seeker.pk}/job/?opening={opening.pk}")
    later = timezone.localdate() + dt.timedelta(days=180)
    browser_page.get_by_label("Start date").fill(later.isoformat())
    browser_page.get_by_role("button", name="Save").click()
    expect(browser_page.locator("main")).to_contain_text(
        "A job start is recorded from its first day (tomorrow at most)"
    )
    _check(browser_page, "job-start-future", width)
    opening.refresh_from_db()
    assert opening.status == JobOpening.Status.OPEN


@pytest.mark.parametrize("width", [375, 1280])
def test_staff_names_audit_times_and_listings(
    browser_page, live_server, users, staff, seeker, width
):
    event = AuditEvent.objects.create(
        program=seeker.program, user_label="Ana Ruiz", action="view",
        object_type="jobseekers.JobSeeker", seeker_id=seeker.pk,
    )  # fmt: skip
    log_in(browser_page, users["supervisor"], live_server.url)
    pages = {
        "audit-inspect": f"/admin/audit/inspect/{event.pk}/",
        "audit-list": "/admin/audit/",
        "refer": "/admin/jobseekers/refer/",
        "caseload": "/admin/jobseekers/caseload/",
        "my-week-abc": "/admin/crm/week/?specialist=abc",
        "staff-inspect": f"/admin/staff/inspect/{staff[Role.SPECIALIST].pk}/",
    }
    for name, url in pages.items():
        browser_page.goto(url)
        expect(browser_page.locator("main")).not_to_contain_text("do not have permission")
        _check(browser_page, name, width)
    assert "(Employment specialist" not in browser_page.title()
    log_in(browser_page, users["coach"], live_server.url)
    browser_page.goto("/admin/milestones/")
    expect(browser_page.locator("main")).not_to_contain_text("Add retention check answer")
    _check(browser_page, "milestones-coach", width)
