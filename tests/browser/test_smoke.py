from tests.browser.conftest import axe_violations


def test_home_page_has_no_axe_violations(browser_page):
    browser_page.goto("/")
    assert browser_page.locator("h1").inner_text()
    assert axe_violations(browser_page) == []
