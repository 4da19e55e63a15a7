"""Every staff page, found from the app's URL map, at 375 px and 1280 px in real Chromium: nothing makes
the page scroll sideways, at 1280 px the main content uses the width, and axe-core finds no problem
(WCAG 2.0/2.1/2.2 A and AA, target size, and `landmark-unique`).

A page is reached by filling its URL's parts (`slug`, `key`, `action_id`, ...: ARGUMENT_NAMES) from
demo-like data made below: rounds of the shipped questionnaires, one with responses and written answers
(long words and an address among them) and a published report, the demo actions, flags, a quote, a
theme, people who want to get involved, a young reviewer's link, a prepared file. A page another change
adds later is checked as soon as its URL's parts are in ARGUMENT_NAMES; a page whose parts can't be
filled fails `test_every_staff_page_is_checked_or_says_why_not` until its part is added to _demo_data
(or it is listed in NOT_CHECKED with the reason). Files (QR codes, CSV, YAML) are left out by their type.

Every page is opened by one person with every role; then each role alone opens the pages of its own
links (its home page, board members' reports, the safeguarding queue). Not checked: the sign-in page
only once, signed out (signed in, it sends you on); the builder's preview of a question is a young
person's page inside a phone frame, and the children's page preview is the children's page, both narrow on
purpose (CHILD_SIZED: checked for sideways scrolling and axe, not for width)."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from flask import url_for
from selenium.webdriver.common.by import By
from sqlalchemy import delete, select

from survey_app.accounts.operations import create_user
from survey_app.actions.challenges import answer, ask
from survey_app.actions.demo import add_demo_actions
from survey_app.extensions import db
from survey_app.jobs import queue
from survey_app.models import (
    Action,
    InvolvementRequest,
    Job,
    Quote,
    RoundCohort,
    SafeguardingFlag,
    StaffUser,
    StrategyPriority,
    Theme,
)
from survey_app.questionnaire.store import definition, latest
from survey_app.reporting import stored
from survey_app.reporting.publication import publish, report_row
from survey_app.responses.drafts import store_response
from survey_app.reviewing.comments import add_comment
from survey_app.reviewing.links import make_link
from survey_app.rounds.operations import open_round

from .axe import assert_accessible
from .phone import path, press

pytestmark = pytest.mark.browser

WIDTHS = (375, 1280)
WIDE_ENOUGH = 900  # px of main content at 1280 (it sat in a 608 px column)
PASSWORD = "correct horse battery staple"
ROLES = ("admin", "worker", "safeguarding", "board")
# Pages that show a young person's page as it will look (on a phone): narrow at any width on purpose.
CHILD_SIZED = {"staff.builder_preview_question", "reports.preview_children"}
# Staff GET routes not opened here, and why.
NOT_CHECKED = {
    "staff.sign_in": "opened signed out, before the others (signed in, it sends you on)",
}
DEMO_THEME = "days_out"
# Written answers: long words and an address, which must wrap rather than push the page wider.
WRITTEN = [
    "More days out with my brother and sister, and a social worker who stays",
    "I want to be a vet https://www.example.org/a-very-long-address-that-goes-on-and-on/and-on-again?with=query",
    "Supercalifragilisticexpialidociousandevenlongerwordswithoutanyspacesatallanywhere",
    "Being listened to when I say I want to see my mum",
    "More trips to the park",
    "A bigger bedroom",
    "Nothing really",
    "Help with school work and maths",
    "Knowing who my social worker is",
    "Being allowed to have sleepovers",
    "My carer is kind",
    "A phone of my own",
]


# The URL parts _demo_data fills (a staff page whose URL needs another is named by the last test).
ARGUMENT_NAMES = ("slug", "key", "version_id", "section_id", "question_id", "number", "action_id", "finding_id",
                  "user_id", "priority_id", "flag_id", "quote_id", "theme_id", "response_id", "link_id", "comment_id",
                  "job_id", "phrase_id", "challenge_id", "code", "fmt")


def _demo_data(app) -> dict:
    """Demo-like data for every page, and a person with every staff role; returns the URL parts' values."""
    app.config["ROUND_SENDS_PER_WINDOW"] = 10_000
    with app.app_context():
        create_user("everyone@council.example", PASSWORD, list(ROLES), actor="test")
        for role in ROLES:  # each role alone: its own links and dashboard
            create_user(f"{role}@council.example", PASSWORD, [role], actor="test")
        rounds = {key: open_round(latest(key)) for key in ("younger-children", "care-leavers", "priorities-2018")}
        younger = rounds["younger-children"]
        younger.title = "Your life, your say: spring 2026 round for children in care aged 8 to 11 (demo)"
        younger.audience = "in_care"
        younger.cohorts = [RoundCohort(group="in_care_8_11", expected=40),
                           RoundCohort(group="in_care_12_17", expected=80)]
        questionnaire = definition(younger.questionnaire_version)
        responses = []
        for number, words in enumerate(WRITTEN):
            responses.append(store_response(younger, questionnaire, {
                "feel_about_home": {"choices": [str(number % 5)]},
                "feel_safe_home": {"choices": ["yes" if number % 3 else "not_sure"]},
                "grow_up_to_be": {"text": words},
                "make_things_better": {"text": WRITTEN[-1 - number]},
            }, channel="online" if number % 4 else "paper"))
        quote = Quote(round_id=younger.id, response_id=responses[0].id, question_id="make_things_better",
                      text=WRITTEN[-1], status="pending")
        theme = Theme(code=DEMO_THEME, title="Days out and trips", priority_code="voice", words="trip park")
        flags = [SafeguardingFlag(round_id=younger.id, question_id="feel_safe_home", reason="trigger_answer",
                                  answer_text="not_sure", raised_on=dt.date.today()) for _ in range(2)]
        db.session.add_all([quote, theme, *flags])
        for number in range(3):
            db.session.add(InvolvementRequest(digest=secrets.token_hex(16), interests="council events",
                                              called=f"Young person {number}", contact_by="email",
                                              contact=f"young.person.with.a.long.address{number}@example.org"))
        add_demo_actions()
        publish(younger, "everyone@council.example")
        report_row(younger).children_good = "Most of you feel safe where you live."
        stored.rebuild(younger.id, for_staff=False)
        link, _token = make_link(questionnaire_key="younger-children", actor="test", days=14)
        comment = add_comment(link, "feel_about_home", "Question: How do you feel about home?", "Too many words")
        job = Job(id=secrets.token_hex(16), kind="download", requested_by="everyone@council.example", status="done",
                  created_at=queue.now(), expires_at=queue.now() + dt.timedelta(hours=1), file=b"{}",
                  filename="report.json", mimetype="application/json")
        db.session.add(job)
        db.session.commit()
        action = db.session.scalars(select(Action).order_by(Action.id)).first()
        assert action is not None
        challenge = ask(f"action:{action.reference}", "Why has this not started? " * 4, "board@council.example")
        answer(challenge, "It starts in the spring, after the budget is set.", "worker@council.example")
        db.session.commit()
        return {
            "slug": younger.slug, "key": "younger-children", "version_id": younger.questionnaire_version_id,
            "section_id": "home", "question_id": "feel_about_home", "number": 1,
            "action_id": action.id, "finding_id": action.findings[0].id if action.findings else 0,
            "user_id": db.session.scalar(select(StaffUser.id).order_by(StaffUser.id).limit(1)),
            "priority_id": db.session.scalar(select(StrategyPriority.id).order_by(StrategyPriority.id).limit(1)),
            "flag_id": flags[0].id, "quote_id": quote.id, "theme_id": theme.id, "response_id": responses[1].id,
            "link_id": link.id, "comment_id": comment.id, "job_id": job.id, "phrase_id": 1,
            "challenge_id": challenge.id, "code": "ar", "fmt": "csv",
        }


