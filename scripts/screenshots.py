"""Screenshots of every page a young person can see (and the staff pages of issue 10), full page, at 320,
375 and 1280 px wide, named `<width>-<page>.png`, for a person to look at.

    .venv/bin/python scripts/screenshots.py [OUT_DIR]      (default: screenshots/, git-ignored)

It serves a throwaway SQLite copy of the app with the shipped questionnaires on 127.0.0.1
(benchmarks/local_app.py) and drives the system Chromium and ChromeDriver (/usr/bin, or CHROMIUM_BINARY and
CHROMEDRIVER_BINARY) with Selenium, as the browser tests do. Nothing is downloaded. It also prints, per page
and width, anything that makes the page scroll sideways and any visible control under 44 px tall."""

from __future__ import annotations

import base64
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never download a driver

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from benchmarks.local_app import sqlite_app  # noqa: E402
from benchmarks.survey_client import Phone, complete, phone_fetcher  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver")
WIDTHS = (320, 375, 1280)
PASSWORD = "correct horse battery staple"
# One question of each type: (questionnaire, question id); as tests/browser/phone.py QUESTION_OF_TYPE.
QUESTIONS = {
    "question-yes_no": ("younger-children", "feel_safe_home"),
    "question-smiley3": ("younger-children", "feel_about_home"),
    "question-short_text": ("younger-children", "grow_up_to_be"),
    "question-long_text-younger": ("younger-children", "make_things_better"),
    "question-smiley5": ("care-leavers", "feeling_recently"),
    "question-single": ("care-leavers", "doing_now"),
    "question-multiple": ("care-leavers", "money_help_wanted"),
    "question-long_text": ("care-leavers", "eet_what_would_help"),
    "question-first-priorities-2018": ("priorities-2018", "care_status"),
}
REQUIRED_QUESTION = ("care-leavers", "heard_of_local_offer")
# Visible things a finger taps that are less than 44 CSS px tall (inline links in sentences are fine).
SMALL_TARGETS = """
return [...document.querySelectorAll('button, .button, input[type=submit], summary, select, input[type=text], '
                                      + 'input[type=email], input[type=tel], textarea, a.back')]
  .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
  .map(e => e.tagName.toLowerCase() + ' "' + (e.innerText || e.value || e.name || '').trim().slice(0, 30) + '" '
            + Math.round(e.getBoundingClientRect().height) + 'px');
"""
BACK_FROM_HELP = "return new URL(new URLSearchParams(location.search).get('next'), location.href).href"
WIDER_THAN_SCREEN = """
return [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => e.tagName.toLowerCase() + '.' + e.className).slice(0, 5);
"""


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                     "--disable-dev-shm-usage", "--window-size=375,667",
                     f"--user-data-dir={tempfile.mkdtemp(prefix='voices-screens-')}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


class Camera:
    def __init__(self, driver, out: Path) -> None:
        self.driver, self.out, self.taken, self.problems = driver, out, [], []

    def shoot(self, name: str) -> None:
        driver = self.driver
        if driver.find_elements(By.CSS_SELECTOR, "svg.celebrate"):
            time.sleep(1.5)  # let the celebration finish
        for width in WIDTHS:
            metrics = {"width": width, "height": 667, "deviceScaleFactor": 1, "mobile": width < 800}
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            wide = driver.execute_script("return document.documentElement.scrollWidth")
            if wide > width:
                self.problems.append(f"{width}-{name}: scrolls sideways ({wide} px wide)")
            for problem in driver.execute_script(WIDER_THAN_SCREEN):
                self.problems.append(f"{width}-{name}: wider than the screen: {problem}")
            if width < 800:
                for problem in driver.execute_script(SMALL_TARGETS):
                    self.problems.append(f"{width}-{name}: under 44 px: {problem}")
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**metrics, "height": max(height, 667)})
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
            (self.out / f"{width}-{name}.png").write_bytes(base64.b64decode(shot["data"]))
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 375, "height": 667, "deviceScaleFactor": 1, "mobile": True})
        self.taken.append(name)


