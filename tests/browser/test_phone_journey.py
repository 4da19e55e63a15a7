"""A child goes through the younger children's survey on a phone by tapping, as they would."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from survey_app.models import Draft, SurveyResponse

from .phone import TAPS, answer_here, choice, choose, count, path, press, tap_and_wait

pytestmark = pytest.mark.browser

def test_child_completes_younger_survey_by_tapping_on_a_phone(app, browser, live_server, make_round):
    slug = make_round("younger-children")
    browser.get(f"{live_server}/r/{slug}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your life, your say"
    press(browser, "Start")

    seen, went_back = [], False
    while not path(browser).endswith("/check"):
        assert "/q/" in path(browser), f"expected a question, got {browser.current_url}"
        question_id = path(browser).rsplit("/", 1)[1]
        seen.append(question_id)
        if question_id == "feel_most_days" and not went_back:
            # Changes their mind about the last one: Back, the answer is still there, pick another.
            went_back = True
            press(browser, "Back")
            assert path(browser).endswith("/q/seeing_family")
            assert choice(browser, "OK").find_element(By.TAG_NAME, "input").is_selected()
            choose(browser, "Good")
            press(browser, "Continue")
            continue
        answer_here(browser, question_id)

    assert seen[:6] == ["feel_about_home", "feel_safe_home", "grown_ups_look_after_you", "seeing_family",
                        "feel_most_days", "feel_most_days"]
    assert set(seen) == set(TAPS)

    rows = {row.find_element(By.TAG_NAME, "dt").text: row.find_element(By.CSS_SELECTOR, "dd.value").text
            for row in browser.find_elements(By.CSS_SELECTOR, ".summary-row")}
    assert rows["How well do the grown-ups you live with look after you?"] == "Skipped"
    assert rows["How do you feel about how much you see your family?"] == "Good"
    assert rows["What would you like to be when you grow up?"] == "A vet who looks after horses"

    # "Change" on the check page goes to the question and straight back to the check page.
    change = browser.find_element(By.CSS_SELECTOR, "a[href*='/q/feel_about_home']")
    tap_and_wait(browser, change)
    assert path(browser).endswith("/q/feel_about_home")
    choose(browser, "OK")
    press(browser, "Continue")
    assert path(browser).endswith("/check")
    rows = {row.find_element(By.TAG_NAME, "dt").text: row.find_element(By.CSS_SELECTOR, "dd.value").text
            for row in browser.find_elements(By.CSS_SELECTOR, ".summary-row")}
    assert rows["How do you feel about where you live?"] == "OK"

    press(browser, "Send my answers")
    assert path(browser) == f"/r/{slug}/sent"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your answers have been sent"
    assert count(app, SurveyResponse) == 1
    assert count(app, Draft) == 0
