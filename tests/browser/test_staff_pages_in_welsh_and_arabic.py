"""The staff pages whose words are translated here (dashboard, builder, actions, paper responses,
challenges, meetings, involvement, password), in Welsh and in Arabic (right to left), at 375 px in real
Chromium: nothing scrolls sideways and axe-core finds no problem. The pages and their data are those of
test_staff_page_widths."""

from __future__ import annotations

import pytest

from .test_staff_page_widths import measure, pages, set_width, sign_in_as_everyone  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

TRANSLATED = ("staff.dashboard", "staff.builder_", "staff.actions_", "staff.paper", "staff.challenges",
              "staff.meetings", "staff.involvement", "staff.password")


@pytest.mark.parametrize("language", ["cy", "ar"])
def test_translated_staff_pages_fit_375_px_and_have_no_accessibility_problems(
        browser, live_server, pages, language):  # noqa: F811 (pages is the fixture imported above)
    found, problems = pages
    ours = {endpoint: url for endpoint, url in found.items() if endpoint.startswith(TRANSLATED)}
    assert len(ours) > 20, sorted(ours)
    sign_in_as_everyone(browser, live_server)
    browser.get(f"{live_server}/staff/?lang={language}")  # kept in the session from here on
    direction = "rtl" if language == "ar" else "ltr"
    for endpoint, url in ours.items():
        set_width(browser, 375)
        browser.get(f"{live_server}{url}")
        assert browser.execute_script("return document.documentElement.lang") == language, endpoint
        assert browser.execute_script("return document.documentElement.dir") == direction, endpoint
        problems += [f"{language}: {problem}" for problem in measure(browser, endpoint, 375)]
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert not problems, "\n".join(problems)
