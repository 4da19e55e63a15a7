"""A young reviewer on a 375 px phone, with JavaScript on and off: opens the review link, goes through two
questions, leaves a comment; axe-core finds nothing on any review page. And the worker's side in Chromium."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Answer, Draft, HeldFlag, ReviewComment, SurveyResponse
from survey_app.reviewing import links
from survey_app.reviewing.comments import add_comment
from survey_app.rounds.operations import round_by_slug

from ..report_sample import use_sample_reports
from .axe import assert_accessible
from .phone import choose, count, path, press, tap

pytestmark = pytest.mark.browser

BANNER = "Review copy: your answers are not saved."


def review_token(app, key: str | None = "younger-children", slug: str | None = None, now=None) -> str:
    with app.app_context():
        _link, token = links.make_link(actor="worker@council.example", days=14, now=now,
                                       questionnaire_key=None if slug else key,
                                       survey_round=round_by_slug(slug) if slug else None)
        db.session.commit()
        return token


def leave_comment(driver, words: str) -> None:
    box = driver.find_element(By.ID, "comment")
    tap(driver, box)
    box.clear()
    box.send_keys(words)
    press(driver, "Send my comment")


def comments(app) -> list[tuple[str, str]]:
    with app.app_context():
        try:
            return [(row.page, row.text) for row in db.session.scalars(select(ReviewComment))]
        finally:
            db.session.remove()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_reviewer_goes_through_two_questions_and_leaves_a_comment(app, live_server, request, javascript):
    driver = request.getfixturevalue("browser" if javascript else "browser_without_js")

    def assert_accessible_here(where: str) -> None:
        if javascript:  # axe-core is a script: it runs in the browser with JavaScript on
            assert_accessible(driver, where)

    assert driver.get_window_size()["width"] == 375
    driver.get(f"{live_server}/review?t={review_token(app)}")
    assert path(driver) == "/review/start"
    assert BANNER in driver.find_element(By.TAG_NAME, "main").text
    assert driver.find_element(By.TAG_NAME, "h1").text == "Your life, your say"
    assert_accessible_here("the review start page")
    press(driver, "Start")

    assert path(driver) == "/review/q/feel_about_home"
    assert_accessible_here("a review question page")
    choose(driver, "Good")
    press(driver, "Continue")
    assert path(driver) == "/review/q/feel_safe_home"
    choose(driver, "Yes")
    press(driver, "Continue")
    assert path(driver) == "/review/q/grown_ups_look_after_you"

    leave_comment(driver, "I like the faces but “grown-ups” sounds babyish")
    assert path(driver) == "/review/q/grown_ups_look_after_you"
    assert "Thank you! Your comment has gone to the worker." in driver.find_element(By.ID, "review-comment").text
    assert_accessible_here("a review question page after a comment")
    assert comments(app) == [("grown_ups_look_after_you", "I like the faces but “grown-ups” sounds babyish")]

    press(driver, "Back")  # the answer is still there, from the cookie
    assert path(driver) == "/review/q/feel_safe_home"
    assert driver.find_element(By.CSS_SELECTOR, "input[value='yes']").is_selected()
    for model in (Draft, SurveyResponse, Answer, HeldFlag):
        assert count(app, model) == 0, model.__tablename__


def test_every_review_page_has_no_accessibility_problems(app, browser, live_server, make_round, monkeypatch):
    browser.get(f"{live_server}/review?t={review_token(app)}")
    press(browser, "Start")
    leave_comment(browser, "x" * 1001)  # too long: the error summary and the message
    assert "Your comment is a bit too long" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert_accessible(browser, "a review page with a comment refused")
    browser.get(f"{live_server}/review/q/make_things_better")
    assert_accessible(browser, "a written question in review")
    browser.get(f"{live_server}/review/check")
    assert BANNER in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser, "the review check page")
    press(browser, "Send my answers")
    assert path(browser) == "/review/end"
    assert_accessible(browser, "the review end page")

    use_sample_reports(monkeypatch)
    slug = make_round("younger-children")
    browser.get(f"{live_server}/review?t={review_token(app, slug=slug)}")
    assert path(browser) == "/review/you-said-we-did"
    assert BANNER in browser.find_element(By.TAG_NAME, "main").text
    assert_accessible(browser, "the review copy of You said, we did")

    browser.get(f"{live_server}/review?t={review_token(app, now=dt.datetime(2020, 1, 1))}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "This review link has run out"
    assert_accessible(browser, "an expired review link")


def test_the_workers_review_pages_have_no_accessibility_problems(app, browser, live_server, make_staff):
    token = review_token(app)
    with app.app_context():
        link = links.open_by_token(token).link
        add_comment(link, "feel_about_home", "Question: How do you feel about where you live?", "Too hard")
        add_comment(link, "start", "The start page", "my carer hurts me")
        db.session.commit()
    email, password = make_staff("worker")
    browser.get(f"{live_server}/staff/sign-in")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(password)
    press(browser, "Sign in")
    browser.get(f"{live_server}/staff/questionnaires/younger-children")
    section = browser.find_element(By.ID, "young-reviewers")
    assert "Too hard" in section.text and "Worrying words" in section.text
    assert_accessible(browser, "the builder page with reviewers' comments")
    press(browser, "Make a review link")
    assert "/staff/review-links/" in path(browser)
    assert browser.find_element(By.CSS_SELECTOR, "img.qr").get_attribute("src").startswith("data:image/svg+xml")
    assert_accessible(browser, "the page showing a new review link")
