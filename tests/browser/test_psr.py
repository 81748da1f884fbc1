"""The PSR assessment in a real browser (issue 24): all eleven domains with settings and
skills on a phone, accessible (axe, WCAG 2.2 AA) at 375 and 1280 px."""

import pytest
from playwright.sync_api import expect

from jobseekers.models import Domain
from tests.browser.conftest import axe_violations, log_in


def no_sideways_scroll(page) -> bool:
    width = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    return page.evaluate(width) <= 0


def settled(page) -> None:
    """Wait until no CSS animation runs (Wagtail's saved message fades in; axe would
    measure its contrast half-way)."""
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")


def fill_every_domain(page) -> None:
    """Each domain: strengths, the setting and skills; justice: chose not to discuss."""
    for value, label in Domain.choices:
        page.locator(f"details[data-domain={value}] > summary").click()
        if value == "justice":
            page.get_by_label(f"{label}: the person chose not to discuss this").check()
            continue
        page.get_by_label(f"{label}: strengths and abilities, in the person's words").fill(
            f"Strong at {value}"
        )
        page.get_by_label(f"{label}: the setting: where the person lives").fill(f"At {value}")
        page.get_by_label(f"{label}: skills the person has").fill("Some")
        page.get_by_label(f"{label}: skills the person wants to build").fill(f"More {value}")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_complete_assessment_of_all_eleven_domains(
    browser_page, live_server, seeker, users, width, tmp_path
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, users["specialist"], live_server.url)
    page.goto(f"/admin/jobseekers/record/{seeker.pk}/assessment/")
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    fill_every_domain(page)
    page.get_by_label("Mark this assessment complete").check()
    assert axe_violations(page) == []
    page.screenshot(path=tmp_path / f"psr-assessment-{width}.png", full_page=True)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-assessment-status=complete]")).to_be_visible()
    housing = page.locator("section[data-domain=housing]")
    expect(housing).to_contain_text("At housing")
    expect(housing).to_contain_text("More housing")
    expect(page.locator("section[data-domain=justice]")).to_contain_text("chose not to discuss")
    settled(page)
    found = axe_violations(page)
    assert found == [], [(v["id"], [n["html"][:200] for n in v["nodes"]]) for v in found]
    assert no_sideways_scroll(page)
    page.screenshot(path=tmp_path / f"psr-record-{width}.png", full_page=True)
    assert seeker.assessments.get().completed_on is not None


def test_completing_with_domains_missing_is_refused_in_the_browser(
    browser_page, live_server, seeker, users
):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 900})
    log_in(page, users["specialist"], live_server.url)
    page.goto(f"/admin/jobseekers/record/{seeker.pk}/assessment/")
    page.locator("details[data-domain=housing] > summary").click()
    page.get_by_label("Housing: strengths and abilities, in the person's words").fill("Flat")
    page.get_by_label("Mark this assessment complete").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Not complete yet")
    expect(page.locator("main")).to_contain_text("Transportation")
    assert axe_violations(page) == []
    assert not seeker.assessments.exists()
