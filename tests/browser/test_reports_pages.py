"""The report pages in real Chromium: the board report (as a board member sees it), the staff pages around
it and the children's "You said, we did" page have no WCAG 2.0/2.1/2.2 A or AA problem (axe-core) on a phone
(375px) and a laptop (1280px). Screenshots of the board report and the children's page at both widths go
to /tmp/screens/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from ..report_sample import use_sample_reports
from ..test_reports_pages import publish_directly
from .axe import assert_accessible
from .phone import path, press

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (375, 667), "laptop": (1280, 900)}
SCREENS = Path("/tmp/screens")
# Elements that stick out past the right edge of the window (outside a scrolling table box).
WIDER_THAN_WINDOW = """
return Array.from(document.querySelectorAll('body *'))
  .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 10);
"""


def sign_in(browser, live_server: str, email: str, password: str) -> None:
    browser.get(f"{live_server}/staff/sign-in")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(password)
    press(browser, "Sign in")
    assert path(browser) == "/staff/", browser.current_url


def screenshot(browser, name: str, width: int) -> None:
    """The whole page, top to bottom, at this width."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    browser.set_window_size(width, 900)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(width, min(height + 100, 16000))
    browser.save_screenshot(str(SCREENS / f"{name}-{width}.png"))


@pytest.fixture
def published_round(app, make_round, monkeypatch):
    use_sample_reports(monkeypatch)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    return slug


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_board_report_has_no_accessibility_problems(browser, live_server, make_staff, published_round, width):
    sign_in(browser, live_server, *make_staff("board"))
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/staff/board/reports")
    assert_accessible(browser, "the published reports list")
    browser.get(f"{live_server}/staff/board/reports/{published_round}")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Your life")
    assert_accessible(browser, f"the board report at {width} width")
    screenshot(browser, "board-report", WIDTHS[width][0])
    # Nothing runs off the side of a phone: the page is no wider than the window.
    assert browser.execute_script(WIDER_THAN_WINDOW) == []


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_staff_report_pages_have_no_accessibility_problems(browser, live_server, make_staff,
                                                                published_round, width):
    sign_in(browser, live_server, *make_staff("worker"))
    browser.set_window_size(*WIDTHS[width])
    for url, where in (("/staff/reports", "the reports list"),
                       (f"/staff/reports/{published_round}", "the staff preview"),
                       (f"/staff/reports/{published_round}/publish", "the publish page")):
        browser.get(f"{live_server}{url}")
        assert_accessible(browser, f"{where} at {width} width")
    screenshot(browser, "publish", WIDTHS[width][0])
    box = browser.find_element(By.ID, "children_good")
    box.clear()
    box.send_keys("c of you like school")
    press(browser, "Save")
    assert "There is a problem" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser, f"the publish page with an error at {width} width")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_childrens_page_has_no_accessibility_problems(browser, live_server, published_round, width):
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/r/{published_round}/you-said-we-did")
    assert browser.find_element(By.TAG_NAME, "h1").text == "You said, we did"
    assert_accessible(browser, f"the children's page at {width} width")
    screenshot(browser, "you-said-we-did", WIDTHS[width][0])
    assert browser.execute_script(WIDER_THAN_WINDOW) == []


def test_the_childrens_page_works_without_javascript(browser_without_js, live_server, published_round):
    browser = browser_without_js
    browser.get(f"{live_server}/r/{published_round}/you-said-we-did")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "More we will do" in main and "by March 2027" in main
    assert browser.find_element(By.LINK_TEXT, "Exit this page").get_attribute("href").endswith("/exit")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_board_reports_first_page_summary_reads_at_phone_and_laptop_width(browser, live_server, make_staff,
                                                                               published_round, width):
    sign_in(browser, live_server, *make_staff("board"))
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/staff/board/reports/{published_round}")
    summary = browser.find_element(By.ID, "at-a-glance")
    headings = [h3.text for h3 in summary.find_elements(By.TAG_NAME, "h3")]
    assert headings == ["Who answered", "Strongest results", "Weakest results", "Actions overdue and due"]
    assert "An independent visitor for every child who wants one" in summary.text
    assert_accessible(browser, f"the board report's summary at {width} width")
    screenshot(browser, "board-report-summary", WIDTHS[width][0])
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    # the summary comes first, before the priorities
    assert browser.execute_script(
        "return document.getElementById('at-a-glance').getBoundingClientRect().top"
        " < document.querySelector('.priority').getBoundingClientRect().top")
