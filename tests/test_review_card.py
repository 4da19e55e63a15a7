""""My review card" is made once and forgotten: a word written on it is afterwards in no table of the
database and no log line, and the card page itself holds it."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import MetaData, select

from survey_app.extensions import db
from survey_app.logging_setup import JsonFormatter, TextFormatter
from survey_app.responses.review_card import PROMPTS

from .journey import Journey
from .test_involvement import sent
from .test_safeguarding_every_ending import answer_everything

MY_ANSWER = "a vet who looks after horses"


def every_text_in_the_database(app) -> list[str]:
    with app.app_context():
        metadata = MetaData()
        metadata.reflect(bind=db.engine)
        texts = [f"{table.name}: {value}" for table in metadata.tables.values()
                 for row in db.session.execute(select(table)) for value in row if value is not None]
        db.session.remove()
    assert any("survey_rounds" in value for value in texts)  # really read
    return texts


def capture_every_log(caplog) -> None:
    caplog.set_level(logging.DEBUG)
    for name in [*logging.root.manager.loggerDict, "sqlalchemy.engine"]:
        caplog.set_level(logging.DEBUG, logger=name)  # SQLAlchemy then logs each statement and its values


def logged_lines(caplog) -> list[str]:
    """Every captured record as the app's own handlers would write it (JSON and text) and as plain text."""
    lines = []
    for record in caplog.records:
        lines += [record.getMessage(), JsonFormatter().format(record), TextFormatter().format(record)]
    return lines


def drafting(client, slug: str) -> Journey:
    child = Journey(client, slug)
    answer_everything(child, {"grow_up_to_be": MY_ANSWER})
    return child


def make_card(child: Journey, data: dict, expect_status: int = 200):
    child.open(f"/r/{child.slug}/review-card")
    response = child.client.post(f"/r/{child.slug}/review-card", data={"csrf_token": child.csrf(), **data})
    assert response.status_code == expect_status, response.get_data(as_text=True)[:3000]
    return response


def test_the_card_is_offered_on_check_answers_with_the_childs_own_answers(client, make_round):
    slug = make_round("younger-children")
    child = drafting(client, slug)
    check = client.get(f"/r/{slug}/check").get_data(as_text=True)
    assert f'href="/r/{slug}/review-card"' in check and "Make a card for my review" in check
    form = client.get(f"/r/{slug}/review-card").get_data(as_text=True)
    assert all(f'name="{field}"' in form for field, _heading, _hint in PROMPTS)
    assert MY_ANSWER in form and 'value="grow_up_to_be"' in form
    assert child


def test_a_word_on_the_card_is_on_the_card_and_nowhere_in_the_database_or_the_logs(app, client, make_round, caplog):
    capture_every_log(caplog)
    slug = make_round("younger-children")
    child = drafting(client, slug)
    marker = f"Zebra{uuid.uuid4().hex}"
    data = {field: f"{heading}: {marker} {field}" for field, heading, _hint in PROMPTS}
    response = make_card(child, {**data, "name": marker, "answer": ["grow_up_to_be"]})
    card = response.get_data(as_text=True)
    assert "no-store" in response.headers["Cache-Control"]
    assert all(f"{marker} {field}" in card for field in data)  # every prompt is on the card
    assert f"From {marker}" in card and MY_ANSWER in card
    assert "feel_about_home" not in card and "How do you feel about where you live" not in card  # not chosen
    assert caplog.records, "logging was not captured"
    assert any("SELECT" in line for line in logged_lines(caplog))  # SQL and its values were captured
    assert not [line for line in logged_lines(caplog) if marker in line]
    assert not [value for value in every_text_in_the_database(app) if marker in value]
    # and the answers are still only a draft, to check and send as before
    assert client.get(f"/r/{slug}/check").status_code == 200
    child.send()


def test_after_sending_a_card_can_still_be_made_from_the_prompts(app, client, make_round, caplog):
    capture_every_log(caplog)
    slug = make_round("younger-children")
    child = sent(client, slug)
    assert "Make a card for my review" in client.get(f"/r/{slug}/sent").get_data(as_text=True)
    form = client.get(f"/r/{slug}/review-card").get_data(as_text=True)
    assert 'name="answer"' not in form  # the answers are sent: nothing to choose from
    marker = f"Zebra{uuid.uuid4().hex}"
    card = make_card(child, {"change": f"I want to see my sister more {marker}"}).get_data(as_text=True)
    assert marker in card and "What I’d like to change" in card and "Going well" not in card
    assert not [line for line in logged_lines(caplog) if marker in line]
    assert not [value for value in every_text_in_the_database(app) if marker in value]


def test_an_empty_or_too_long_card_is_refused_kindly(client, make_round):
    child = drafting(client, make_round("younger-children"))
    page = make_card(child, {}, expect_status=400).get_data(as_text=True)
    assert "Write something in at least one box, or choose some of your answers." in page
    page = make_card(child, {"who": "my nan " * 200, "name": "Sam"}, expect_status=400).get_data(as_text=True)
    assert "Please make it shorter: 600 letters or fewer." in page and 'id="who-error"' in page
    assert 'value="Sam"' in page  # what was typed is kept


def test_no_card_without_answers_in_progress_or_just_sent(client, make_round):
    slug = make_round("younger-children")
    assert client.get(f"/r/{slug}/review-card").location == f"/r/{slug}"
    token = Journey(client, slug)
    token.open(f"/r/{slug}")
    response = client.post(f"/r/{slug}/review-card", data={"csrf_token": token.csrf(), "change": "x"})
    assert response.status_code == 302 and response.location == f"/r/{slug}"
