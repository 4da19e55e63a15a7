"""The action register in real Chromium: a worker adds an action through the form (making mistakes
first), adds progress and links findings, and axe-core finds no WCAG 2.0/2.1/2.2 A or AA problem on the
list, the form, the action's page, the delete and import pages, on a phone (375px) and a laptop (1280px)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from survey_app.extensions import db
from survey_app.models import Answer, Quote, SurveyResponse
from survey_app.models.response import week_of
from survey_app.rounds.operations import round_by_slug

from .axe import assert_accessible
from .phone import path, press, tap
from .test_staff_rounds import WIDTHS, sign_in, type_into

pytestmark = pytest.mark.browser


@pytest.fixture(params=list(WIDTHS))
def worker_browser(request, browser, live_server, make_staff):
    sign_in(browser, live_server, *make_staff("worker"))
    browser.set_window_size(*WIDTHS[request.param])
    return browser


def approved_quote(app, slug: str, text: str) -> None:
    """An approved quote of one of 10 written answers (fewer, and it could not be shown)."""
    with app.app_context():
        survey_round = round_by_slug(slug)
        responses = [SurveyResponse(round_id=survey_round.id, week_of=week_of(survey_round.created_on), answers=[
            Answer(question_id="anything_else", position=0, text=f"{text} {n}", round_id=survey_round.id)])
            for n in range(10)]
        db.session.add_all(responses)
        db.session.flush()
        db.session.add(Quote(round_id=survey_round.id, response_id=responses[0].id, question_id="anything_else",
                             text=text, status="approved"))
        db.session.commit()


def test_the_action_pages_have_no_accessibility_problems(app, worker_browser, live_server, make_round):
    browser = worker_browser
    slug = make_round("care-leavers")
    approved_quote(app, slug, "There is no website with all the services for care leavers")

    browser.get(f"{live_server}/staff/actions")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Actions: “You said, we did”"
    assert_accessible(browser, "the action list (empty)")

    press(browser, "Add an action")
    assert_accessible(browser, "add an action")
    type_into(browser, "reference", "14..9")
    type_into(browser, "owner", "jo@council.example")
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='status-3']"))  # Not doing, with no reason
    press(browser, "Add the action")
    assert browser.title.startswith("Error: ")
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert summary == browser.switch_to.active_element
    assert len(summary.find_elements(By.TAG_NAME, "a")) == 5
    assert browser.find_element(By.ID, "owner").get_attribute("value") == "jo@council.example"
    assert_accessible(browser, "add an action with mistakes")

    type_into(browser, "reference", "14.9")
    type_into(browser, "title", "Launch the Local Offer: one website with every service for care leavers")
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='priority-3']"))
    Select(browser.find_element(By.ID, "round")).select_by_value(slug)
    type_into(browser, "owner", "Head of Service, Care Leavers")
    type_into(browser, "due_day", "1")
    type_into(browser, "due_month", "1")
    type_into(browser, "due_year", "2020")
    tap(browser, browser.find_element(By.CSS_SELECTOR, "label[for='status-1']"))
    press(browser, "Add the action")
    assert path(browser).startswith("/staff/actions/"), browser.current_url
    assert "overdue" in browser.find_element(By.CSS_SELECTOR, ".warning").text
    assert_accessible(browser, "the action's page")

    type_into(browser, "text", "Pages | soon")
    press(browser, "Add the update")
    assert browser.title.startswith("Error: ")
    assert_accessible(browser, "the action's page with a mistake in the update")
    type_into(browser, "text", "Money and housing pages written with the care leavers group.")
    press(browser, "Add the update")
    Select(browser.find_element(By.ID, "question")).select_by_value("heard_of_local_offer")
    press(browser, "Link the question")
    Select(browser.find_element(By.ID, "theme")).select_by_value("money")
    press(browser, "Link the theme")
    Select(browser.find_element(By.ID, "quote")).select_by_index(1)
    press(browser, "Link the quote")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".findings li")) == 3
    assert_accessible(browser, "the action's page with progress and findings")

    press(browser, "Change the action 14.9")
    assert_accessible(browser, "change an action")

    browser.get(f"{live_server}/staff/actions")
    assert "Overdue" in browser.find_element(By.CSS_SELECTOR, "tbody").text
    assert_accessible(browser, "the action list")
    Select(browser.find_element(By.ID, "status")).select_by_value("done")
    press(browser, "Show these actions")
    assert "No actions match" in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser, "the action list with no match")

    browser.get(f"{live_server}/staff/actions/import")
    assert_accessible(browser, "import actions")
    press(browser, "Upload and import")
    assert browser.title.startswith("Error: ")
    assert_accessible(browser, "import actions without a file")

    browser.get(f"{live_server}/staff/actions")
    press(browser, "14.9 Launch the Local Offer: one website with every service for care leavers")
    press(browser, "Delete action 14.9")
    assert_accessible(browser, "delete an action")
    press(browser, "Delete action 14.9")
    assert path(browser) == "/staff/actions"
    assert "Action 14.9 deleted" in browser.find_element(By.CSS_SELECTOR, ".notice").text
