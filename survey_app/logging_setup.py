"""Logs holding nothing about who made a request or what they wrote.

`LOG_FORMAT=json` (the default) writes one JSON object per line, for a log collector; `LOG_FORMAT=text`
writes the same fields as one readable line. A line has the time, level, logger, message and, inside a
request, the endpoint and the URL rule (`/r/<slug>/q/<question_id>`, never the filled-in path or query
string), and the method. Never the client's address or browser. An exception is logged by its type and the
code locations of its traceback, never its message or local values, because a message can quote what a
young person typed. Werkzeug's request log (the development server's, which holds the client address)
stays off; under gunicorn the access log is gunicorn.conf.py's, without address or browser."""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback

from flask import Flask, has_request_context, request
from flask.logging import default_handler

FORMATS = ("json", "text")


def _fields(record: logging.LogRecord) -> dict:
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
    return line


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(_fields(record), ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`time LEVEL logger: message [key=value ...]`, then the traceback's locations one per line."""

    def format(self, record: logging.LogRecord) -> str:
        line = _fields(record)
        head = f"{line.pop('time')} {line.pop('level')} {line.pop('logger')}: {line.pop('message')}"
        trace = line.pop("traceback", [])
        extra = " ".join(f"{key}={value}" for key, value in line.items())
        return "\n    ".join([f"{head} [{extra}]" if extra else head, *trace])


class _OurHandler(logging.StreamHandler):
    """The one handler init_logging adds, so a second app in the process replaces it, not adds another."""


def init_logging(app: Flask) -> None:
    chosen = app.config.get("LOG_FORMAT", "json")
    if chosen not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {chosen!r}")
    app.logger.removeHandler(default_handler)
    _log_with_ours(app.logger, chosen)
    if not app.debug:
        app.logger.setLevel(logging.INFO)
    # The development server logs each request with the caller's IP address. Young people's
    # requests must not leave that trail, so request lines are not logged at all.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def _log_with_ours(logger: logging.Logger, chosen: str) -> None:
    # A logger is shared by every app made in this process (same name): one handler of ours at a time.
    for handler in [handler for handler in logger.handlers if isinstance(handler, _OurHandler)]:
        logger.removeHandler(handler)
    handler = _OurHandler()
    handler.setFormatter(JsonFormatter() if chosen == "json" else TextFormatter())
    logger.addHandler(handler)


def log_like_the_app(app: Flask, name: str) -> None:
    """Send a library's logger (RQ's "rq" in the job worker) through the app's format, at INFO. RQ adds its
    own plain-text handlers only when its logger has none."""
    logger = logging.getLogger(name)
    _log_with_ours(logger, app.config.get("LOG_FORMAT", "json"))
    logger.setLevel(logging.INFO)
    logger.propagate = False
