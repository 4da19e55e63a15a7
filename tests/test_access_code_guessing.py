"""Guessing a round's shared access code is slowed per round (never per person): after 20 wrong codes in a
15-minute window, every code for that round is refused until the next window."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Draft, SurveyRound
from survey_app.rounds import access_code
from survey_app.rounds.access_code import GUESSES_PER_WINDOW, hash_code
from survey_app.survey.views import CODE_RESTING, CODE_WRONG

from .journey import CSRF

NOON = dt.datetime(2026, 11, 23, 12, 1)


@pytest.fixture
def clock(monkeypatch):
    """The access-code clock, set by the test: clock.now = ..."""
    class Clock:
        now = NOON

    monkeypatch.setattr(access_code, "utc_now", lambda: Clock.now)
    return Clock


@pytest.fixture
def coded_round(app, make_round):
    slug = make_round("younger-children")
    with app.app_context():
        db.session.scalar(select(SurveyRound).filter_by(slug=slug)).access_code_hash = hash_code("SUN42")
        db.session.commit()
    return slug


def press_start(client, slug: str, **data):
    page = client.get(f"/r/{slug}").get_data(as_text=True)
    return client.post(f"/r/{slug}/start", data={"csrf_token": CSRF.search(page).group(1), **data})


def counter(app, slug: str) -> tuple[int | None, int]:
    with app.app_context():
        survey_round = db.session.scalar(select(SurveyRound).filter_by(slug=slug))
        return survey_round.code_guess_window, survey_round.code_wrong_guesses


def drafts(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Draft)).all())


def test_after_too_many_wrong_codes_every_code_is_refused_kindly_until_the_window_ends(app, client, clock,
                                                                                     coded_round):
    for number in range(1, GUESSES_PER_WINDOW + 1):
        response = press_start(client, coded_round, access_code=f"MOON{number}")
        assert response.status_code == 400 and CODE_WRONG in response.get_data(as_text=True)
    assert counter(app, coded_round)[1] == GUESSES_PER_WINDOW

    clock.now = NOON + dt.timedelta(minutes=13)  # same window (12:00-12:15)
    response = press_start(client, coded_round, access_code="SUN42")  # even the right code: it is not checked
    page = response.get_data(as_text=True)
    assert response.status_code == 429
    assert CODE_RESTING in page
    assert 'id="access_code-error"' in page
    assert drafts(app) == 0
    assert counter(app, coded_round)[1] == GUESSES_PER_WINDOW  # refusals while resting are not counted

    clock.now = NOON + dt.timedelta(minutes=15)  # the next window
    response = press_start(client, coded_round, access_code="sun 42")
    assert response.status_code == 302 and "/q/" in response.location
    assert drafts(app) == 1


def test_wrong_codes_below_the_limit_do_not_stop_the_right_one(app, client, clock, coded_round):
    for _ in range(GUESSES_PER_WINDOW - 1):
        press_start(client, coded_round, access_code="MOON7")
    assert press_start(client, coded_round, access_code="SUN42").status_code == 302


def test_the_count_starts_again_in_each_window(app, client, clock, coded_round):
    press_start(client, coded_round, access_code="MOON7")
    press_start(client, coded_round, access_code="MOON8")
    first_window, count = counter(app, coded_round)
    assert count == 2
    clock.now = NOON + dt.timedelta(minutes=20)
    press_start(client, coded_round, access_code="MOON9")
    assert counter(app, coded_round) == (first_window + 1, 1)


def test_an_empty_code_is_not_a_guess(app, client, clock, coded_round):
    press_start(client, coded_round, access_code="  ")
    assert counter(app, coded_round)[1] == 0


def test_only_that_round_rests_and_young_people_already_started_carry_on(app, client, clock, coded_round,
                                                                          make_round, monkeypatch):
    assert press_start(client, coded_round, access_code="SUN42").status_code == 302  # started before
    other = make_round("younger-children")
    with app.app_context():
        db.session.scalar(select(SurveyRound).filter_by(slug=other)).access_code_hash = hash_code("SUN42")
        survey_round = db.session.scalar(select(SurveyRound).filter_by(slug=coded_round))
        survey_round.code_guess_window = access_code.current_window()
        survey_round.code_wrong_guesses = GUESSES_PER_WINDOW
        db.session.commit()
    assert press_start(client, coded_round).status_code == 302  # carry on: the session lets them in
    fresh = app.test_client()
    assert press_start(fresh, coded_round, access_code="SUN42").status_code == 429
    assert press_start(fresh, other, access_code="SUN42").status_code == 302


def test_the_counter_keeps_nothing_about_who_guessed(app):
    columns = {column.name for column in SurveyRound.__table__.columns}
    assert {"code_guess_window", "code_wrong_guesses"} <= columns
    assert not any(word in name for name in columns for word in ("ip", "addr", "agent", "guesser"))
    assert access_code.current_window() == int(access_code.utc_now().timestamp() // 900)
