"""Right to left (issue 12): in Arabic a 375 px phone shows the survey mirrored (the Back link and its
arrow, the progress bar's fill, the faces and the tap targets start on the right), while codes and
phone numbers still read left to right; the same pages in English are unchanged, left to right. axe
finds nothing and nothing scrolls sideways in either. Set RTL_SCREENSHOTS=DIR to keep a screenshot of
each page (DIR/<lang>-<page>.png).

Read aloud speaks in the page's language only: a voice for it, or a message by the button."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from survey_app.questionnaire import translations
from survey_app.questionnaire.translations import interface_words

from ..report_sample import use_sample_reports
from ..test_reports_pages import publish_directly
from .axe import assert_accessible
from .phone import choose, tap_and_wait
from .test_start_page import with_code

pytestmark = pytest.mark.browser

SIDEWAYS = "return [document.documentElement.scrollWidth, window.innerWidth]"
RECT = "const r = arguments[0].getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width};"
# The box of the words themselves (a block element is as wide as the page in both directions).
WORDS = """const range = document.createRange(); range.selectNodeContents(arguments[0]);
const r = range.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width};"""
PSEUDO = "return getComputedStyle(arguments[0], arguments[1]).getPropertyValue(arguments[2]);"
# A rounding pixel either way.
NEAR = 2


def rect(driver, element) -> dict:
    return driver.execute_script(RECT, element)


def words(driver, element) -> dict:
    return driver.execute_script(WORDS, element)


def content(driver) -> dict:
    """The edges of the page's column (main sits in .wrap's padding)."""
    return rect(driver, driver.find_element(By.TAG_NAME, "main"))


def starts_at_the_start(driver, element, rtl: bool, what: str) -> None:
    """`element` sits against the start edge of the column: the right one in Arabic, the left in English."""
    box, column = rect(driver, element), content(driver)
    if rtl:
        assert abs(box["right"] - column["right"]) <= NEAR, f"{what} is not on the right: {box} in {column}"
    else:
        assert abs(box["left"] - column["left"]) <= NEAR, f"{what} is not on the left: {box} in {column}"


def check_page(driver, lang: str, name: str) -> None:
    """The page is in `lang`'s direction, fits the phone, passes axe; a screenshot if asked for."""
    rtl = lang == "ar"
    html = driver.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if rtl else "ltr")
    assert driver.execute_script("return getComputedStyle(document.body).direction") == ("rtl" if rtl else "ltr")
    wide, screen = driver.execute_script(SIDEWAYS)
    assert wide <= screen, f"{name} in {lang} scrolls sideways ({wide} px on a {screen} px screen)"
    # The top bar: the council's name at the start (its links wrap under it on a phone).
    brand, column = rect(driver, driver.find_element(By.CSS_SELECTOR, ".brand")), content(driver)
    assert abs(brand["right"] - column["right"]) <= NEAR if rtl else abs(brand["left"] - column["left"]) <= NEAR
    if folder := os.environ.get("RTL_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        whole = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
        import base64

        (Path(folder) / f"{lang}-{name}.png").write_bytes(base64.b64decode(whole["data"]))
    assert_accessible(driver, f"{name} in {lang}")


def fill_columns(driver, progress) -> list[int]:
    """The x positions (in the element's own pixels) where the progress bar is filled in its dark colour,
    along its middle row: from a screenshot, as the fill is drawn inside the browser's own <progress>."""
    image = Image.open(io.BytesIO(progress.screenshot_as_png)).convert("RGB")
    middle = image.height // 2
    return [x for x in range(image.width) if sum(image.getpixel((x, middle))) < 250]  # #2e2a6b: 195


@pytest.fixture(params=["ar", "en"])
def lang(request):
    return request.param


def in_language(driver, lang: str) -> None:
    """Show this page again in `lang` (?lang= on it).

    Pressing Start begins a fresh session, which forgets the ?lang= of the start page; keeping the
    language in the draft is another part of issue 12."""
    driver.get(f"{driver.current_url.split('?')[0]}?lang={lang}")


# The buttons pressed here, found by what they are: their words are in the page's language.
START, CONTINUE, BACK, GET_CODE = "button.start", ".actions button:not([name=skip])", "a.back", "form button.button"


def press(driver, selector: str) -> None:
    tap_and_wait(driver, driver.find_element(By.CSS_SELECTOR, selector))


def begin_in(driver, live_server: str, slug: str, lang: str) -> None:
    driver.get(f"{live_server}/r/{slug}?lang={lang}")
    press(driver, START)
    in_language(driver, lang)


def test_start_page_mirrors_in_arabic_and_keeps_the_access_code_left_to_right(lang, app, phone, live_server,
                                                                             make_round):
    slug = make_round("younger-children")
    with_code(app, slug)
    phone.get(f"{live_server}/r/{slug}?lang={lang}")
    rtl = lang == "ar"
    starts_at_the_start(phone, phone.find_element(By.CSS_SELECTOR, ".button.start"), rtl, "Start")
    starts_at_the_start(phone, phone.find_element(By.CSS_SELECTOR, ".read-aloud"), rtl, "Read this page aloud")
    facts = phone.find_element(By.CSS_SELECTOR, ".start-facts li")
    starts_at_the_start(phone, facts, rtl, "the first fact")
    code = phone.find_element(By.ID, "access_code")
    starts_at_the_start(phone, code, rtl, "the access code box")
    assert code.value_of_css_property("direction") == "ltr"  # typed left to right in every language
    check_page(phone, lang, "start")


def test_smiley_question_mirrors_its_faces_and_progress_in_arabic(lang, phone, live_server, make_round):
    slug = make_round("younger-children")
    begin_in(phone, live_server, slug, lang)
    assert phone.find_element(By.CSS_SELECTOR, ".choices.smileys")
    rtl = lang == "ar"
    label = phone.find_element(By.CSS_SELECTOR, ".choice label")
    face, words_box = (rect(phone, label.find_element(By.CSS_SELECTOR, selector)) for selector in ("svg.face", "span"))
    # The face comes first in reading order: right of the words in Arabic, left of them in English.
    assert (face["left"] >= words_box["right"]) if rtl else (face["right"] <= words_box["left"])
    # The round tick box is drawn at the start of the label, with room kept for it on that side.
    box = rect(phone, label)
    start_side, end_side = ("right", "left") if rtl else ("left", "right")
    assert phone.execute_script(PSEUDO, label, "::before", start_side) == "11.2px"  # .7rem
    assert label.value_of_css_property(f"padding-{start_side}") == "52px"  # 3.25rem
    assert label.value_of_css_property(f"padding-{end_side}") == "12px"
    assert (box["right"] - face["right"] > 52) if rtl else (face["left"] - box["left"] > 52)
    # The whole choice is the tap target, as wide as the column.
    tap = rect(phone, phone.find_element(By.CSS_SELECTOR, ".choice input"))
    assert abs(tap["left"] - box["left"]) <= NEAR and abs(tap["right"] - box["right"]) <= NEAR

    # Question 1 of many: the fill is a sliver at the start of the bar (its right end in Arabic).
    progress = phone.find_element(By.ID, "progress")
    filled = fill_columns(phone, progress)
    width = Image.open(io.BytesIO(progress.screenshot_as_png)).width
    assert filled, "no fill drawn in the progress bar"
    assert len(filled) < width / 4
    if rtl:
        assert min(filled) > width / 2 and max(filled) >= width - 8, (filled, width)
    else:
        assert max(filled) < width / 2 and min(filled) <= 8, (filled, width)
    check_page(phone, lang, "smiley-question")


def test_back_link_and_its_arrow_point_the_way_back_in_arabic(lang, phone, live_server, make_round):
    slug = make_round("younger-children")
    begin_in(phone, live_server, slug, lang)
    choose(phone, interface_words(lang)("Good"))
    press(phone, CONTINUE)
    assert phone.current_url.endswith("/q/feel_safe_home")
    rtl = lang == "ar"
    back = phone.find_element(By.CSS_SELECTOR, "a.back")
    starts_at_the_start(phone, back, rtl, "Back")
    # The arrow sits before the word (on the right in Arabic) and points outwards: a mirrored chevron.
    before, after = ("right", "left") if rtl else ("left", "right")
    assert phone.execute_script(PSEUDO, back, "::before", before) == "1.6px"  # .1rem from the start
    assert back.value_of_css_property(f"padding-{before}") == "16px"
    assert back.value_of_css_property(f"padding-{after}") == "0px"
    matrix = phone.execute_script(PSEUDO, back, "::before", "transform")  # matrix(a, b, c, d, 0, 0)
    a = float(matrix.removeprefix("matrix(").split(",")[0])
    assert (a < 0) if rtl else (a > 0), matrix
    # "Question 2 of 14" and the progress bar's words read in the page's direction.
    caption = phone.find_element(By.CSS_SELECTOR, ".caption")
    starts_at_the_start(phone, caption, rtl, "the question number")
    check_page(phone, lang, "back-link-question")
    press(phone, BACK)
    assert phone.current_url.endswith("/q/feel_about_home")


def test_check_page_mirrors_in_arabic(lang, phone, live_server, make_round):
    slug = make_round("younger-children")
    begin_in(phone, live_server, slug, lang)
    choose(phone, interface_words(lang)("Good"))
    press(phone, CONTINUE)
    phone.get(f"{live_server}/r/{slug}/check")
    rtl = lang == "ar"
    heading = phone.find_element(By.CSS_SELECTOR, "h2.section-heading")
    art, title = (rect(phone, heading.find_element(By.CSS_SELECTOR, selector)) for selector in ("svg.art", "span"))
    assert (art["left"] >= title["right"]) if rtl else (art["right"] <= title["left"])
    change = phone.find_element(By.CSS_SELECTOR, ".summary .change a")
    starts_at_the_start(phone, change, rtl, "Change")
    answer = words(phone, phone.find_element(By.CSS_SELECTOR, ".summary dd.value"))
    column = content(phone)
    if rtl:
        assert abs(answer["right"] - column["right"]) <= NEAR
    else:
        assert abs(answer["left"] - column["left"]) <= NEAR
    starts_at_the_start(phone, phone.find_element(By.CSS_SELECTOR, "button[data-once]"), rtl, "Send my answers")
    check_page(phone, lang, "check")


def test_help_page_mirrors_in_arabic_and_phone_numbers_read_left_to_right(lang, phone, live_server):
    phone.get(f"{live_server}/help?lang={lang}")
    rtl = lang == "ar"
    contacts = phone.find_element(By.CSS_SELECTOR, "ul.contacts")
    start_side, end_side = ("right", "left") if rtl else ("left", "right")
    assert contacts.value_of_css_property(f"padding-{start_side}") == "40px"  # the bullets' side
    assert contacts.value_of_css_property(f"padding-{end_side}") == "0px"
    first = words(phone, contacts.find_element(By.TAG_NAME, "li"))
    column = content(phone)
    assert (abs(first["right"] - (column["right"] - 40)) <= NEAR) if rtl else \
        (abs(first["left"] - (column["left"] + 40)) <= NEAR)
    childline = phone.find_element(By.CSS_SELECTOR, "ul.contacts a[href='tel:08001111']")
    assert childline.text == "0800 1111" and childline.get_attribute("dir") == "ltr"
    # "0800" is drawn left of "1111" in both directions (in a right-to-left run they would swap).
    parts = phone.execute_script("""const text = arguments[0].firstChild, boxes = [];
        for (const [start, end] of [[0, 4], [5, 9]]) { const range = document.createRange();
          range.setStart(text, start); range.setEnd(text, end); boxes.push(range.getBoundingClientRect().left); }
        return boxes;""", childline)
    assert parts[0] < parts[1], parts
    check_page(phone, lang, "help")


def test_the_carry_on_code_reads_left_to_right_on_an_arabic_page(phone, live_server, make_round):
    slug = make_round("younger-children")
    begin_in(phone, live_server, slug, "ar")
    phone.get(f"{live_server}/r/{slug}/save")
    press(phone, GET_CODE)
    code = phone.find_element(By.ID, "carry-on-code")
    assert code.get_attribute("dir") == "ltr"
    spans = code.find_elements(By.TAG_NAME, "span")
    places = [(round(span.rect["y"]), span.rect["x"]) for span in spans]  # line by line, then along the line
    assert len(spans) == 4 and places == sorted(places), f"the code's words are not left to right: {places}"
    check_page(phone, "ar", "carry-on-code")


@pytest.fixture
def reply_published(app, make_round, monkeypatch):
    """A round of the 8-11 survey with its sample report published (as tests/browser/test_reports_pages.py)."""
    use_sample_reports(monkeypatch)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    return slug


def test_you_said_we_did_mirrors_in_arabic(lang, phone, live_server, reply_published):
    phone.get(f"{live_server}/r/{reply_published}/you-said-we-did?lang={lang}")
    rtl = lang == "ar"
    start_side, end_side = ("right", "left") if rtl else ("left", "right")
    promise = phone.find_element(By.CSS_SELECTOR, ".promise")  # its status colour is a thick edge at the start
    assert promise.value_of_css_property(f"border-{start_side}-width") == "8px"
    assert promise.value_of_css_property(f"border-{end_side}-width") == "2px"
    good = phone.find_element(By.CSS_SELECTOR, ".ysd-good")
    assert good.value_of_css_property(f"border-{start_side}-width") == "6px"
    assert good.value_of_css_property(f"padding-{start_side}") == "16px"
    check_page(phone, lang, "you-said-we-did")


# Read aloud. Headless Chromium has speechSynthesis but no voices at all: the phone with no voice for the
# page's language. For a phone with voices, the test replaces getVoices/speak and the utterance class (a
# real utterance only takes a real voice) before pressing the button; `spoken` records what was asked.
SPY = """
window.spoken = [];
speechSynthesis.speak = function (utterance) { window.spoken.push({lang: utterance.lang, text: utterance.text,
  voice: utterance.voice ? utterance.voice.name : null}); };
speechSynthesis.cancel = function () {};
"""
FAKE_VOICES = SPY + """
const voices = arguments[0].map(([name, lang]) => ({name, lang, default: false, localService: true, voiceURI: name}));
speechSynthesis.getVoices = function () { return voices; };
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def read_aloud(driver):
    if not driver.execute_script("return 'speechSynthesis' in window && !!window.SpeechSynthesisUtterance"):
        pytest.skip("this Chromium has no speech synthesis")
    button = driver.find_element(By.CSS_SELECTOR, "[data-read-aloud]")
    assert button.is_displayed()
    return button


def open_question(driver, live_server, make_round, lang: str) -> None:
    begin_in(driver, live_server, make_round("younger-children"), lang)


def first_question_words(lang: str) -> str:
    """The younger children's first question in `lang`, as the shipped translation file gives it."""
    if lang == "en":
        return "How do you feel about where you live?"
    path = translations.translations_dir() / f"younger-children.{lang}.po"
    parsed = translations.parse(path.read_text(encoding="utf-8"), str(path))
    return parsed.entries["question.feel_about_home.text"].translation


@pytest.mark.parametrize(("lang", "speech", "voices", "chosen"), [
    ("ar", "ar", [["Daniel", "en-GB"], ["Maged", "ar-SA"]], "Maged"),
    ("cy", "cy-GB", [["Daniel", "en-GB"], ["Geraint", "cy_GB"]], "Geraint"),  # Android writes cy_GB
    ("en", "en-GB", [["Samantha", "en-US"], ["Daniel", "en-GB"]], "Daniel"),
    ("en", "en-GB", [["Maged", "ar-SA"], ["Samantha", "en-US"]], "Samantha"),
])
def test_read_aloud_speaks_in_the_pages_language_with_a_voice_for_it(lang, speech, voices, chosen, browser,
                                                                      live_server, make_round):
    open_question(browser, live_server, make_round, lang)
    button = read_aloud(browser)
    assert button.get_attribute("data-speech") == speech
    browser.execute_script(FAKE_VOICES, voices)
    button.click()
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return window.spoken.length"))
    spoken = browser.execute_script("return window.spoken")
    assert spoken == [{"lang": speech, "voice": chosen, "text": spoken[0]["text"]}]
    # the page's own words, in its language (the shipped translation of the first question)
    assert first_question_words(lang) in spoken[0]["text"]
    message = browser.find_element(By.CSS_SELECTOR, "[data-read-aloud-message]")
    assert not message.is_displayed()


@pytest.mark.parametrize(("lang", "words"), [
    ("ar", "لا يستطيع هذا الهاتف قراءة هذه الصفحة بصوت عالٍ باللغة العربية."),
    ("cy", "Ni all y ffôn hwn ddarllen y dudalen hon yn uchel yn Gymraeg."),
])
def test_read_aloud_says_so_when_the_phone_has_no_voice_for_the_language(lang, words, browser, live_server,
                                                                        make_round):
    open_question(browser, live_server, make_round, lang)
    button = read_aloud(browser)
    message = browser.find_element(By.CSS_SELECTOR, "[data-read-aloud-message]")
    assert not message.is_displayed() and message.get_attribute("role") == "status"  # a polite live region
    if lang == "cy":  # English voices only: still not read in English
        browser.execute_script(FAKE_VOICES, [["Daniel", "en-GB"], ["Samantha", "en-US"]])
    else:  # headless Chromium's own (empty) list of voices
        assert browser.execute_script("return speechSynthesis.getVoices().length") == 0
        browser.execute_script(SPY)
    button.click()
    WebDriverWait(browser, 5).until(lambda d: message.is_displayed() and message.text)
    assert message.text == words == button.get_attribute("data-no-voice")  # the page's words, through gettext
    assert browser.execute_script("return window.spoken") == []
    below = rect(browser, message)
    assert browser.execute_script("return arguments[0].previousElementSibling", message) == button
    assert below["left"] >= 0 and below["right"] <= browser.execute_script("return innerWidth")
    assert_accessible(browser, f"the no-voice message in {lang}")
