"""The support log on a phone: one screen, big targets, saved in a few taps."""

import datetime as dt

from django.utils import timezone

from coaching.models import RetentionMilestone, SupportContact
from employers.models import Employer
from jobseekers.models import JobSeeker
from jobseekers.services import record_job_start
from tests.browser.conftest import axe_violations, log_in


def _job(seeker, days_ago):
    employer = Employer.objects.create(program=seeker.program, name="Corner Bakery")
    return record_job_start(
        seeker=seeker,
        employer=employer,
        title="Baker's assistant",
        start_date=timezone.localdate() - dt.timedelta(days=days_ago),
    )


def on_the_same_caseload(seeker, name: str) -> JobSeeker:
    """Another person looking for work on `seeker`'s specialist's caseload."""
    return JobSeeker.objects.create(
        program=seeker.program,
        ref="S-2",
        name=name,
        specialist=seeker.specialist,
        referral_date=seeker.referral_date,
        entry_date=seeker.entry_date,
        stage=JobSeeker.Stage.JOB_SEARCH,
    )


def test_coach_confirms_a_30_day_check_from_the_due_list_on_a_phone(
    browser_page, live_server, users, seeker
):
    job = _job(seeker, days_ago=31)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, users["specialist"], live_server.url)
    page.goto("/admin/coaching/due/")
    page.get_by_role("link", name="Record the check").click()
    # The page names the check it was opened for and asks its question first (issue 17).
    due = job.start_date + dt.timedelta(days=30)
    notice = page.locator("[data-named-check]")
    assert f"30-day retention check for {seeker.name}" in notice.inner_text()
    assert f"due {due.strftime('%a')} {due.day} {due.strftime('%b %Y')}" in notice.inner_text()
    question = page.get_by_role("group", name="30-day check: still in this job?")
    how = page.get_by_role("group", name="How")
    assert question.bounding_box()["y"] < how.bounding_box()["y"]
    page.get_by_label("In the community").check()
    page.get_by_label("Yes, still working there").check()
    page.get_by_label("Minutes").fill("20")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.get_by_label("Yes, still working there").locator("xpath=..").bounding_box()
    assert box["height"] >= 44
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/admin/coaching/jobs/{job.pk}/")
    contact = SupportContact.objects.get()
    assert (contact.location, contact.minutes) == ("community", 20)
    milestone = RetentionMilestone.objects.get(job=job, days=30)
    assert milestone.still_employed is True
    assert "still working there" in page.content()


OFF_SCREEN = """() => [...document.querySelectorAll('main select, main input, main textarea')]
  .filter(e => e.type !== 'hidden' && !e.closest('.coaching-scroll'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.name)"""


def test_forms_keep_every_field_on_a_phone_screen(browser_page, live_server, users, seeker):
    """Red-team finding: selects and number fields ran past a 375 px screen (the week of
    hours' last columns could not be reached at all); the hours table now scrolls."""
    _job(seeker, days_ago=40)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, users["specialist"], live_server.url)
    for path in (
        "/admin/coaching/hours/",
        "/admin/coaching/log/",
        f"/admin/jobseekers/record/{seeker.pk}/benefits/",
        f"/admin/jobseekers/record/{seeker.pk}/counselling/",
        f"/admin/jobseekers/record/{seeker.pk}/wage-report/",
    ):
        page.goto(path)
        assert page.evaluate(OFF_SCREEN) == [], path
    page.goto("/admin/coaching/hours/")
    scroller = page.locator(".coaching-scroll")
    scroller.focus()  # the table scrolls by keyboard
    page.keyboard.press("End")
    last = page.locator("input[name$='_other_office']").first
    last.scroll_into_view_if_needed()
    assert last.bounding_box()["x"] + last.bounding_box()["width"] <= 376
    assert axe_violations(page) == []


