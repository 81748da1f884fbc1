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
    page.locator("details[data-domain=housing] > summary").focus()
    page.keyboard.press("Enter")  # each domain opens from the keyboard
    strengths = page.get_by_label("Housing: strengths and abilities, in the person's words")
    expect(strengths).to_be_visible()
    page.keyboard.press("Tab")
    expect(strengths).to_be_focused()
    page.keyboard.type("Flat")
    page.get_by_label("Mark this assessment complete").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Not complete yet")
    expect(page.locator("main")).to_contain_text("Transportation")
    assert axe_violations(page) == []
    assert not seeker.assessments.exists()


def add_intervention(page, kind: str, provider: str, place: str, frequency: str) -> None:
    page.get_by_role("link", name="Add an intervention", exact=True).click()
    page.get_by_label("Intervention").select_option(label=kind)
    page.get_by_label("Who provides it").fill(provider)
    page.get_by_label("Where").select_option(label=place)
    page.get_by_label("How often").fill(frequency)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("New intervention: saved")


def test_assessment_plan_and_reassessment_on_a_phone(
    browser_page, live_server, seeker, users, tmp_path
):
    """Issue 24, "Done when": all eleven domains with settings and skills, a plan with two
    interventions, a re-assessment that reviews them; the record shows each."""
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 900})
    log_in(page, users["specialist"], live_server.url)
    page.goto(f"/admin/jobseekers/record/{seeker.pk}/assessment/")
    fill_every_domain(page)
    page.get_by_label("Mark this assessment complete").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-assessment-status=complete]")).to_be_visible()

    page.get_by_role("link", name="Add a goal").click()
    page.get_by_label("Domain").select_option(label="Employment")
    page.get_by_label("The goal, in the person's words").fill("Cook in a restaurant")
    page.get_by_role("button", name="Save").click()
    add_intervention(page, "Job coaching", "Sam, job coach", "Workplace", "weekly")
    page.get_by_role("link", name="Add an intervention", exact=True).click()
    expect(page.get_by_label("Who provides it")).to_be_visible()
    settled(page)
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    page.go_back()
    add_intervention(
        page, "Skills training (taught, modelled, rehearsed)", "Ana, specialist", "Home", "daily"
    )
    plan = page.locator("[data-interventions]")
    expect(plan).to_contain_text("Sam, job coach, workplace, weekly")
    expect(plan).to_contain_text("Ana, specialist, home, daily")

    page.get_by_role("link", name="Re-assess").click()
    expect(page.locator("details[data-domain=housing] .psr-domain__status")).to_have_text(
        "(covered)"
    )  # prefilled from the last assessment: nothing typed twice
    coaching, training = page.locator("fieldset[data-intervention]").all()
    coaching.get_by_label("continue, change or stop?").select_option("continue")
    coaching.get_by_label("the person's view").fill("Sam helps me settle in")
    training.get_by_label("continue, change or stop?").select_option("stop")
    training.get_by_label("the person's view").fill("I cook on my own now")
    page.get_by_label("Mark this assessment complete").check()
    settled(page)
    assert axe_violations(page) == []
    page.screenshot(path=tmp_path / "psr-reassessment-375.png")
    page.get_by_role("button", name="Save").click()

    reviews = page.locator("[data-intervention-reviews]")
    expect(reviews).to_contain_text("Job coaching (Sam, job coach): Continue. The person")
    expect(reviews).to_contain_text("I cook on my own now")
    expect(plan).to_contain_text("stopped")
    expect(page.locator("section[data-domain=transportation]")).to_contain_text(
        "More transportation"
    )
    settled(page)
    assert axe_violations(page) == []
    assert no_sideways_scroll(page)
    assert seeker.assessments.filter(completed_on__isnull=False).count() == 2


@pytest.mark.parametrize("width", [375, 1280])
def test_the_plan_culture_consent_and_coordination_screens_are_accessible(
    browser_page, live_server, seeker, users, width, tmp_path
):
    """Every new PSR screen (issue 24) passes axe and fits the screen at 375 and 1280 px."""
    import datetime as dt

    from jobseekers import services

    day = dt.date(2026, 2, 1)
    goal = services.set_goal(seeker=seeker, domain="employment", description="Cook", by=None)
    services.add_intervention(
        goal=goal, kind="tutoring", provider="Tutor", place="office", frequency="weekly",
        started_on=day, by=None,
    )  # fmt: skip
    consent = services.record_family_consent(
        seeker=seeker, contact_name="Rosa", scope="Job search", given_on=day, by=None
    )
    services.record_cultural_preferences(
        seeker=seeker, recorded_on=day, values_and_preferences="Spanish at home", by=None
    )
    services.log_coordination_contact(
        seeker=seeker, service="psychiatry", contact_person="Dr Okoye", date=day,
        agreed="Friday visits", by=None,
    )  # fmt: skip
    services.record_assessment(
        seeker=seeker, date=day, domains={"housing": {"setting": "Flat"}},
        basic_needs={"food": {"met": False, "referral": "Food bank"}}, by=None,
    )  # fmt: skip
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, users["specialist"], live_server.url)
    base = f"/admin/jobseekers/record/{seeker.pk}"
    for name, path in [
        ("record", f"{base}/"),
        ("intervention", f"{base}/intervention/"),
        ("culture", f"{base}/culture/"),
        ("consent", f"{base}/family-consent/"),
        ("withdraw", f"/admin/jobseekers/consent/{consent.pk}/withdraw/"),
        ("coordination", f"{base}/coordination/"),
    ]:
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        settled(page)
        found = axe_violations(page)
        assert found == [], (
            name,
            [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in found],
        )
        assert no_sideways_scroll(page), name
        page.screenshot(path=tmp_path / f"psr-{name}-{width}.png", full_page=True)
