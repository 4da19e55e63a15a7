"""The written answers table in real Chromium at 375 px and 1280 px: a worker filters, ticks the 100 answers
on a page and codes them in one go, by mouse and by keyboard alone; axe-core finds no problem and the
page never scrolls sideways at 375 px. Without JavaScript the same work is done with the form alone."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import ManualCoding

from ..moderation import add_written_answers, restore_themes  # noqa: F401
from .axe import assert_accessible
from .phone import _stale, path, tap, tap_and_wait
from .test_staff_rounds import WIDTHS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("restore_themes")]

PARK = [f"more trips to the park {n}" for n in range(104)]
OTHERS = ["more lessons at school", "i want to see my mum more", "my sw Sarah never calls back 07700 900123"]


def no_sideways_scroll(browser) -> None:
    width, inner = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the page scrolls sideways: {width} px wide in a {inner} px window"


def query(browser) -> dict[str, list[str]]:
    return parse_qs(urlsplit(browser.current_url).query)


def ticked(browser) -> int:
    return browser.execute_script("return document.querySelectorAll('input[name=answer]:checked').length")


def hand_coded(app, theme: str) -> int:
    with app.app_context():
        return sum(theme in coding.themes.split() for coding in db.session.scalars(select(ManualCoding)))


def keys(browser, *pressed) -> None:
    ActionChains(browser).send_keys(*pressed).perform()


def keys_and_wait(browser, *pressed) -> None:
    """Press keys that load a new page, and wait until it is there."""
    old = browser.find_element(By.TAG_NAME, "html")
    keys(browser, *pressed)
    WebDriverWait(browser, 10, poll_frequency=0.05).until(lambda _driver: _stale(old))
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


@pytest.fixture
def written(app, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, PARK + OTHERS)
    return slug


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_worker_filters_ticks_a_page_of_100_and_codes_them_in_bulk(app, browser, live_server, make_staff,
                                                                    written, width):
    sign_in(browser, live_server, *make_staff("worker"))
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/staff/rounds/{written}/free-text")
    tap_and_wait(browser, browser.find_element(By.LINK_TEXT, "All written answers in a table"))
    assert path(browser) == "/staff/written-answers" and query(browser) == {"round": [written]}
    assert len(browser.find_elements(By.CSS_SELECTOR, "input[name=answer]")) == 100
    assert_accessible(browser, f"the written answers table ({width})")
    no_sideways_scroll(browser)

    box = browser.find_element(By.ID, "q")
    tap(browser, box)
    box.send_keys("park")
    Select(browser.find_element(By.ID, "state")).select_by_value("not_coded")
    tap_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Show these answers']"))
    assert query(browser) == {"round": [written], "q": ["park"], "state": ["not_coded"]}
    assert "104 answers match" in browser.find_element(By.ID, "results").text

    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='all-on-page']"))
    assert ticked(browser) == 100
    assert browser.find_element(By.ID, "selected-count").text == "100 answers ticked."
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='code-friends']"))
    tap_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Add to the ticked answers']"))
    assert browser.find_element(By.CSS_SELECTOR, ".notice").text == "Coded 100 answers as “Friends”."
    assert query(browser) == {"round": [written], "q": ["park"], "state": ["not_coded"]}  # the same view
    assert hand_coded(app, "friends") == 100
    assert "4 answers match" in browser.find_element(By.ID, "results").text  # the rest, not coded yet
    assert_accessible(browser, f"the table after bulk coding ({width})")
    no_sideways_scroll(browser)

    # Shift+click ticks a range; the next page keeps the filters
    browser.get(f"{live_server}/staff/written-answers?round={written}&q=park")
    rows = browser.find_elements(By.CSS_SELECTOR, "input[name=answer]")
    tap(browser, rows[2])
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", rows[6])
    ActionChains(browser).key_down(Keys.SHIFT).click(rows[6]).key_up(Keys.SHIFT).perform()
    assert [row.is_selected() for row in rows[:8]] == [False, False, True, True, True, True, True, False]
    tap_and_wait(browser, browser.find_element(By.LINK_TEXT, "Next page"))
    assert query(browser) == {"round": [written], "q": ["park"], "page": ["2"]}
    assert len(browser.find_elements(By.CSS_SELECTOR, "input[name=answer]")) == 4


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_same_work_by_keyboard_alone_with_the_shortcuts(app, browser, live_server, make_staff, written, width):
    sign_in(browser, live_server, *make_staff("worker"))
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/staff/written-answers?round={written}")
    keys(browser, "/")
    assert browser.switch_to.active_element.get_attribute("id") == "q"
    keys_and_wait(browser, "park", Keys.ENTER)  # the search box submits the filter form
    assert query(browser) == {"round": [written], "q": ["park"]}
    keys(browser, "a")
    assert ticked(browser) == 100
    keys(browser, "t")
    focused = browser.switch_to.active_element
    assert focused.get_attribute("name") == "code"
    outline = browser.execute_script("return getComputedStyle(arguments[0].nextElementSibling).outlineStyle",
                                     focused)
    assert outline == "solid"  # focus is visible (on the box's label)
    while browser.switch_to.active_element.get_attribute("value") != "friends":
        keys(browser, Keys.TAB)
    keys(browser, Keys.SPACE)
    while browser.switch_to.active_element.text != "Add to the ticked answers":
        keys(browser, Keys.TAB)
    keys_and_wait(browser, Keys.ENTER)
    assert browser.find_element(By.CSS_SELECTOR, ".notice").text == "Coded 100 answers as “Friends”."
    assert hand_coded(app, "friends") == 100

    # j/k move between rows, x ticks, Shift+x ticks the range from the last one ticked
    browser.execute_script("document.activeElement.blur()")
    keys(browser, "j", "x", "j", "j", "j")
    ActionChains(browser).key_down(Keys.SHIFT).send_keys("x").key_up(Keys.SHIFT).perform()
    rows = browser.find_elements(By.CSS_SELECTOR, "input[name=answer]")
    assert [row.is_selected() for row in rows[:6]] == [True, True, True, True, False, False]
    keys(browser, "k")
    assert browser.switch_to.active_element == rows[2]
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", rows[2])
    assert outline == "solid"
    assert_accessible(browser, f"the table used by keyboard ({width})")
    no_sideways_scroll(browser)


def test_without_javascript_select_all_on_this_page_and_bulk_coding_still_work(app, browser_without_js,
                                                                               live_server, make_staff, written):
    browser = browser_without_js
    sign_in(browser, live_server, *make_staff("worker"))
    browser.get(f"{live_server}/staff/written-answers?round={written}&q=park")
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='all-on-page']"))
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='code-money']"))
    tap_and_wait(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Add to the ticked answers']"))
    assert browser.find_element(By.CSS_SELECTOR, ".notice").text == "Coded 100 answers as “Money”."
    assert hand_coded(app, "money") == 100
    assert query(browser) == {"round": [written], "q": ["park"]}
    no_sideways_scroll(browser)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_with_four_eyes_on_the_proposer_is_told_someone_else_must_approve(app, browser, live_server, make_staff,
                                                                          written, width, monkeypatch):
    monkeypatch.setitem(app.config, "QUOTES_FOUR_EYES", True)
    sign_in(browser, live_server, *make_staff("worker"))
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/staff/written-answers?round={written}&q=Sarah")
    tap_and_wait(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Open"))
    assert path(browser) == f"/staff/rounds/{written}/free-text/make_things_better"
    answer = browser.find_element(By.ID, urlsplit(browser.current_url).fragment)  # the answer opened
    assert "Sarah" in answer.text
    tap_and_wait(browser, answer.find_element(By.CSS_SELECTOR, "form[action$='/quote'] button"))
    assert path(browser).startswith("/staff/quotes/")
    assert "someone else must approve it" in browser.find_element(By.ID, "four-eyes").text
    assert not browser.find_elements(By.CSS_SELECTOR, "button[value='approve']")
    assert_accessible(browser, f"a quote its proposer may not approve ({width})")
    no_sideways_scroll(browser)