# URL parts a page needs beyond the defaults from _demo_data: written-answer pages take a written question.
FOR_ENDPOINT = {
    "staff.free_text_question": {"question_id": "make_things_better"},
}


def staff_get_rules(app) -> list:
    return sorted((rule for rule in app.url_map.iter_rules()
                   if "GET" in (rule.methods or ()) and rule.rule.startswith("/staff")),
                  key=lambda rule: rule.rule)


def staff_urls(app, arguments: dict) -> tuple[dict[str, str], dict[str, str]]:
    """{endpoint: URL} of every staff GET page that can be filled, and {endpoint: why not} of the others."""
    urls, left_out = {}, {}
    for rule in staff_get_rules(app):
        if rule.endpoint in NOT_CHECKED:
            left_out[rule.endpoint] = NOT_CHECKED[rule.endpoint]
            continue
        values = {**arguments, **FOR_ENDPOINT.get(rule.endpoint, {})}
        missing = sorted(set(rule.arguments) - set(values))
        if missing:
            left_out[rule.endpoint] = f"nothing here fills {', '.join(missing)}: add it to _demo_data"
            continue
        with app.test_request_context():
            urls[rule.endpoint] = url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})
    return urls, left_out


def html_pages(client, urls: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The pages among `urls` (files such as QR codes and CSVs are left out), and any that did not open."""
    pages, problems = {}, []
    for endpoint, url in urls.items():
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{endpoint} {url}: answered {response.status_code}")
        elif response.mimetype == "text/html" and "attachment" not in response.headers.get("Content-Disposition", ""):
            pages[endpoint] = url
    return pages, problems


def set_width(browser, width: int) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 800})


WIDER_THAN_SCREEN = """
return [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > arguments[0] + 1)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : ''))
  .slice(0, 4);
