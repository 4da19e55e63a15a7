"""Voices in Care: anonymous, child-friendly consultation and the "You said, we did" reply.

Importing the package loads no Flask: create_app() does, so analysis/ and plain scripts can use the
domain's Flask-free modules (the questionnaire loader and schema, the question types)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .paths import PACKAGE_DIR

if TYPE_CHECKING:
    from flask import Flask


def _migrations_dir() -> str:
    for candidate in (PACKAGE_DIR / "_migrations", PACKAGE_DIR.parent / "migrations"):
        if candidate.is_dir():
            return str(candidate)
    return str(PACKAGE_DIR.parent / "migrations")


def _sqlite_connection(dbapi_connection, _record) -> None:
    # Several requests write at once (one per young person); SQLite lets one write at a time.
    # Wait for the lock rather than fail with "database is locked", and use the write-ahead log
    # so pages that only read are never held up by a write.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 15000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def create_app(test_config: dict | None = None) -> Flask:
    from flask import Flask
    from sqlalchemy import event

    from .config import default_database_url, settings_from_environment
    from .extensions import compress, csrf, db, limiter, migrate
    from .logging_setup import init_logging
    from .paths import templates_dir

    app = Flask(__name__, template_folder=str(templates_dir()), instance_relative_config=True)
    overrides = test_config or {}
    instance = Path(app.instance_path)
    app.config.from_mapping(settings_from_environment(instance, overrides.get("SECRET_KEY")))
    app.config.from_mapping(overrides)
    # The instance folder holds only the default SQLite database (and demo mode's secret, made when it is
    # read): with DATABASE_URL set it is never made, so the app runs on a read-only filesystem.
    if app.config["SQLALCHEMY_DATABASE_URI"] == default_database_url(instance):
        instance.mkdir(parents=True, exist_ok=True)

    init_logging(app)

    db.init_app(app)
    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_connection)
    migrate.init_app(app, db, directory=_migrations_dir())
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    if app.config["BEHIND_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        proxies = app.config["BEHIND_PROXIES"]
        # X-Forwarded-For: the staff sign-in limit's address; X-Forwarded-Proto: HTTPS (HSTS, secure cookies).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]

    from . import models  # noqa: F401  (register the tables with SQLAlchemy)
    from .actions.cli import actions_cli
    from .answer_languages import FILTERS as ANSWER_LANGUAGE_FILTERS
    from .health import bp as health_bp
    from .involvement.cli import involvement_cli
    from .jobs.cli import jobs_cli
    from .languages import init_app as init_languages
    from .models import statuses
    from .pages import init_app as init_pages
    from .questionnaire.cli import questionnaires_cli
    from .questionnaire_check import cli as _check_command  # noqa: F401  (adds `questionnaires check`)

    # freshness counts changes to report data on every flush; pdf and stored register their kinds of job
    from .reporting import answered, freshness, pdf, present, standing_pdf, stored  # noqa: F401
    from .reports import bp as reports_bp
    from .reports.cli import report_command
    from .review import bp as review_bp
    from .rounds.cli import rounds_cli
    from .staff import bp as staff_bp
    from .staff.views import init_login
    from .survey import bp as survey_bp
    from .text_scores import answers_cli

    app.jinja_env.filters.update(present.FILTERS)
    app.jinja_env.filters.update(answered.FILTERS)
    app.jinja_env.filters.update(ANSWER_LANGUAGE_FILTERS)  # issue 12: the language of a written answer
    app.jinja_env.globals.update(statuses.TEMPLATE_NAMES)  # QuoteStatus.APPROVED and the others, for templates
    app.register_blueprint(survey_bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(health_bp)
    init_languages(app)
    init_login(app)
    init_pages(app)
    app.cli.add_command(questionnaires_cli)
    app.cli.add_command(rounds_cli)
    app.cli.add_command(actions_cli)
    app.cli.add_command(report_command)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(answers_cli)
    app.cli.add_command(involvement_cli)
    return app
