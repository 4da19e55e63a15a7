"""Helpers for the free-text tests: written answers in a round, and the seeded themes put back."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, select

from survey_app.extensions import db
from survey_app.models import SurveyRound, Theme
from survey_app.questionnaire.store import definition
from survey_app.responses.drafts import store_response
from survey_app.rounds.operations import round_by_slug

QUESTION = "make_things_better"  # a short_text question of the younger children's survey
TOKEN = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


def add_written_answers(app, slug: str, texts: list[str], question_id: str = QUESTION) -> list[str]:
    """Store one response per text (as paper responses, through the same code as the survey);
    returns the response ids in the same order."""
    with app.app_context():
        survey_round = round_by_slug(slug)
        questionnaire = definition(survey_round.questionnaire_version)
        ids = [store_response(survey_round, questionnaire, {question_id: {"text": text}}, channel="paper").id
               for text in texts]
        db.session.commit()
        return ids


def round_id(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(SurveyRound.id).where(SurveyRound.slug == slug))


def token(client, url: str = "/staff/") -> str:
    return TOKEN.search(client.get(url).get_data(as_text=True)).group(1)


@pytest.fixture
def restore_themes(app):
    """Put the themes table back as it was (the seeded codebook) after a test that changes it."""
    with app.app_context():
        before = {theme.code: (theme.title, theme.priority_code, theme.words, theme.active)
                  for theme in db.session.scalars(select(Theme))}
    yield
    with app.app_context():
        db.session.execute(delete(Theme).where(Theme.code.not_in(list(before))))
        for theme in db.session.scalars(select(Theme)):
            theme.title, theme.priority_code, theme.words, theme.active = before[theme.code]
        db.session.commit()


@pytest.fixture
def worker(make_staff, sign_in):
    """A participation worker, signed in; returns their email."""
    email, password = make_staff("worker")
    sign_in(email, password)
    return email
