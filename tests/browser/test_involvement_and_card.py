"""On a 375 px phone, with JavaScript on and off: "I'd like to get involved" after sending, and
"My review card" from Check your answers; axe-core finds nothing on any of their pages."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from survey_app.models import InvolvementRequest

from .axe import assert_accessible
from .phone import answer_here, begin, count, path, press, tap

pytestmark = pytest.mark.browser
DRIVERS = ["browser", "browser_without_js"]


def _fits_the_phone(driver) -> None:
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 375, "the page scrolls sideways"


def _javascript_is(driver, name: str) -> None:
    if name == "browser_without_js":
        assert driver.execute_script("return document.querySelector('[data-read-aloud]').hidden"), "app.js ran"


def _accessible(driver, name: str, where: str) -> None:
    """axe-core runs as a script in the page, so only where JavaScript is on; the pages are the same."""
    if name == "browser":
        assert_accessible(driver, where)


def _type(driver, element_id: str, words: str) -> None:
    box = driver.find_element(By.ID, element_id)
    tap(driver, box)
    box.clear()
    box.send_keys(words)


def _tick(driver, input_id: str) -> None:
    tap(driver, driver.find_element(By.CSS_SELECTOR, f"label[for='{input_id}']"))
    assert driver.find_element(By.ID, input_id).is_selected(), f"tapping {input_id} did not choose it"


@pytest.mark.parametrize("driver", DRIVERS)
def test_a_young_person_leaves_their_details_after_sending(driver, request, app, live_server, make_round):
    browser = request.getfixturevalue(driver)
    slug = make_round("younger-children")
    begin(browser, live_server, slug)
    _javascript_is(browser, driver)
    press(browser, "Skip this question")
    browser.get(f"{live_server}/r/{slug}/check")
    press(browser, "Send my answers")
    assert path(browser).endswith("/sent")
    _accessible(browser, driver, f"the sent page with the offer to get involved ({driver})")
    press(browser, "I’d like to get involved")
    assert browser.find_element(By.TAG_NAME, "h1").text == "I’d like to get involved"
    _fits_the_phone(browser)
    _accessible(browser, driver, f"the get involved form ({driver})")

    press(browser, "Send my details")  # nothing filled in: the server says what to do, kindly
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "Tick at least one thing" in summary.text and "Choose how we can get in touch" in summary.text
    assert browser.title.startswith("Error: ")
    _accessible(browser, driver, f"the get involved form with problems ({driver})")

    _tick(browser, "interests-3")
    _type(browser, "called", "Jazz")
    assert not browser.find_element(By.ID, "email").is_displayed()  # shown once "Email me" is chosen
    _tick(browser, "contact_by-email")
    assert browser.find_element(By.ID, "email").is_displayed()
    assert not browser.find_element(By.ID, "phone").is_displayed()
    _type(browser, "email", "jazz at home")
    press(browser, "Send my details")
    assert "name@example.com" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert browser.find_element(By.ID, "email").is_displayed()  # still open at the problem, as typed
    _type(browser, "email", "jazz@example.org")
    press(browser, "Send my details")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Thank you"
    _accessible(browser, driver, f"the get involved thank you page ({driver})")
    assert count(app, InvolvementRequest) == 1


@pytest.mark.parametrize("driver", DRIVERS)
def test_a_young_person_makes_a_card_for_their_review(driver, request, app, live_server, make_round):
    browser = request.getfixturevalue(driver)
    slug = make_round("younger-children")
    begin(browser, live_server, slug)
    answer_here(browser, "feel_about_home")
    browser.get(f"{live_server}/r/{slug}/check")
    press(browser, "Make a card for my review")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Make a card for your review"
    _fits_the_phone(browser)
    _accessible(browser, driver, f"the review card form ({driver})")
    press(browser, "Make my card")
    assert "Write something in at least one box" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    _accessible(browser, driver, f"the review card form with a problem ({driver})")

    _type(browser, "going_well", "My foster carer helps me with reading")
    _type(browser, "who", "My nan")
    _tick(browser, "answer-0")
    press(browser, "Make my card")
    card = browser.find_element(By.CSS_SELECTOR, ".review-card")
    assert "What I want my review to know" in card.text and "My foster carer helps me with reading" in card.text
    assert "Good" in card.text  # the answer they chose
    print_button = browser.find_element(By.CSS_SELECTOR, "[data-print]")
    assert print_button.is_displayed() == (driver == "browser")  # without JavaScript: the browser's own menu
    _fits_the_phone(browser)
    _accessible(browser, driver, f"the review card ({driver})")

    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:  # printed: the card alone, without the header, footer or buttons
        assert card.is_displayed()
        assert not browser.find_element(By.CSS_SELECTOR, "header").is_displayed()
        assert not browser.find_element(By.CSS_SELECTOR, ".review-card-tools").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    press(browser, "Go back to your answers")
    assert path(browser).endswith("/check")  # the answers are still there to send