def test_the_due_list_buttons_are_thumb_sized_on_a_phone(browser_page, live_server, users, seeker):
    """Issue 17: What's due buttons were ~22-25 px tall; targets are at least 44 px now."""
    _job(seeker, days_ago=31)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, users["specialist"], live_server.url)
    page.goto("/admin/coaching/due/")
    targets = page.locator("main .coaching-list .button, main form .button")
    assert targets.count() >= 3
    for n in range(targets.count()):
        box = targets.nth(n).bounding_box()
        assert box["height"] >= 44, targets.nth(n).inner_text()
        assert box["width"] >= 44, targets.nth(n).inner_text()
    assert axe_violations(page) == []


def test_the_job_list_offers_only_the_chosen_persons_jobs(browser_page, live_server, users, seeker):
    """Red-team finding (issue 17): the support log's Job select listed every job of the
    program (42 in the demo). With a person chosen it lists theirs; a job chosen first
    picks its person. It all happens in the page, so the phone's offline copy does it too."""
    first = _job(seeker, days_ago=40)
    other = on_the_same_caseload(seeker, "Bea Olsen")
    second = _job(other, days_ago=10)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, users["specialist"], live_server.url)
    page.goto("/admin/coaching/log/")
    jobs = page.get_by_label("Job", exact=True)
    offered = "el => [...el.options].map(o => o.value).filter(Boolean)"
    assert sorted(jobs.evaluate(offered)) == sorted([str(first.pk), str(second.pk)])
    page.get_by_label("Who was supported").select_option(str(other.pk))
    assert jobs.evaluate(offered) == [str(second.pk)]
    assert page.locator("#job-filter-hint").inner_text() == "1 job of this person."
    jobs.select_option(str(second.pk))
    page.get_by_label("Who was supported").select_option(str(seeker.pk))
    assert jobs.evaluate(offered) == [str(first.pk)]
    assert jobs.input_value() == ""  # the other person's job is not kept
    page.get_by_label("Who was supported").select_option("")
    jobs.select_option(str(second.pk))
    assert page.get_by_label("Who was supported").input_value() == str(other.pk)
    page.get_by_label("Minutes").fill("15")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/admin/coaching/jobs/{second.pk}/")
    assert SupportContact.objects.get().job == second
    assert axe_violations(page) == []


def test_a_refused_support_log_opens_on_its_summary(browser_page, live_server, users, seeker):
    """Red team (issue 17): a refused save's message sat below the fold, with nothing at the
    top. The page now opens on a summary (focused) whose links lead to each field."""
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, users["specialist"], live_server.url)
    page.goto("/admin/coaching/log/")
    page.get_by_label("Minutes").fill("0")
    page.get_by_role("button", name="Save").click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert axe_violations(page) == []
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the first link: who was supported
    assert page.evaluate("document.activeElement.name") == "seeker"
    assert not SupportContact.objects.exists()


def test_changing_the_person_on_a_check_drops_the_check_on_the_page(
    browser_page, live_server, users, seeker
):
    """Red team (issue 17): opened from "Record the check", a change of person kept the
    banner and moved the check onto the other person's job. The page now drops the check,
    says so (the banner goes, the question reads as usual), and the other job is logged."""
    job = _job(seeker, days_ago=31)
    other = on_the_same_caseload(seeker, "Bea Olsen")
    their_job = _job(other, days_ago=10)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, users["specialist"], live_server.url)
    page.goto(f"/admin/coaching/log/?job={job.pk}&check=30")
    assert page.locator("[data-named-check]").is_visible()
    page.get_by_label("Who was supported").select_option(str(other.pk))
    assert page.locator("[data-named-check]").is_hidden()
    assert page.get_by_role("group", name="Still in this job?").is_visible()
    assert page.get_by_label("Not asked this time", exact=True).is_visible()
    page.get_by_label("Job", exact=True).select_option(str(their_job.pk))
    page.get_by_label("Yes, still working there").check()
    page.get_by_label("Minutes").fill("15")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/admin/coaching/jobs/{their_job.pk}/")
    assert SupportContact.objects.get().job == their_job
    assert not RetentionMilestone.objects.filter(job=job).exists()  # the named check: open
    assert axe_violations(page) == []
