"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA problem on any page a young person can see."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from .axe import assert_accessible
from .phone import QUESTION_OF_TYPE, begin, path, press

pytestmark = pytest.mark.browser


def test_start_page_has_no_accessibility_problems(browser, live_server, make_round):
    browser.get(f"{live_server}/r/{make_round('younger-children')}")
    assert_accessible(browser, "the start page")


@pytest.mark.parametrize("question_type", list(QUESTION_OF_TYPE))
def test_question_page_of_each_type_has_no_accessibility_problems(question_type, browser, live_server, make_round):
    key, question_id = QUESTION_OF_TYPE[question_type]
    slug = make_round(key)
    begin(browser, live_server, slug)
    browser.get(f"{live_server}/r/{slug}/q/{question_id}")
    assert browser.find_element(By.TAG_NAME, "h1").text
    hints = [hint.text for hint in browser.find_elements(By.CSS_SELECTOR, ".hint")]
    assert len(hints) == len(set(hints)), f"a hint is shown twice: {hints}"
    assert_accessible(browser, f"a {question_type} question ({question_id})")


# Ways to get an error on each kind of page now that an optional question left empty is simply skipped:
# Continue on a required question, "I'd rather not say" ticked with another answer, words over the limit.
ERRORS = {
    "yes_no, required": ("care-leavers", "heard_of_local_offer", None),
    "multiple": ("care-leavers", "money_help_wanted", "both"),
    "short_text": ("younger-children", "grow_up_to_be", "long"),
    "long_text": ("care-leavers", "eet_what_would_help", "long"),
}
TOO_LONG = "arguments[0].value = 'a'.repeat(6000)"


@pytest.mark.parametrize("case", list(ERRORS))
def test_question_with_an_error_has_no_accessibility_problems(case, browser, live_server, make_round):
    key, question_id, how = ERRORS[case]
    slug = make_round(key)
    begin(browser, live_server, slug)
    browser.get(f"{live_server}/r/{slug}/q/{question_id}")
    if how == "both":
        for box in browser.find_elements(By.CSS_SELECTOR, "input[name=answer]")[:1] + \
                browser.find_elements(By.CSS_SELECTOR, "input[value=rather_not_say]"):
            browser.execute_script("arguments[0].checked = true", box)
    elif how == "long":
        browser.execute_script(TOO_LONG, browser.find_element(By.ID, "answer-0"))
    press(browser, "Continue")
    assert browser.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    assert browser.title.startswith("Error: ")
    assert_accessible(browser, f"a {case} question with an error")


@pytest.mark.parametrize("where", ["/", "/help", "/help/now?next=/", "/no-such-page"])
def test_help_home_and_not_found_pages_have_no_accessibility_problems(where, browser, live_server):
    browser.get(live_server + where)
    assert_accessible(browser, where)


@pytest.mark.parametrize("key", ["younger-children", "care-leavers"])
def test_a_surveys_help_pages_with_every_contact_have_no_accessibility_problems(key, app, browser, live_server,
                                                                                make_round, monkeypatch):
    for setting, value in {"ADVOCACY_NAME": "Testshire Advocacy", "ADVOCACY_PHONE": "01632 960103",
                           "ADVOCACY_URL": "testshire.example/advocacy", "COMPLAINTS_PHONE": "01632 960104",
                           "COMPLAINTS_URL": "https://testshire.example/complain"}.items():
        monkeypatch.setitem(app.config, setting, value)
    slug = make_round(key)
    for where in (f"/help?next=/r/{slug}", f"/help/now?round={slug}&next=/r/{slug}/check"):
        browser.get(live_server + where)
        assert "Testshire Advocacy" in browser.page_source
        assert_accessible(browser, f"{where} ({key})")


def test_check_and_confirmation_pages_have_no_accessibility_problems(browser, live_server, make_round):
    slug = make_round("younger-children")
    begin(browser, live_server, slug)
    press(browser, "Skip this question")
    browser.get(f"{live_server}/r/{slug}/check")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Check your answers"
    assert_accessible(browser, "check your answers")
    press(browser, "Send my answers")
    assert path(browser).endswith("/sent")
    assert_accessible(browser, "the confirmation page")


