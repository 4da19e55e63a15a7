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
- ``channel_counts_sql``: responses per channel.
- ``text_answers_frame``: ``response_id, question_id, text`` of the free-text answers only.

For big rounds (100,000 responses) the board report does not load answer rows at all:

- ``round_distribution(conn, round_id, group_questions)``: the round's joint distribution, counted
  by the database in one pass: one row per combination of ``<each group question id>, channel,
  question_id, choice, skipped`` that occurs, with ``rows`` (answer rows: for a multiple-choice
  question, ticks) and ``people`` (rows at position 0: one per person who was shown the question).
  A group column holds the response's answer to that question (its position-0 row), the string
  ``"rather_not_say"`` when they skipped it or said they would rather not say, and None when it was
  not shown to them. ``choice`` is None on skipped rows and free-text rows (``skipped`` tells them
  apart). A few thousand rows; ``analysis.aggregates`` turns it into the tallies and breakdowns.
  It reads ``answers.round_id`` through ``ix_answers_round_question`` (migration b8d9e0f1a2c3),
  makes and drops temporary tables (``vic_group_<n>``, ``vic_round_groups``) on the connection, and
  on PostgreSQL turns JIT off and gives the count ``WORK_MEM`` for the current transaction
  (``SET LOCAL jit = off``, ``SET LOCAL work_mem``).
- ``answers_of_questions(conn, round_id, question_ids)``: ``answers_frame`` limited to those
  questions (for ``groups_from_answer`` → ``response_rates``: one row per response, not 27).
- ``text_answers_frame(conn, round_id)``: ``response_id, question_id, text`` — only the free-text
  answers (non-empty ``text``), in a stable order: the input of ``analysis.themes.code_answers``.

- ``written_summary(conn, round_id, codebook_key)``: the same, counted by the database: per question,
  how many answers have each set of stored theme codes and the sums of their stored sentiment, plus
  ``text_scores_frame``'s rows for the few answers with something missing. What the board report and
  the staff overview read: a few hundred rows for a round of 100,000 written answers.
- ``text_scores_frame(conn, round_id, codebook_key)``: ``response_id, question_id, polarity, themes,
  text`` — the written answers with the sentiment and theme codes stored when they were stored; the
  text only where something must still be computed. The input of the report's and staff pages'
  sentiment and themes, instead of scoring every answer on every view.

