"""The survey round pages in real Chromium: a worker signs in through the form, opens a round with
the keyboard-and-mouse path a person takes, and axe-core finds no WCAG 2.0/2.1/2.2 A or AA problem
on any of the pages, on a phone (375px) and a laptop (1280px)."""

from __future__ import annotations

import base64
import re

import pytest
from selenium.webdriver.common.by import By

from survey_app.models import Draft

from .axe import assert_accessible
from .phone import begin, count, path, press, tap

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (375, 667), "laptop": (1280, 900)}


def sign_in(browser, live_server: str, email: str, password: str) -> None:
    browser.get(f"{live_server}/staff/sign-in")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(password)
    press(browser, "Sign in")
    assert path(browser) == "/staff/", browser.current_url


def type_into(browser, field_id: str, value: str) -> None:
    box = browser.find_element(By.ID, field_id)
    box.clear()
    box.send_keys(value)


def open_a_round(browser, live_server: str, code: str = "", cohort: str = "10") -> str:
    """Fill in "Open a round" as a worker would; returns the new round's slug."""
    browser.get(f"{live_server}/staff/rounds/new")
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='questionnaire-0']"))
    type_into(browser, "title", "Your life, your say: summer")
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='audience-2']"))
    type_into(browser, "access_code", code)
    type_into(browser, "in_care_8_11", cohort)
    press(browser, "Open the round")
    return path(browser).rsplit("/", 1)[-1]


@pytest.fixture(params=list(WIDTHS))
def worker_browser(request, browser, live_server, make_staff):
    """Chromium at one of the two widths, signed in as a participation worker through the real form."""
    sign_in(browser, live_server, *make_staff("worker"))
    browser.set_window_size(*WIDTHS[request.param])
    return browser


def test_the_round_pages_have_no_accessibility_problems(worker_browser, live_server):
    browser = worker_browser
    browser.get(f"{live_server}/staff/rounds")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Survey rounds"
    assert_accessible(browser, "the rounds list (empty)")

    browser.get(f"{live_server}/staff/rounds/new")
    assert_accessible(browser, "open a round")

    slug = open_a_round(browser, live_server, code="SUN42")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your life, your say: summer"
    assert_accessible(browser, "the round page")

    browser.get(f"{live_server}/staff/rounds")
    assert_accessible(browser, "the rounds list")

    browser.get(f"{live_server}/staff/rounds/{slug}/card")
    assert_accessible(browser, "the invitation card")
    browser.get(f"{live_server}/staff/rounds/{slug}/card?code=SUN42")
    assert "SUN42" in browser.find_element(By.CSS_SELECTOR, ".card-code").text
    assert_accessible(browser, "the invitation card with the code")


def test_the_error_pages_have_no_accessibility_problems(worker_browser, live_server):
    browser = worker_browser
    browser.get(f"{live_server}/staff/rounds/new")
    type_into(browser, "opens_day", "31")
    type_into(browser, "opens_month", "2")
    type_into(browser, "opens_year", "2030")
    type_into(browser, "care_leavers", "-4")
    type_into(browser, "access_code", "x!")
    press(browser, "Open the round")
    assert browser.title.startswith("Error: ")
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert summary == browser.switch_to.active_element  # focus moves to the summary
    assert len(summary.find_elements(By.TAG_NAME, "a")) == 6
    assert_accessible(browser, "open a round with every kind of mistake")

    slug = open_a_round(browser, live_server, code="SUN42")
    browser.get(f"{live_server}/staff/rounds/{slug}/card?code=MOON")
    assert browser.title.startswith("Error: ")
    assert_accessible(browser, "the invitation card with a wrong code")


