"""Doing things on the page the way a young person does on a phone: tapping what they see."""

from __future__ import annotations

from urllib.parse import urlsplit

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import func, select

from survey_app.extensions import db

WAIT = 10

# One question of each type, from the shipped questionnaires.
QUESTION_OF_TYPE = {
    "yes_no": ("younger-children", "feel_safe_home"),
    "smiley3": ("younger-children", "feel_about_home"),
    "smiley5": ("care-leavers", "feeling_recently"),
    "single": ("care-leavers", "doing_now"),
    "multiple": ("care-leavers", "money_help_wanted"),
    "short_text": ("younger-children", "grow_up_to_be"),
    "long_text": ("care-leavers", "eet_what_would_help"),
}

# What a child taps on each question of younger-children.yaml (None: "Skip this question"), with
# no answer that sends them to the help page.
TAPS = {
    "feel_about_home": "Good",
    "feel_safe_home": "Yes",
    "grown_ups_look_after_you": None,
    "seeing_family": "OK",
    "feel_most_days": "Happy",
    "feel_healthy": "Healthy",
    "grown_up_to_talk_to": "Yes",
    "fun_things": "Lots",
    "feel_about_school": "OK",
    "help_with_school_work": "Yes, lots",
    "grow_up_to_be": "A vet who looks after horses",
    "know_social_worker": "Yes",
    "social_worker_listens": "Sometimes",
    "make_things_better": "More days out with my brother",
}
TEXT = {"grow_up_to_be", "make_things_better"}


def path(driver) -> str:
    return urlsplit(driver.current_url).path


def tap(driver, element) -> None:
    """Tap the middle of an element, wherever it is on the page: whatever is on top there gets the tap."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element)
    ActionChains(driver, duration=50).move_to_element(element).click().perform()


def tap_and_wait(driver, element) -> None:
    """Tap something that loads a new page, and wait until the new page is there."""
    old = driver.find_element(By.TAG_NAME, "html")
    tap(driver, element)
    wait = WebDriverWait(driver, WAIT, poll_frequency=0.05)
    wait.until(lambda d: _stale(old))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def _stale(element) -> bool:
    try:
        element.is_enabled()
    except Exception:  # noqa: BLE001 - StaleElementReference is the point
        return True
    return False


def button(driver, text: str):
    return driver.find_element(By.XPATH, f"//button[normalize-space()='{text}'] | //a[normalize-space()='{text}']")


def press(driver, text: str) -> None:
    tap_and_wait(driver, button(driver, text))


def choice(driver, label: str):
    """The whole choice (box, face and words) whose label says `label`."""
    return driver.find_element(
        By.XPATH, f"//div[contains(@class,'choice')][label[normalize-space()=\"{label}\"]]")


def choose(driver, label: str) -> None:
    """Tap a choice where its words are, like a child would, and check the tap chose it."""
    box = choice(driver, label)
    words = box.find_element(By.CSS_SELECTOR, "label span")
    tap(driver, words)
    assert box.find_element(By.TAG_NAME, "input").is_selected(), f"tapping “{label}” did not choose it"


def write(driver, text: str) -> None:
    box = driver.find_element(By.ID, "answer-0")
    tap(driver, box)
    box.clear()
    box.send_keys(text)


def count(app, model) -> int:
    with app.app_context():
        try:
            return db.session.scalar(select(func.count()).select_from(model))
        finally:
            db.session.remove()


def begin(driver, live_server: str, slug: str) -> None:
    """Open the survey's start page and press Start."""
    driver.get(f"{live_server}/r/{slug}")
    press(driver, "Start")
    assert "/q/" in path(driver), driver.current_url


def answer_here(driver, question_id: str) -> None:
    """Answer a younger-children question as TAPS says, and go on."""
    tapped = TAPS[question_id]
    if tapped is None:
        press(driver, "Skip this question")
        return
    if question_id in TEXT:
        write(driver, tapped)
    else:
        choose(driver, tapped)
    press(driver, "Continue")
