"""The "because you said, we did" pages in real Chromium at 375px and 1280px: the index of published
children's pages (/ and /you-said-we-did), the children's page with each action beside what young people
said, and the board report's Actions section. axe finds no problem, and nothing scrolls sideways on a phone.
Screenshots go to /tmp/screens/."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from ..report_sample import use_sample_reports
from ..test_reports_pages import publish_directly
from .axe import assert_accessible
from .test_reports_pages import WIDTHS, screenshot, sign_in

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "return document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def two_published(app, make_round, monkeypatch):
    use_sample_reports(monkeypatch)
    first, second = make_round("younger-children"), make_round("care-leavers")
    publish_directly(app, first)
    publish_directly(app, second)
    return first, second


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_index_of_published_pages_works_on_a_phone_and_a_laptop(browser, live_server, two_published, width):
    browser.set_window_size(*WIDTHS[width])
    for address in ("/", "/you-said-we-did"):
        browser.get(f"{live_server}{address}")
        links = browser.find_elements(By.CSS_SELECTOR, ".reply-list a")
        assert len(links) == 2
        assert all(link.get_attribute("href").endswith("/you-said-we-did") for link in links)
        assert_accessible(browser, f"{address} at {width} width")
        assert browser.execute_script(NO_SIDEWAYS_SCROLL)
    screenshot(browser, "you-said-we-did-index", WIDTHS[width][0])
    links[0].click()
    assert browser.find_element(By.TAG_NAME, "h1").text == "You said, we did"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_childrens_page_pairs_what_was_said_with_what_we_do(browser, live_server, two_published, width):
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/r/{two_published[0]}/you-said-we-did")
    pairs = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=because-title]").text
    assert "Lots of you wrote about “Family contact”." in pairs
    assert "More time with brothers and sisters" in pairs
    assert_accessible(browser, f"the children's page with pairs at {width} width")
    assert browser.execute_script(NO_SIDEWAYS_SCROLL)
    screenshot(browser, "you-said-we-did-pairs", WIDTHS[width][0])


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_board_reports_actions_are_beside_their_findings(browser, live_server, make_staff, two_published,
                                                              width):
    sign_in(browser, live_server, *make_staff("board"))
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/staff/board/reports/{two_published[0]}#actions")
    pair = browser.find_element(By.ID, "action-14-9").text
    assert "Because young people said" in pair and "Family contact (9 answers)" in pair
    assert_accessible(browser, f"the board report's actions at {width} width")
    assert browser.execute_script(NO_SIDEWAYS_SCROLL)
    screenshot(browser, "board-report-pairs", WIDTHS[width][0])
