"""Issue 10's journey on a 375x667 phone, with JavaScript on and off: Continue with nothing chosen skips
an optional question, a required one still asks, the progress bar only moves forward, and the check
page groups answers by section."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.store import shipped_files

from .phone import choose, path, press

pytestmark = pytest.mark.browser

BAR = """const bar = document.getElementById('progress');
return [bar.value, bar.max, bar.labels[0].textContent, bar.getBoundingClientRect().width,
        document.querySelector('.caption').textContent.trim()];"""


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def driver(request):
    return request.getfixturevalue("phone" if request.param else "phone_without_js")


def test_continue_with_nothing_chosen_skips_an_optional_question(driver, live_server, make_round):
    slug = make_round("younger-children")
    driver.get(f"{live_server}/r/{slug}")
    press(driver, "Start")
    press(driver, "Continue")
    assert path(driver).endswith("/q/feel_safe_home")
    assert not driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    driver.get(f"{live_server}/r/{slug}/check")
    assert "How do you feel about where you live?\nSkipped" in driver.find_element(By.TAG_NAME, "main").text


def test_a_required_question_asks_for_an_answer_and_rather_not_say_lets_you_past(driver, live_server, make_round):
    slug = make_round("priorities-2018")
    driver.get(f"{live_server}/r/{slug}")
    press(driver, "Start")
    assert not driver.find_elements(By.XPATH, "//button[normalize-space()='Skip this question']")
    press(driver, "Continue")
    assert "There is a problem" in driver.find_element(By.CSS_SELECTOR, ".error-summary").text
    choose(driver, "I'd rather not say")
    press(driver, "Continue")
    assert path(driver).endswith("/q/age_band")


def test_the_progress_bar_moves_forward_and_says_where_you_are(driver, live_server, make_round):
    driver.get(f"{live_server}/r/{make_round('priorities-2018')}")
    press(driver, "Start")
    seen = [driver.execute_script(BAR)]
    choose(driver, "I am in care now")
    press(driver, "Continue")
    seen.append(driver.execute_script(BAR))
    choose(driver, "12 to 15")
    press(driver, "Continue")
    seen.append(driver.execute_script(BAR))
    choose(driver, "With a foster family")
    press(driver, "Continue")
    seen.append(driver.execute_script(BAR))
    press(driver, "Skip this question")
    seen.append(driver.execute_script(BAR))

    assert [(value, total) for value, total, *_ in seen] == [(1, 33), (2, 24), (3, 24), (4, 23), (5, 23)]
    assert [label for _, _, label, _, _ in seen] == ["Part 1 of 6", "Part 1 of 5", "Part 2 of 5", "Part 2 of 5",
                                                      "Part 2 of 5"]
    assert seen[2][4] == "Where you live · Question 1 of 10" and seen[3][4] == "Where you live · Question 2 of 9"
    assert all(width > 300 for *_, width, _ in seen)  # the whole width of the phone, drawn without script


def test_the_check_page_shows_answers_under_their_section_titles(driver, live_server, make_round):
    slug = make_round("younger-children")
    driver.get(f"{live_server}/r/{slug}")
    press(driver, "Start")
    choose(driver, "Good")
    press(driver, "Continue")
    driver.get(f"{live_server}/r/{slug}/check")
    headings = [h2.text for h2 in driver.find_elements(By.CSS_SELECTOR, "main h2.section-heading")]
    assert headings == ["Where you live", "How you feel", "School", "When you grow up", "Having your say"]
    first = driver.find_element(By.XPATH, "//h2[normalize-space()='Where you live']/following-sibling::dl[1]")
    assert first.find_element(By.TAG_NAME, "dt").text == "How do you feel about where you live?"
    assert first.find_element(By.CSS_SELECTOR, "dd.value").text == "Good"


SURVEY_2018 = {path.stem: load_file(path) for path in shipped_files()}["priorities-2018"]
CARE_LEAVERS_ONLY = {"in_care_leavers_group", "hear_more_or_meet", *SURVEY_2018.section("eet").question_ids}
# Of those, the ones every care leaver sees (the other EET questions follow an earlier answer there).
EVERY_CARE_LEAVER = {"in_care_leavers_group", "hear_more_or_meet", *(
    question_id for question_id in SURVEY_2018.section("eet").question_ids
    if SURVEY_2018.question(question_id).show_if is None)}


def tap_through(driver) -> list[str]:
    """Continue on every question (nothing chosen; "I'd rather not say" where an answer is needed) until
    Check your answers; the ids of the questions shown on the way."""
    shown = []
    while "/q/" in path(driver):
        shown.append(path(driver).rsplit("/", 1)[1])
        press(driver, "Continue")
        if driver.find_elements(By.CSS_SELECTOR, ".error-summary"):
            choose(driver, "I'd rather not say")
            press(driver, "Continue")
    assert path(driver).endswith("/check")
    return shown


@pytest.mark.parametrize(("status", "only_theirs", "never"), [
    ("I am in care now", {"hear_more_in_care"}, CARE_LEAVERS_ONLY),
    ("I am a care leaver", EVERY_CARE_LEAVER, {"hear_more_in_care"}),
], ids=["in-care", "care-leaver"])
def test_a_child_tapping_through_the_2018_survey_sees_only_the_questions_for_their_group(
        status, only_theirs, never, driver, live_server, make_round):
    driver.get(f"{live_server}/r/{make_round('priorities-2018')}")
    press(driver, "Start")
    choose(driver, status)
    press(driver, "Continue")
    shown = set(tap_through(driver))
    assert only_theirs <= shown and not shown & never
    listed = {row.text for row in driver.find_elements(By.CSS_SELECTOR, "dl.summary dt")}
    assert not listed & {SURVEY_2018.question(question_id).text for question_id in never}


def test_the_8_to_11_start_page_lists_a_childs_contacts_and_the_care_leavers_one_explains_the_adults(
        driver, live_server, make_round):
    for key, present, absent in [("younger-children", ["A grown-up you trust", "Childline"], ["IRO", "Samaritans"]),
                                 ("care-leavers", ["personal adviser"], ["A grown-up you trust"])]:
        driver.get(f"{live_server}/r/{make_round(key)}")
        talk = driver.find_element(By.XPATH, "//details[summary[normalize-space()='Who you can talk to']]")
        talk.find_element(By.TAG_NAME, "summary").click()
        text = talk.text
        assert all(words in text for words in present) and not any(words in text for words in absent), key