Nothing here imports Flask or needs an app context (``survey_app.questionnaire.loader`` doesn't either)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from survey_app.questionnaire.loader import ANY_PRIORITY, load_text
from survey_app.questionnaire.schema import Questionnaire

from .sentiment import NEGATIVE_BELOW, POSITIVE_ABOVE
from .tallies import ANSWER_COLUMNS

ANSWERS_COLUMNS = [*ANSWER_COLUMNS, "channel"]
RESPONSES_COLUMNS = ["response_id", "channel", "week_of"]
QUESTIONS_COLUMNS = ["question_id", "type", "text", "priority", "section_id", "is_scale"]
OPTIONS_COLUMNS = ["question_id", "value", "label", "position"]
COHORTS_COLUMNS = ["group", "cohort"]
CHOICE_COUNT_COLUMNS = ["question_id", "choice", "count", "answered", "percent"]
DISTRIBUTION_COLUMNS = ["channel", "question_id", "choice", "skipped", "rows", "people"]
TEXT_ANSWER_COLUMNS = ["response_id", "question_id", "text"]
DECLINED = "rather_not_say"
WORK_MEM = "64MB"  # PostgreSQL memory for round_distribution's join and sorts (SET LOCAL)

# The tables as far as analysis needs them (the models in survey_app.models are the source of truth).
_responses = sa.table(
    "responses",
    sa.column("id", sa.String),
    sa.column("round_id", sa.Integer),
    sa.column("week_of", sa.Date),
    sa.column("channel", sa.String),
    sa.column("language", sa.String),
)
_answers = sa.table(
    "answers",
    sa.column("response_id", sa.String),
    sa.column("question_id", sa.String),
    sa.column("position", sa.Integer),
    sa.column("choice", sa.String),
    sa.column("text", sa.Text),
    sa.column("skipped", sa.Boolean),
    sa.column("round_id", sa.Integer),
    sa.column("sentiment", sa.Float),
    sa.column("themes", sa.Text),
    sa.column("codebook_key", sa.String),
)
_manual = sa.table(
    "manual_codings",
    sa.column("response_id", sa.String),
    sa.column("question_id", sa.String),
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


def answers_of_questions(conn: Bind, round_id: int, question_ids: Sequence[str]) -> pd.DataFrame:
    """``answers_frame`` of the round limited to a few questions (e.g. the group questions for
    ``analysis.breakdowns.groups_from_answer`` and ``response_rates``), read through
    ``ix_answers_round_question``: about 100,000 rows per question in a big round, not 2.7 million."""
    statement = (
        sa.select(
            _answers.c.response_id, _answers.c.question_id, _answers.c.choice, _answers.c.text,
            _answers.c.skipped, _responses.c.channel,
        )
        .join(_responses, _responses.c.id == _answers.c.response_id)
        .where(_answers.c.round_id == round_id, _answers.c.question_id.in_(list(question_ids)))
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
    return load_text(row.source, f"{row.key} v{row.version}", ANY_PRIORITY)


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


def round_distribution(conn: Bind, round_id: int, group_questions: Sequence[str] = ()) -> pd.DataFrame:
    """The round's answers counted by the database per group values, question, choice and skip.

    Columns: ``*group_questions, channel, question_id, choice, skipped, rows, people`` (see the module
    docstring), one row per combination that occurs, sorted. Each response's group values are found
    once (its position-0 answer to each group question, read from ``ix_answers_round_question``);
    then every answer row of the round is counted against them in one pass."""
    group_questions = list(dict.fromkeys(group_questions))
    clash = set(group_questions) & set(DISTRIBUTION_COLUMNS)
    if clash:
        raise ValueError(f"a group question may not be called {', '.join(sorted(clash))}")
    with _connection(conn) as connection:
        frame = _distribution_by_key(connection, round_id, group_questions)
    columns = [*group_questions, *DISTRIBUTION_COLUMNS]
    return (
        frame.astype({"skipped": bool, "rows": "int64", "people": "int64"})
        .sort_values(columns[:-2], na_position="first", kind="stable")
        .reset_index(drop=True)[columns]
    )


def _distribution_by_key(connection: Connection, round_id: int, group_questions: list[str]) -> pd.DataFrame:
    """Each response's combination of group values is numbered (``key``) in a temporary table, made
    from the covering index; answers are then counted per question, choice, skipped, position and
    key, and the keys turned back into group values here.

    PostgreSQL counts with a hash aggregate (JIT off: compiling costs more than it saves here).
    SQLite has no hash aggregate: a GROUP BY that includes the key would sort all 2.7 million
    answer rows (about 2 s). There answers are read in ``ix_answers_round_question`` order, so grouping
    by question, choice, skipped and position streams without sorting, and each group carries its keys
    as one character per answer row (``char(256 + key)``), counted with ``numpy.bincount``."""
    sqlite = connection.dialect.name == "sqlite"

    def run(sql: str, **parameters: object) -> sa.CursorResult:
        return connection.execute(sa.text(sql), parameters)

    suffix = " WITHOUT ROWID" if sqlite else ""
    temp = "temp." if sqlite else "pg_temp."  # DROP must never find a real table of the same name
    if not sqlite:
        run("SET LOCAL jit = off")
        # EXPLAIN ANALYZE at 100,000 responses: with the default work_mem (4 MB) the join of 2.7 million
        # answer rows to their keys ran in batches written to disk (~100 MB of temp files) and the sorts
        # of the key tables too; in memory the count takes about half the time. For this transaction only.
        run(f"SET LOCAL work_mem = '{WORK_MEM}'")
    made: list[str] = []
    try:
        joins, codes = [], []
        for index, question_id in enumerate(group_questions):
            table = f"vic_group_{index}"
            run(f"DROP TABLE IF EXISTS {temp}{table}")
            run(f"CREATE TEMPORARY TABLE {table} (response_id VARCHAR(32) PRIMARY KEY, value VARCHAR(64)){suffix}")
            made.append(table)
            run(f"INSERT INTO {table} (response_id, value) SELECT response_id, "
                f"CASE WHEN skipped OR choice IS NULL THEN '{DECLINED}' ELSE choice END FROM answers "
                "WHERE round_id = :round_id AND question_id = :question_id AND position = 0",
                round_id=round_id, question_id=question_id)
            if not sqlite:
                run(f"ANALYZE {table}")  # a temporary table has no statistics: the join's hash was sized for 29,000
            found = [None, *sorted(row[0] for row in run(f"SELECT DISTINCT value FROM {table}"))]
            joins.append(f"LEFT JOIN {table} AS g{index} ON g{index}.response_id = r.id")
            codes.append((f"g{index}.value", found))
        channels = run("SELECT DISTINCT channel FROM responses WHERE round_id = :round_id", round_id=round_id)
        codes.append(("r.channel", [None, *sorted(row[0] for row in channels)]))
        # key = code of the first group value + (how many codes it has) × (key of the rest); code 0 is None
        key, values = "0", {}
        for number, (column, found) in reversed(list(enumerate(codes))):
            whens = " ".join(f"WHEN :v{number}_{code} THEN {code}" for code in range(1, len(found)))
            values.update({f"v{number}_{code}": name for code, name in enumerate(found) if code})
            key = f"((CASE {column} {whens} ELSE 0 END) + {len(found)} * {key})" if whens else f"({len(found)} * {key})"
        run(f"DROP TABLE IF EXISTS {temp}vic_round_groups")
        run(f"CREATE TEMPORARY TABLE vic_round_groups (response_id VARCHAR(32) PRIMARY KEY, key INTEGER NOT NULL)"
            f"{suffix}")
        made.append("vic_round_groups")
        run(f"INSERT INTO vic_round_groups (response_id, key) SELECT r.id, {key} FROM responses AS r "
            f"{' '.join(joins)} WHERE r.round_id = :round_id ORDER BY r.id", round_id=round_id, **values)
        if sqlite:
            counted = _counted_by_concatenation(run, round_id)
        else:
            run("ANALYZE vic_round_groups")
            counted = run(
                "SELECT a.question_id, a.choice, a.skipped, a.position, g.key, count(*) "
                "FROM answers AS a JOIN vic_round_groups AS g ON g.response_id = a.response_id "
                "WHERE a.round_id = :round_id GROUP BY a.question_id, a.choice, a.skipped, a.position, g.key",
                round_id=round_id,
            ).all()
    finally:
        for table in made:
            run(f"DROP TABLE IF EXISTS {temp}{table}")
    rows = []
    for question_id, choice, skipped, position, number, how_many in counted:
        names, rest = [], int(number)
        for _column, found in codes:
            rest, code = divmod(rest, len(found))
            names.append(found[code])
        rows.append((*names, question_id, choice, bool(skipped), position == 0, int(how_many)))
    keys = [*group_questions, "channel", "question_id", "choice", "skipped"]
    long = pd.DataFrame(rows, columns=[*keys, "first", "rows"], dtype=object)
    long = long.assign(rows=long["rows"].astype("int64"))
    long = long.assign(people=long["rows"].where(long["first"].astype(bool), 0))
    return long.groupby(keys, dropna=False, sort=False)[["rows", "people"]].sum().reset_index()


def _counted_by_concatenation(run: Callable[..., sa.CursorResult], round_id: int) -> Sequence[tuple]:
    result = run(
        "SELECT a.question_id, a.choice, a.skipped, a.position, group_concat(char(256 + g.key), '') "
        "FROM answers AS a JOIN vic_round_groups AS g ON g.response_id = a.response_id "
        "WHERE a.round_id = :round_id GROUP BY a.question_id, a.choice, a.skipped, a.position",
        round_id=round_id,
    ).all()
    counted: list[tuple] = []
    for question_id, choice, skipped, position, keys in result:
        numbers = np.bincount(np.frombuffer(keys.encode("utf-32-le"), dtype="<u4") - 256)
        counted.extend((question_id, choice, skipped, position, int(key), int(numbers[key]))
                       for key in np.flatnonzero(numbers))
    return counted


def channel_counts_sql(conn: Bind, round_id: int) -> pd.DataFrame:
    """``channel, responses``: how many responses came in online and on paper."""
    statement = (
        sa.select(_responses.c.channel, sa.func.count())
        .where(_responses.c.round_id == round_id)
        .group_by(_responses.c.channel)
        .order_by(_responses.c.channel)
    )
    return _frame(conn, statement, ["channel", "responses"]).astype({"responses": "int64"})


def language_counts_sql(conn: Bind, round_id: int) -> pd.DataFrame:
    """``language, responses``: how many responses were answered in each language (its code: en, cy, ar)."""
    statement = (
        sa.select(_responses.c.language, sa.func.count())
        .where(_responses.c.round_id == round_id)
        .group_by(_responses.c.language)
        .order_by(_responses.c.language)
    )
    return _frame(conn, statement, ["language", "responses"]).astype({"responses": "int64"})


def text_answers_frame(conn: Bind, round_id: int, question_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """``response_id, question_id, text``: the written answers (not skipped, not empty) of the round,
    or of ``question_ids`` only, in a stable order. Only staff code may look at these."""
    statement = (
        sa.select(_answers.c.response_id, _answers.c.question_id, _answers.c.text)
        # text rows have no choice and are not skips: ix_answers_round_question finds them
        .where(_answers.c.round_id == round_id, _answers.c.choice.is_(None), sa.not_(_answers.c.skipped),
               _answers.c.text.is_not(None), _answers.c.text != "")
        .order_by(_answers.c.response_id, _answers.c.question_id, _answers.c.position)
    )
    if question_ids is not None:
        statement = statement.where(_answers.c.question_id.in_(list(question_ids)))
    return _frame(conn, statement, TEXT_ANSWER_COLUMNS)


TEXT_SCORE_COLUMNS = ["response_id", "question_id", "polarity", "themes", "text"]


def text_scores_frame(conn: Bind, round_id: int, codebook_key: str,
                      question_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """``response_id, question_id, polarity, themes, text`` for the round's written answers (or those
    of ``question_ids``), in a stable order, with what was stored when each was stored:

    - ``polarity``: ``answers.sentiment`` (NaN when not scored yet);
    - ``themes``: the automatic theme codes (space-separated, "" for none) when they were matched with
      the codebook whose ``analysis.themes.fingerprint`` is ``codebook_key``, else None;
    - ``text``: only for answers whose polarity or themes are missing (None otherwise), so a round whose
      answers are all scored reads no text at all.

    ``analysis.sentiment.score_answers`` and ``analysis.themes.code_answers`` take this frame and compute
    only what is missing. Only staff code may look at it."""
    current = _answers.c.codebook_key == codebook_key
    statement = (
        sa.select(
            _answers.c.response_id, _answers.c.question_id, _answers.c.sentiment,
            sa.case((current, _answers.c.themes), else_=sa.null()),
            sa.case((sa.and_(current, _answers.c.sentiment.is_not(None), _answers.c.themes.is_not(None)),
                     sa.null()), else_=_answers.c.text),
        )
        .where(_answers.c.round_id == round_id, _answers.c.choice.is_(None), sa.not_(_answers.c.skipped),
               _answers.c.text.is_not(None), _answers.c.text != "")
        .order_by(_answers.c.response_id, _answers.c.question_id, _answers.c.position)
    )
    if question_ids is not None:
        statement = statement.where(_answers.c.question_id.in_(list(question_ids)))
    with _connection(conn) as connection:
        rows = connection.execute(statement).all()
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(TEXT_SCORE_COLUMNS)
    # column by column: a row at a time is the slow part at 100,000 answers
    return pd.DataFrame({
        "response_id": pd.array(columns[0], dtype=object), "question_id": pd.array(columns[1], dtype=object),
        "polarity": np.array([np.nan if value is None else value for value in columns[2]], dtype=float),
        "themes": pd.array(columns[3], dtype=object), "text": pd.array(columns[4], dtype=object),
    }, columns=TEXT_SCORE_COLUMNS)


THEME_SET_COLUMNS = ["question_id", "themes", "answers"]
SENTIMENT_SUM_COLUMNS = ["question_id", "answers", "polarity_sum", "negative", "positive"]


@dataclass(frozen=True)
class WrittenSummary:
    """A round's written answers as stored, counted by the database (``written_summary``).

    ``theme_sets``: ``question_id, themes, answers`` — answers whose automatic codes were stored with the
    current codebook and that nobody coded by hand, counted per set of codes.
    ``sentiment``: ``question_id, answers, polarity_sum, negative, positive`` over the stored scores
    (``negative``/``positive``: below / above ``analysis.sentiment``'s cut-offs).
    ``todo``: ``text_scores_frame``'s columns for every answer missing a score or theme codes, or whose
    codes were matched with another codebook (its text is there, to compute them); normally empty."""

    theme_sets: pd.DataFrame
    sentiment: pd.DataFrame
    todo: pd.DataFrame

    @classmethod
    def nothing(cls) -> WrittenSummary:
        return cls(pd.DataFrame(columns=THEME_SET_COLUMNS), pd.DataFrame(columns=SENTIMENT_SUM_COLUMNS),
                   pd.DataFrame(columns=TEXT_SCORE_COLUMNS))


def written_summary(conn: Bind, round_id: int, codebook_key: str,
                    question_ids: Sequence[str] | None = None) -> WrittenSummary:
    """The round's written answers (of ``question_ids`` if given), counted by the database with the
    sentiment and theme codes stored with them; see ``WrittenSummary``."""
    a = _answers.c
    # a written answer is a row with a text (never a choice, never a skip): exactly ix_answers_written's
    # predicate, so the database reads that small index and not the whole round
    written = [a.round_id == round_id, a.text.is_not(None), a.text != ""]
    if question_ids is not None:
        written.append(a.question_id.in_(list(question_ids)))
    current = sa.and_(a.codebook_key == codebook_key, a.themes.is_not(None))
    by_hand = sa.exists().where(_manual.c.response_id == a.response_id, _manual.c.question_id == a.question_id)
    stale = sa.or_(sa.not_(current), a.codebook_key.is_(None), a.sentiment.is_(None))
    # one pass over the index: counts per question, stored codes (current ones), hand coded or not, and
    # whether anything must be computed; then split into theme sets and sentiment sums here
    usable = sa.case((current, a.themes), else_=sa.null())
    hand = sa.case((by_hand, 1), else_=0)
    needs = sa.case((stale, 1), else_=0)
    groups = (sa.select(a.question_id, usable, hand, needs, sa.func.count(), sa.func.count(a.sentiment),
                        sa.func.sum(a.sentiment),
                        sa.func.sum(sa.case((a.sentiment < NEGATIVE_BELOW, 1), else_=0)),
                        sa.func.sum(sa.case((a.sentiment > POSITIVE_ABOVE, 1), else_=0)))
              .where(*written).group_by(a.question_id, usable, hand, needs))
    counted = _frame(conn, groups, ["question_id", "themes", "hand", "needs", "answers", "scored", "polarity_sum",
                                    "negative", "positive"])
    counted = counted.astype({"hand": "int64", "needs": "int64", "answers": "int64", "scored": "int64",
                              "polarity_sum": float, "negative": "int64", "positive": "int64"})
    sets = counted.loc[counted["themes"].notna() & (counted["hand"] == 0)]
    theme_sets = (sets.groupby(["question_id", "themes"], as_index=False)["answers"].sum() if not sets.empty
                  else pd.DataFrame(columns=THEME_SET_COLUMNS))[THEME_SET_COLUMNS]
    sums = counted.loc[counted["scored"] > 0]
    sentiment = (sums.groupby("question_id", as_index=False)[["scored", "polarity_sum", "negative", "positive"]]
                 .sum().rename(columns={"scored": "answers"}) if not sums.empty
                 else pd.DataFrame(columns=SENTIMENT_SUM_COLUMNS))[SENTIMENT_SUM_COLUMNS]
    todo = (sa.select(a.response_id, a.question_id, a.sentiment, usable, a.text)
            .where(*written, stale).order_by(a.question_id, a.response_id))
    missing = (_frame(conn, todo, TEXT_SCORE_COLUMNS) if bool((counted["needs"] > 0).any())
               else pd.DataFrame(columns=TEXT_SCORE_COLUMNS))
    missing = missing.astype({"polarity": float, "themes": object, "text": object})
    return WrittenSummary(pd.DataFrame(theme_sets), pd.DataFrame(sentiment), missing)
