"""The questionnaire builder in real Chromium: a worker signs in through the form, builds a small
questionnaire with a condition, previews it in the phone frame and publishes it; axe-core finds no
WCAG 2.0/2.1/2.2 A or AA problem on any builder page."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from survey_app import question_types
from survey_app.questionnaire.loader import load_file, load_text
from survey_app.questionnaire.store import shipped_files

from ..conftest import _restore
from ..test_builder import VERSION, latest_source, version_id
from .axe import assert_accessible
from .phone import _stale, path, press, tap
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
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def follow(browser, href_part: str) -> None:
    link = browser.find_element(By.CSS_SELECTOR, f"a[href*='{href_part}']")
    browser.get(link.get_attribute("href"))


def tick(browser, input_id: str) -> None:
    tap(browser, browser.find_element(By.CSS_SELECTOR, f"label[for='{input_id}']"))


NO_RELOAD = "window.__marker = 1;"
STILL_SAME_PAGE = "return window.__marker === 1;"


def choose_in_place(browser, select_id: str, value: str, region_id: str) -> None:
    """Choose in a select whose fields builder.js swaps in place; prove the page was not reloaded."""
    browser.execute_script(NO_RELOAD)
    old = browser.find_element(By.ID, region_id)
    Select(browser.find_element(By.ID, select_id)).select_by_value(value)
    WebDriverWait(browser, 10, poll_frequency=0.05).until(lambda d: _stale(old))
    assert browser.execute_script(STILL_SAME_PAGE), "the page was reloaded"


def announced(browser, select_id: str) -> str:
    return browser.find_element(By.ID, f"{select_id}-announce").get_attribute("textContent")


def width(browser, pixels: int) -> None:
    """Show pages exactly `pixels` CSS pixels wide (375: a phone)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": pixels, "height": 900, "deviceScaleFactor": 1, "mobile": False})


WIDER = """return Array.prototype.filter.call(document.querySelectorAll('main *'), function (e) {
    return e.getBoundingClientRect().right > window.innerWidth; }).slice(0, 5).map(function (e) {
    return e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right); });"""


def no_sideways_scroll(browser, where: str) -> None:
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), \
        f"{where} scrolls sideways: {browser.execute_script(WIDER)}"


def shown_in_panel(browser, which: str = "shown") -> list[str]:
    return [item.text for item in browser.find_elements(By.CSS_SELECTOR, f".pretend-list li.{which}")]