def press(driver, text: str) -> None:
    """Press a button or link by its words and wait for the next page."""
    element = driver.find_element(
        By.XPATH, f"//button[normalize-space()=\"{text}\"] | //a[normalize-space()=\"{text}\"]")
    old = driver.find_element(By.TAG_NAME, "html")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    WebDriverWait(driver, 30, poll_frequency=0.05).until(lambda _d: _stale(old))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _stale(element) -> bool:
    try:
        element.is_enabled()
    except Exception:  # noqa: BLE001 - StaleElementReference is the point
        return True
    return False


def tick(driver, css: str) -> None:
    driver.execute_script("arguments[0].click()", driver.find_element(By.CSS_SELECTOR, css))


def type_into(driver, element_id: str, words: str) -> None:
    box = driver.find_element(By.ID, element_id)
    box.clear()
    box.send_keys(words)


def fresh(driver) -> None:
    driver.get("about:blank")
    driver.delete_all_cookies()
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


def answer_the_first_choice(driver) -> None:
    """On a question page: the first choice (or a few words), then Continue; past the help page if that
    answer sent the child there."""
    boxes = driver.find_elements(By.CSS_SELECTOR, "input[name=answer][type=radio], input[name=answer][type=checkbox]")
    if boxes:
        driver.execute_script("arguments[0].click()", boxes[0])
    else:
        type_into(driver, "answer-0", "Playing football")
    press(driver, "Continue")
    if "/help/now" in driver.current_url:
        driver.get(driver.execute_script(BACK_FROM_HELP))


def setup(app) -> dict:
    """Rounds, a staff account, review links and comments, waiting involvement details."""
    from survey_app.accounts.operations import create_user
    from survey_app.extensions import db
    from survey_app.questionnaire.store import latest
    from survey_app.reviewing import links
    from survey_app.reviewing.comments import add_comment
    from survey_app.rounds.access_code import hash_code
    from survey_app.rounds.operations import open_round

    app.config["ROUND_SENDS_PER_WINDOW"] = 10_000
    with app.app_context():
        made = {key: open_round(latest(key)) for key in ("younger-children", "care-leavers", "priorities-2018")}
        made["with-code"] = open_round(latest("care-leavers"))
        made["with-code"].access_code_hash = hash_code("SUN42")
        made["closed"] = open_round(latest("younger-children"))
        made["closed"].status = "closed"
        made["published"] = open_round(latest("younger-children"))
        create_user("worker@council.example", PASSWORD, ["worker"], actor="screenshots")
        link, token = links.make_link(actor="worker@council.example", days=14, questionnaire_key="younger-children")
        add_comment(link, "feel_about_home", "Question: How do you feel about where you live?",
                    "The faces are nice but I didn’t know what “OK” meant")
        add_comment(link, "start", "The start page", "my carer hurts me")
        reply_link, _ = links.make_link(actor="worker@council.example", days=14, survey_round=made["published"])
        add_comment(reply_link, "reply", "You said, we did", "I like the star")
        db.session.commit()
        return {"slugs": {key: value.slug for key, value in made.items()}, "review_token": token}


def publish_with_answers(app, base: str, slug: str) -> None:
    """Eight young people answer, then the round's report is published with a few words for children."""
    from survey_app.extensions import db
    from survey_app.reporting import stored
    from survey_app.reporting.publication import publish, report_row
    from survey_app.rounds.operations import round_by_slug

    for child in range(8):
        with Phone(base, timeout=60) as phone:
            complete(*phone_fetcher(phone), slug, child)
    with app.app_context():
        survey_round = round_by_slug(slug)
        row = report_row(survey_round)
        row.children_good = "Most of you feel safe where you live.\nYou like the grown-ups who look after you."
        row.children_change = "Some of you want to see your brothers and sisters more.\nHelp with school work."
        publish(survey_round, "worker@council.example")
        stored.rebuild(survey_round.id, for_staff=False)
        db.session.commit()


