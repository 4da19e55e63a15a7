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
- ``question_bases_sql``: per question, how many young people were shown it, answered it, and
  gave an answer other than "I'd rather not say" (the headline base).
- ``answer_cube_sql``: all of the next three in one pass (what the round report uses).
- ``grouped_counts_sql`` / ``grouped_people_sql``: answer counts per question, answer and group
  (the answer to a grouping question such as ``care_status``, and the channel), counted by the
  database, for breakdowns of rounds too big to load row by row.
- ``skipped_counts_sql``: per question, how many skipped it.
- ``channel_counts_sql``: responses per channel.
- ``text_answers_frame``: ``response_id, question_id, text`` of the free-text answers only.

Importing ``survey_app.questionnaire.loader`` loads the ``survey_app`` package (and with it Flask)
but nothing here uses Flask or needs an app context."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from survey_app.questionnaire.loader import load_text
from survey_app.questionnaire.schema import Questionnaire

from .tallies import ANSWER_COLUMNS, RATHER_NOT_SAY

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


QUESTION_BASE_COLUMNS = ["question_id", "shown", "answered", "given"]


def _in_round(round_id: int) -> sa.Subquery:
    return (
        sa.select(_answers)
        .join(_responses, _responses.c.id == _answers.c.response_id)
        .where(_responses.c.round_id == round_id)
        .subquery()
    )


def question_bases_sql(conn: Bind, round_id: int) -> pd.DataFrame:
    """Per question with any answer row: young people shown it (``shown``), who did not skip it
    (``answered``, "I'd rather not say" included) and who chose a real answer or wrote something
    (``given``: not skipped, not "I'd rather not say"). People, not rows."""
    rows = _in_round(round_id)
    not_skipped = sa.not_(rows.c.skipped)
    real = sa.and_(not_skipped, sa.or_(rows.c.choice.is_(None), rows.c.choice != RATHER_NOT_SAY))
    statement = (
        sa.select(
            rows.c.question_id,
            sa.func.count(sa.distinct(rows.c.response_id)),
            sa.func.count(sa.distinct(sa.case((not_skipped, rows.c.response_id)))),
            sa.func.count(sa.distinct(sa.case((real, rows.c.response_id)))),
        )
        .group_by(rows.c.question_id)
        .order_by(rows.c.question_id)
    )
    return _frame(conn, statement, QUESTION_BASE_COLUMNS).astype(
        {"shown": "int64", "answered": "int64", "given": "int64"}
    )


def _grouped(
    round_id: int, by: Sequence[str], channel: bool, everything: bool = False
) -> tuple[list, list[str], sa.Select]:
    """The answer rows with a choice (every row with ``everything``), each with its response's answer
    to every ``by`` question and its channel.

    The groups are worked out once per response (a materialised CTE over the responses of the
    round) and joined to the answers once, rather than looking up each answer's group answers row by
    row: on 100,000 responses × 25 questions that halves the time on PostgreSQL and SQLite."""
    group_columns = [_responses.c.id.label("id"), _responses.c.channel.label("channel")]
    joined_groups = _responses
    for question_id in by:
        group = _answers.alias(f"by_{question_id}")
        joined_groups = joined_groups.outerjoin(group, sa.and_(
            group.c.response_id == _responses.c.id,
            group.c.question_id == question_id,
            sa.not_(group.c.skipped),
        ))
        group_columns.append(group.c.choice.label(f"by_{question_id}"))
    groups = (
        sa.select(*group_columns).select_from(joined_groups).where(_responses.c.round_id == round_id)
        .cte("response_groups").prefix_with("MATERIALIZED")
    )
    columns = [_answers.c.question_id, _answers.c.choice, *[groups.c[f"by_{question_id}"] for question_id in by]]
    names = ["question_id", "choice", *[f"by_{question_id}" for question_id in by]]
    if channel:
        columns.append(groups.c.channel)
        names.append("channel")
    statement = sa.select().select_from(_answers.join(groups, groups.c.id == _answers.c.response_id))
    if not everything:
        statement = statement.where(_answers.c.choice.is_not(None), sa.not_(_answers.c.skipped))
    return columns, names, statement


