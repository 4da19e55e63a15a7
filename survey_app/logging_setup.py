"""Logs as one JSON object per line, holding nothing about who made a request or what they wrote.

A line has the time, level, logger, message and, inside a request, the endpoint and the URL rule
(`/r/<slug>/q/<question_id>`, never the filled-in path or query string). An exception is logged by its
type and the code locations of its traceback, never its message or local values, because a message can
quote what a young person typed. Werkzeug's request log (which holds the client address) stays off."""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback

from flask import Flask, has_request_context, request
from flask.logging import default_handler


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="seconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage() if record.name != "survey_app" or not record.exc_info
            else "unhandled exception",
        }
        if has_request_context():
            line["endpoint"] = request.endpoint
            line["rule"] = request.url_rule.rule if request.url_rule else None
            line["method"] = request.method
        if record.exc_info and record.exc_info[0] is not None:
            error_type, _error, trace = record.exc_info
            line["exception"] = error_type.__name__
            line["traceback"] = [f"{frame.filename}:{frame.lineno} in {frame.name}"
                                 for frame in traceback.extract_tb(trace)]
        return json.dumps(line, ensure_ascii=False)


def init_logging(app: Flask) -> None:
    app.logger.removeHandler(default_handler)
    # app.logger is shared by every app made in this process (same name): add the JSON handler once.
    if not any(isinstance(handler.formatter, JsonFormatter) for handler in app.logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        app.logger.addHandler(handler)
    if not app.debug:
        app.logger.setLevel(logging.INFO)
    # The development server logs each request with the caller's IP address. Young people's
    # requests must not leave that trail, so request lines are not logged at all.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