@pytest.mark.parametrize("pixels", [375, 1280])
def test_a_worker_builds_a_question_with_a_condition_pretends_answers_and_publishes_via_the_confirm_page(
        worker_browser, live_server, app, pixels):
    browser = worker_browser
    width(browser, pixels)
    browser.get(f"{live_server}/staff/questionnaires")
    press(browser, "Make a new questionnaire")
    type_into(browser, "key", "summer-2025")
    type_into(browser, "title", "Summer survey")
    press(browser, "Make questionnaire")
    assert path(browser) == "/staff/questionnaires/summer-2025"
    assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary")  # a new questionnaire starts valid
    assert "Example question" in browser.page_source

    follow(browser, "/sections/section_1/questions/new")
    type_into(browser, "text", "Do you live with a foster family?")
    Select(browser.find_element(By.ID, "priority")).select_by_visible_text("Placement and stability")
    press(browser, "Add the question")
    assert "Question added with the id 'do_you_live_with_a_foster_family'" in browser.page_source

    follow(browser, "/sections/section_1/questions/new")
    type_into(browser, "text", "What is it like living with your foster family?")
    assert not browser.find_element(By.NAME, "show_type").is_displayed()  # JavaScript does its job
    assert not browser.find_elements(By.ID, "max_length")
    choose_in_place(browser, "type", "long_text", "type-fields")
    assert browser.find_element(By.ID, "max_length").is_displayed()  # the type's fields, at once
    assert browser.switch_to.active_element.get_attribute("id") == "type"  # the keyboard is where it was
    assert browser.find_element(By.ID, "text").get_attribute("value") == "What is it like living with your " \
        "foster family?"
    assert announced(browser, "type") == f"Fields for ‘{question_types.get('long_text').title}’ shown"
    assert_accessible(browser, f"a question whose type just changed at {pixels} px")
    Select(browser.find_element(By.ID, "priority")).select_by_visible_text("Placement and stability")
    no_sideways_scroll(browser, "adding a question")
    press(browser, "Add the question")

    follow(browser, "/questions/what_is_it_like_living_with_your_foster/condition")
    assert not browser.find_element(By.NAME, "update").is_displayed()
    choose_in_place(browser, "part-1-question", "do_you_live_with_a_foster_family", "part-1-answers")
    assert browser.switch_to.active_element.get_attribute("id") == "part-1-question"
    assert announced(browser, "part-1-question") == "Answers to ‘Do you live with a foster family?’ shown"
    assert_accessible(browser, f"a condition whose answers just appeared at {pixels} px")
    tick(browser, "part-1-kind-is")
    tick(browser, "part-1-values-0")  # Yes
    no_sideways_scroll(browser, "a condition")
    press(browser, "Save the condition")
    assert "Only shown when “Do you live with a foster family?” is “Yes”." in browser.page_source
    no_sideways_scroll(browser, "the questionnaire")

    press(browser, "Preview on a phone")
    no_sideways_scroll(browser, "the preview")
    conditional = "What is it like living with your foster family?"
    assert not any(conditional in row for row in shown_in_panel(browser))
    choose_in_place(browser, "pretend-do_you_live_with_a_foster_family", "yes", "pretend-shown")
    assert any(conditional in row for row in shown_in_panel(browser))  # the pretend answer shows it
    choose_in_place(browser, "pretend-do_you_live_with_a_foster_family", "no", "pretend-shown")
    assert not any(conditional in row for row in shown_in_panel(browser))  # and another hides it again

    frame = browser.find_element(By.CSS_SELECTOR, "iframe.phone-frame")
    browser.switch_to.frame(frame)
    questions = [browser.find_element(By.TAG_NAME, "h1").text]
    while browser.find_element(By.TAG_NAME, "h1").text != "End of the preview":  # skip the example question
        if browser.find_element(By.TAG_NAME, "h1").text == "Do you live with a foster family?":
            tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='answer-0']"))  # Yes
            press(browser, "Continue")
        else:
            press(browser, "Skip this question")
        questions.append(browser.find_element(By.TAG_NAME, "h1").text)
    assert conditional in questions  # "Yes" in the phone frame shows the conditional question
    browser.switch_to.default_content()

    press(browser, "Back to Summer survey")
    press(browser, "Publish version 1")
    assert "What will be published" in browser.page_source and conditional in browser.page_source
    estimate = load_text(latest_source(app, "summer-2025")).minutes  # worked out from the questions
    assert f"About {estimate} minutes, worked out from the questions" in browser.page_source
    assert_accessible(browser, f"the publish page at {pixels} px")
    no_sideways_scroll(browser, "the publish page")
    press(browser, "Publish version 1")
    assert "Choose the ages it is for" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(browser, f"the publish page with a problem at {pixels} px")
    type_into(browser, "intro", "Tell us about where you live.")
    tick(browser, "ages_choice-1")
    type_into(browser, "ages", "8-11")
    press(browser, "Publish version 1")
    assert "Version 1 is published: rounds can now use it." in browser.page_source


SHOWN_TYPE = "return document.querySelector('#type-fields input[name=shown_type]').value;"


def test_a_keyboard_user_arrows_through_the_answer_types_and_each_one_s_fields_appear_without_a_reload(
        worker_browser, live_server):
    browser = worker_browser
    browser.get(f"{live_server}/staff/questionnaires/priorities-2018/sections/placement/questions/new")
    type_into(browser, "text", "How do you get on with the people you live with?")
    browser.execute_script(NO_RELOAD)
    select = browser.find_element(By.ID, "type")
    browser.execute_script("arguments[0].focus()", select)
    names = question_types.names()
    wait = WebDriverWait(browser, 10, poll_frequency=0.05)
    for step, name in enumerate(names[1:], 1):
        browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
        assert select.get_attribute("value") == name, f"arrow {step}"
        wait.until(lambda d, name=name: d.execute_script(SHOWN_TYPE) == name)
        assert browser.switch_to.active_element.get_attribute("id") == "type"
        assert browser.execute_script(STILL_SAME_PAGE), f"the page reloaded at arrow {step}"
        assert announced(browser, "type") == f"Fields for ‘{question_types.get(name).title}’ shown"
    assert browser.find_element(By.ID, "max_length").is_displayed()  # the last type is a written one
    assert browser.find_element(By.ID, "text").get_attribute("value") == \
        "How do you get on with the people you live with?"


