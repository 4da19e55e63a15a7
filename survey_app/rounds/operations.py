"""Opening and finding survey rounds (the staff workspace builds on these)."""

from __future__ import annotations

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import StoredQuestionnaire, SurveyRound
from ..models.ids import LINK_ALPHABET
from ..models.statuses import RoundStatus
from ..questionnaire.schema import Questionnaire
from ..questionnaire.store import definition


def open_round(stored: StoredQuestionnaire, title: str | None = None) -> SurveyRound:
    survey_round = SurveyRound(title=title or stored.title, questionnaire_version_id=stored.id, status=RoundStatus.OPEN)
    survey_round.questionnaire_version = stored
    db.session.add(survey_round)
    db.session.flush()
    return survey_round


# A round comes with its questionnaire version's id and checksum but not its YAML, which questionnaire_of
# needs only the first time a process sees that version (questionnaire.store.definition).
WITH_VERSION_NOT_ITS_YAML = joinedload(SurveyRound.questionnaire_version).defer(StoredQuestionnaire.source)


def round_by_slug(slug: str) -> SurveyRound | None:
    return db.session.scalar(select(SurveyRound).filter_by(slug=slug).options(WITH_VERSION_NOT_ITS_YAML))


def get_or_404(slug: str) -> SurveyRound:
    """The round at this link, or the not-found page (for views)."""
    return round_by_slug(slug) or abort(404)


def round_typed_in_capitals(slug: str) -> SurveyRound | None:
    """The round of a link code typed in capitals (a phone keyboard may start with one, a child may copy
    a card that way). Only codes of LINK_ALPHABET, which are all lowercase: older codes mix cases, and
    "Ab3" and "ab3" could be two rounds."""
    lower = slug.lower()
    if lower == slug or not set(lower) <= set(LINK_ALPHABET):
        return None
    return round_by_slug(lower)


def questionnaire_of(survey_round: SurveyRound) -> Questionnaire:
    """The questionnaire version the round asks."""
    return definition(survey_round.questionnaire_version)


def open_rounds_of(stored: StoredQuestionnaire) -> list[SurveyRound]:
    query = select(SurveyRound).filter_by(questionnaire_version_id=stored.id, status=RoundStatus.OPEN)
    return list(db.session.scalars(query))
