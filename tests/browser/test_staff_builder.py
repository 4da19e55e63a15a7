"""The questionnaire builder in real Chromium: a worker signs in through the form, builds a small
questionnaire with a condition, previews it in the phone frame and publishes it; axe-core finds no
WCAG 2.0/2.1/2.2 A or AA problem on any builder page."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.store import shipped_files

from ..conftest import _restore
from ..test_builder import VERSION, version_id
from .axe import assert_accessible
from .phone import path, press, tap
from .test_staff_rounds import sign_in, type_into

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def shipped_questionnaires_only(app):
    _restore(app)
    yield
    _restore(app)


@pytest.fixture
def worker_browser(browser, live_server, make_staff):
    sign_in(browser, live_server, *make_staff("worker"))
    browser.set_window_size(1024, 900)
    return browser


def follow(browser, href_part: str) -> None:
    link = browser.find_element(By.CSS_SELECTOR, f"a[href*='{href_part}']")
    browser.get(link.get_attribute("href"))


def tick(browser, input_id: str) -> None:
    tap(browser, browser.find_element(By.CSS_SELECTOR, f"label[for='{input_id}']"))


def test_a_worker_builds_a_questionnaire_with_a_condition_previews_and_publishes_it(worker_browser, live_server,
                                                                                      app):
    browser = worker_browser
    browser.get(f"{live_server}/staff/questionnaires")
    press(browser, "Make a new questionnaire")
    type_into(browser, "key", "summer-2025")
    type_into(browser, "title", "Summer survey")
    press(browser, "Make questionnaire")
    assert path(browser) == "/staff/questionnaires/summer-2025"

    follow(browser, "/sections/section_1/questions/new")
    type_into(browser, "text", "Do you live with a foster family?")
    Select(browser.find_element(By.ID, "priority")).select_by_visible_text("Placement and stability")
    press(browser, "Add the question")
    assert "Question added with the id 'do_you_live_with_a_foster_family'" in browser.page_source

    follow(browser, "/sections/section_1/questions/new")
    Select(browser.find_element(By.ID, "type")).select_by_value("long_text")
    press(browser, "Show the fields for this type")
    assert browser.find_elements(By.ID, "max_length")
    type_into(browser, "text", "What is it like living with your foster family?")
    Select(browser.find_element(By.ID, "priority")).select_by_visible_text("Placement and stability")
    press(browser, "Add the question")

    follow(browser, "/questions/what_is_it_like_living_with_your_foster/condition")
    Select(browser.find_element(By.ID, "part-1-question")).select_by_value("do_you_live_with_a_foster_family")
    press(browser, "Show the answers")
    tick(browser, "part-1-kind-is")
    tick(browser, "part-1-values-0")  # Yes
    press(browser, "Save the condition")
    assert "Only shown when “Do you live with a foster family?” is “Yes”." in browser.page_source

    press(browser, "Preview on a phone")
    frame = browser.find_element(By.CSS_SELECTOR, "iframe.phone-frame")
    assert frame.size["width"] == 375
    browser.switch_to.frame(frame)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Do you live with a foster family?"
    assert browser.find_element(By.CSS_SELECTOR, "label[for='answer-0']").text == "Yes"
    press(browser, "Next question")
    assert browser.find_element(By.TAG_NAME, "h1").text == "What is it like living with your foster family?"
    assert "Only shown when" in browser.page_source
    browser.switch_to.default_content()

    press(browser, "Back to Summer survey")
    press(browser, "Publish version 1")
    assert "Version 1 is published: rounds can now use it." in browser.page_source


def test_every_builder_page_has_no_accessibility_problems(worker_browser, live_server, app):
    browser = worker_browser
    base = f"{live_server}/staff/questionnaires"
    vid = version_id(app, "priorities-2018", VERSION["priorities-2018"])
    end = len(load_file(shipped_files()[1]).questions) + 1
    pages = {
        "the list": "",
        "make a new one": "/new",
        "import": "/import",
        "a questionnaire": "/priorities-2018",
        "its details": "/priorities-2018/details",
        "a section": "/priorities-2018/sections/placement",
        "delete a section": "/priorities-2018/sections/placement/delete",
        "a section's condition": "/priorities-2018/sections/eet/condition",
        "add a question": "/priorities-2018/sections/placement/questions/new",
        "a single-choice question": "/priorities-2018/questions/living_with",
        "a smiley question": "/priorities-2018/questions/happy_or_sad",
        "a text question": "/priorities-2018/questions/what_safe_means",
        "delete a question": "/priorities-2018/questions/living_with/delete",
        "a question's condition": "/priorities-2018/questions/feel_part_of_family/condition",
        "copy": "/priorities-2018/duplicate",
        "preview": f"/priorities-2018/versions/{vid}/preview",
        "a previewed question": f"/priorities-2018/versions/{vid}/preview/2",
        "the end of the preview": f"/priorities-2018/versions/{vid}/preview/{end}",
    }
    for where, url in pages.items():
        browser.get(base + url)
        if where != "the end of the preview":
            assert browser.find_element(By.TAG_NAME, "h1").text, where
        assert_accessible(browser, where)

    browser.get(f"{base}/priorities-2018/questions/feel_part_of_family/condition")
    press(browser, "Add another part")
    assert browser.find_elements(By.ID, "join-any") and browser.find_elements(By.ID, "part-2-question")
    assert_accessible(browser, "a condition of two parts")
    press(browser, "Save the condition")
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert "Part 2: Choose a question that comes earlier" in summary
    assert_accessible(browser, "a refused part of a condition")

    browser.get(f"{base}/priorities-2018/sections/placement/questions/new")
    type_into(browser, "text", "What is your name?")
    press(browser, "Add the question")
    assert "Surveys are anonymous" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(browser, "a refused question")

    browser.get(f"{base}/import")
    type_into(browser, "text", "id: Bad Id\nversion: 0\n")
    press(browser, "Check and import")
    assert "Line 1" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(browser, "an import with problems")

    browser.get(f"{base}/new")
    press(browser, "Make questionnaire")
    assert_accessible(browser, "make a new one, with errors")
    type_into(browser, "key", "empty-one")
    type_into(browser, "title", "Empty")
    press(browser, "Make questionnaire")
    assert "Version 1 has 1 problem" in browser.page_source
    assert_accessible(browser, "a draft with problems")
