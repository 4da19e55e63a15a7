"""Work a web process would otherwise do on its first pages, done once in gunicorn's master before it forks
its workers (gunicorn.conf.py, with preload_app): every template compiled and every language's catalogue
read. Workers are forked from the master, so each one, and each replacement after `max_requests`, starts
with them in memory instead of compiling templates while a young person waits for a page."""

from __future__ import annotations

from flask import Flask

TEMPLATE_ENDINGS = (".html", ".txt", ".xml", ".svg")


def warm(app: Flask) -> dict[str, int]:
    """Compile every template into the app's Jinja cache and load each language's catalogue into
    Flask-Babel's; returns how many of each, for the log."""
    from flask_babel import force_locale, get_translations

    from .languages import LANGUAGES

    environment = app.jinja_env
    names = [name for name in environment.list_templates() if name.endswith(TEMPLATE_ENDINGS)]
    for name in names:
        environment.get_template(name)
    with app.test_request_context():
        for code in LANGUAGES:
            with force_locale(code):
                get_translations()
    return {"templates": len(names), "languages": len(LANGUAGES)}
