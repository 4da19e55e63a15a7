"""Real headless Chromium against the app served on 127.0.0.1: Debian's chromium and chromedriver
only. Nothing here may download a browser or driver, so Selenium Manager is switched off."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from ..conftest import missing

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver")
PHONE = (375, 667)

# Selenium Manager (a bundled binary that downloads browsers and drivers) must never run. Giving
# the driver path skips it; SE_OFFLINE keeps it off the network if anything ever called it anyway.
os.environ["SE_OFFLINE"] = "true"


def _no_selenium_manager(*_args, **_kwargs):
    raise RuntimeError("Selenium Manager was about to run; tests must use /usr/bin/chromedriver")


@pytest.fixture(scope="session")
def live_server(app):
    """The app on a free port of 127.0.0.1, in a daemon thread; its base URL, no trailing slash."""
    server = make_server(host="127.0.0.1", port=0, app=app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def _launch(*, javascript: bool = True):
    if not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()):
        missing(f"Chromium ({CHROMIUM}) or ChromeDriver ({CHROMEDRIVER}) is not installed "
                "(Debian: apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common import selenium_manager

    selenium_manager.SeleniumManager.binary_paths = _no_selenium_manager

    profile = tempfile.mkdtemp(prefix="voices-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                     "--disable-dev-shm-usage", "--hide-scrollbars",
                     f"--window-size={PHONE[0]},{PHONE[1]}", f"--user-data-dir={profile}"):
        options.add_argument(argument)
    if not javascript:
        options.add_argument("--blink-settings=scriptEnabled=false")
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    except Exception:
        shutil.rmtree(profile, ignore_errors=True)
        raise
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver, profile


@pytest.fixture(scope="session")
def _chromium():
    driver, profile = _launch()
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def _chromium_without_js():
    driver, profile = _launch(javascript=False)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _fresh(driver):
    """Each test starts like a phone that never saw the survey: no cookies, phone-sized, empty log."""
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.set_window_size(*PHONE)
    driver.get_log("performance")
    driver.get_log("browser")
    return driver


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """After a failure, say where the browser was and what it showed, beside the failure."""
    report = yield
    if report.when == "call" and report.failed:
        for name in ("browser", "browser_without_js"):
            driver = getattr(item, "funcargs", {}).get(name)
            if driver is None:
                continue
            try:
                text = f"{driver.current_url}\n{driver.find_element('tag name', 'body').text[:3000]}"
            except Exception as error:  # noqa: BLE001 - only a diagnostic
                text = f"(could not read the page: {error})"
            report.sections.append((f"page in {name}", text))
    return report


@pytest.fixture
def browser(_chromium, live_server):
    """Headless Chromium the size of a phone (375x667), JavaScript on."""
    return _fresh(_chromium)


@pytest.fixture
def browser_without_js(_chromium_without_js, live_server):
    """A second Chromium with JavaScript switched off."""
    return _fresh(_chromium_without_js)


def phone_screen(driver):
    """The page area of a 375x667 phone exactly (a headless window's size includes its own bars)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": PHONE[0], "height": PHONE[1], "deviceScaleFactor": 2, "mobile": True})
    return driver


@pytest.fixture
def phone(browser):
    """`browser` showing pages in exactly 375x667 CSS pixels, as a phone's screen."""
    yield phone_screen(browser)
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture
def phone_without_js(browser_without_js):
    """`browser_without_js` showing pages in exactly 375x667 CSS pixels."""
    yield phone_screen(browser_without_js)
    browser_without_js.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
