"""The free-text pages in real Chromium, on a phone (375px) and a laptop (1280px): a worker reads the
written answers, recodes one by hand, puts one forward as a quote, approves it, and edits themes;
axe-core finds no WCAG 2.0/2.1/2.2 A or AA problem on any page, errors included. The recode form
works with JavaScript off."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from ..moderation import QUESTION, add_written_answers, restore_themes  # noqa: F401
from .axe import assert_accessible
from .phone import path, press, tap, tap_and_wait
from .test_staff_rounds import WIDTHS, sign_in, type_into

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("restore_themes")]

ANSWERS = ["my sw Sarah never rings me back, call her on 07700 900123", "more days out with my brother",
           *[f"more trips to the park please {n}" for n in range(10)]]


@pytest.fixture(params=list(WIDTHS))
def worker_browser(request, browser, live_server, make_staff):
    sign_in(browser, live_server, *make_staff("worker"))
    browser.set_window_size(*WIDTHS[request.param])
    return browser


def test_the_free_text_quote_and_theme_pages_have_no_accessibility_problems(app, worker_browser, live_server,
                                                                            make_round):
    browser = worker_browser
    slug = make_round("younger-children")
    sarah, brother, *_ = add_written_answers(app, slug, ANSWERS)

    browser.get(f"{live_server}/staff/rounds/{slug}/free-text")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Written answers"
    assert_accessible(browser, "the written answers of a round")

    browser.get(f"{live_server}/staff/rounds/{slug}/free-text/{QUESTION}")
    assert_accessible(browser, "the answers to one question")
    answer = browser.find_element(By.ID, f"answer-{brother}")
    tap(browser, answer.find_element(By.TAG_NAME, "summary"))
    assert_accessible(browser, "the answers with a recode form open")
    tap(browser, answer.find_element(By.CSS_SELECTOR, "label[for$='-friends']"))
    tap_and_wait(browser, answer.find_element(By.CSS_SELECTOR, "button[value='save']"))
    assert browser.find_element(By.CSS_SELECTOR, ".notice").text.startswith("Saved:")
    assert "Friends (by hand)" in browser.find_element(By.ID, f"answer-{brother}").text
    assert_accessible(browser, "the answers after recoding")

    tap_and_wait(browser, browser.find_element(By.ID, f"answer-{sarah}").find_element(
        By.CSS_SELECTOR, "form[action$='/quote'] button"))
    assert path(browser).startswith("/staff/quotes/")
    assert_accessible(browser, "a quote waiting for approval")
    type_into(browser, "text", "my sw is lovely")
    press(browser, "Save and approve")
    assert browser.title.startswith("Error: ")
    assert_accessible(browser, "a quote with a wording that is refused")
    type_into(browser, "text", "my sw [name] never rings me back")
    press(browser, "Save and approve")
    assert path(browser) == f"/staff/rounds/{slug}/quotes"
    assert_accessible(browser, "the quotes of a round")
    browser.get(f"{live_server}/staff/rounds/{slug}/quotes?status=pending")
    assert_accessible(browser, "the quotes waiting for approval (none)")

    browser.get(f"{live_server}/staff/themes")
    assert_accessible(browser, "the themes")
    browser.get(f"{live_server}/staff/themes/new")
    assert_accessible(browser, "add a theme")
    press(browser, "Add the theme")
    assert browser.title.startswith("Error: ")
    assert_accessible(browser, "add a theme with mistakes")
    type_into(browser, "title", "Being treated fairly")
    browser.find_element(By.CSS_SELECTOR, "#priority_code option[value='voice']").click()
    press(browser, "Add the theme")
    assert path(browser) == "/staff/themes"
    browser.find_element(By.LINK_TEXT, "Friends").click()
    assert_accessible(browser, "change a theme")


def test_recoding_works_with_javascript_off(app, browser_without_js, live_server, make_staff, make_round):
    browser = browser_without_js
    sign_in(browser, live_server, *make_staff("worker"))
    slug = make_round("younger-children")
    _, brother, *_ = add_written_answers(app, slug, ANSWERS)
    browser.get(f"{live_server}/staff/rounds/{slug}/free-text/{QUESTION}")
    answer = browser.find_element(By.ID, f"answer-{brother}")
    tap(browser, answer.find_element(By.TAG_NAME, "summary"))
    tap_and_wait(browser, answer.find_element(By.CSS_SELECTOR, "button[value='none']"))
    assert "no theme (by hand)" in browser.find_element(By.ID, f"answer-{brother}").text
