"""Every response denies the browser features no page needs; HTTPS responses ask browsers to stay on HTTPS."""

from __future__ import annotations

import pytest

from survey_app import create_app
from survey_app.extensions import db

HSTS = "max-age=31536000; includeSubDomains"


@pytest.mark.parametrize("path", ["/", "/help", "/healthz", "/static/app.css", "/no-such-page", "/staff/sign-in"])
def test_every_response_denies_camera_microphone_location_and_advertising_topics(client, path):
    with client.get(path) as response:  # a static file is sent as an open file until closed
        policy = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in policy


def test_plain_http_gets_no_strict_transport_security(client):
    assert "Strict-Transport-Security" not in client.get("/help").headers


def test_https_requests_get_strict_transport_security(client):
    assert client.get("/help", base_url="https://localhost").headers["Strict-Transport-Security"] == HSTS


def test_the_hsts_setting_sends_it_on_every_response(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "HSTS", True)
    assert client.get("/help").headers["Strict-Transport-Security"] == HSTS


@pytest.mark.parametrize(("proxies", "sent"), [(1, True), (0, False)])
def test_https_at_a_trusted_proxy_counts_and_a_header_from_anyone_else_does_not(tmp_path, proxies, sent):
    behind = create_app({"TESTING": True, "SECRET_KEY": "s", "BEHIND_PROXIES": proxies,
                         "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'unused.sqlite'}"})
    try:
        headers = behind.test_client().get("/help", headers={"X-Forwarded-Proto": "https"}).headers
    finally:
        with behind.app_context():
            db.engine.dispose()
    assert ("Strict-Transport-Security" in headers) is sent
