from __future__ import annotations

from flask import abort

from ..models import SurveyRound
from ..questionnaire.schema import Questionnaire
from ..questionnaire.store import definition
from ..rounds.operations import round_by_slug


def round_or_404(slug: str) -> SurveyRound:
    survey_round = round_by_slug(slug)
    if survey_round is None:
        abort(404)
    return survey_round


def questionnaire_of(survey_round: SurveyRound) -> Questionnaire:
    return definition(survey_round.questionnaire_version)
