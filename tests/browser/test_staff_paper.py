"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA problem on the paper-response pages, with and without errors,
for a participation worker who signed in through the real form; and a form entered in the browser is stored."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import SurveyResponse

from .axe import assert_accessible
from .phone import path, press, tap

pytestmark = pytest.mark.browser


@pytest.fixture
def worker_browser(browser, live_server, make_staff):
    """The browser, signed in as a participation worker through the sign-in page."""
    email, password = make_staff("worker")
    browser.get(f"{live_server}/staff/sign-in")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(password)
    press(browser, "Sign in")
    assert path(browser) == "/staff/"
    return browser


def test_the_list_of_rounds_and_a_rounds_paper_page_have_no_accessibility_problems(worker_browser, live_server,
                                                                                    make_round):
    slug = make_round("care-leavers")
    worker_browser.get(f"{live_server}/staff/paper")
    assert_accessible(worker_browser, "the list of rounds for paper responses")
    worker_browser.get(f"{live_server}/staff/rounds/{slug}/paper")
    assert worker_browser.find_element(By.TAG_NAME, "h1").text.startswith("Paper responses")
    assert_accessible(worker_browser, "a round's paper page")


def test_the_entry_form_with_and_without_errors_has_no_accessibility_problems(app, worker_browser, live_server,
                                                                             make_round):
    slug = make_round("care-leavers")
    worker_browser.get(f"{live_server}/staff/rounds/{slug}/paper/new")
    assert_accessible(worker_browser, "the paper entry form")

    tap(worker_browser, worker_browser.find_element(By.CSS_SELECTOR, "label[for='answer-heard_of_local_offer-2']"))
    tap(worker_browser, worker_browser.find_element(By.CSS_SELECTOR, "label[for='answer-local_offer_helped-1']"))
    press(worker_browser, "Add this response")
    assert worker_browser.title.startswith("Error: ")
    summary = worker_browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "Has it helped you? – Leave this blank" in summary.text
    assert_accessible(worker_browser, "the paper entry form with an error")

    tap(worker_browser, worker_browser.find_element(By.CSS_SELECTOR, "label[for='answer-local_offer_helped']"))
    press(worker_browser, "Add this response")
    assert "Paper response added." in worker_browser.find_element(By.TAG_NAME, "body").text
    assert_accessible(worker_browser, "the paper entry form after adding a response")
    with app.app_context():
        assert db.session.scalars(select(SurveyResponse.channel)).all() == ["paper"]
        db.session.remove()


def test_the_upload_page_with_and_without_errors_has_no_accessibility_problems(worker_browser, live_server,
                                                                              make_round, tmp_path):
    slug = make_round("younger-children")
    worker_browser.get(f"{live_server}/staff/rounds/{slug}/paper/upload")
    assert_accessible(worker_browser, "the CSV upload page")

    bad = tmp_path / "responses.csv"
    bad.write_text("feel_about_home,feel_safe_home\n3,yes\nmaybe,yes\n", encoding="utf-8")
    worker_browser.find_element(By.ID, "file").send_keys(str(bad))
    press(worker_browser, "Upload and check")
    assert "Line 3: feel_about_home" in worker_browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(worker_browser, "the CSV upload page listing problems")