def test_options_typed_for_one_list_type_are_kept_when_the_worker_switches_to_the_other(
        worker_browser, live_server):
    browser = worker_browser
    browser.get(f"{live_server}/staff/questionnaires/priorities-2018/sections/placement/questions/new")
    type_into(browser, "text", "Who do you share a home with?")
    choose_in_place(browser, "type", "single", "type-fields")
    type_into(browser, "option_label_1", "Foster carers")
    type_into(browser, "option_label_2", "Family")
    choose_in_place(browser, "type", "multiple", "type-fields")
    assert browser.find_element(By.ID, "option_label_1").get_attribute("value") == "Foster carers"
    assert browser.find_element(By.ID, "option_label_2").get_attribute("value") == "Family"
    assert browser.find_element(By.ID, "text").get_attribute("value") == "Who do you share a home with?"
    assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    Select(browser.find_element(By.ID, "priority")).select_by_visible_text("Placement and stability")
    press(browser, "Add the question")
    assert "Question added with the id 'who_do_you_share_a_home_with'" in browser.page_source


def test_when_the_fields_cannot_be_fetched_the_button_comes_back_and_says_so_without_leaving_the_page(
        worker_browser, live_server):
    browser = worker_browser
    browser.get(f"{live_server}/staff/questionnaires/priorities-2018/sections/placement/questions/new")
    browser.execute_script(NO_RELOAD + "window.fetch = function () { return Promise.reject(new Error('offline')); };")
    Select(browser.find_element(By.ID, "type")).select_by_value("long_text")
    button = browser.find_element(By.NAME, "show_type")
    WebDriverWait(browser, 10, poll_frequency=0.05).until(lambda d: button.is_displayed())
    assert "press “Show the fields for this type”" in announced(browser, "type")
    assert browser.execute_script(STILL_SAME_PAGE)
    press(browser, "Show the fields for this type")  # the way without JavaScript still works
    assert browser.find_element(By.ID, "max_length").is_displayed()


def preview_of_priorities(browser, live_server, app) -> None:
    vid = version_id(app, "priorities-2018", VERSION["priorities-2018"])
    browser.get(f"{live_server}/staff/questionnaires/priorities-2018/versions/{vid}/preview")


def questions(count: int) -> str:
    return f"{count} question{'' if count == 1 else 's'}"


@pytest.mark.parametrize("pixels", [375, 1280])
def test_a_keyboard_user_arrows_through_a_pretend_answer_and_the_list_changes_in_place_without_a_reload(
        worker_browser, live_server, app, pixels):
    browser = worker_browser
    width(browser, pixels)
    preview_of_priorities(browser, live_server, app)
    assert not browser.find_element(By.CSS_SELECTOR, "button[data-pretend-submit]").is_displayed()
    frame = browser.find_element(By.CSS_SELECTOR, "iframe.phone-frame")
    browser.execute_script(NO_RELOAD)
    select = browser.find_element(By.ID, "pretend-living_with")
    browser.execute_script("arguments[0].focus()", select)
    wait = WebDriverWait(browser, 10, poll_frequency=0.05)
    family = "Do you feel part of a family?"
    shown_with = {}
    for step, value in enumerate([option.get_attribute("value") for option in Select(select).options][1:], 1):
        old = browser.find_element(By.ID, "pretend-shown")
        browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
        assert select.get_attribute("value") == value, f"arrow {step}"
        wait.until(lambda d, old=old: _stale(old))
        assert browser.switch_to.active_element.get_attribute("id") == "pretend-living_with", f"arrow {step}"
        assert browser.execute_script(STILL_SAME_PAGE), f"the page reloaded at arrow {step}"
        shown, hidden = len(shown_in_panel(browser)), len(shown_in_panel(browser, "not-shown"))
        assert announced(browser, "pretend") == f"{questions(shown)} shown, {hidden} not shown", f"arrow {step}"
        shown_with[value] = any(family in row for row in shown_in_panel(browser))
        if step == 1:
            no_sideways_scroll(browser, "the preview after a pretend answer")
            assert_accessible(browser, f"the preview after a pretend answer at {pixels} px")
    assert shown_with["foster_family"] and not shown_with["own_flat"]  # the list follows each answer
    assert not _stale(frame)  # the phone frame's walk goes on
    assert "pretend-living_with=rather_not_say" in browser.current_url  # a reload keeps the answers


