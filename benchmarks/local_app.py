"""A throwaway copy of the app on SQLite in a temporary folder, with the shipped questionnaires (and
their translations) loaded and one open round, for the in-process measurements."""

from __future__ import annotations

import contextlib
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

from flask import Flask


@contextlib.contextmanager
def sqlite_app(questionnaire_key: str) -> Iterator[tuple[Flask, str]]:
    """(app, slug of an open round of questionnaire_key); everything is deleted afterwards."""
    from flask_migrate import upgrade

    from survey_app import create_app
    from survey_app.extensions import db
    from survey_app.questionnaire.store import latest, shipped_files, store
    from survey_app.questionnaire.translations import shipped_translation_files, store_shipped
    from survey_app.rounds.operations import open_round

    with tempfile.TemporaryDirectory(prefix="voices-bench-") as folder:
        app = create_app({
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite'}",
        })
        with app.app_context():
            with contextlib.redirect_stderr(io.StringIO()):  # alembic's INFO lines
                upgrade()
            for path in shipped_files():
                store(path.read_text(encoding="utf-8"), str(path))
            for path in shipped_translation_files():
                store_shipped(path)
            stored = latest(questionnaire_key)
            if stored is None:
                raise RuntimeError(f"no shipped questionnaire '{questionnaire_key}'")
            slug = open_round(stored).slug
            db.session.commit()
        try:
            yield app, slug
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def another_round(app: Flask, questionnaire_key: str) -> str:
    """Open a round of another shipped questionnaire in the app `sqlite_app` gave; its slug."""
    from survey_app.extensions import db
    from survey_app.questionnaire.store import latest
    from survey_app.rounds.operations import open_round

    with app.app_context():
        slug = open_round(latest(questionnaire_key)).slug
        db.session.commit()
        return slug
