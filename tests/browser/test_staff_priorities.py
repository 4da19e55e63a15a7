"""The strategy priorities pages in real Chromium, at phone and laptop widths: no axe-core problem on the
list, the add and change forms (error states included) and the delete pages; and a young person's start
page when the round's access code is resting after too many wrong guesses."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import StrategyPriority, SurveyRound
from survey_app.rounds import access_code
from survey_app.rounds.access_code import GUESSES_PER_WINDOW, current_window, hash_code

from ..test_priorities import default_priorities  # noqa: F401  (restores the five defaults after each test)
from .axe import assert_accessible
from .phone import press
from .test_staff_rounds import WIDTHS, sign_in, type_into

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_priorities_pages_have_no_accessibility_problems(browser, live_server, make_staff, app, width):
    sign_in(browser, live_server, *make_staff("admin"))
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/staff/priorities")
    assert "Placement and stability" in browser.find_element(By.TAG_NAME, "table").text
    assert_accessible(browser, "the priorities list")

    press(browser, "Add a priority")
    assert_accessible(browser, "the add a priority form")
    type_into(browser, "code", "Housing!")
    type_into(browser, "title", "Housing")
    press(browser, "Add the priority")
    assert "The code must be lowercase letters" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(browser, "a refused code")
    type_into(browser, "code", "housing")
    press(browser, "Add the priority")
    assert "Priority “Housing” added" in browser.page_source

    with app.app_context():
        ids = {code: db.session.scalar(select(StrategyPriority.id).filter_by(code=code))
               for code in ("housing", "placement")}
    browser.get(f"{live_server}/staff/priorities/{ids['placement']}")
    assert "In use by" in browser.page_source
    type_into(browser, "code", "homes")
    press(browser, "Save")
    assert "cannot change" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(browser, "a refused change of code")
    browser.get(f"{live_server}/staff/priorities/{ids['placement']}/delete")
    assert_accessible(browser, "deleting a priority in use")
    browser.get(f"{live_server}/staff/priorities/{ids['housing']}/delete")
    assert_accessible(browser, "deleting an unused priority")
    press(browser, "Delete the priority")
    assert "Priority “Housing” deleted" in browser.page_source


def test_the_resting_start_page_has_no_accessibility_problems(browser, live_server, make_round, app, monkeypatch):
    now = access_code.utc_now()
    monkeypatch.setattr(access_code, "utc_now", lambda: now)  # the same 15-minute window throughout
    slug = make_round("younger-children")
    with app.app_context():
        survey_round = db.session.scalar(select(SurveyRound).filter_by(slug=slug))
        survey_round.access_code_hash = hash_code("SUN42")
        survey_round.code_guess_window, survey_round.code_wrong_guesses = current_window(), GUESSES_PER_WINDOW
        db.session.commit()
    browser.get(f"{live_server}/r/{slug}")
    type_into(browser, "access_code", "SUN42")
    press(browser, "Start")
    assert "try again in 15 minutes" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(browser, "the start page while the code is resting")