def test_when_the_pretend_list_cannot_be_fetched_the_button_comes_back_and_still_works(
        worker_browser, live_server, app):
    browser = worker_browser
    preview_of_priorities(browser, live_server, app)
    browser.execute_script(NO_RELOAD + "window.fetch = function () { return Promise.reject(new Error('offline')); };")
    Select(browser.find_element(By.ID, "pretend-living_with")).select_by_value("foster_family")
    button = browser.find_element(By.CSS_SELECTOR, "button[data-pretend-submit]")
    WebDriverWait(browser, 10, poll_frequency=0.05).until(lambda d: button.is_displayed())
    assert "press “Show which questions”" in announced(browser, "pretend")
    assert browser.execute_script(STILL_SAME_PAGE)
    press(browser, "Show which questions")
    assert any("Do you feel part of a family?" in row for row in shown_in_panel(browser))


def test_without_javascript_the_buttons_still_show_the_type_s_fields_the_answers_and_the_pretend_result(
        browser_without_js, live_server, app, make_staff):
    browser = browser_without_js
    sign_in(browser, live_server, *make_staff("worker"))
    base = f"{live_server}/staff/questionnaires/priorities-2018"
    browser.get(f"{base}/sections/placement/questions/new")
    type_into(browser, "text", "What would make home better?")
    Select(browser.find_element(By.ID, "type")).select_by_value("long_text")
    assert not browser.find_elements(By.ID, "max_length")  # nothing changes until the button is pressed
    press(browser, "Show the fields for this type")
    assert browser.find_elements(By.ID, "max_length")
    assert browser.find_element(By.ID, "text").get_attribute("value") == "What would make home better?"

    browser.get(f"{base}/questions/feel_part_of_family/condition")
    Select(browser.find_element(By.ID, "part-1-question")).select_by_value("care_status")
    press(browser, "Show the answers")
    assert browser.find_elements(By.ID, "part-1-values-0")

    vid = version_id(app, "priorities-2018", VERSION["priorities-2018"])
    browser.get(f"{base}/versions/{vid}/preview")
    Select(browser.find_element(By.ID, "pretend-living_with")).select_by_value("foster_family")
    assert not any("Do you feel part of a family?" in row for row in shown_in_panel(browser))  # until pressed
    press(browser, "Show which questions")
    assert any("Do you feel part of a family?" in row for row in shown_in_panel(browser))


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
    assert not browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    browser.get(f"{base}/empty-one/questions/example_question/delete")
    press(browser, "Delete the question")
    assert "Version 1 has 1 problem" in browser.page_source and "Line " not in browser.page_source
    assert_accessible(browser, "a draft with problems")


@pytest.mark.parametrize("pixels", [375, 1280])
def test_the_changed_builder_pages_have_no_accessibility_problems_and_no_sideways_scroll(
        worker_browser, live_server, app, pixels):
    browser = worker_browser
    width(browser, pixels)
    base = f"{live_server}/staff/questionnaires"
    vid = version_id(app, "priorities-2018", VERSION["priorities-2018"])
    pages = {
        "a questionnaire": "/priorities-2018",
        "its details": "/priorities-2018/details",
        "publish": "/priorities-2018/publish",
        "add a question": "/priorities-2018/sections/placement/questions/new",
        "a question's condition": "/priorities-2018/questions/feel_part_of_family/condition",
        "preview with pretend answers": f"/priorities-2018/versions/{vid}/preview?pretend-living_with=own_flat",
        "a previewed question": f"/priorities-2018/versions/{vid}/preview/11",
        "the question bank": "/priorities-2018/sections/placement/bank",
        "the question bank, searched": "/priorities-2018/sections/placement/bank?q=family",
    }
    for where, url in pages.items():
        browser.get(base + url)
        assert browser.find_element(By.TAG_NAME, "h1").text, where
        no_sideways_scroll(browser, where)
        assert_accessible(browser, f"{where} at {pixels} px")
    browser.get(f"{base}/priorities-2018/sections/placement/bank?q=family")
    tick(browser, "pick-priorities-2018-feel_part_of_family")
    press(browser, "Add the ticked questions to “Where you live”")
    assert "1 question added from the bank" in browser.page_source
    press(browser, "Copy question feel_part_of_family_2")
    assert "Question copied with the id 'feel_part_of_family_3'" in browser.page_source
    no_sideways_scroll(browser, "the questionnaire after a copy")
