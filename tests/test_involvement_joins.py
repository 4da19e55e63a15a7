"""Someone with the whole database tries to join the details of young people who want to get involved
back to their answers: shared values, ids, times, the order rows are kept in (by id; SQLite's rowid;
PostgreSQL's ctid and transaction ids), and the order the staff page shows them in. README's "Getting
involved" states what this measures."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import MetaData, text
from sqlalchemy.exc import OperationalError

from survey_app.extensions import db
from survey_app.models import InvolvementRequest

from .journey import CSRF, Journey
from .test_involvement import leave
from .test_safeguarding_every_ending import answer_everything

CHILDREN = 9
NO_DETAILS = 4  # this child sends answers but leaves no details
TABLES = ("responses", "answers", "involvement_requests")


def _child_sends(app, slug: str, number: int) -> Journey:
    child = Journey(app.test_client(), slug)
    answer_everything(child, {"grow_up_to_be": f"a vet, said child {number}", "feel_about_home": str(1 + number % 3)})
    child.send()
    return child


def _interleaved(app, slug: str) -> list[int]:
    """Children send and leave their details one after another, in a known order; returns that order."""
    order = []
    for number in range(CHILDREN):
        child = _child_sends(app, slug, number)
        if number != NO_DETAILS:
            leave(child, {"interests": ["council", "events"][: 1 + number % 2], "called": f"Child {number}",
                          "contact_by": "email", "email": f"child{number}@example.org"})
            order.append(number)
    return order


@pytest.fixture
def journeys(app, make_round, runner):
    order = _interleaved(app, make_round("younger-children"))
    result = runner.invoke(args=["survey", "purge-drafts"])  # the scheduled run: mixes both
    assert result.exit_code == 0, result.output
    return order


def dump(app, system_columns: str = "", order_by: str = "") -> dict[str, list[dict]]:
    """Every row of the three tables, as the database keeps them (`order_by`: the involvement table's)."""
    with app.app_context():
        metadata = MetaData()
        metadata.reflect(bind=db.engine, only=list(TABLES))
        tables = {}
        for name in TABLES:
            columns = ", ".join(f'"{column.name}"' for column in metadata.tables[name].columns)
            rows = db.session.execute(text(f"SELECT {columns}{system_columns} FROM {name}"
                                           f"{order_by if name == 'involvement_requests' else ''}")).mappings()
            tables[name] = [dict(row) for row in rows]
        db.session.remove()
        return tables


def number_of(row: dict) -> int:
    return int(row["called"].split()[-1])


def test_the_table_has_only_these_columns():
    # A new column must be tried by the test below and argued in README before it is added here.
    assert {column.name for column in InvolvementRequest.__table__.columns} == {
        "id", "digest", "interests", "called", "contact_by", "contact", "released_on"}


def test_no_value_of_any_column_picks_out_some_responses_but_not_others(app, journeys):
    tables = dump(app)
    responses: dict[str, list[dict]] = {row["id"]: [row] for row in tables["responses"]}
    for answer in tables["answers"]:
        responses[answer["response_id"]].append(answer)
    assert len(responses) == CHILDREN and len(tables["involvement_requests"]) == CHILDREN - 1
    cells = {response_id: {str(cell) for row in rows for cell in row.values() if cell is not None}
             for response_id, rows in responses.items()}
    tried = 0
    for row in tables["involvement_requests"]:
        for column, value in row.items():
            if value is None:
                continue
            tried += 1
            matching = {response_id for response_id, values in cells.items() if str(value) in values}
            assert matching in (set(), set(responses)), (column, value, len(matching))
            # not even inside a longer value (an id in a text, a number in a written answer)
            if column in ("id", "digest", "contact"):
                assert not any(str(value) in cell for values in cells.values() for cell in values), column
    assert tried >= 5 * (CHILDREN - 1)


def test_nothing_is_a_time_and_waiting_rows_keep_no_date(app, journeys):
    for row in dump(app)["involvement_requests"]:
        assert row["released_on"] is None
        assert not any(isinstance(value, dt.date | dt.time) for value in row.values())


def test_the_rows_keep_no_order_of_sending_by_id_or_as_stored(app, journeys):
    by_id = [number_of(row) for row in dump(app, order_by=" ORDER BY id")["involvement_requests"]]
    as_stored = [number_of(row) for row in dump(app)["involvement_requests"]]
    assert sorted(by_id) == journeys
    # random ids: the chance that eight come out in the order they were left is 1 in 40,320
    assert by_id != journeys and as_stored != journeys


def test_sqlite_keeps_no_hidden_row_number(app, journeys):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only; PostgreSQL is measured by the transaction id test")
        sql = db.session.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'involvement_requests'"))
        assert "WITHOUT ROWID" in sql.upper()
        with pytest.raises(OperationalError):
            db.session.execute(text("SELECT rowid FROM involvement_requests"))
        db.session.rollback()


def test_postgresql_keeps_no_transaction_or_row_order_that_follows_sending(app, journeys):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL only: transaction ids (xmin) and row positions (ctid)")
    tables = dump(app, ", xmin::text::bigint AS _xmin, ctid AS _ctid")
    contact_xids = {row["_xmin"] for row in tables["involvement_requests"]}
    response_xids = {row["_xmin"] for name in ("responses", "answers") for row in tables[name]}
    assert len(contact_xids) == 1  # one mixing: every waiting row shares it, so it points at none
    assert not contact_xids & response_xids
    by_position = sorted(tables["involvement_requests"], key=lambda row: _position(row["_ctid"]))
    order = [number_of(row) for row in by_position]
    assert sorted(order) == journeys and order != journeys  # 1 in 40,320 by chance


@pytest.mark.postgres_only
def test_details_are_never_written_in_the_transaction_of_a_response(app, make_round):
    """Before the scheduled mixing each row still has its own transaction id: never its response's."""
    _interleaved(app, make_round("younger-children"))
    tables = dump(app, ", xmin::text::bigint AS _xmin")
    contact_xids = [row["_xmin"] for row in tables["involvement_requests"]]
    response_xids = {row["_xmin"] for row in tables["responses"]}
    assert len(set(contact_xids)) == CHILDREN - 1 and not set(contact_xids) & response_xids
    # This is what mixing is for (README): until then the ids interleave with the responses'.


def _position(ctid: str) -> tuple[int, int]:
    page, item = ctid.strip("()").split(",")
    return int(page), int(item)


def test_the_staff_page_shows_the_batch_in_an_order_that_is_not_the_order_of_sending(
        app, client, journeys, make_staff, sign_in):
    sign_in(*make_staff("worker"))
    token = CSRF.search(client.get("/staff/sign-in").get_data(as_text=True)).group(1)
    assert client.post("/staff/involvement/release", data={"csrf_token": token}).status_code == 302
    page = client.get("/staff/involvement").get_data(as_text=True)
    shown = [int(number) for number in re.findall(r"<th scope=\"row\">Child (\d+)</th>", page)]
    assert sorted(shown) == journeys
    assert shown != journeys  # 1 in 40,320 by chance
    released = dump(app)["involvement_requests"]
    assert {str(row["released_on"]) for row in released} == {str(dt.date.today())}  # one day for the batch
    assert {row["digest"] for row in released} == {None}
