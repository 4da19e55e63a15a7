"""Someone with the whole database tries to join each safeguarding flag back to the response it came
from: shared values, transaction ids, insertion order, times. README's "What someone with the database
can learn" states exactly what this test measures."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import MetaData, text
from sqlalchemy.exc import OperationalError

from survey_app.extensions import db

from .journey import Journey
from .test_safeguarding_every_ending import answer_everything, quick_exit

CHILDREN = 8
YOUNG_PEOPLES_TABLES = ("drafts", "responses", "answers", "held_flags", "safeguarding_flags")


def worry(number: int) -> str:
    return f"my uncle hits me when nobody is home, it happened {number} times"


@pytest.fixture
def journeys(app, make_round, runner):
    """Eight children each say they don't feel safe and write something worrying; seven send, one
    leaves with "Exit this page"; then the scheduled command runs. Returns the order in which the
    children gave their answers (which is also the order they sent them)."""
    slug = make_round("younger-children")
    order = []
    for number in range(CHILDREN):
        child = Journey(app.test_client(), slug)
        answer_everything(child, {"feel_safe_home": "no", "grow_up_to_be": worry(number),
                                  "feel_about_home": str(1 + number % 3)})
        if number == 3:
            quick_exit(child)
        else:
            child.send()
        order.append(number)
    result = runner.invoke(args=["survey", "purge-drafts"])
    assert result.exit_code == 0, result.output
    assert f"{CHILDREN - 1} new responses mixed" in result.output
    return order


def dump(app, system_columns: str = "") -> dict[str, list[dict]]:
    """Every row of every table about young people, in the order the database keeps them."""
    with app.app_context():
        metadata = MetaData()
        metadata.reflect(bind=db.engine, only=list(YOUNG_PEOPLES_TABLES))
        tables = {}
        for name in YOUNG_PEOPLES_TABLES:
            columns = ", ".join(f'"{column.name}"' for column in metadata.tables[name].columns)
            rows = db.session.execute(text(f"SELECT {columns}{system_columns} FROM {name}")).mappings()
            tables[name] = [dict(row) for row in rows]
        return tables


def number_of(text_value: str) -> int:
    return int(text_value.rsplit(" ", 2)[-2])


def responses_with_their_answers(tables) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {row["id"]: [row] for row in tables["responses"]}
    for answer in tables["answers"]:
        rows[answer["response_id"]].append(answer)
    return rows


def test_no_value_a_flag_keeps_picks_out_some_responses_but_not_others(app, journeys):
    tables = dump(app)
    responses = responses_with_their_answers(tables)
    assert len(responses) == CHILDREN - 1 and len(tables["safeguarding_flags"]) == 2 * CHILDREN
    assert tables["held_flags"] == [] and tables["drafts"] == []
    for flag in tables["safeguarding_flags"]:
        for column, value in flag.items():
            if column == "answer_text" or value is None:
                continue  # the words themselves: see the next test
            matching = {response_id for response_id, rows in responses.items()
                        if any(str(value) == str(cell) for row in rows for cell in row.values() if cell is not None)}
            assert matching in (set(), set(responses)), (column, value, len(matching))


def test_the_words_are_the_only_link_and_only_for_written_answers(app, journeys):
    tables = dump(app)
    responses = responses_with_their_answers(tables)
    texts = {answer["text"] for answer in tables["answers"] if answer["text"]}
    written, chosen = [], []
    for flag in tables["safeguarding_flags"]:
        (written if flag["reason"] == "worrying_words" else chosen).append(flag)
    # A written answer is kept with its response too: its words find that one response (README says so).
    assert sum(1 for flag in written if flag["answer_text"].split(" — ", 1)[1] in texts) == CHILDREN - 1
    # A chosen answer ("No") is shared by every child who chose it: it picks out nobody.
    said_no = {response_id for response_id, rows in responses.items()
               if any(row.get("question_id") == "feel_safe_home" and row.get("choice") == "no" for row in rows)}
    assert len(chosen) == CHILDREN and len(said_no) == CHILDREN - 1


def test_flags_keep_no_order_of_sending(app, journeys):
    tables = dump(app)
    kept_order = [number_of(flag["answer_text"]) for flag in tables["safeguarding_flags"]
                  if flag["reason"] == "worrying_words"]
    assert sorted(kept_order) == journeys
    # Released shuffled (and on SQLite kept in the order of random keys): the chance that eight flags
    # come out in the order they were given is 1 in 40,320.
    assert kept_order != journeys


def test_sqlite_keeps_no_hidden_row_number_in_tables_about_young_people(app, journeys):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only; PostgreSQL is measured by the transaction id test")
        for table in YOUNG_PEOPLES_TABLES:
            sql = db.session.scalar(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :name"),
                                    {"name": table})
            assert "WITHOUT ROWID" in sql.upper(), table
            with pytest.raises(OperationalError):
                db.session.execute(text(f"SELECT rowid FROM {table}"))
            db.session.rollback()
    tables = dump(app)
    sent_order = [number_of(row["text"]) for row in tables["answers"] if row["text"] and "hits me" in row["text"]]
    assert sent_order != [number for number in journeys if number != 3]  # 1 in 5,040 by chance


def test_postgresql_keeps_no_transaction_or_row_order_that_follows_sending(app, journeys):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL only: transaction ids (xmin) and row positions (ctid)")
    tables = dump(app, ", xmin::text::bigint AS _xmin, ctid AS _ctid")
    flag_xids = {flag["_xmin"] for flag in tables["safeguarding_flags"]}
    response_xids = {row["_xmin"] for row in tables["responses"]} | {row["_xmin"] for row in tables["answers"]}
    assert len(flag_xids) == 1  # one release: every flag of the batch shares it, so it points at none
    assert len(response_xids) == 1  # one mixing: every response and answer of the batch shares it
    assert not flag_xids & response_xids  # and flags never share a transaction with a response
    by_position = sorted(tables["answers"], key=lambda row: _position(row["_ctid"]))
    sent_order = [number_of(row["text"]) for row in by_position if row["text"] and "hits me" in row["text"]]
    assert sorted(sent_order) == [number for number in journeys if number != 3]
    assert sent_order != [number for number in journeys if number != 3]  # 1 in 5,040 by chance


def _position(ctid: str) -> tuple[int, int]:
    page, item = ctid.strip("()").split(",")
    return int(page), int(item)


def test_nothing_about_a_young_person_keeps_a_time_of_day(app, journeys):
    for table, rows in dump(app).items():
        for row in rows:
            for column, value in row.items():
                assert not isinstance(value, dt.datetime | dt.time), (table, column)