def answer_cube_sql(conn: Bind, round_id: int, by: Sequence[str] = (), channel: bool = False) -> pd.DataFrame:
    """Everything a report counts, in one pass over the round's answers: ``question_id, choice,
    skipped, by_<question>…, [channel], rows, firsts`` — answer rows per question, answer value
    (None for a skip or a written answer), skipped flag and group, and how many of them are a
    person's first row for the question (``position`` 0), which counts people for multiple choice.

    Rows with a choice are people per answer (a person never ticks one answer twice); skipped rows
    are people who skipped; rows with neither are written answers."""
    columns, names, statement = _grouped(round_id, by, channel, everything=True)
    columns = [columns[0], columns[1], _answers.c.skipped, *columns[2:]]
    names = [names[0], names[1], "skipped", *names[2:]]
    first = sa.func.sum(sa.case((_answers.c.position == 0, 1), else_=0))
    statement = statement.with_only_columns(*columns, sa.func.count(), first).group_by(*columns)
    return _frame(conn, statement, [*names, "rows", "firsts"]).astype(
        {"rows": "int64", "firsts": "int64", "skipped": bool}
    )


def grouped_counts_sql(conn: Bind, round_id: int, by: Sequence[str] = (), channel: bool = False) -> pd.DataFrame:
    """``question_id, choice, by_<question>…, [channel], count``: young people per answer value and
    group, skips left out. ``by`` names single-answer questions (care_status, living_with…); a
    response that skipped one or never saw it has None there. A person has at most one row per
    question and answer value (multiple choice refuses repeats), so counting rows counts people."""
    columns, names, statement = _grouped(round_id, by, channel)
    statement = statement.with_only_columns(*columns, sa.func.count()).group_by(*columns)
    return _frame(conn, statement, [*names, "count"]).astype({"count": "int64"})


def grouped_people_sql(
    conn: Bind, round_id: int, question_ids: Sequence[str], by: Sequence[str] = (), channel: bool = False
) -> pd.DataFrame:
    """``question_id, by_<question>…, [channel], people``: young people who chose any answer to each of
    ``question_ids`` per group — needed for multiple-choice questions, where answer counts add up to
    more than the people who answered."""
    columns, names, statement = _grouped(round_id, by, channel)
    keys = [column for column in columns if column is not _answers.c.choice]
    statement = (
        statement.where(_answers.c.question_id.in_(list(question_ids)))
        .with_only_columns(*keys, sa.func.count(sa.distinct(_answers.c.response_id)))
        .group_by(*keys)
    )
    return _frame(conn, statement, [name for name in names if name != "choice"] + ["people"]).astype(
        {"people": "int64"}
    )


def skipped_counts_sql(conn: Bind, round_id: int) -> pd.DataFrame:
    """``question_id, skipped``: young people who were shown each question and skipped it (a skip is
    one row per person and question, so rows are people)."""
    statement = (
        sa.select(_answers.c.question_id, sa.func.count())
        .join(_responses, _responses.c.id == _answers.c.response_id)
        .where(_responses.c.round_id == round_id, _answers.c.skipped)
        .group_by(_answers.c.question_id)
        .order_by(_answers.c.question_id)
    )
    return _frame(conn, statement, ["question_id", "skipped"]).astype({"skipped": "int64"})


def channel_counts_sql(conn: Bind, round_id: int) -> pd.DataFrame:
    """``channel, responses``: how many responses came in online and on paper."""
    statement = (
        sa.select(_responses.c.channel, sa.func.count())
        .where(_responses.c.round_id == round_id)
        .group_by(_responses.c.channel)
        .order_by(_responses.c.channel)
    )
    return _frame(conn, statement, ["channel", "responses"]).astype({"responses": "int64"})


def text_answers_frame(conn: Bind, round_id: int, question_ids: Sequence[str]) -> pd.DataFrame:
    """``response_id, question_id, text``: the written answers (not skipped, not empty) to
    ``question_ids``, in a stable order. Only staff code may look at these."""
    statement = (
        sa.select(_answers.c.response_id, _answers.c.question_id, _answers.c.text)
        .join(_responses, _responses.c.id == _answers.c.response_id)
        .where(
            _responses.c.round_id == round_id,
            _answers.c.question_id.in_(list(question_ids)),
            sa.not_(_answers.c.skipped),
            _answers.c.text.is_not(None),
            _answers.c.text != "",
        )
        .order_by(_answers.c.question_id, _answers.c.response_id)
    )
    return _frame(conn, statement, ["response_id", "question_id", "text"])