def test_a_round_for_both_groups_of_a_questionnaire_that_cannot_tell_them_apart_asks_for_the_question(
        worker_browser, live_server):
    browser = worker_browser
    browser.get(f"{live_server}/staff/rounds/new")
    tap(browser, browser.find_element(By.XPATH, "//label[normalize-space()='Your life, your say (version 1)']"))
    type_into(browser, "title", "Spring round")
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='audience-2']"))
    type_into(browser, "in_care_8_11", "40")
    type_into(browser, "care_leavers", "80")
    press(browser, "Open the round")
    assert browser.title.startswith("Error: ")
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "does not ask whether a young person is in care or a care leaver" in summary.text
    assert browser.execute_script("return document.documentElement.scrollWidth") <= browser.execute_script(
        "return window.innerWidth")
    assert_accessible(browser, "open a round for groups the questionnaire can't tell apart")
    press(browser, "add the question “Are you in care now, or a care leaver?” in the questionnaire builder")
    assert path(browser) == "/staff/questionnaires/younger-children"


def test_entering_the_numbers_after_opening_is_accessible(worker_browser, live_server):
    browser = worker_browser
    slug = open_a_round(browser, live_server, cohort="")
    assert "No response rate" in browser.find_element(By.ID, "main").text
    press(browser, "Enter the numbers of young people who could answer")
    assert_accessible(browser, "entering the numbers")
    type_into(browser, "in_care_8_11", "many")
    press(browser, "Save the numbers")
    assert browser.title.startswith("Error: ")
    assert_accessible(browser, "entering the numbers, with a mistake")
    type_into(browser, "in_care_8_11", "40")
    press(browser, "Save the numbers")
    assert path(browser) == f"/staff/rounds/{slug}"
    assert "0 of 40 young people who could answer (0%)" in browser.find_element(By.ID, "main").text


def test_closing_with_surveys_in_progress_warns_and_the_pages_stay_accessible(app, worker_browser, live_server,
                                                                              make_round):
    browser = worker_browser
    slug = open_a_round(browser, live_server)
    with app.app_context():
        from survey_app.extensions import db
        from survey_app.responses.drafts import start_draft
        from survey_app.rounds.operations import round_by_slug

        start_draft(round_by_slug(slug), 24)
        db.session.commit()
    press(browser, "Close the round")
    assert "while young people are answering" in browser.find_element(By.TAG_NAME, "h1").text
    assert_accessible(browser, "the close warning")
    press(browser, "Close the round anyway")
    assert path(browser) == f"/staff/rounds/{slug}"
    assert_accessible(browser, "a closed round")
    assert count(app, Draft) == 1
    press(browser, "Reopen the round")
    assert browser.find_element(By.CSS_SELECTOR, ".notice").text == "The round is open again."


def test_the_start_page_asks_for_the_code_accessibly(worker_browser, live_server):
    browser = worker_browser
    slug = open_a_round(browser, live_server, code="SUN42")
    browser.get(f"{live_server}/r/{slug}")
    assert_accessible(browser, "the start page with a code box")
    type_into(browser, "access_code", "MOON")
    press(browser, "Start")
    assert browser.title.startswith("Error: ")
    assert_accessible(browser, "the start page with a wrong code")
    type_into(browser, "access_code", "sun 42")
    press(browser, "Start")
    assert "/q/" in path(browser)


def test_a_round_without_a_code_still_starts_with_one_tap(browser, live_server, make_round):
    begin(browser, live_server, make_round("younger-children"))


def test_the_invitation_card_prints_on_one_a5_page(browser, live_server, make_staff):
    sign_in(browser, live_server, *make_staff("worker"))
    slug = open_a_round(browser, live_server, code="SUN42")
    browser.get(f"{live_server}/staff/rounds/{slug}/card?code=SUN42")
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    width, height = (float(n) for n in re.search(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert (round(width), round(height)) == (420, 595)  # A5 in points
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        # In print: only the card shows, and the link a young person types stays on one line.
        shown = browser.execute_script(
            "return [...document.querySelectorAll('.top, .foot, .card-tools')].some(e => e.offsetParent !== null)")
        assert not shown
        assert browser.execute_script("return document.querySelector('.card-link').getClientRects().length") == 1
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
