"""The one module that knows the database shape: round data out of SQL into tidy DataFrames.

Plain SQLAlchemy Core (no Flask, no ORM models): every function takes an ``Engine`` or a
``Connection`` and a round id, so a notebook can point it at a copy of the database. Everything
else in ``analysis`` works on the frames these functions return:

- ``answers_frame``: ``response_id, question_id, choice, text, skipped, channel`` — one row per
  stored answer row (a multiple-choice answer has a row per ticked option).
- ``responses_frame``: ``response_id, channel, week_of``.
- ``questions_frame`` / ``options_frame``: the questionnaire a round froze, as frames.
- ``cohorts_frame``: ``group, cohort`` — how many young people the round hoped to hear from.
- ``choice_counts_sql``: ``analysis.tallies.choice_counts`` with the counting done by the database.

Importing ``survey_app.questionnaire.loader`` loads the ``survey_app`` package (and with it Flask)
but nothing here uses Flask or needs an app context."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from survey_app.questionnaire.loader import load_text
from survey_app.questionnaire.schema import Questionnaire

from .tallies import ANSWER_COLUMNS

ANSWERS_COLUMNS = [*ANSWER_COLUMNS, "channel"]
RESPONSES_COLUMNS = ["response_id", "channel", "week_of"]
QUESTIONS_COLUMNS = ["question_id", "type", "text", "priority", "section_id", "is_scale"]
OPTIONS_COLUMNS = ["question_id", "value", "label", "position"]
COHORTS_COLUMNS = ["group", "cohort"]
CHOICE_COUNT_COLUMNS = ["question_id", "choice", "count", "answered", "percent"]

# The tables as far as analysis needs them (the models in survey_app.models are the source of truth).
_responses = sa.table(
    "responses",
    sa.column("id", sa.String),
    sa.column("round_id", sa.Integer),
    sa.column("week_of", sa.Date),
    sa.column("channel", sa.String),
)
_answers = sa.table(
    "answers",
    sa.column("response_id", sa.String),
    sa.column("question_id", sa.String),
    sa.column("position", sa.Integer),
    sa.column("choice", sa.String),
    sa.column("text", sa.Text),
    sa.column("skipped", sa.Boolean),
)
_rounds = sa.table(
    "survey_rounds",
    sa.column("id", sa.Integer),
    sa.column("questionnaire_version_id", sa.Integer),
)
_versions = sa.table(
    "questionnaire_versions",
    sa.column("id", sa.Integer),
    sa.column("key", sa.String),
    sa.column("version", sa.Integer),
    sa.column("source", sa.Text),
)
_cohorts = sa.table(
    "round_cohorts",
    sa.column("round_id", sa.Integer),
    sa.column("group", sa.String),
    sa.column("expected", sa.Integer),
)

Bind = Engine | Connection


@contextmanager
def _connection(bind: Bind) -> Iterator[Connection]:
    if isinstance(bind, Engine):
        with bind.connect() as connection:
            yield connection
    else:
        yield bind


def _frame(bind: Bind, statement: sa.Select, columns: list[str]) -> pd.DataFrame:
    with _connection(bind) as connection:
        rows = connection.execute(statement).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=columns)


def answers_frame(conn: Bind, round_id: int) -> pd.DataFrame:
    """Every answer row of a round, with the channel of its response, in a stable order."""
    statement = (
        sa.select(
            _answers.c.response_id, _answers.c.question_id, _answers.c.choice, _answers.c.text,
            _answers.c.skipped, _responses.c.channel,
        )
        .join(_responses, _responses.c.id == _answers.c.response_id)
        .where(_responses.c.round_id == round_id)
        .order_by(_answers.c.response_id, _answers.c.question_id, _answers.c.position)
    )
    return _frame(conn, statement, ANSWERS_COLUMNS).astype({"skipped": bool})


def responses_frame(conn: Bind, round_id: int) -> pd.DataFrame:
    """One row per response of a round: its channel (online / paper) and the Monday of its week."""
    statement = (
        sa.select(_responses.c.id, _responses.c.channel, _responses.c.week_of)
        .where(_responses.c.round_id == round_id)
        .order_by(_responses.c.id)
    )
    return _frame(conn, statement, RESPONSES_COLUMNS)


def cohorts_frame(conn: Bind, round_id: int) -> pd.DataFrame:
    """The cohort sizes entered for a round, per group (input to ``response_rates``)."""
    statement = (
        sa.select(_cohorts.c.group, _cohorts.c.expected)
        .where(_cohorts.c.round_id == round_id)
        .order_by(_cohorts.c.group)
    )
    return _frame(conn, statement, COHORTS_COLUMNS).astype({"cohort": int})


def questionnaire_of_round(conn: Bind, round_id: int) -> Questionnaire:
    """The questionnaire version a round froze, parsed from the YAML source kept with it."""
    statement = (
        sa.select(_versions.c.key, _versions.c.version, _versions.c.source)
        .join(_rounds, _rounds.c.questionnaire_version_id == _versions.c.id)
        .where(_rounds.c.id == round_id)
    )
    with _connection(conn) as connection:
        row = connection.execute(statement).one()
    return load_text(row.source, f"{row.key} v{row.version}")


def questions_frame(questionnaire: Questionnaire) -> pd.DataFrame:
    """One row per question, in questionnaire order; ``is_scale`` is true for the smiley scales."""
    return pd.DataFrame(
        [
            (question.id, question.type, question.text, question.priority, question.section_id, question.is_smiley)
            for question in questionnaire.questions
        ],
        columns=QUESTIONS_COLUMNS,
    ).astype({"is_scale": bool})


def options_frame(questionnaire: Questionnaire) -> pd.DataFrame:
    """One row per option of each choice question (including "I'd rather not say"), in screen order."""
    return pd.DataFrame(
        [
            (question.id, option.value, option.label, position)
            for question in questionnaire.questions
            for position, option in enumerate(question.options)
        ],
        columns=OPTIONS_COLUMNS,
    )


def choice_counts_sql(conn: Bind, round_id: int) -> pd.DataFrame:
    """Same frame as ``analysis.tallies.choice_counts(answers_frame(conn, round_id))``, counted in SQL.

    The database counts people per choice and people who answered per question; only the
    percentage (rounded the pandas way) and the order are done here, so both versions agree exactly."""
    in_round = (
        sa.select(_answers)
        .join(_responses, _responses.c.id == _answers.c.response_id)
        .where(_responses.c.round_id == round_id)
        .subquery()
    )
    answered = (
        sa.select(
            in_round.c.question_id,
            sa.func.count(sa.distinct(in_round.c.response_id)).label("answered"),
        )
        .where(sa.not_(in_round.c.skipped))
        .group_by(in_round.c.question_id)
        .subquery()
    )
    chosen = (
        sa.select(
            in_round.c.question_id,
            in_round.c.choice,
            sa.func.count(sa.distinct(in_round.c.response_id)).label("count"),
        )
        .where(in_round.c.choice.is_not(None), sa.not_(in_round.c.skipped))
        .group_by(in_round.c.question_id, in_round.c.choice)
        .subquery()
    )
    statement = sa.select(chosen.c.question_id, chosen.c.choice, chosen.c["count"], answered.c.answered).join(
        answered, answered.c.question_id == chosen.c.question_id
    )
    return (
        _frame(conn, statement, CHOICE_COUNT_COLUMNS[:-1])
        .astype({"count": "int64", "answered": "int64"})
        .assign(percent=lambda frame: (100 * frame["count"] / frame["answered"]).round(1))
        .sort_values(["question_id", "choice"])
        .reset_index(drop=True)[CHOICE_COUNT_COLUMNS]
    )
