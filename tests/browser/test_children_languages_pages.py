"""The children's "You said, we did" page in Arabic in real Chromium at 375px (issue 12, item 8): right to
left, the worker's Arabic points and action words where written, English parts marked and laid out left to
right, the note saying what isn't ready yet. axe finds no problem, and nothing scrolls sideways. Screenshots
go to /tmp/screens/."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By

from survey_app.extensions import db
from survey_app.models import Action, ActionLanguage, Answer, RoundReportLanguage, SurveyResponse
from survey_app.rounds.operations import round_by_slug

from ..report_sample import use_sample_reports
from ..test_reports_pages import publish_directly
from .axe import assert_accessible
from .test_reports_pages import WIDTHS, screenshot

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "return document.documentElement.scrollWidth <= window.innerWidth"
ARABIC_POINT = "معظمكم يشعرون بالأمان حيث تعيشون."
ARABIC_TITLE = "التأكد من أن كل بيت آمن"


@pytest.fixture
def arabic_in_part(app, make_round):
    """A real round's report (20 answers) with the worker's Arabic "What's good" and one action's Arabic
    title; "What needs to change" and the action's owner are not written in Arabic yet."""
    slug = make_round("younger-children")
    with app.app_context():
        survey_round = round_by_slug(slug)
        for choice in ["yes"] * 12 + ["no"] * 6 + ["not_sure"] * 2:
            db.session.add(SurveyResponse(round_id=survey_round.id, week_of=dt.date(2026, 11, 16), channel="online",
                                          language="ar",
                                          answers=[Answer(question_id="feel_safe_home", position=0, choice=choice)]))
        action = Action(reference="15.8", title="Check every home is safe", priority_code="placement",
                        round_id=survey_round.id, owner="Head of Children in Care", status="in_progress",
                        due_on=dt.date(2027, 3, 31))
        db.session.add(action)
        db.session.flush()
        db.session.add(ActionLanguage(action_id=action.id, language="ar", title=ARABIC_TITLE))
        db.session.add(RoundReportLanguage(round_id=survey_round.id, language="ar", children_good=ARABIC_POINT))
        db.session.commit()
    publish_directly(app, slug)
    return slug


def test_the_childrens_page_in_arabic_on_a_phone(browser, live_server, arabic_in_part):
    browser.set_window_size(*WIDTHS["phone"])
    browser.get(f"{live_server}/r/{arabic_in_part}/you-said-we-did?lang=ar")
    html = browser.find_element(By.TAG_NAME, "html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert browser.find_element(By.TAG_NAME, "h1").text == "قلتم، ففعلنا"
    note = browser.find_element(By.CSS_SELECTOR, ".not-ready").text
    assert note == "بعض هذه الصفحة ليس جاهزًا باللغة العربية بعد: تلك الأجزاء بالإنجليزية."
    good = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=good-title] li")
    assert good.text == ARABIC_POINT and good.get_attribute("lang") in (None, "")
    change = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=change-title] li")
    assert change.text == "Some of you don't feel safe where you live."
    assert (change.get_attribute("lang"), change.get_attribute("dir")) == ("en", "ltr")
    promise = browser.find_element(By.CSS_SELECTOR, ".promise").text
    assert ARABIC_TITLE in promise and "Head of Children in Care" in promise and "بدأنا القيام بهذا" in promise
    assert_accessible(browser, "the children's page in Arabic at 375px")
    assert browser.execute_script(NO_SIDEWAYS_SCROLL)
    screenshot(browser, "you-said-we-did-arabic", WIDTHS["phone"][0])


def test_the_full_childrens_page_not_yet_written_in_arabic_on_a_phone(app, browser, live_server, make_round,
                                                                      monkeypatch):
    use_sample_reports(monkeypatch)  # quotes, themes, pairs and actions, all in English
    slug = make_round("younger-children")
    publish_directly(app, slug)
    browser.set_window_size(*WIDTHS["phone"])
    browser.get(f"{live_server}/r/{slug}/you-said-we-did?lang=ar")
    note = browser.find_element(By.CSS_SELECTOR, ".not-ready").text
    assert note == "هذه الصفحة ليست جاهزة باللغة العربية بعد: ها هي بالإنجليزية."
    assert browser.find_element(By.ID, "because-title").text == "قلتم… لذلك نحن…"
    english = browser.find_elements(By.CSS_SELECTOR, "main [lang=en]")
    assert english and all(element.get_attribute("dir") == "ltr" for element in english)
    assert_accessible(browser, "the children's page not yet in Arabic at 375px")
    assert browser.execute_script(NO_SIDEWAYS_SCROLL)
    screenshot(browser, "you-said-we-did-arabic-not-ready", WIDTHS["phone"][0])