"""


def measure(browser, endpoint: str, width: int) -> list[str]:
    problems = []
    # against the width asked for: a phone's browser widens its layout to fit a page that is too wide
    scroll = browser.execute_script("return document.documentElement.scrollWidth")
    if scroll > width:
        wide = ", ".join(browser.execute_script(WIDER_THAN_SCREEN, width))
        problems.append(f"{width} px {endpoint}: scrolls sideways ({scroll} px wide: {wide})")
    if width >= 1280 and endpoint not in CHILD_SIZED:
        used = browser.execute_script("return document.querySelector('main').getBoundingClientRect().width")
        if used <= WIDE_ENOUGH:
            problems.append(f"{width} px {endpoint}: main content only {used:.0f} px wide")
    try:
        assert_accessible(browser, f"{width} px {endpoint}", rules={"landmark-unique": {"enabled": True}})
    except AssertionError as found:
        problems.append(str(found))
    return problems


def sign_in_as_everyone(driver, live_server: str, who: str = "everyone") -> None:
    set_width(driver, 375)
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.get(f"{live_server}/staff/sign-in")
    driver.find_element(By.ID, "email").send_keys(f"{who}@council.example")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    press(driver, "Sign in")
    assert path(driver) == "/staff/", driver.current_url


@pytest.fixture
def pages(app, client, sign_in, live_server):
    """Demo-like data; {endpoint: URL} of every staff page that opens as HTML, and what did not open."""
    arguments = _demo_data(app)
    assert set(arguments) == set(ARGUMENT_NAMES)
    assert sign_in("everyone@council.example", PASSWORD).status_code == 302
    urls, _left_out = staff_urls(app, arguments)
    found, problems = html_pages(client, urls)
    assert len(found) > 40, sorted(found)
    yield found, problems
    with app.app_context():  # themes are not cleaned between tests
        db.session.execute(delete(Theme).where(Theme.code == DEMO_THEME))
        db.session.commit()


def test_every_staff_page_fits_375_and_1280_px_and_has_no_accessibility_problems(browser, live_server, pages):
    found, problems = pages
    set_width(browser, 375)
    browser.get(f"{live_server}/staff/sign-in")
    problems += measure(browser, "staff.sign_in", 375)
    set_width(browser, 1280)
    problems += [problem for problem in measure(browser, "staff.sign_in", 1280) if "main content" not in problem]
    sign_in_as_everyone(browser, live_server)
    for endpoint, url in found.items():
        for width in WIDTHS:  # each width loads the page, as a phone or a laptop would
            set_width(browser, width)
            browser.get(f"{live_server}{url}")
            problems += measure(browser, endpoint, width)
    for role in ROLES:  # the home page and the pages each role alone is shown, with its own links
        sign_in_as_everyone(browser, live_server, role)
        links = browser.execute_script(
            "return [...document.querySelectorAll('.top-links a')].map(a => new URL(a.href).pathname)")
        for url in links:
            for width in WIDTHS:
                set_width(browser, width)
                browser.get(f"{live_server}{url}")
                problems += measure(browser, f"{url} as {role} alone", width)
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not problems, "\n".join(problems)


def test_without_javascript_no_staff_page_scrolls_sideways_at_375_px(browser_without_js, live_server, pages):
    found, problems = pages
    sign_in_as_everyone(browser_without_js, live_server)
    for endpoint, url in found.items():
        browser_without_js.get(f"{live_server}{url}")
        scroll = browser_without_js.execute_script("return document.documentElement.scrollWidth")
        if scroll > 375:
            problems.append(f"375 px {endpoint} without JavaScript: scrolls sideways ({scroll} px wide)")
    browser_without_js.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not problems, "\n".join(problems)


def test_every_staff_page_is_checked_or_says_why_not(app):
    """A new staff page with a URL part nothing here fills is named, so it gets its data (or a reason)."""
    _urls, left_out = staff_urls(app, dict.fromkeys(ARGUMENT_NAMES, 1))
    assert left_out == NOT_CHECKED
