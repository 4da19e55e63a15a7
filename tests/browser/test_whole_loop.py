"""The whole worker loop of issue 11 in real Chromium, counted in clicks: a participation worker builds a
questionnaire with a condition, previews it with pretend answers, publishes it through the confirm page,
opens a round of it; 100 young people answer through the public link; the worker codes their 100 written
answers in bulk, puts one forward as a quote that a second worker approves (four eyes on), adds an action
answering it, previews the report and publishes it. Then a board member reads the board report and the
standing action report, and a young person finds the round's "You said… so we…" page from /you-said-we-did.

Every page of the loop is checked at 375 px (no sideways scroll) and 1280 px, with axe finding nothing.
With LOOP_SCREENSHOTS=<folder>, a full-page screenshot of each page at both widths goes there."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from sqlalchemy import text

from survey_app.extensions import db
from survey_app.models import ManualCoding, SurveyResponse

from ..conftest import _restore
from ..journey import Journey
from .axe import assert_accessible
from .phone import count, path, press, tap, tap_and_wait
from .test_staff_builder import (
    choose_in_place,
    follow,
    no_sideways_scroll,
    shown_in_panel,
    tick,
    width,
)
from .test_staff_rounds import sign_in, type_into

pytestmark = pytest.mark.browser

# The issue counted about 80 clicks for the loop before issue 11; this test measured 67 (the workers' loop and
# the board member's and young person's reading), rounded up to the next 5. A change that adds clicks fails.
CLICK_CEILING = 70
WORKING_WIDTH = 1280
CHECKED_WIDTHS = (375, 1280)
YOUNG_PEOPLE = 100

ASKED = "Do you live with a foster family?"
CONDITIONAL = "What is it like living with your foster family?"
ASKED_ID = "do_you_live_with_a_foster_family"
CONDITIONAL_ID = "what_is_it_like_living_with_your_foster"
QUOTED = "My foster carer helps me with homework and we cook tea together every week."
ACTION = "Give every foster family money for a weekly activity together"

# What young people write: 100 different answers, put together from what they might say.
GOOD = ["It is nice", "It is ok most days", "I like it", "It is better than before", "Good but busy",
        "Calm", "Mostly happy", "Fun at weekends", "A bit strict", "Kind people"]
BECAUSE = ["we go to the park", "I have my own room", "they listen to me", "we have pets",
           "I can see my friends", "they help at school", "we eat together", "it is near my school",
           "they take me swimming", "I feel safe there"]


def written_answers() -> list[str]:
    texts = [f"{good} because {because}." for good in GOOD for because in BECAUSE][:YOUNG_PEOPLE - 1]
    return [QUOTED, *texts]


class Loop:
    """The browser, with every click, tap, press, selection and tick counted; typing is not a click."""

    def __init__(self, browser, live_server: str, shots: Path | None):
        self.browser, self.live_server, self.shots = browser, live_server, shots
        self.clicks = 0
        self.pages = 0

    def press(self, words: str) -> None:
        self.clicks += 1
        press(self.browser, words)

    def link(self, words: str) -> None:
        self.clicks += 1
        tap_and_wait(self.browser, self.browser.find_element(By.PARTIAL_LINK_TEXT, words))

    def follow(self, href_part: str) -> None:
        self.clicks += 1
        follow(self.browser, href_part)

    def tap(self, element) -> None:
        self.clicks += 1
        tap(self.browser, element)

    def tap_and_wait(self, element) -> None:
        self.clicks += 1
        tap_and_wait(self.browser, element)

    def tick(self, input_id: str) -> None:
        self.clicks += 1
        tick(self.browser, input_id)

    def select(self, select_id: str, value: str) -> None:
        self.clicks += 1
        Select(self.browser.find_element(By.ID, select_id)).select_by_value(value)

    def select_text(self, select_id: str, words: str) -> None:
        """Choose the option whose words start with `words`."""
        self.clicks += 1
        option = self.browser.find_element(By.XPATH, f"//select[@id='{select_id}']/option[starts-with(., \"{words}\")]")
        Select(self.browser.find_element(By.ID, select_id)).select_by_value(option.get_attribute("value"))

    def choose_in_place(self, select_id: str, value: str, region_id: str) -> None:
        self.clicks += 1
        choose_in_place(self.browser, select_id, value, region_id)

    def sign_in(self, email: str, password: str) -> None:
        self.clicks += 1  # the Sign in button
        sign_in(self.browser, self.live_server, email, password)

    def check(self, name: str) -> None:
        """This page of the loop at 375 px and 1280 px: no sideways scroll on the phone, no axe problem at
        either width, and a screenshot of each when asked; then back to the working width."""
        self.pages += 1
        for pixels in CHECKED_WIDTHS:
            width(self.browser, pixels)
            if pixels == 375:
                no_sideways_scroll(self.browser, f"{name} at 375 px")
            assert_accessible(self.browser, f"{name} at {pixels} px")
            if self.shots:
                self.screenshot(f"{pixels}-{self.pages:02d}-{name}.png")
        width(self.browser, WORKING_WIDTH)

    def screenshot(self, filename: str) -> None:
        self.browser.execute_script("window.scrollTo(0, 0)")  # or a sticky header is drawn where it was scrolled to
        height = self.browser.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]["height"]
        viewport = self.browser.execute_script("return window.innerWidth")
        shot = self.browser.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": viewport, "height": min(height, 16000), "scale": 1}})
        (self.shots / filename).write_bytes(base64.b64decode(shot["data"]))

    def main_text(self) -> str:
        return self.browser.find_element(By.TAG_NAME, "main").text


@pytest.fixture
def loop_state(app, monkeypatch):
    """Only the shipped questionnaires before and after; QUOTES_FOUR_EYES on for the test only. Rows that
    point at the round go before the round does."""
    _restore(app)
    monkeypatch.setitem(app.config, "QUOTES_FOUR_EYES", True)
    yield
    with app.app_context():
        for table in ("jobs", "stored_reports", "challenges", "standing_reports", "action_findings",
                      "action_updates", "actions", "quotes", "manual_codings", "round_reports"):
            db.session.execute(text(f"DELETE FROM {table}"))
        db.session.commit()
    _restore(app)


@pytest.fixture
def shots() -> Path | None:
    folder = os.environ.get("LOOP_SCREENSHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


def young_people_answer(app, slug: str, texts: list[str]) -> None:
    """Each young person on their own phone (a fresh test client): Start, "Yes", what it is like, Send."""
    for written in texts:
        journey = Journey(app.test_client(), slug)
        assert journey.begin() == ASKED_ID
        assert journey.answer_and_go("yes") == CONDITIONAL_ID
        assert journey.answer_and_go(written) == "check"
        journey.send()


def test_the_whole_loop_from_building_to_the_childrens_page_in_few_clicks(
        app, browser, live_server, make_staff, loop_state, shots):
    loop = Loop(browser, live_server, shots)
    worker, second_worker = make_staff("worker"), make_staff("worker")
    board = make_staff("board")
    width(browser, WORKING_WIDTH)

    # 1. Build: a yes/no question, and a written one shown only on "Yes".
    loop.sign_in(*worker)
    loop.check("staff-home")
    loop.link("Questionnaires")
    loop.check("questionnaires")
    loop.press("Make a new questionnaire")
    loop.check("new-questionnaire")
    type_into(browser, "key", "where-you-live")
    type_into(browser, "title", "Where you live")
    loop.press("Make questionnaire")
    assert path(browser) == "/staff/questionnaires/where-you-live"
    loop.check("new-draft")
    loop.follow("/questions/example_question/delete")
    loop.check("delete-example-question")
    loop.press("Delete the question")
    loop.follow("/sections/section_1/questions/new")
    type_into(browser, "text", ASKED)
    loop.select_text("priority", "Placement and stability")
    loop.press("Add the question")
    loop.follow("/sections/section_1/questions/new")
    type_into(browser, "text", CONDITIONAL)
    loop.choose_in_place("type", "long_text", "type-fields")
    loop.select_text("priority", "Placement and stability")
    loop.check("add-a-question")
    loop.press("Add the question")
    loop.follow(f"/questions/{CONDITIONAL_ID}/condition")
    loop.choose_in_place("part-1-question", ASKED_ID, "part-1-answers")
    loop.tick("part-1-kind-is")
    loop.tick("part-1-values-0")  # Yes
    loop.check("condition")
    loop.press("Save the condition")
    assert f"Only shown when “{ASKED}” is “Yes”." in browser.page_source
    # Who it is for: children in care only, so the round's response rate can be worked out.
    loop.follow("/where-you-live/details")
    loop.tick("groups-1")  # care leavers, off
    loop.check("details")
    loop.press("Save")
    loop.check("builder")

    # 2. Preview with pretend answers: the written question comes and goes.
    loop.press("Preview on a phone")
    assert not any(CONDITIONAL in row for row in shown_in_panel(browser))
    loop.choose_in_place(f"pretend-{ASKED_ID}", "yes", "pretend-shown")
    assert any(CONDITIONAL in row for row in shown_in_panel(browser))
    loop.check("preview-pretend-yes")
    loop.choose_in_place(f"pretend-{ASKED_ID}", "no", "pretend-shown")
    assert not any(CONDITIONAL in row for row in shown_in_panel(browser))
    loop.check("preview-pretend-no")

    # 3. Publish through the confirm page.
    loop.press("Back to Where you live")
    loop.press("Publish version 1")
    assert "What will be published" in browser.page_source and CONDITIONAL in browser.page_source
    type_into(browser, "intro", "Tell us what it is like where you live.")
    loop.tick("ages_choice-1")
    type_into(browser, "ages", "8-17")
    loop.tick("minutes_choice-0")  # the estimate worked out from the questions
    loop.check("publish-confirm")
    loop.press("Publish version 1")
    assert "Version 1 is published: rounds can now use it." in browser.page_source

    # 4. Open a round of it, for children in care: one group the questionnaire is for, so a response rate.
    loop.link("Rounds")
    loop.check("rounds")
    loop.link("Open a round")
    loop.tap(browser.find_element(By.XPATH, "//label[normalize-space()='Where you live (version 1)']"))
    type_into(browser, "title", "Where you live: winter")
    loop.tap(browser.find_element(By.XPATH, "//label[normalize-space()='Children in care']"))
    type_into(browser, "in_care_8_11", "50")
    type_into(browser, "in_care_12_17", "75")
    loop.check("open-a-round")
    loop.press("Open the round")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Where you live: winter"
    slug = path(browser).rsplit("/", 1)[-1]

    # 5. 100 young people answer through the public link, each writing something different.
    young_people_answer(app, slug, written_answers())
    assert count(app, SurveyResponse) == YOUNG_PEOPLE
    loop.link("Update the counts")
    assert "100 of 125 young people who could answer (80%)" in loop.main_text()  # the response rate
    loop.check("round")

    # 6. Code the 100 written answers in bulk: filter to the question, tick all on the page, a theme, apply.
    loop.link("Written answers and themes")
    loop.check("written-answers-by-question")
    loop.link("All written answers in a table")
    loop.select("question", CONDITIONAL_ID)
    loop.press("Show these answers")
    assert "100 answers match" in browser.find_element(By.ID, "results").text
    loop.check("written-answers-of-the-question")
    loop.tap(browser.find_element(By.CSS_SELECTOR, "label[for='all-on-page']"))
    loop.tap(browser.find_element(By.CSS_SELECTOR, "label[for='code-placement']"))
    loop.press("Add to the ticked answers")
    coded = re.fullmatch(r"Coded (\d+) answers? as “Where I live”\.(?: (\d+) already had it\.)?",
                         browser.find_element(By.CSS_SELECTOR, ".notice").text)
    assert coded and int(coded[1]) + int(coded[2] or 0) == YOUNG_PEOPLE  # a few had the theme from their words
    with app.app_context():
        assert db.session.query(ManualCoding).count() == int(coded[1])
    loop.check("written-answers")

    # 7. Four eyes: the worker puts an answer forward and is not offered approval; a second worker approves.
    type_into(browser, "q", "homework")
    loop.press("Show these answers")
    loop.link("Open")
    loop.check("one-answer")
    quoted = browser.find_element(By.XPATH, f"//*[contains(@id,'answer-')][contains(., '{QUOTED[:30]}')]")
    loop.tap_and_wait(quoted.find_element(By.CSS_SELECTOR, "form[action$='/quote'] button"))
    assert "someone else must approve it" in browser.find_element(By.ID, "four-eyes").text
    assert not browser.find_elements(By.CSS_SELECTOR, "button[value='approve']")
    loop.check("quote-put-forward")
    quote_page = browser.current_url

    browser.delete_all_cookies()
    loop.sign_in(*second_worker)
    browser.get(quote_page)  # the link the first worker sent
    loop.select("theme", "placement")
    loop.check("quote-to-approve")
    loop.press("Save and approve")
    assert "Approved" in loop.main_text()
    loop.check("quote-approved")

    # 8. An action answering the approved quote.
    loop.link("Actions")
    loop.check("actions")
    loop.link("Add an action")
    type_into(browser, "reference", "W1")
    type_into(browser, "title", ACTION)
    loop.tap(browser.find_element(By.XPATH, "//label[normalize-space()='Placement and stability']"))
    loop.select_text("round", "Where you live: winter")
    type_into(browser, "owner", "Head of Fostering")
    loop.tap(browser.find_element(By.XPATH, "//label[normalize-space()='In progress']"))
    loop.check("add-an-action")
    loop.press("Add the action")
    loop.select_text("quote", QUOTED[:40])
    loop.press("Link the quote")
    assert QUOTED in browser.find_element(By.CSS_SELECTOR, "ul.findings").text
    loop.check("action")

    # 9. Preview the children's page and the board report, then publish.
    loop.link("Reports")
    loop.check("reports")
    loop.link("Where you live: winter")
    loop.check("report")
    loop.link("Preview and publish")
    assert path(browser) == f"/staff/reports/{slug}/preview/children"
    pairs = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=because-title]").text
    assert QUOTED in pairs and ACTION in pairs
    loop.check("preview-childrens-page")
    loop.press("The board report")
    loop.check("preview-board-report")
    loop.press("Publish: board members and young people can see it")
    assert "The report is published" in browser.find_element(By.TAG_NAME, "body").text
    loop.check("report-published")
    worker_clicks = loop.clicks

    # The board member reads the board report (the action beside the quote it answers) and the standing report.
    browser.delete_all_cookies()
    loop.sign_in(*board)
    loop.check("board-home")
    loop.link("Published board reports")
    loop.check("board-reports")
    loop.link("Where you live: winter")
    pair = browser.find_element(By.XPATH, f"//li[contains(@class,'pair')][.//h3[contains(., '{ACTION}')]]").text
    assert "Because young people said" in pair and QUOTED in pair
    loop.check("board-report")
    loop.link("Home")
    loop.link("Standing action report")
    assert ACTION in loop.main_text()
    loop.check("standing-report")

    # A young person, in a browser that never saw the staff pages, finds the page for their round.
    browser.delete_all_cookies()
    browser.get(f"{live_server}/you-said-we-did")
    loop.check("you-said-we-did")
    loop.link("Where you live: winter")
    assert path(browser) == f"/r/{slug}/you-said-we-did"
    pairs = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=because-title]").text
    assert "You said" in pairs and QUOTED in pairs and "So we" in pairs and ACTION in pairs
    loop.check("childrens-page")

    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print(f"\nwhole loop: {loop.clicks} clicks ({worker_clicks} by the workers, "
          f"{loop.clicks - worker_clicks} reading as a board member and a young person); {loop.pages} pages checked")
    assert loop.clicks <= CLICK_CEILING
