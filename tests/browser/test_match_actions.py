"""The match actions in Chromium (issue 17, "close the loop"): the match's own page and
"People this might suit" offer the record's actions as buttons, thumb-sized, by keyboard,
passing axe (WCAG 2.2 AA) at 375 and 1280 px with nothing drawn past a phone's edge."""

from __future__ import annotations

import pytest

from jobseekers.models import JobSeeker, Match, MatchOutcome
from tests.browser.conftest import log_in
from tests.browser.test_occupation_chooser import tab_to
from tests.browser.test_phone_fit import OFF_SCREEN, assert_no_axe_violations
from tests.browser.test_workspace import DESKTOP, PHONE, SHOTS, shoot, watch_console
from tests.cms.conftest import build_opening

ACTIONS = ("I told them about it", "Plan an introduction", "Record a job start", "Not suitable")


@pytest.fixture
def openings(program, seeker):
    """Two openings matched to the person (the bakery best), the bakery to two people."""
    bakery = build_opening(program, title="Bakery assistant", zip_code="48201")
    stock = build_opening(program, title="Stock clerk", zip_code="48201")
    other = JobSeeker.objects.create(
        program=program,
        name="Dana Okafor-Whitfield",
        preferred_name="Dee",
        zip="48201",
        stage=JobSeeker.Stage.JOB_SEARCH,
        specialist=seeker.specialist,
    )
    reasons = ["2 miles away, by bus", "you said you are good at works hard"]
    for person, opening, rank in ((seeker, bakery, 1), (seeker, stock, 2), (other, bakery, 1)):
        Match.objects.create(
            program=program,
            seeker=person,
            opening=opening,
            score=1.0 / rank,
            rank=rank,
            reasons=reasons,
            distance_miles=2.1,
        )
    return bakery, stock


def check_page(page, name: str) -> None:
    """axe at both widths, nothing past a phone's edge, 44 px actions; a screenshot each."""
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        assert_no_axe_violations(page)
        assert page.evaluate(OFF_SCREEN, size["width"]) == []
        buttons = page.locator("main .ips-match-actions .button")
        assert buttons.count() >= 4
        for n in range(buttons.count()):
            box = buttons.nth(n).bounding_box()
            assert box["height"] >= 44, buttons.nth(n).inner_text()
        shoot(page, f"{name}-{label}")


def test_the_match_page_has_the_actions_and_tells_by_keyboard(
    browser_page, live_server, users, seeker, openings
):
    bakery, _ = openings
    page = browser_page
    errors = watch_console(page)
    log_in(page, users["specialist"], live_server.url)
    match = Match.objects.get(seeker=seeker, opening=bakery)
    page.goto(f"/admin/matches/inspect/{match.pk}/")
    assert "Best fit (1st of 2 openings for this person)" in page.locator("main dl").inner_text()
    actions = page.locator("main .ips-match-actions")
    said = actions.inner_text()
    assert all(name in said for name in ACTIONS), said
    check_page(page, "match-page")

    told = actions.get_by_role("button", name="I told them about it")
    tab_to(page, told)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/admin/matches/inspect/{match.pk}/")
    assert "Noted: you told them about Bakery assistant." in page.locator(".messages").inner_text()
    assert "Told about it on" in page.locator("main").inner_text()
    assert actions.get_by_role("button", name="I told them about it").count() == 0
    assert MatchOutcome.objects.filter(seeker=seeker, opening=bakery, kind="told").count() == 1
    assert errors == []


def test_people_this_might_suit_rows_have_their_actions_and_stack_on_a_phone(
    browser_page, live_server, users, seeker, openings
):
    bakery, _ = openings
    page = browser_page
    errors = watch_console(page)
    log_in(page, users["specialist"], live_server.url)
    page.goto(f"/admin/matching/openings/{bakery.pk}/people/")
    rows = page.locator("main table.listing tbody tr")
    assert rows.count() == 2
    # Named for the row's person (a hidden ": Alex Rivera"), as the record names the opening.
    alex = rows.filter(has_text=seeker.name)
    job_start = alex.get_by_role("link", name="Record a job start")
    assert job_start.get_attribute("href").endswith(
        f"/admin/jobseekers/record/{seeker.pk}/job/?opening={bakery.pk}"
    )
    page.set_viewport_size(PHONE)
    cell = rows.first.locator("td").last
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"What you can do"'
    check_page(page, "opening-people")

    # By keyboard from the phone's card to the job start, filled in from the opening.
    page.set_viewport_size(PHONE)
    tab_to(page, job_start)
    page.keyboard.press("Enter")
    page.wait_for_url("**/job/?opening=*")
    assert page.get_by_label("Job title").input_value() == "Bakery assistant"
    assert errors == []


def test_the_records_match_cards_use_the_same_actions(
    browser_page, live_server, users, seeker, openings
):
    page = browser_page
    errors = watch_console(page)
    log_in(page, users["supervisor"], live_server.url)
    page.goto(f"/admin/jobseekers/record/{seeker.pk}/")
    cards = page.locator("#matches li[data-match]")
    assert cards.count() == 2
    assert all(name in cards.first.inner_text() for name in ACTIONS)
    check_page(page, "record-match-cards")
    page.set_viewport_size(PHONE)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#matches").screenshot(path=str(SHOTS / "record-match-cards-phone-panel.png"))
    assert errors == []
