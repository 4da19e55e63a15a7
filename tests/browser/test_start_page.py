"""The start page on a 375x667 phone: Start (or "Carry on") is on the first screen, the longer
explanations fold below it and open without JavaScript."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import SurveyRound
from survey_app.questionnaire.store import shipped_files
from survey_app.rounds.access_code import hash_code

from .phone import button, press, tap

pytestmark = pytest.mark.browser

KEYS = [path.stem for path in shipped_files()]
# Where the button is, and how tall the screen is, as the phone shows the page when it opens.
PLACE = "const box = arguments[0].getBoundingClientRect(); return [box.top, box.bottom, innerHeight, scrollY];"


def with_code(app, slug: str) -> None:
    with app.app_context():
        db.session.scalar(select(SurveyRound).filter_by(slug=slug)).access_code_hash = hash_code("SUN42")
        db.session.commit()


def on_first_screen(driver, text: str) -> None:
    top, bottom, height, scrolled = driver.execute_script(PLACE, button(driver, text))
    assert scrolled == 0
    assert top >= 0 and bottom <= height, f"“{text}” is at {top:.0f}-{bottom:.0f}px of a {height}px screen"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("code", [False, True], ids=["link", "code"])
@pytest.mark.parametrize("key", KEYS)
def test_start_is_on_the_first_screen_of_a_phone(app, key, code, javascript, request, live_server, make_round):
    driver = request.getfixturevalue("phone" if javascript else "phone_without_js")
    slug = make_round(key)
    if code:
        with_code(app, slug)
    driver.get(f"{live_server}/r/{slug}")
    assert driver.execute_script("return [innerWidth, innerHeight]") == [375, 667]
    if code:
        assert driver.find_element(By.ID, "access_code").is_displayed()
    on_first_screen(driver, "Start")


@pytest.mark.parametrize("key", KEYS)
def test_carry_on_is_on_the_first_screen_for_a_child_coming_back(key, phone, live_server, make_round):
    slug = make_round(key)
    phone.get(f"{live_server}/r/{slug}")
    press(phone, "Start")
    phone.get(f"{live_server}/r/{slug}")
    on_first_screen(phone, "Carry on where you left off")


def test_the_folded_explanations_open_without_javascript(browser_without_js, live_server, make_round):
    driver = browser_without_js
    driver.get(f"{live_server}/r/{make_round('younger-children')}")
    assert driver.execute_script("return document.querySelector('[data-read-aloud]').hidden")
    summaries = [summary.text for summary in driver.find_elements(By.CSS_SELECTOR, "details.more summary")]
    assert summaries == ["It’s anonymous: what that means", "Who sees the answers", "Who you can talk to"]
    talk = driver.find_element(By.XPATH, "//details[summary[normalize-space()='Who you can talk to']]")
    assert not talk.find_element(By.CSS_SELECTOR, ".contacts").is_displayed()
    tap(driver, talk.find_element(By.TAG_NAME, "summary"))
    assert talk.get_attribute("open") is not None
    assert "Childline" in talk.find_element(By.CSS_SELECTOR, ".contacts").text
