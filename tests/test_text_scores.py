"""Written answers are scored once, when they are stored: sentiment and automatic theme codes kept on
the answer row; the report and the staff pages read them; a codebook change is recoded by a job."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import select, update

import analysis.sentiment
import analysis.themes
from analysis import redaction
from analysis.themes import fingerprint
from survey_app.extensions import db
from survey_app.models import Answer, Theme
from survey_app.moderation.coding import codebook, coded_answers
from survey_app.moderation.themes import ThemeInput, add_theme, change_theme
from survey_app.reporting.build import build
from survey_app.text_scores import recode_round, rescore

from .moderation import QUESTION, add_written_answers, restore_themes, round_id, worker  # noqa: F401

WORRIED = "i dont feel safe at school"


def questions_of(report) -> dict:
    return {question.id: question for priority in report.priorities for question in priority.questions}


def written_rows(app, rid: int) -> list[Answer]:
    with app.app_context():
        rows = db.session.scalars(select(Answer).where(Answer.round_id == rid, Answer.text.is_not(None))
                                  .order_by(Answer.text)).all()
        db.session.expunge_all()
        return list(rows)


def test_a_written_answer_sent_through_the_survey_is_stored_with_its_sentiment_and_themes(app, journey):
    child = journey("younger-children")
    where = child.begin()
    while where != "check":
        written = 'class="text" id="answer-0"' in child.page
        where = child.answer_and_go(WORRIED) if written else child.answer_and_go(skip=True)
    child.send()
    with app.app_context():
        rows = db.session.scalars(select(Answer).where(Answer.text.is_not(None))).all()
        key = fingerprint(codebook())
    assert len(rows) == 2  # the survey's two written questions
    for row in rows:
        assert row.text == WORRIED
        assert row.sentiment is not None and row.sentiment < -0.1
        assert "education" in row.themes.split() and "safety" in row.themes.split()
        assert row.codebook_key == key


def test_a_paper_answer_is_scored_when_it_is_entered(app, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["i love my foster carers", "nothing"])
    loved, nothing = written_rows(app, round_id(app, slug))
    assert loved.sentiment > 0.1 and nothing.sentiment == 0.0
    assert loved.themes == "placement" or "placement" in loved.themes.split()
    assert nothing.themes == ""
    assert loved.codebook_key == nothing.codebook_key is not None


def _never_score(*_args, **_kwargs):
    raise AssertionError("scored while the report was built: stored scores should have been read")


def test_the_report_reads_stored_scores_and_scores_nothing_itself(app, make_round, monkeypatch):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["i love my foster carers", "i hate school", "more money please"])
    monkeypatch.setitem(analysis.sentiment.SCORERS, analysis.sentiment.SCORER, _never_score)
    monkeypatch.setattr(analysis.themes._Matcher, "codes_of", _never_score)
    with app.app_context():
        report = build(round_id(app, slug), for_staff=True)
    question = questions_of(report)[QUESTION]
    assert question.sentiment is not None and question.sentiment.answers == 3
    assert {theme.code for theme in report.themes} >= {"placement", "education", "money"}


def test_answers_stored_without_scores_are_scored_by_the_report_and_counted(app, make_round, caplog):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["i love my foster carers", "i hate school"])
    rid = round_id(app, slug)
    with app.app_context():
        stored = build(rid, for_staff=True)
        db.session.execute(update(Answer).where(Answer.round_id == rid)
                           .values(sentiment=None, themes=None, codebook_key=None))
        db.session.commit()
        with caplog.at_level(logging.WARNING, logger=app.logger.name):
            computed = build(rid, for_staff=True)
    assert computed.to_json()["priorities"] == stored.to_json()["priorities"]
    assert questions_of(computed)[QUESTION].sentiment == questions_of(stored)[QUESTION].sentiment
    assert "2 written answers coded and 2 scored now" in caplog.text


@pytest.mark.usefixtures("worker")
def test_the_staff_overview_says_how_many_answers_it_had_to_score_itself(app, client, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["i love my foster carers", "i hate school", "more money please"])
    assert 'id="unscored"' not in client.get(f"/staff/rounds/{slug}/free-text").get_data(as_text=True)
    with app.app_context():
        db.session.execute(update(Answer).where(Answer.round_id == round_id(app, slug),
                                                Answer.text == "i hate school").values(sentiment=None))
        db.session.commit()
    page = client.get(f"/staff/rounds/{slug}/free-text").get_data(as_text=True)
    assert 'id="unscored"' in page and "tone of 1 answer." in page


@pytest.mark.usefixtures("restore_themes")
def test_recoding_after_a_codebook_change_stores_the_new_codes(app, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["i want a trampoline in the garden", "more money please"])
    rid = round_id(app, slug)
    before = {row.text: row for row in written_rows(app, rid)}
    with app.app_context():
        add_theme(ThemeInput(title="Outdoor play", priority_code="health", words="trampoline\ngarden"), "test")
        db.session.commit()
        new_key = fingerprint(codebook())
        assert "outdoor_play" in set(coded_answers(rid)["theme"])  # right before the job: coded on the fly
        done = recode_round(rid)
    after = {row.text: row for row in written_rows(app, rid)}
    assert done == 2
    assert before["i want a trampoline in the garden"].themes == ""
    assert after["i want a trampoline in the garden"].themes == "outdoor_play"
    assert after["more money please"].themes == before["more money please"].themes
    assert {row.codebook_key for row in after.values()} == {new_key} != {before["more money please"].codebook_key}
    assert after["more money please"].sentiment == before["more money please"].sentiment
    with app.app_context():
        assert recode_round(rid) == 0  # nothing left to recode


@pytest.mark.usefixtures("restore_themes")
def test_a_theme_retitled_without_new_words_needs_no_recoding(app, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["more money please"])
    with app.app_context():
        key = fingerprint(codebook())
        money = db.session.scalar(select(Theme).where(Theme.code == "money"))
        change_theme(money, ThemeInput(title="Money and bills", priority_code=money.priority_code,
                                       words=money.words), "test")
        db.session.commit()
        assert fingerprint(codebook()) == key
        assert recode_round(round_id(app, slug)) == 0


def test_the_cli_recodes_and_rescores_one_round(app, make_round, runner):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["i love my foster carers"])
    rid = round_id(app, slug)
    with app.app_context():
        db.session.execute(update(Answer).where(Answer.round_id == rid)
                           .values(sentiment=None, themes=None, codebook_key=None))
        db.session.commit()
    result = runner.invoke(args=["answers", "recode", "--round", slug])
    assert result.exit_code == 0, result.output
    assert "Coded 1 written answers" in result.output
    [row] = written_rows(app, rid)
    assert row.sentiment > 0.1 and "placement" in row.themes.split()
    result = runner.invoke(args=["answers", "rescore", "--round", slug])
    assert result.exit_code == 0 and "Scored 1 written answers" in result.output
    assert runner.invoke(args=["answers", "rescore", "--round", "no-such-round"]).exit_code != 0


def test_rescoring_writes_what_the_scorer_gives_now(app, make_round, monkeypatch):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["i love my foster carers", "nothing"])
    rid = round_id(app, slug)
    monkeypatch.setitem(analysis.sentiment.SCORERS, analysis.sentiment.SCORER, lambda text: 0.25)
    with app.app_context():
        assert rescore(rid) == 2
    assert {row.sentiment for row in written_rows(app, rid)} == {0.25}


def test_the_migration_scores_written_answers_stored_before_it(tmp_path):
    from flask_migrate import downgrade, upgrade

    from survey_app import create_app
    from survey_app.questionnaire.store import store

    other = create_app({"SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite'}"})
    with other.app_context():
        upgrade(revision="d2a1kinds001")
        stored, _new = store((Path(__file__).parent.parent / "questionnaires" / "younger-children.yaml")
                             .read_text(encoding="utf-8"), "test")
        # The round is written as the tables stood then (the model knows later columns).
        db.session.execute(sa.text("INSERT INTO survey_rounds (slug, title, questionnaire_version_id, status, "
                                   "created_on) VALUES ('migrated', 'Before', :v, 'open', '2026-11-30')"),
                           {"v": stored.id})
        round_id_ = db.session.scalar(sa.text("SELECT id FROM survey_rounds WHERE slug = 'migrated'"))
        db.session.commit()
        for number, text in enumerate(["i love my foster carers", "i dont feel safe", None]):
            response_id = f"{number:032x}"
            db.session.execute(sa.text("INSERT INTO responses (id, round_id, week_of, channel, mixed) "
                                       "VALUES (:i, :r, '2026-11-30', 'online', 0)"),
                               {"i": response_id, "r": round_id_})
            db.session.execute(sa.text("INSERT INTO answers (response_id, question_id, position, choice, text, "
                                       "skipped, round_id) VALUES (:i, :q, 0, NULL, :t, :s, :r)"),
                               {"i": response_id, "q": QUESTION, "t": text, "s": text is None, "r": round_id_})
        db.session.commit()
        upgrade()
        rows = db.session.execute(sa.text("SELECT text, sentiment, themes, codebook_key FROM answers "
                                          "ORDER BY response_id")).all()
        key = fingerprint(codebook())
        downgrade(revision="d2a1kinds001")  # and back: the columns go
        columns = {column["name"] for column in sa.inspect(db.engine).get_columns("answers")}
        db.session.remove()
        db.engine.dispose()
    loved, unsafe, skipped = rows
    assert loved.sentiment > 0.1 and "placement" in loved.themes.split() and loved.codebook_key == key
    assert unsafe.sentiment < -0.1 and "safety" in unsafe.themes.split()
    assert skipped.sentiment is None and skipped.themes is None
    assert not {"sentiment", "themes", "codebook_key"} & columns


def test_a_written_answer_is_redacted_once_when_stored_and_exports_use_that_wording(app, make_round, monkeypatch):
    from survey_app.models import Answer
    from survey_app.reporting import exports
    from survey_app.rounds.operations import round_by_slug
    from survey_app.text_scores import redact_again

    from .journey import Journey
    from .test_safeguarding_every_ending import answer_everything

    slug = make_round("younger-children")
    child = Journey(app.test_client(), slug)
    answer_everything(child, {"grow_up_to_be": "a vet like Jessica at 07700 900123"})
    child.send()
    with app.app_context():
        stored = db.session.scalar(sa.select(Answer).where(Answer.question_id == "grow_up_to_be"))
        assert "07700" not in stored.redacted and "Jessica" not in stored.redacted
        assert stored.redaction_key == redaction.rules_fingerprint()

        def no_redacting(_text):
            raise AssertionError("redacted again")

        monkeypatch.setattr(exports, "redact", no_redacting)
        rows = list(exports.response_rows(round_by_slug(slug).id, for_staff=True))
        assert stored.redacted in rows[1]
        monkeypatch.undo()
        db.session.execute(sa.update(Answer).values(redaction_key="older lists"))
        db.session.commit()
        assert redact_again() >= 1
        assert db.session.scalar(sa.select(Answer.redaction_key).where(Answer.question_id == "grow_up_to_be")) \
            == redaction.rules_fingerprint()
