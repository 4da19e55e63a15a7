"""The staff account pages in real Chromium: signing in, the dashboard, passwords, people and roles,
the audit log and the safeguarding queue have no WCAG 2.0/2.1/2.2 A or AA problem (axe-core) on a
phone (375px) and a laptop (1280px), error states included. And one whole journey: a worker builds
a questionnaire with a condition, previews and publishes it, opens a round of it, a young person
sends their answers through the public link, and the round page counts them."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import SafeguardingFlag, StaffUser, SurveyResponse

from ..conftest import _restore
from ..moderation import add_written_answers
from .axe import assert_accessible
from .phone import choose, count, path, press, tap, write
from .test_staff_builder import choose_in_place, follow, tick
from .test_staff_rounds import WIDTHS, sign_in, type_into

pytestmark = pytest.mark.browser

ALL_ROLES = ("admin", "worker", "safeguarding", "board")


def error_summary(browser) -> str:
    assert browser.title.startswith("Error: "), browser.title
    return browser.find_element(By.CSS_SELECTOR, ".error-summary").text


@pytest.fixture(params=list(WIDTHS))
def width(request) -> tuple[int, int]:
    return WIDTHS[request.param]


def test_the_sign_in_page_and_its_error_have_no_accessibility_problems(browser, live_server, make_staff, width):
    email, _ = make_staff("worker")
    browser.set_window_size(*width)
    browser.get(f"{live_server}/staff/sign-in")
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert_accessible(browser, "the sign-in page")

    type_into(browser, "email", email)
    type_into(browser, "password", "not the right password")
    press(browser, "Sign in")
    assert "Enter a correct email address and password" in error_summary(browser)
    assert_accessible(browser, "the sign-in page after a wrong password")


@pytest.fixture
def everyone_browser(browser, live_server, make_staff, width):
    """Signed in through the real form as someone with all four roles, at one of the two widths."""
    email, password = make_staff(*ALL_ROLES)
    sign_in(browser, live_server, email, password)
    browser.set_window_size(*width)
    return browser


def test_the_account_pages_have_no_accessibility_problems(app, everyone_browser, live_server, make_staff,
                                                          make_round):
    browser = everyone_browser
    other_email, _ = make_staff("board")
    slug = make_round("younger-children")
    with app.app_context():
        from survey_app.rounds.operations import round_by_slug

        flag = SafeguardingFlag(round_id=round_by_slug(slug).id, question_id="q", reason="worrying_words",
                                answer_text="x", raised_on=dt.date.today())
        db.session.add(flag)
        db.session.flush()
        flag_id = flag.id
        other_id = db.session.scalar(select(StaffUser.id).filter_by(email=other_email))
        db.session.commit()

    browser.get(f"{live_server}/staff/")
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert_accessible(browser, "the dashboard (all four roles)")

    browser.get(f"{live_server}/staff/password")
    assert_accessible(browser, "change your password")
    type_into(browser, "current", "correct horse battery staple")
    type_into(browser, "new", "short")
    press(browser, "Change password")
    assert "at least 12 characters" in error_summary(browser)
    assert_accessible(browser, "change your password with a weak new password")

    browser.get(f"{live_server}/staff/users")
    assert other_email in browser.page_source
    assert_accessible(browser, "the people list")

    browser.get(f"{live_server}/staff/users/new")
    assert_accessible(browser, "add a person")
    type_into(browser, "email", other_email)
    type_into(browser, "password", "a perfectly good first password")
    tick(browser, "roles-0")
    press(browser, "Add person")
    assert "already an account with that email address" in error_summary(browser)
    assert_accessible(browser, "add a person with an email already in use")

    browser.get(f"{live_server}/staff/users/{other_id}/roles")
    assert browser.find_element(By.TAG_NAME, "h1").text
    assert_accessible(browser, "a person's roles")

    browser.get(f"{live_server}/staff/audit")
    assert_accessible(browser, "the audit log")

    browser.get(f"{live_server}/staff/safeguarding")
    assert "Waiting for review (1)" in browser.page_source
    assert_accessible(browser, "the safeguarding queue with one flag")
    type_into(browser, f"note-{flag_id}", "Told Kayleigh Smith on 07700 900123")
    tap(browser, browser.find_element(By.CSS_SELECTOR, f"label[for=\"outcome-{flag_id}-reviewed\"]"))
    press(browser, "Record for this answer")
    assert "kept beside an anonymous answer" in browser.page_source
    assert_accessible(browser, "the safeguarding queue with a note refused")

    browser.get(f"{live_server}/staff/safeguarding/phrases")
    assert_accessible(browser, "the lead's worrying phrases, none yet")
    type_into(browser, "phrase", "x")
    press(browser, "Add")
    assert "3 to 100 letters" in browser.page_source
    assert_accessible(browser, "the lead's worrying phrases with an error")
    type_into(browser, "phrase", "up the blocks")
    press(browser, "Add")
    assert "up the blocks" in browser.page_source
    assert_accessible(browser, "the lead's worrying phrases with one")

    [response_id] = add_written_answers(app, slug, ["just testing the survey, ignore this"])
    browser.get(f"{live_server}/staff/rounds/{slug}/responses/{response_id}/remove")
    assert "just testing the survey" in browser.page_source
    assert_accessible(browser, "remove a response")
    press(browser, "Remove this response")
    assert "Say why" in browser.page_source
    assert_accessible(browser, "remove a response without a reason")
    type_into(browser, "reason", "A test answer typed by staff")
    press(browser, "Remove this response")
    assert "Responses removed" in browser.page_source
    assert_accessible(browser, "the round page listing a removal")
    browser.get(f"{live_server}/staff/rounds/{slug}/paper/remove")
    assert_accessible(browser, "remove paper responses when there are none")


@pytest.fixture
def shipped_questionnaires_only(app):
    _restore(app)
    yield
    _restore(app)


def test_a_worker_builds_publishes_and_opens_a_round_and_a_young_person_answers_it(
        app, browser, live_server, make_staff, shipped_questionnaires_only):
    email, password = make_staff("worker")
    sign_in(browser, live_server, email, password)
    browser.set_window_size(*WIDTHS["laptop"])

    # Build: two questions, the second only shown when the first is "Yes".
    browser.get(f"{live_server}/staff/questionnaires")
    press(browser, "Make a new questionnaire")
    type_into(browser, "key", "autumn-check-in")
    type_into(browser, "title", "Autumn check-in")
    press(browser, "Make questionnaire")
    assert path(browser) == "/staff/questionnaires/autumn-check-in"
    follow(browser, "/questions/example_question/delete")  # a new questionnaire starts with an example question
    press(browser, "Delete the question")

    follow(browser, "/sections/section_1/questions/new")
    type_into(browser, "text", "Do you live with a foster family?")
    Select(browser.find_element(By.ID, "priority")).select_by_visible_text("Placement and stability")
    press(browser, "Add the question")

    follow(browser, "/sections/section_1/questions/new")
    choose_in_place(browser, "type", "long_text", "type-fields")  # its fields appear at once
    type_into(browser, "text", "What is it like living with your foster family?")
    Select(browser.find_element(By.ID, "priority")).select_by_visible_text("Placement and stability")
    press(browser, "Add the question")

    follow(browser, "/questions/what_is_it_like_living_with_your_foster/condition")
    choose_in_place(browser, "part-1-question", "do_you_live_with_a_foster_family", "part-1-answers")  # answers at once
    tick(browser, "part-1-kind-is")
    tick(browser, "part-1-values-0")  # Yes
    press(browser, "Save the condition")
    assert "Only shown when “Do you live with a foster family?” is “Yes”." in browser.page_source

    # Preview, then publish.
    press(browser, "Preview on a phone")
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "iframe.phone-frame"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Do you live with a foster family?"
    browser.switch_to.default_content()
    press(browser, "Back to Autumn check-in")
    press(browser, "Publish version 1")  # the confirm page
    type_into(browser, "intro", "How is life where you live?")
    tick(browser, "ages_choice-0")  # the ages as they are, chosen
    press(browser, "Publish version 1")
    assert "Version 1 is published: rounds can now use it." in browser.page_source

    # Open a round of it through the rounds pages.
    browser.get(f"{live_server}/staff/rounds")
    browser.get(f"{live_server}/staff/rounds/new")
    tap(browser, browser.find_element(
        By.XPATH, "//label[normalize-space()='Autumn check-in (version 1)']"))
    type_into(browser, "title", "Autumn check-in 2025")
    # children in care: for both groups it would need a question telling them apart (rounds/groups.py)
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='audience-0']"))
    press(browser, "Open the round")
    assert path(browser).startswith("/staff/rounds/"), browser.current_url
    round_page = browser.current_url
    slug = path(browser).rsplit("/", 1)[-1]
    assert browser.find_element(By.TAG_NAME, "h1").text == "Autumn check-in 2025"

    # A young person, in a browser that never saw the staff pages, answers through the public link.
    browser.delete_all_cookies()
    browser.set_window_size(*WIDTHS["phone"])
    browser.get(f"{live_server}/r/{slug}")
    press(browser, "Start")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Do you live with a foster family?"
    choose(browser, "Yes")
    press(browser, "Continue")
    assert browser.find_element(By.TAG_NAME, "h1").text == "What is it like living with your foster family?"
    write(browser, "Good, we go to the park.")
    press(browser, "Continue")
    assert path(browser).endswith("/check"), browser.current_url
    press(browser, "Send my answers")
    assert path(browser) == f"/r/{slug}/sent"
    assert count(app, SurveyResponse) == 1

    # The worker signs in again and the round page shows one sent.
    browser.delete_all_cookies()
    browser.set_window_size(*WIDTHS["laptop"])
    sign_in(browser, live_server, email, password)
    browser.get(round_page)
    rows = {row.find_element(By.TAG_NAME, "dt").text: row.find_element(By.TAG_NAME, "dd").text
            for row in browser.find_elements(By.CSS_SELECTOR, ".summary-row")}
    assert rows["Sent"].split()[0] == "1", rows