def test_closed_round_page_has_no_accessibility_problems(browser, live_server, make_round):
    browser.get(f"{live_server}/r/{make_round('younger-children', status='closed')}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "This survey has closed"
    assert_accessible(browser, "the closed-round page")


def test_the_send_brake_page_has_no_accessibility_problems(app, browser, live_server, make_round, monkeypatch):
    monkeypatch.setitem(app.config, "ROUND_SENDS_PER_WINDOW", 0)
    slug = make_round("younger-children")
    begin(browser, live_server, slug)
    press(browser, "Skip this question")
    browser.get(f"{live_server}/r/{slug}/check")
    press(browser, "Send my answers")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Please wait a few minutes"
    assert_accessible(browser, "the send brake page")
    press(browser, "Go back to your answers")
    assert path(browser).endswith("/check")  # nothing lost


def test_the_server_error_page_has_no_accessibility_problems(app, browser, live_server, make_round, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    monkeypatch.setattr("survey_app.survey.views.save_answer", broken)
    slug = make_round("younger-children")
    begin(browser, live_server, slug)
    press(browser, "Skip this question")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sorry, something went wrong"
    assert "Childline" in browser.page_source and "Exit this page" in browser.page_source
    assert_accessible(browser, "the server error page")


# One question per section theme, in the younger children's survey (its younger look) and the care
# leavers' (its calmer look).
THEMED_QUESTIONS = [
    ("younger-children", "feel_about_home", "home", "younger"),
    ("younger-children", "feel_most_days", "health", "younger"),
    ("younger-children", "feel_about_school", "school", "younger"),
    ("younger-children", "grow_up_to_be", "future", "younger"),
    ("younger-children", "know_social_worker", "say", "younger"),
    ("care-leavers", "living_now", "home", "older"),
    ("care-leavers", "feeling_recently", "health", "older"),
    ("care-leavers", "doing_now", "future", "older"),
    ("care-leavers", "pa_listens", "say", "older"),
]


def _assert_banner_on_top(browser, theme: str, look: str) -> None:
    banner = browser.find_element(By.CSS_SELECTOR, "main .banner")
    assert banner.is_displayed() and f"theme-{theme}" in banner.get_attribute("class")
    assert banner.find_element(By.CSS_SELECTOR, "svg.art").size["width"] >= 48
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("class") == f"look-{look}"
    first_in_main = browser.execute_script(
        "return [...document.querySelector('main').children]"
        ".find(e => e.offsetParent !== null && !e.matches('[data-read-aloud]'))")
    assert first_in_main == banner, "the banner is not the first thing in <main> (after Read aloud)"
    # The page fits a 375 px phone: nothing wider than the screen.
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize(("key", "question_id", "theme", "look"), THEMED_QUESTIONS,
                         ids=[f"{key}-{theme}" for key, _, theme, _ in THEMED_QUESTIONS])
def test_each_section_banner_shows_at_the_top_of_an_accessible_question_page(
        key, question_id, theme, look, browser, live_server, make_round):
    slug = make_round(key)
    begin(browser, live_server, slug)
    browser.get(f"{live_server}/r/{slug}/q/{question_id}")
    _assert_banner_on_top(browser, theme, look)
    assert_accessible(browser, f"{key} {question_id} ({theme})", region=True)


# axe-core itself needs JavaScript (it never finishes with scripts off), so with JavaScript off the test
# is that the same pages show the same banner and look; the markup axe checked above is the same.
@pytest.mark.parametrize("key", ["younger-children", "care-leavers"])
def test_section_banners_show_with_javascript_switched_off(key, browser_without_js, live_server, make_round):
    slug = make_round(key)
    begin(browser_without_js, live_server, slug)
    for page_key, question_id, theme, look in THEMED_QUESTIONS:
        if page_key == key:
            browser_without_js.get(f"{live_server}/r/{slug}/q/{question_id}")
            _assert_banner_on_top(browser_without_js, theme, look)


@pytest.mark.parametrize("key", ["younger-children", "care-leavers"])
def test_start_check_and_thank_you_pages_pass_with_region_and_celebrate(key, browser, live_server, make_round):
    slug = make_round(key)
    browser.get(f"{live_server}/r/{slug}")
    assert_accessible(browser, f"the start page of {key}", region=True)
    press(browser, "Start")
    browser.get(f"{live_server}/r/{slug}/check")
    assert_accessible(browser, f"check your answers of {key}", region=True)
    heading = browser.find_element(By.CSS_SELECTOR, "main h2.section-heading")  # its title in its own colour
    assert heading.value_of_css_property("color") == heading.value_of_css_property("border-bottom-color")
    press(browser, "Send my answers")
    assert path(browser).endswith("/sent")
    star = browser.find_element(By.CSS_SELECTOR, ".panel svg.celebrate")
    assert star.is_displayed() and star.size["width"] >= 100
    assert_accessible(browser, f"the thank-you page of {key}", region=True)


def test_the_thank_you_celebration_shows_with_javascript_switched_off(browser_without_js, live_server, make_round):
    slug = make_round("younger-children")
    begin(browser_without_js, live_server, slug)
    browser_without_js.get(f"{live_server}/r/{slug}/check")
    press(browser_without_js, "Send my answers")
    star = browser_without_js.find_element(By.CSS_SELECTOR, ".panel svg.celebrate")
    assert star.is_displayed() and star.size["width"] >= 100


def test_the_celebration_keeps_still_when_the_phone_asks_for_less_motion(browser, live_server, make_round):
    slug = make_round("younger-children")
    begin(browser, live_server, slug)
    browser.get(f"{live_server}/r/{slug}/check")
    press(browser, "Send my answers")
    moving = "return getComputedStyle(document.querySelector('.celebrate .star')).animationName"
    assert browser.execute_script(moving) == "pop"
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    try:
        assert browser.execute_script(moving) == "none"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_everything_on_the_pages_of_the_journey_is_inside_a_landmark(browser, live_server, make_round):
    """axe-core's `region` rule: the Back link sat outside any landmark before issue 10."""
    slug = make_round("younger-children")
    browser.get(f"{live_server}/r/{slug}")
    assert_accessible(browser, "the start page", region=True)
    press(browser, "Start")
    press(browser, "Continue")
    assert_accessible(browser, "the second question page, with its Back link", region=True)
    assert browser.find_element(By.CSS_SELECTOR, "nav a.back").is_displayed()
    browser.get(f"{live_server}/r/{slug}/check")
    assert_accessible(browser, "check your answers", region=True)
