"""Publishing with confidence in real Chromium, on a phone (375 px) and a laptop (1280 px): from the round's
report to the preview of the children's page, change a point, preview again (the children's page and the
board report), publish from the preview, and the children's page at the round's link shows the changed
point. Every page has no axe problem and does not scroll sideways; unpublishing asks first."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from survey_app.extensions import db
from survey_app.models import RoundReport
from survey_app.rounds.operations import round_by_slug

from ..test_publish_preview import answered  # noqa: F401 - the round 20 answered, a fixture
from .axe import assert_accessible
from .phone import path, press
from .test_reports_pages import screenshot, sign_in

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (375, 740), "laptop": (1280, 900)}
EDITED = "You told us that where you live feels safe."
SIDEWAYS = "return document.documentElement.scrollWidth <= window.innerWidth"


def check(browser, where: str) -> None:
    assert_accessible(browser, where)
    assert browser.execute_script(SIDEWAYS), f"{where} scrolls sideways"


def points(browser, heading_id: str) -> list[str]:
    return [item.text for item in browser.find_elements(
        By.CSS_SELECTOR, f"section[aria-labelledby='{heading_id}'] li")]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_worker_previews_changes_a_point_and_publishes_and_children_see_the_changed_point(
        app, browser, live_server, make_staff, answered, width):  # noqa: F811 - the fixture imported above
    browser.set_window_size(*WIDTHS[width])
    sign_in(browser, live_server, *make_staff("worker"))
    browser.get(f"{live_server}/staff/reports/{answered}")
    press(browser, "Preview and publish")

    assert path(browser) == f"/staff/reports/{answered}/preview/children"
    bar = browser.find_element(By.CSS_SELECTOR, ".preview-bar")
    assert "Preview — not published yet" in bar.text
    assert points(browser, "good-title") == ["Most of you feel safe where you live."]
    check(browser, f"the children's page preview at {width}")
    screenshot(browser, "preview-children", WIDTHS[width][0])

    press(browser, "Change the texts and points")
    check(browser, f"the publish page at {width}")
    box = browser.find_element(By.ID, "children_good")
    box.clear()
    box.send_keys(EDITED)
    press(browser, "Save and preview")
    assert points(browser, "good-title") == [EDITED]
    press(browser, "Change the texts and points")  # the changed point is kept, with the way back to the made ones
    assert browser.find_element(By.ID, "children_good").get_attribute("value") == EDITED
    assert browser.find_element(By.ID, "children_good-source").text.startswith("You changed these points.")
    check(browser, f"the publish page with a changed point at {width}")
    press(browser, "Save and preview")
    assert points(browser, "good-title") == [EDITED]

    press(browser, "The board report")
    assert path(browser) == f"/staff/reports/{answered}/preview/board"
    check(browser, f"the board report preview at {width}")
    screenshot(browser, "preview-board", WIDTHS[width][0])
    with app.app_context():
        assert db.session.get(RoundReport, round_by_slug(answered).id).published is False

    press(browser, "Publish: board members and young people can see it")
    assert path(browser) == f"/staff/reports/{answered}"
    assert "The report is published" in browser.find_element(By.TAG_NAME, "body").text

    browser.get(f"{live_server}/r/{answered}/you-said-we-did")
    assert points(browser, "good-title") == [EDITED]
    assert not browser.find_elements(By.CSS_SELECTOR, ".preview-bar")
    check(browser, f"the published children's page at {width}")

    browser.get(f"{live_server}/staff/reports/{answered}")
    press(browser, "Unpublish")
    check(browser, f"the unpublish question at {width}")
    press(browser, "Yes, unpublish")
    with app.app_context():
        assert db.session.get(RoundReport, round_by_slug(answered).id).published is False
