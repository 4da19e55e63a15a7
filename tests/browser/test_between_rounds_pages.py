"""Between rounds in real Chromium at 375px and 1280px: a board member reads the standing action report and
asks a question in the challenge log (making a mistake first); a worker records a meeting (making a mistake
first), links it to an action and answers the challenge. axe finds no problem on any of these pages and
nothing scrolls sideways on a phone. Screenshots go to /tmp/screens/."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from survey_app.extensions import db
from survey_app.models import Action, ActionUpdate, Challenge, MeetingFinding

from .axe import assert_accessible
from .phone import path, press
from .test_reports_pages import WIDTHS, screenshot
from .test_staff_rounds import sign_in, type_into

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "return document.documentElement.scrollWidth <= window.innerWidth"


def check_page(browser, where: str) -> None:
    assert_accessible(browser, where)
    assert browser.execute_script(NO_SIDEWAYS_SCROLL), where


@pytest.fixture
def actions(app):
    with app.app_context():
        action = Action(reference="15.2", title="Every young person gets a health passport, checked at each review",
                        priority_code="health", status="in_progress", owner="Designated nurse",
                        due_on=dt.date.today() - dt.timedelta(days=7),
                        updates=[ActionUpdate(written_on=dt.date.today(), text="Nurse appointed for the team")])
        db.session.add_all([action, Action(reference="14.9", title="Weekend contact", priority_code="placement",
                                           status="planned")])
        db.session.commit()
        return action.id


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_board_member_reads_the_standing_report_and_asks_a_question(browser, live_server, make_staff, actions,
                                                                      width):
    sign_in(browser, live_server, *make_staff("board"))
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/staff/standing-report")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Overdue" in main and "Nurse appointed for the team" in main
    check_page(browser, f"the standing report at {width} width")
    screenshot(browser, "standing-report", WIDTHS[width][0])
    browser.get(f"{live_server}/staff/challenges")
    check_page(browser, f"the empty challenge log at {width} width")
    press(browser, "Ask a question")
    press(browser, "Add to the challenge log")
    assert "There is a problem" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser, f"the question form with problems at {width} width")
    Select(browser.find_element(By.ID, "about")).select_by_value("action:15.2")
    type_into(browser, "question", "Why is this overdue?")
    press(browser, "Add to the challenge log")
    assert path(browser).startswith("/staff/challenges/")
    check_page(browser, f"a challenge at {width} width")
    browser.get(f"{live_server}/staff/challenges")
    assert "Why is this overdue?" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser, f"the challenge log at {width} width")
    screenshot(browser, "challenge-log", WIDTHS[width][0])


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_worker_records_a_meeting_links_it_and_answers_a_challenge(app, browser, live_server, make_staff, actions,
                                                                      width):
    with app.app_context():
        db.session.add(Challenge(action_id=actions, about="Action 15.2: Every young person gets a health passport",
                                 question="Why is this overdue?", asked_by="board@council.example",
                                 asked_on=dt.date.today()))
        db.session.commit()
        challenge_id = db.session.query(Challenge.id).scalar()
    sign_in(browser, live_server, *make_staff("worker"))
    browser.set_window_size(*WIDTHS[width])
    browser.get(f"{live_server}/staff/meetings/new")
    check_page(browser, f"the meeting form at {width} width")
    type_into(browser, "group_name", "Children in Care Council")
    press(browser, "Record it")
    assert "There is a problem" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser, f"the meeting form with problems at {width} width")
    screenshot(browser, "meeting-form", WIDTHS[width][0])
    browser.find_element(By.ID, "occasion-2").click()
    type_into(browser, "held_month", "3")
    type_into(browser, "held_year", "2026")
    type_into(browser, "said", "Health checks feel like they are about us, not for us.")
    press(browser, "Record it")
    assert path(browser) == "/staff/meetings"
    assert "Children in Care Council, group session, March 2026" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser, f"the meetings list at {width} width")
    browser.get(f"{live_server}/staff/actions/{actions}")
    with app.app_context():
        meeting_id = db.session.query(MeetingFinding.id).scalar()
    Select(browser.find_element(By.ID, "meeting")).select_by_value(str(meeting_id))
    press(browser, "Link the meeting")
    assert "Health checks feel like they are about us" in browser.find_element(By.ID, "findings").find_element(
        By.XPATH, "following-sibling::ul").text
    check_page(browser, f"an action answering a meeting at {width} width")
    browser.get(f"{live_server}/staff/challenges/{challenge_id}")
    type_into(browser, "answer", "The nurse started this week; the first checks are in January.")
    press(browser, "Save the answer")
    assert path(browser) == "/staff/challenges"
    assert "Answered (1)" in browser.find_element(By.TAG_NAME, "main").text
    browser.get(f"{live_server}/staff/standing-report")
    assert "The nurse started this week" in browser.find_element(By.TAG_NAME, "main").text
    check_page(browser, f"the standing report as a worker at {width} width")
