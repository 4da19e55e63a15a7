"""What the spec asks of every page on a phone that axe-core doesn't check: no sideways scrolling at
320px, big enough targets, focus on the error summary, no request to anyone else, working without
JavaScript, and the quick exit."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from survey_app.models import Draft, SurveyResponse

from .phone import choose, count, path, press, tap_and_wait
from .test_accessibility import QUESTION_OF_TYPE, begin
from .test_phone_journey import answer_here

pytestmark = pytest.mark.browser

# Every a, button and form control a person can tap, with the box they can tap. A radio or checkbox
# is an invisible input that the CSS stretches over the whole choice, so the input's box is the target.
TARGETS = """
const found = [];
for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), textarea, select')) {
  if (el.closest('[hidden]') || el.closest('.visually-hidden')) continue;
  const style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden') continue;
  let box = el.getBoundingClientRect();
  if (el.classList.contains('skip')) { el.focus(); box = el.getBoundingClientRect(); el.blur(); }
  found.push({what: el.outerHTML.slice(0, 90), width: box.width, height: box.height});
}
return found;
"""
SIDEWAYS = "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def pages_of_every_kind(browser, live_server, make_round):
    """Go to each kind of page a young person sees, one after another; yields a name for each."""
    for key in ("younger-children", "care-leavers"):
        slug = make_round(key)
        browser.get(f"{live_server}/r/{slug}")
        yield f"start page of {key}"
        press(browser, "Start")
        for question_type, (questionnaire, question_id) in QUESTION_OF_TYPE.items():
            if questionnaire != key:
                continue
            browser.get(f"{live_server}/r/{slug}/q/{question_id}")
            yield f"{question_type} question"
        if key == "care-leavers":
            browser.get(f"{live_server}/r/{slug}/q/heard_of_local_offer")
            press(browser, "Continue")  # a required question with nothing chosen
            yield "a required question with an error"
        browser.get(f"{live_server}/r/{slug}/check")
        yield f"check page of {key}"
    press(browser, "Send my answers")
    yield "confirmation page"
    browser.get(f"{live_server}/help?next=/")
    yield "help page"
    browser.get(f"{live_server}/no-such-page")
    yield "page not found"
    browser.get(f"{live_server}/r/{make_round('younger-children', status='closed')}")
    yield "closed survey"


def test_pages_do_not_scroll_sideways_on_a_320px_phone(browser, live_server, make_round):
    browser.set_window_size(320, 640)
    assert browser.execute_script("return innerWidth") == 320
    wide = []
    for name in pages_of_every_kind(browser, live_server, make_round):
        scroll_width, client_width = browser.execute_script(SIDEWAYS)
        if scroll_width > client_width:
            wide.append(f"{name}: {scroll_width}px of content in {client_width}px")
    assert not wide, "pages scroll sideways at 320px:\n" + "\n".join(wide)


def test_everything_you_can_tap_is_at_least_44_by_44_pixels(browser, live_server, make_round):
    small = []
    for name in pages_of_every_kind(browser, live_server, make_round):
        for target in browser.execute_script(TARGETS):
            if target["width"] < 44 or target["height"] < 44:
                small.append(f"{name}: {target['width']:.0f}x{target['height']:.0f} {target['what']}")
    assert not small, "targets smaller than 44x44 CSS pixels:\n" + "\n".join(sorted(set(small)))


def test_error_summary_takes_focus_after_continue_without_an_answer(browser, live_server, make_round):
    slug = make_round("care-leavers")
    begin(browser, live_server, slug)
    browser.get(f"{live_server}/r/{slug}/q/heard_of_local_offer")  # required: Skip is hidden
    press(browser, "Continue")
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert browser.switch_to.active_element == summary
    assert "There is a problem" in summary.text
    # Its link takes you to the first choice.
    link = summary.find_element(By.TAG_NAME, "a")
    link.click()
    assert browser.switch_to.active_element.get_attribute("id") == "answer-0"
    # ...and the sticky header doesn't hide it (WCAG 2.2 "focus not obscured").
    header_bottom, answer_top = browser.execute_script(
        "return [document.querySelector('.top').getBoundingClientRect().bottom,"
        " document.activeElement.getBoundingClientRect().top]")
    assert answer_top >= header_bottom, "the sticky header covers the answer the error summary links to"


def test_no_request_goes_to_any_other_host(browser, live_server, make_round):
    """Nothing on any page (fonts, scripts, images, analytics) comes from anywhere but our server."""
    slug = make_round("younger-children")
    browser.get(f"{live_server}/r/{slug}")
    resources = []

    def note_resources():
        resources.extend(browser.execute_script(
            "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            ".map(e => e.name)"))

    note_resources()
    press(browser, "Start")
    note_resources()
    choose(browser, "Not good")
    press(browser, "Continue")
    note_resources()
    choose(browser, "No")  # "not safe" sends the child to the help page at once
    press(browser, "Continue")
    assert path(browser) == "/help/now"
    note_resources()
    press(browser, "Carry on with the survey")
    browser.get(f"{live_server}/r/{slug}/check")
    note_resources()
    press(browser, "Send my answers")
    note_resources()

    requested = [event["params"]["request"]["url"] for event in _network_events(browser)
                 if event["method"] == "Network.requestWillBeSent"]
    assert requested, "Chrome's performance log recorded no requests"
    ours = urlsplit(live_server).netloc
    elsewhere = {url for url in requested + resources
                 if not url.startswith(("data:", "about:")) and urlsplit(url).netloc != ours}
    assert not elsewhere, f"requests went to other hosts: {sorted(elsewhere)}"


def _network_events(browser) -> list[dict]:
    return [json.loads(entry["message"])["message"] for entry in browser.get_log("performance")]


def test_child_completes_survey_with_javascript_switched_off(app, browser_without_js, live_server, make_round):
    browser = browser_without_js
    slug = make_round("younger-children")
    browser.get(f"{live_server}/r/{slug}")
    assert browser.execute_script("return document.querySelector('[data-read-aloud]').hidden"), \
        "app.js ran: JavaScript is not switched off"
    press(browser, "Start")
    press(browser, "Continue")  # nothing chosen on an optional question: skipped, no script needed
    assert path(browser).endswith("/q/feel_safe_home") and not browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    while not path(browser).endswith("/check"):
        answer_here(browser, path(browser).rsplit("/", 1)[1])
    assert "How do you feel about where you live?\nSkipped" in browser.find_element(By.TAG_NAME, "main").text
    press(browser, "Send my answers")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your answers have been sent"
    assert count(app, SurveyResponse) == 1


@pytest.fixture
def exit_to_help(app, live_server, monkeypatch):
    """There is no internet here: the quick exit leaves for our own help page instead."""
    monkeypatch.setitem(app.config, "QUICK_EXIT_URL", f"{live_server}/help")
    return f"{live_server}/help"


def _half_way(browser, live_server, make_round) -> str:
    slug = make_round("younger-children")
    begin(browser, live_server, slug)
    answer_here(browser, "feel_about_home")
    browser.get(f"{live_server}/r/{slug}")
    assert button_texts(browser) == ["Carry on where you left off", "Start again"]
    browser.get(f"{live_server}/r/{slug}/q/feel_safe_home")
    return slug


def button_texts(browser) -> list[str]:
    """The buttons of the start form (not the carry-on code's, folded away below it)."""
    return [b.text for b in browser.find_elements(By.CSS_SELECTOR, "main form button") if b.is_displayed()]


def _left_for(browser, exit_url: str, app, live_server, slug: str) -> None:
    WebDriverWait(browser, 10, poll_frequency=0.05).until(lambda d: d.current_url == exit_url)
    assert count(app, Draft) == 0
    browser.get(f"{live_server}/r/{slug}")
    assert button_texts(browser) == ["Start"], "the survey still offers to carry on after the quick exit"


@pytest.mark.parametrize("driver", ["browser", "browser_without_js"])
def test_exit_this_page_leaves_and_forgets_the_survey(driver, request, app, live_server, make_round, exit_to_help):
    browser = request.getfixturevalue(driver)
    slug = _half_way(browser, live_server, make_round)
    tap_and_wait(browser, browser.find_element(By.LINK_TEXT, "Exit this page"))
    _left_for(browser, exit_to_help, app, live_server, slug)


def test_pressing_shift_three_times_leaves_and_forgets_the_survey(browser, app, live_server, make_round,
                                                                   exit_to_help):
    slug = _half_way(browser, live_server, make_round)
    keys = ActionChains(browser)
    for _ in range(3):
        keys.key_down(Keys.SHIFT).key_up(Keys.SHIFT)
    keys.perform()
    _left_for(browser, exit_to_help, app, live_server, slug)


def test_read_aloud_button_shows_when_the_phone_can_speak(browser, live_server, make_round):
    begin(browser, live_server, make_round("younger-children"))
    read_aloud = browser.find_element(By.CSS_SELECTOR, "[data-read-aloud]")
    if not browser.execute_script("return 'speechSynthesis' in window && !!window.SpeechSynthesisUtterance"):
        assert not read_aloud.is_displayed()
        pytest.skip("this Chromium has no speech synthesis")
    assert read_aloud.is_displayed()
    assert read_aloud.text == "Read this page aloud"
    browser.get_log("browser")
    read_aloud.click()  # must not throw, even with no voices installed
    errors = [entry for entry in browser.get_log("browser") if entry["source"] == "javascript"]
    assert not errors, errors
