"""The caseload and the seeker record in a real browser: usable and accessible."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from jobseekers import services
from tests.browser.conftest import axe_violations, log_in


def test_caseload_and_record_are_accessible(browser_page, live_server, seeker, users):
    services.update_career_profile(
        seeker=seeker, changes={"dream_job": "Chef", "strengths": "Calm"}, by=None
    )
    services.record_assessment(
        seeker=seeker,
        date=dt.date(2026, 2, 1),
        domains={"employment": {"strengths": "Punctual", "needs": "References", "rating": 3}},
        by=None,
    )
    log_in(browser_page, users["specialist"], live_server.url)
    browser_page.goto("/admin/jobseekers/caseload/")
    assert axe_violations(browser_page) == []
    browser_page.get_by_role("link", name=seeker.name).click()
    expect(browser_page.locator("#h-profile")).to_contain_text("version 1")
    expect(browser_page.locator("main")).to_contain_text("Chef")
    assert axe_violations(browser_page) == []
    browser_page.get_by_role("link", name="Re-assess").click()
    browser_page.locator("summary", has_text=re.compile(r"^\s*Housing")).click()
    browser_page.get_by_label("Housing: strengths and abilities, in the person's words").fill(
        "Own flat"
    )
    browser_page.get_by_role("button", name="Save").click()
    expect(browser_page.locator("main")).to_contain_text("Own flat")
    assert seeker.assessments.count() == 2


@pytest.mark.parametrize("width", [1280, 375])
def test_benefits_estimate_in_the_browser(
    browser_page, live_server, seeker, users, width, tmp_path
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, users["specialist"], live_server.url)
    page.goto(f"/admin/jobseekers/record/{seeker.pk}/benefits/")
    page.get_by_role("spinbutton", name="Year").first.fill("2026")
    page.get_by_label("or hours per week").fill("24")
    page.get_by_label("and hourly wage ($)").fill("10")
    page.get_by_role("button", name="Estimate").click()
    expect(page.locator("#estimate-heading")).to_have_text(
        "Estimate using 2026 Social Security figures"
    )
    expect(page.locator("#estimate-words")).to_contain_text(
        "Your SSI would go from $994 to $516.50; your total income would go from $994 to $1,556.50."
    )
    expect(page.locator("#not-advice")).to_contain_text(
        "an estimate, not advice; talk to a benefits planner"
    )
    steps = page.locator("#steps-ssi-job")
    expect(steps.get_by_text("One half of the rest")).to_be_hidden()
    steps.get_by_text("How SSI was worked out, with this job").click()  # one click away
    expect(steps.get_by_text("One half of the rest")).to_be_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert axe_violations(page) == []
    page.screenshot(path=tmp_path / f"benefits-{width}.png", full_page=True)


def test_job_start_with_the_occupation_chooser(browser_page, live_server, seeker, users):
    from employers.models import Employer

    Employer.objects.create(program=seeker.program, name="Corner Bakery")
    log_in(browser_page, users["specialist"], live_server.url)
    browser_page.goto(f"/admin/jobseekers/record/{seeker.pk}/job/")
    browser_page.get_by_role("button", name="Choose the employer").click()
    browser_page.get_by_label("Employer name").fill("corner")
    browser_page.get_by_role("link", name="Corner Bakery").click()
    browser_page.get_by_label("Job title").fill("Line cook")
    browser_page.get_by_role("button", name="Choose a kind of work").click()
    browser_page.get_by_label("Job title", exact=True).last.fill("restaurant cook")
    browser_page.get_by_role("link", name="Restaurant cook (Cooks, Restaurant)").click()
    browser_page.get_by_label("Hourly wage").fill("15.50")
    browser_page.get_by_role("button", name="Save").click()
    expect(browser_page.locator("#h-jobs")).to_be_visible()
    job = seeker.jobs.get()
    assert (job.title, job.occupation_id) == ("Line cook", "35-2014.00")
