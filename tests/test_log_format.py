"""LOG_FORMAT=json or text: either way a log line holds no address, no browser and nothing typed."""

from __future__ import annotations

import io
import json
import logging

import pytest
from flask import current_app, request

from survey_app import create_app
from survey_app.logging_setup import JsonFormatter, TextFormatter, init_logging

ADDRESS, DEVICE, MARKER = "203.0.113.77", "PhoneMaker 5150 for this test", "my secret words 6613"


@pytest.mark.parametrize(("chosen", "formatter"), [("json", JsonFormatter), ("text", TextFormatter)])
def test_a_request_logs_its_rule_and_never_the_address_the_browser_or_the_answer(
        app, database_url, monkeypatch, chosen, formatter):
    logged = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": database_url,
                         "WTF_CSRF_ENABLED": False, "PROPAGATE_EXCEPTIONS": False, "LOG_FORMAT": chosen})

    @logged.post("/r/<slug>/logs-for-this-test")
    def logs_for_this_test(slug):
        current_app.logger.warning("a warning from a survey page")
        raise ValueError(f"could not keep {request.form['answer']}")

    try:
        [handler] = [handler for handler in logged.logger.handlers if isinstance(handler.formatter, formatter)]
        log = io.StringIO()
        monkeypatch.setattr(handler, "stream", log)
        response = logged.test_client().post("/r/a-round/logs-for-this-test", data={"answer": MARKER},
                                             headers={"User-Agent": DEVICE}, environ_base={"REMOTE_ADDR": ADDRESS})
    finally:
        init_logging(app)  # the process's logger goes back to the session app's format
    assert response.status_code == 500
    text = log.getvalue()
    assert "a warning from a survey page" in text and "ValueError" in text and "/r/<slug>/logs-for-this-test" in text
    for secret in (ADDRESS, DEVICE, MARKER, "a-round"):
        assert secret not in text, secret
    if chosen == "json":
        lines = [json.loads(line) for line in text.splitlines()]
        assert {line["level"] for line in lines} == {"WARNING", "ERROR"}
        assert {"time", "level", "logger", "message"} <= set(lines[0])
    else:
        assert " WARNING survey_app: a warning from a survey page [endpoint=logs_for_this_test" in text
        assert " ERROR survey_app: unhandled exception [" in text


def test_an_unknown_log_format_is_refused_at_start(app, monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "xml")
    try:
        with pytest.raises(ValueError, match="LOG_FORMAT must be one of json, text"):
            create_app({"SECRET_KEY": "s", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    finally:
        init_logging(app)


def test_the_default_format_is_one_json_object_a_line(app):
    assert app.config["LOG_FORMAT"] == "json"
    formatters = [type(handler.formatter) for handler in logging.getLogger("survey_app").handlers]
    assert formatters == [JsonFormatter]
