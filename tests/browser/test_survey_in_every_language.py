"""Issue 12's "Done means": a child completes the 8-11 survey in Welsh and in Arabic by tapping, on a
375 px phone, with JavaScript on and off; the round's report combines those answers with English ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from survey_app.extensions import db
from survey_app.models import SurveyResponse
from survey_app.questionnaire import translations
from survey_app.reporting.build import build
from survey_app.rounds.operations import round_by_slug

from ..journey import Journey
from .axe import assert_accessible
from .phone import TAPS, TEXT, path, tap, tap_and_wait, write

# Each test starts from the shipped questionnaires and their shipped translation files.
pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("shipped_questionnaires_only")]

# Written answers in the young person's own words and language.
WRITTEN = {
    "cy": {"grow_up_to_be": "Milfeddyg sy'n gofalu am geffylau", "make_things_better": "Mwy o ddyddiau allan"},
    "ar": {"grow_up_to_be": "طبيبة بيطرية تعتني بالخيول", "make_things_better": "المزيد من الرحلات مع أخي"},
}
# TAPS (tests/browser/phone.py) by answer value, so the same answers can be given in every language.
VALUES = {
    "feel_about_home": "3", "feel_safe_home": "yes", "grown_ups_look_after_you": None, "seeing_family": "2",
    "feel_most_days": "3", "feel_healthy": "3", "grown_up_to_talk_to": "yes", "fun_things": "3",
    "feel_about_school": "2", "help_with_school_work": "3", "know_social_worker": "yes", "social_worker_listens": "2",
}


def _shipped(language: str) -> translations.ParsedTranslation:
    path_ = translations.translations_dir() / f"younger-children.{language}.po"
    return translations.parse(path_.read_text(encoding="utf-8"), str(path_))


def _screenshot(driver, language: str, name: str) -> None:
    folder = os.environ.get("LANGUAGE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / f"{language}-{name}.png"))


def _press(driver, words: str) -> None:
    tap_and_wait(driver, driver.find_element(
        By.XPATH, f"//button[normalize-space()=\"{words}\"] | //a[normalize-space()=\"{words}\"]"))


def _choose_value(driver, value: str) -> None:
    box = driver.find_element(By.CSS_SELECTOR, f"input[name='answer'][value='{value}']")
    tap(driver, driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}'] span"))
    assert box.is_selected(), f"tapping the words of {value} did not choose it"


def _no_sideways_scroll(driver) -> None:
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def javascript(request) -> bool:
    return request.param


@pytest.fixture
def driver(request, javascript):
    return request.getfixturevalue("phone" if javascript else "phone_without_js")


def _looks_right(driver, javascript: bool, language: str, name: str) -> None:
    """No sideways scroll at 375 px; axe-core finds nothing (axe runs as a script: with JavaScript on, on
    the same pages the no-JavaScript run shows); a screenshot with LANGUAGE_SCREENSHOTS=DIR."""
    _no_sideways_scroll(driver)
    if javascript:
        assert_accessible(driver, f"{name} in {language}")
    _screenshot(driver, language, f"{name}-{'js' if javascript else 'no-js'}")


@pytest.mark.parametrize("language", ["cy", "ar"])
def test_a_child_completes_the_8_to_11_survey_in_their_language_by_tapping(app, driver, javascript, live_server,
                                                                           make_round, language):
    words = translations.interface_words(language)
    shipped = _shipped(language).entries
    slug = make_round("younger-children")
    driver.get(f"{live_server}/r/{slug}")
    own_name = {"cy": "Cymraeg", "ar": "العربية"}[language]
    tap_and_wait(driver, driver.find_element(By.XPATH, f"//nav//a[normalize-space()='{own_name}']"))
    html = driver.find_element(By.TAG_NAME, "html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (language, "rtl" if language == "ar" else "ltr")
    assert driver.find_element(By.TAG_NAME, "h1").text == shipped["title"].translation
    _looks_right(driver, javascript, language, "start")
    _press(driver, words("Start"))

    seen = []
    while not path(driver).endswith("/check"):
        question_id = path(driver).rsplit("/", 1)[1]
        seen.append(question_id)
        heading = driver.find_element(By.TAG_NAME, "h1").text
        assert heading == shipped[f"question.{question_id}.text"].translation, heading
        if len(seen) == 1:
            _looks_right(driver, javascript, language, "question")
        if question_id in TEXT:
            write(driver, WRITTEN[language][question_id])
        elif VALUES[question_id] is None:
            _press(driver, words("Skip this question"))
            continue
        else:
            _choose_value(driver, VALUES[question_id])
        _press(driver, words("Continue"))
    assert set(seen) == set(TAPS)
    _looks_right(driver, javascript, language, "check")
    _press(driver, words("Send my answers"))
    assert path(driver) == f"/r/{slug}/sent"
    _looks_right(driver, javascript, language, "sent")

    with app.app_context():
        [response] = db.session.scalars(db.select(SurveyResponse)).all()
        assert response.language == language
        answers = {answer.question_id: answer.choice for answer in response.answers if answer.choice}
        assert answers == {question_id: value for question_id, value in VALUES.items() if value}
        db.session.remove()


def _answer_every_question(child: Journey, first: str, language: str) -> None:
    where = first
    while where != "check":
        if where in TEXT:
            where = child.answer_and_go(WRITTEN.get(language, WRITTEN["cy"])[where] if language != "en" else "A vet")
        elif VALUES[where] is None:
            where = child.answer_and_go(skip=True)
        else:
            where = child.answer_and_go(VALUES[where])
    child.send()


def test_the_report_combines_answers_given_in_welsh_arabic_and_english(app, make_round):
    """Two young people answer in Welsh, one in Arabic and three in English: one report counts all six."""
    slug = make_round("younger-children")
    for language in ("cy", "cy", "ar", "en", "en", "en"):
        child = Journey(app.test_client(), slug)
        child.open(f"/r/{slug}?lang={language}")
        assert f'<html lang="{language}"' in child.page
        _answer_every_question(child, child.begin(), language)
    with app.app_context():
        report = build(round_by_slug(slug).id, for_staff=True)
        assert report.responses.total == 6
        assert {row.language: row.responses for row in report.responses.by_language} == {"cy": 2, "ar": 1, "en": 3}
        questions = {question.id: question for priority in report.priorities for question in priority.questions}
        safe = {row.choice: row.count for row in questions["feel_safe_home"].distribution}
        assert safe["yes"] == 6
        school = {row.choice: row.count for row in questions["feel_about_school"].distribution}
        assert school["2"] == 6
        assert questions["grown_ups_look_after_you"].skipped == 6
        db.session.remove()
