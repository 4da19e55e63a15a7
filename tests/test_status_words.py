"""Status and kind words: one enum each (survey_app/models/statuses.py), and the database refuses others."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from survey_app.extensions import db
from survey_app.models import HeldFlag, ResponseRemoval, SafeguardingFlag, SurveyResponse, SurveyRound, statuses

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
        later = LATER_WORDS.get(table, ())  # added by a later migration
        assert words + later == tuple(ENUM_OF[table]), table


# action_findings.kind: 'meeting' added by h11loop01 (with meeting_findings.occasion)
LOOP_MIGRATION = MIGRATION.with_name("h11loop01_meetings_challenges_standing_reports.py")
LATER_WORDS = {"action_findings": ("meeting",)}


def test_the_between_rounds_migration_checks_exactly_the_finding_kinds_and_occasions():
    spec = importlib.util.spec_from_file_location("loop_migration", LOOP_MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert tuple(statuses.FindingKind) == module.KINDS
    assert tuple(statuses.Occasion) == module.OCCASIONS


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


# -- flag reasons and removal channels (migration d2a1kinds001) ----------------------------------------------
KINDS_MIGRATION = MIGRATION.with_name("d2a1kinds001_kind_words_checked.py")


def _kinds_migration():
    spec = importlib.util.spec_from_file_location("kinds_migration", KINDS_MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_second_migration_checks_exactly_the_words_of_flag_reasons_and_channels():
    known = {(table, column): words for table, column, words, _rowid in _kinds_migration().KNOWN}
    reasons_then = tuple(statuses.FlagReason)[:2]  # i12write01 adds "other_language"
    assert known == {("held_flags", "reason"): reasons_then,
                     ("safeguarding_flags", "reason"): reasons_then,
                     ("response_removals", "channel"): tuple(statuses.Channel)}


def test_the_languages_migration_allows_exactly_the_flag_reasons():
    spec = importlib.util.spec_from_file_location("write_migration", MIGRATION.with_name(
        "i12write01_written_answers_language_and_other_language_flags.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert tuple(statuses.FlagReason) == module.AFTER


def test_every_reason_and_channel_column_has_its_check_in_the_database(app):
    with app.app_context():
        inspector = inspect(db.engine)
        for table, column, _words, _rowid in _kinds_migration().KNOWN:
            names = [check["name"] for check in inspector.get_check_constraints(table)]
            assert f"ck_{table}_{column}_known" in names, (table, names)
        flag_checks = [check["name"] for check in inspector.get_check_constraints("safeguarding_flags")]
        assert "ck_safeguarding_flags_status_known" in flag_checks  # kept when the table was rebuilt


def _unknown_word_rows(round_id: int) -> dict[str, object]:
    today = dt.date(2026, 12, 1)
    return {
        "held_flags": HeldFlag(digest="d" * 64, round_id=round_id, question_id="q", reason="a hunch",
                               answer_text="x"),
        "safeguarding_flags": SafeguardingFlag(round_id=round_id, question_id="q", reason="a hunch",
                                               answer_text="x", raised_on=today),
        "response_removals": ResponseRemoval(round_id=round_id, count=1, channel="carrier pigeon",
                                             reason="Typed in by mistake", removed_by="w@council.example",
                                             removed_on=today),
    }


@pytest.mark.parametrize("table", ["held_flags", "safeguarding_flags", "response_removals"])
def test_the_database_refuses_a_reason_or_channel_the_app_does_not_know(app, make_round, table):
    slug = make_round("younger-children")
    with app.app_context():
        survey_round = db.session.scalar(select(SurveyRound).filter_by(slug=slug))
        db.session.add(_unknown_word_rows(survey_round.id)[table])
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_the_words_the_app_writes_are_the_enums(app, make_round):
    slug = make_round("younger-children")
    with app.app_context():
        survey_round = db.session.scalar(select(SurveyRound).filter_by(slug=slug))
        rows = _unknown_word_rows(survey_round.id)
        rows["held_flags"].reason = statuses.FlagReason.WORRYING_WORDS
        rows["safeguarding_flags"].reason = statuses.FlagReason.TRIGGER_ANSWER
        rows["response_removals"].channel = statuses.Channel.PAPER
        db.session.add_all(rows.values())
        db.session.commit()
        assert db.session.scalar(select(ResponseRemoval.channel)) == "paper"


def test_the_checks_come_off_and_back_on_sqlite_and_the_flag_tables_stay_without_rowid(tmp_path):
    from flask_migrate import downgrade, upgrade

    from survey_app import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "test", "PUBLIC_URL": "http://localhost",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrations.sqlite'}"})
    with app.app_context():
        upgrade()
        downgrade(revision="c6a1detect01")
        inspector = inspect(db.engine)
        assert not [check for table in ("safeguarding_flags", "response_removals")
                    for check in inspector.get_check_constraints(table)]
        upgrade()
        inspector = inspect(db.engine)
        assert {check["name"] for check in inspector.get_check_constraints("safeguarding_flags")} == {
            "ck_safeguarding_flags_status_known", "ck_safeguarding_flags_reason_known"}
        with db.engine.connect() as connection:
            for table in ("held_flags", "safeguarding_flags", "responses"):
                sql = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = :t"), {"t": table}).scalar()
                assert sql.rstrip().endswith("WITHOUT ROWID"), (table, sql)
        db.engine.dispose()