def leave_involvement_details(app, how_many: int) -> None:
    from survey_app.extensions import db
    from survey_app.models import InvolvementRequest

    names = ["Jazz", "Sam", "Kai", "Ruby", "Tom", "Amir", "Lily"]
    with app.app_context():
        already = db.session.query(InvolvementRequest).count()
        for number in range(already, already + how_many):
            db.session.add(InvolvementRequest(digest=os.urandom(16).hex(), interests="council events",
                                              called=names[number % len(names)], contact_by="email",
                                              contact=f"young.person{number}@example.org"))
        db.session.commit()


def young_person_pages(camera: Camera, base: str, slugs: dict) -> None:
    driver = camera.driver
    shoot = camera.shoot
    for key in ("younger-children", "care-leavers", "priorities-2018"):
        fresh(driver)
        driver.get(f"{base}/r/{slugs[key]}")
        shoot(f"start-{key}")
    fresh(driver)
    driver.get(f"{base}/r/{slugs['with-code']}")
    shoot("start-with-access-code")
    fresh(driver)
    driver.get(f"{base}/r/{slugs['younger-children']}")
    driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    shoot("start-carry-on-open")
    type_into(driver, "carry_on_code", "kite lemon otter 27")
    press(driver, "Carry on with my code")
    shoot("carry-on-wrong-code")

    for key in ("younger-children", "care-leavers", "priorities-2018"):
        fresh(driver)
        driver.get(f"{base}/r/{slugs[key]}")
        press(driver, "Start")
        for name, (question_key, question_id) in QUESTIONS.items():
            if question_key == key:
                driver.get(f"{base}/r/{slugs[key]}/q/{question_id}")
                shoot(name)
        if key == REQUIRED_QUESTION[0]:
            driver.get(f"{base}/r/{slugs[key]}/q/{REQUIRED_QUESTION[1]}")
            press(driver, "Continue")
            shoot("question-required-error")

    # A later question, with the progress bar moved on; then save for later and carry on with the code.
    fresh(driver)
    slug = slugs["younger-children"]
    driver.get(f"{base}/r/{slug}")
    press(driver, "Start")
    for _ in range(6):
        answer_the_first_choice(driver)
    shoot("question-progress-later")
    press(driver, "Save and come back later")
    shoot("save-for-later")
    press(driver, "Get my code")
    shoot("save-for-later-code")
    code = " ".join(driver.find_element(By.ID, "carry-on-code").text.split())
    fresh(driver)
    driver.get(f"{base}/r/{slug}")
    driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
    type_into(driver, "carry_on_code", code)
    press(driver, "Carry on with my code")
    shoot("carry-on-back-in")
    driver.get(f"{base}/r/{slug}/check")
    shoot("check-younger-children")
    press(driver, "Make a card for my review")
    shoot("review-card-form")
    press(driver, "Make my card")
    shoot("review-card-form-error")
    type_into(driver, "going_well", "My foster carer helps me with reading")
    type_into(driver, "who", "My nan")
    tick(driver, "#answer-0")
    press(driver, "Make my card")
    shoot("review-card")
    press(driver, "Go back to your answers")
    press(driver, "Send my answers")
    shoot("sent-younger-children")
    press(driver, "I’d like to get involved")
    shoot("get-involved")
    press(driver, "Send my details")
    shoot("get-involved-errors")
    tick(driver, "#interests-0")
    type_into(driver, "called", "Jazz")
    tick(driver, "#contact_by-email")
    driver.execute_script("document.getElementById('email').value = 'jazz@example.org'")
    press(driver, "Send my details")
    shoot("get-involved-done")

    fresh(driver)
    slug = slugs["care-leavers"]
    driver.get(f"{base}/r/{slug}")
    press(driver, "Start")
    for _ in range(3):
        answer_the_first_choice(driver)
    driver.get(f"{base}/r/{slug}/check")
    shoot("check-care-leavers")
    press(driver, "Send my answers")
    shoot("sent-care-leavers")

    # A worrying answer: "No" to feeling safe at home sends the child to the help page.
    fresh(driver)
    slug = slugs["younger-children"]
    driver.get(f"{base}/r/{slug}")
    press(driver, "Start")
    driver.get(f"{base}/r/{slug}/q/feel_safe_home")
    tick(driver, "input[name=answer][value=no]")
    press(driver, "Continue")
    if "/help/now" not in driver.current_url:
        camera.problems.append(f"“No” to feel_safe_home went to {driver.current_url}, not /help/now")
    shoot("help-now-younger-children")
    fresh(driver)
    driver.get(f"{base}/help/now?round={slugs['care-leavers']}&next=/r/{slugs['care-leavers']}/check")
    shoot("help-now-care-leavers")
    driver.get(f"{base}/help?next=/r/{slugs['younger-children']}")
    shoot("help-younger-children")
    driver.get(f"{base}/help?next=/r/{slugs['care-leavers']}")
    shoot("help-care-leavers")
    driver.get(f"{base}/r/{slugs['closed']}")
    shoot("closed")
    driver.get(f"{base}/r/{slugs['published']}/you-said-we-did")
    shoot("you-said-we-did")
    driver.get(f"{base}/no-such-page")
    shoot("not-found")


