"""Save and come back later on a phone (375 px), JavaScript on and off: get a code on one phone, carry on
from another (the same browser with its cookies cleared), and every new page passes axe."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from .axe import assert_accessible
from .phone import answer_here, begin, path, press, tap

pytestmark = pytest.mark.browser


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def javascript(request) -> bool:
    return request.param


@pytest.fixture
def phone(request, javascript):
    return request.getfixturevalue("browser" if javascript else "browser_without_js")


@pytest.fixture
def check_accessible(javascript):
    """axe-core runs as a page script, so only where JavaScript is on; the pages are the same without it."""
    return assert_accessible if javascript else (lambda _driver, _where: None)


def fits_the_screen(driver) -> bool:
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def open_carry_on(driver) -> None:
    summary = driver.find_element(By.XPATH, "//summary[normalize-space()='Got a code to carry on?']")
    tap(driver, summary)
    assert driver.find_element(By.ID, "carry_on_code").is_displayed()


def test_a_child_gets_a_code_and_carries_on_on_another_phone(phone, live_server, make_round, check_accessible):
    slug = make_round("younger-children")
    begin(phone, live_server, slug)
    answer_here(phone, "feel_about_home")
    assert path(phone).endswith("/q/feel_safe_home")

    press(phone, "Save and come back later")
    assert phone.find_element(By.TAG_NAME, "h1").text == "Save and come back later"
    check_accessible(phone, "the save-for-later page")
    press(phone, "Get my code")
    code_box = phone.find_element(By.ID, "carry-on-code")
    code = " ".join(code_box.text.split())
    assert len(code.split()) == 4
    assert "We can’t show it to you again" in phone.page_source
    assert fits_the_screen(phone)
    assert code_box.size["width"] <= 375
    check_accessible(phone, "the page showing the code")
    assert code.split()[0] not in phone.current_url

    phone.execute_cdp_cmd("Network.clearBrowserCookies", {})  # now another phone
    phone.get(f"{live_server}/r/{slug}")
    assert "Carry on where you left off" not in phone.page_source
    open_carry_on(phone)
    check_accessible(phone, "the start page with the carry-on form open")
    field = phone.find_element(By.ID, "carry_on_code")
    field.send_keys(code.upper().replace(" ", "-"))
    press(phone, "Carry on with my code")
    assert path(phone).endswith("/q/feel_safe_home"), phone.current_url
    answer_here(phone, "feel_safe_home")
    assert path(phone).endswith("/q/grown_ups_look_after_you")


def test_a_wrong_code_shows_a_kind_error_that_passes_axe(phone, live_server, make_round, check_accessible):
    slug = make_round("younger-children")
    phone.get(f"{live_server}/r/{slug}")
    open_carry_on(phone)
    phone.find_element(By.ID, "carry_on_code").send_keys("kite lemon otter 27")
    press(phone, "Carry on with my code")
    assert phone.find_element(By.TAG_NAME, "h1").text == "Carry on with your code"
    assert "That code isn’t right" in phone.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert phone.title.startswith("Error: ")
    assert fits_the_screen(phone)
    check_accessible(phone, "the carry-on page with a wrong code")
