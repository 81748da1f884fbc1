"""The job seeker portal in Chromium: sign in, matches with reasons, "I'm interested", axe."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.browser.conftest import axe_violations, log_in
from tests.cms.conftest import build_opening

PASSWORD = "correct horse battery staple"


@pytest.fixture
def matched(program, seeker):
    from jobseekers.models import CareerProfile, Match

    CareerProfile.objects.create(
        program=program,
        seeker=seeker,
        dream_job="Baker",
        max_hours_per_week=Decimal("25"),
        family_contacts="Mum: 313-555-0199",
    )
    opening = build_opening(program, title="Bakery assistant", zip_code="48201")
    Match.objects.create(
        program=program,
        seeker=seeker,
        opening=opening,
        score=0.9,
        rank=1,
        reasons=["2 miles, by bus", "you said you like baking"],
        distance_miles=2.1,
    )
    return opening


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_seeker_signs_in_sees_reasons_and_says_interested(
    browser_page, seeker, seeker_user, matched, settings
):
    from django.core import mail

    from jobseekers.models import MatchOutcome

    # anymail's test backend: the live server (same process) records the specialist's email.
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    mail.outbox = []
    page = browser_page
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    assert_accessible(page)
    page.get_by_label("Your email address").first.fill("alex_portal@example.org")
    page.get_by_label("Your password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/portal/")
    assert "Openings for you" in page.locator("h1").inner_text()
    card = page.locator(".card", has_text="Bakery assistant")
    assert card.locator(".reasons li").all_inner_texts() == [
        "2 miles, by bus",
        "you said you like baking",
    ]
    assert_accessible(page)
    card.get_by_role("button", name="I'm interested in Bakery assistant").click()
    assert "We told your specialist" in page.locator(".messages").inner_text()
    assert "You said you are interested" in page.locator(".card").inner_text()
    assert_accessible(page)
    outcome = MatchOutcome.objects.get(seeker=seeker, opening=matched)
    assert (outcome.kind, outcome.source) == ("interest", "portal")
    assert [message.to for message in mail.outbox] == [[seeker.specialist.user.email]]
    assert "Bakery assistant" in mail.outbox[0].body


def test_wrong_password_message_is_accessible(browser_page, seeker_user):
    page = browser_page
    page.goto("/portal/sign-in/")
    page.get_by_label("Your email address").first.fill("alex_portal@example.org")
    page.get_by_label("Your password", exact=True).fill("nope")
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert "do not match" in page.get_by_role("alert").first.inner_text()
    assert_accessible(page)


def test_every_portal_page_has_no_axe_violations(
    browser_page, live_server, seeker, seeker_user, matched
):
    page = browser_page
    page.goto("/portal/link/MQ/bad-token/")
    assert_accessible(page)
    log_in(page, seeker_user, live_server.url)
    for path in (
        "/portal/",
        "/portal/profile/",
        "/portal/preferences/",
        f"/openings/{matched.pk}/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
        assert "313-555-0199" not in page.content()
    page.goto("/portal/preferences/")
    page.get_by_label("Most hours a week I want").fill("5")
    page.get_by_label("Fewest hours a week I want").fill("30")
    page.get_by_role("button", name="Save my choices").click()
    assert "more than the fewest" in page.get_by_role("alert").inner_text()
    assert_accessible(page)


def test_seeker_changes_choices_by_keyboard(
    browser_page, live_server, seeker, seeker_user, matched
):
    from cms.models import PortalPreference
    from jobseekers.models import CareerProfile

    page = browser_page
    log_in(page, seeker_user, live_server.url)
    page.goto("/portal/preferences/")
    page.get_by_label("Most hours a week I want").fill("30")
    page.get_by_label("Evenings").check()
    page.get_by_label("Send me an email once a week").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save my choices").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/portal/profile/")
    assert "Your choices are saved" in page.locator(".messages").inner_text()
    current = CareerProfile.objects.get(seeker=seeker, is_current=True)
    assert (current.version, current.max_hours_per_week) == (2, Decimal("30"))
    assert current.preferred_schedules == ["evenings"]
    assert PortalPreference.objects.get(seeker=seeker).weekly_email is True


@pytest.mark.parametrize("width", [320, 640])
def test_portal_pages_reflow(browser_page, live_server, seeker_user, matched, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/portal/sign-in/")
    paths = ["/portal/", "/portal/profile/", "/portal/preferences/"]
    log_in(page, seeker_user, live_server.url)
    for path in paths:
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path


def test_a_too_big_number_on_my_choices_is_one_plain_error_at_375_px(
    browser_page, live_server, seeker, seeker_user, matched
):
    from jobseekers.models import CareerProfile

    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, seeker_user, live_server.url)
    page.goto("/portal/preferences/")
    assert page.get_by_label("Most hours a week I want").input_value() == "25"  # not "25.0"
    page.get_by_label("Farthest I want to travel, in miles").fill("99999")
    page.get_by_role("button", name="Save my choices").click()
    alert = page.get_by_role("alert")
    assert alert.locator("li").all_inner_texts() == [
        "Farthest I want to travel, in miles: Choose a number from 0 to 100 miles."
    ]
    box = page.get_by_label("Farthest I want to travel, in miles")
    assert box.get_attribute("aria-invalid") == "true"
    assert box.input_value() == "99999"
    assert page.locator(".field-error .error").all_inner_texts() == [
        "Choose a number from 0 to 100 miles."
    ]
    assert_accessible(page)
    alert.get_by_role("link").click()  # the error's link takes the person to the box
    assert page.evaluate("document.activeElement.name") == "max_commute_miles"
    assert CareerProfile.objects.filter(seeker=seeker).count() == 1


def test_a_sign_in_link_that_cannot_be_emailed_is_calm_and_accessible_at_375_px(
    browser_page, seeker_user, settings
):
    from django.core.cache import cache

    cache.clear()  # the one-link-a-minute limit, from any test before, would stop the email
    settings.EMAIL_BACKEND = "tests.cms.failing_mail.SmtpDownBackend"
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/portal/sign-in/")
    page.locator("#link-email").fill("alex_portal@example.org")
    page.get_by_role("button", name="Email me a sign-in link").click()
    assert "We could not send the email just now" in page.get_by_role("alert").inner_text()
    assert page.locator("#link-email").input_value() == "alex_portal@example.org"
    assert_accessible(page)