def reviewer_pages(camera: Camera, base: str, token: str) -> None:
    driver = camera.driver
    fresh(driver)
    driver.get(f"{base}/review?t={token}")
    camera.shoot("review-start")
    press(driver, "Start")
    camera.shoot("review-question")
    type_into(driver, "comment", "I like the faces but “grown-ups” sounds babyish")
    press(driver, "Send my comment")
    camera.shoot("review-question-comment-sent")
    driver.get(f"{base}/review/check")
    camera.shoot("review-check")
    press(driver, "Send my answers")
    camera.shoot("review-end")


def staff_pages(camera: Camera, app, base: str, slugs: dict) -> None:
    driver = camera.driver
    fresh(driver)
    driver.get(f"{base}/staff/sign-in")
    type_into(driver, "email", "worker@council.example")
    type_into(driver, "password", PASSWORD)
    press(driver, "Sign in")
    driver.get(f"{base}/staff/questionnaires/younger-children")
    camera.shoot("staff-builder-review-comments")
    driver.get(f"{base}/staff/reports/{slugs['published']}/publish")
    camera.shoot("staff-publish-review-links")
    press(driver, "Make a review link")
    camera.shoot("staff-review-link-made")
    leave_involvement_details(app, 2)  # with the young person's above: 3 waiting, under the batch of 5
    driver.get(f"{base}/staff/involvement")
    camera.shoot("staff-involvement-below-batch")
    leave_involvement_details(app, 2)
    driver.get(f"{base}/staff/involvement")
    camera.shoot("staff-involvement-batch-ready")
    buttons = driver.find_elements(By.XPATH, "//form[contains(@action,'involvement/release')]//button")
    if buttons:
        press(driver, buttons[0].text.strip())
        camera.shoot("staff-involvement-released")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with sqlite_app("younger-children") as (app, _slug):
        made = setup(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        publish_with_answers(app, base, made["slugs"]["published"])
        driver = browser()
        camera = Camera(driver, out)
        try:
            young_person_pages(camera, base, made["slugs"])
            reviewer_pages(camera, base, made["review_token"])
            staff_pages(camera, app, base, made["slugs"])
        finally:
            driver.quit()
            server.shutdown()
    for problem in camera.problems:
        print(problem)
    print(f"{len(camera.taken)} pages, {len(camera.taken) * len(WIDTHS)} screenshots in {out}")


if __name__ == "__main__":
    main()
