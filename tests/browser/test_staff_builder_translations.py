"""The builder's Languages page in real Chromium, without JavaScript: a worker sees each language's
state, uploads a translated file, marks it checked, and a bad file is refused at the form. At 375 px and
1280 px nothing scrolls sideways and axe-core finds no WCAG A/AA problem (with the lists unfolded)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from survey_app.extensions import db
from survey_app.questionnaire import translations

from ..test_questionnaire_exchange import SHIPPED, to_csv
from .axe import assert_accessible
from .phone import tap_and_wait
from .test_staff_builder import no_sideways_scroll, width
from .test_staff_rounds import sign_in

pytestmark = pytest.mark.browser
PAGE = "/staff/questionnaires/younger-children/languages"


@pytest.fixture(autouse=True)
def clean(shipped_questionnaires_only, no_translations):
    """Just the shipped questionnaires and no translation during the test; the shipped ones come back after."""


def keep(app, language: str, text: str) -> None:
    with app.app_context():
        translations.save("younger-children", text, "test", language)
        db.session.commit()


def submit(browser, action_part: str) -> None:
    form = browser.find_element(By.CSS_SELECTOR, f"form[action*='{action_part}']")
    tap_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def section_text(browser, code: str) -> str:
    return browser.find_element(By.ID, f"language-{code}").text


def unfold(browser) -> None:
    for folded in browser.find_elements(By.CSS_SELECTOR, "details"):
        browser.execute_script("arguments[0].open = true", folded)


def fits_and_passes_axe(browser, where: str) -> None:
    """Unfolded, at 375 and 1280 px: nothing sideways and no axe-core problem."""
    unfold(browser)
    for pixels in (375, 1280):
        width(browser, pixels)
        no_sideways_scroll(browser, f"{where} at {pixels} px")
        assert_accessible(browser, f"{where} at {pixels} px", rules={"landmark-unique": {"enabled": True}})
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_worker_uploads_a_translation_and_marks_it_checked_without_javascript(
        app, browser_without_js, live_server, make_staff, tmp_path):
    browser = browser_without_js
    email, password = make_staff("worker")
    sign_in(browser, live_server, email, password)
    keep(app, "cy", SHIPPED["younger-children", "cy"].read_text(encoding="utf-8").replace(
        'msgid "How do you feel about school?"', 'msgid "How do you feel about your school?"'))
    browser.get(f"{live_server}/staff/questionnaires/younger-children")
    tap_and_wait(browser, browser.find_element(By.CSS_SELECTOR, f"a[href='{PAGE}']"))
    welsh = section_text(browser, "cy")
    assert "Not complete" in welsh and "Stale: 1" in welsh and "Needs a check by a fluent speaker." in welsh
    assert "None yet." in section_text(browser, "ar")
    width(browser, 375)
    no_sideways_scroll(browser, "the Languages page without JavaScript")

    bad = tmp_path / "arabic.csv"
    bad.write_bytes(to_csv([["context", "English", "translation"], ["title", "Your life, your say", "حياتك"],
                            ["section.nowhere.title", "Nowhere", "لا مكان"]]))
    browser.find_element(By.ID, "file-ar").send_keys(str(bad))
    submit(browser, "/ar/upload")
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert "Nothing was uploaded" in summary and "Line 3: 'section.nowhere.title'" in summary

    good = tmp_path / "younger-children.ar.po"
    good.write_bytes(SHIPPED["younger-children", "ar"].read_bytes())
    browser.find_element(By.ID, "file-ar").send_keys(str(good))
    submit(browser, "/ar/upload")
    assert "The Arabic translation was replaced." in browser.find_element(By.CSS_SELECTOR, ".notice").text
    arabic = section_text(browser, "ar")
    assert "Complete" in arabic and "Needs a check by a fluent speaker." in arabic

    submit(browser, "/ar/checked")
    arabic = section_text(browser, "ar")
    assert f"Checked by {email} on " in arabic and "Mark as checked" not in arabic
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_languages_page_fits_375_and_1280_px_with_no_accessibility_problems(app, browser, live_server, make_staff,
                                                                                tmp_path):
    keep(app, "cy", SHIPPED["younger-children", "cy"].read_text(encoding="utf-8").replace(
        'msgid "How do you feel about school?"', 'msgid "How do you feel about your school?"'))
    keep(app, "ar", SHIPPED["younger-children", "ar"].read_text(encoding="utf-8").replace('msgstr "المدرسة"',
                                                                                            'msgstr ""'))
    sign_in(browser, live_server, *make_staff("worker"))
    browser.get(f"{live_server}{PAGE}")
    fits_and_passes_axe(browser, "the Languages page")
    bad = tmp_path / "welsh.csv"
    bad.write_bytes(to_csv([["id", "text"], ["title", "Dy fywyd"]]))
    browser.find_element(By.ID, "file-cy").send_keys(str(bad))
    submit(browser, "/cy/upload")
    assert "Line 1: the first row must name the columns" in browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    fits_and_passes_axe(browser, "the Languages page with a refused file")
    submit(browser, "/ar/checked")
    browser.get(f"{live_server}{PAGE}?lang=ar")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    assert "section.school.title" in browser.find_element(By.ID, "language-ar").get_attribute("textContent")
    fits_and_passes_axe(browser, "the Languages page in Arabic")
