"""Status and kind words: one enum each (survey_app/models/statuses.py), and the database refuses others."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from survey_app.extensions import db
from survey_app.models import SurveyResponse, SurveyRound, statuses

MIGRATION = Path(__file__).resolve().parents[1] / "migrations" / "versions" / "d1a1status01_status_words_checked.py"
ENUM_OF = {
    "survey_rounds": statuses.RoundStatus, "questionnaire_versions": statuses.VersionStatus,
    "quotes": statuses.QuoteStatus, "actions": statuses.ActionStatus, "action_findings": statuses.FindingKind,
    "safeguarding_flags": statuses.FlagStatus, "responses": statuses.Channel,
}


def _migration():
    spec = importlib.util.spec_from_file_location("status_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_checks_exactly_the_words_of_each_enum():
    known = _migration().KNOWN
    assert set(known) == set(ENUM_OF)
    for table, (_column, words, _rowid) in known.items():
        assert words == tuple(ENUM_OF[table]), table


def test_every_status_column_has_its_check_in_the_database(app):
    with app.app_context():
        inspector = inspect(db.engine)
        for table, (column, _words, _rowid) in _migration().KNOWN.items():
            names = [check["name"] for check in inspector.get_check_constraints(table)]
            assert f"ck_{table}_{column}_known" in names, (table, names)


@pytest.mark.parametrize("table", ["survey_rounds", "questionnaire_versions"])
def test_the_database_refuses_a_status_the_app_does_not_know(app, make_round, table):
    make_round("younger-children")
    with app.app_context(), pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(text(f"UPDATE {table} SET status = 'whatever'"))


def test_the_database_refuses_a_response_that_came_by_an_unknown_way(app, make_round):
    slug = make_round("younger-children")
    with app.app_context():
        survey_round = db.session.scalar(select(SurveyRound).filter_by(slug=slug))
        db.session.add(SurveyResponse(round_id=survey_round.id, week_of=dt.date(2026, 11, 30),
                                      channel="carrier pigeon"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
