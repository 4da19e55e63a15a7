"""Entering one paper form through the staff page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..audit import audit
from ..models import SurveyResponse, SurveyRound
from ..models.statuses import Channel
from ..questionnaire.schema import Questionnaire
from ..responses.drafts import store_response
from .rules import check_response, flagged


def field_name(question_id: str) -> str:
    return f"answer-{question_id}"


def written_from_form(questionnaire: Questionnaire, getlist) -> dict[str, list[str]]:
    """What the worker entered, per question, from a form's getlist."""
    return {question.id: getlist(field_name(question.id)) for question in questionnaire.questions}


def enter_response(survey_round: SurveyRound, questionnaire: Questionnaire,
                   written: Mapping[str, Sequence[str]], actor: str) -> tuple[SurveyResponse, bool]:
    """Store one paper form, or raise PaperRefused; returns (the response, whether an answer was flagged
    for the safeguarding lead). Flushes; the view commits."""
    answers = check_response(questionnaire, written)
    response = store_response(survey_round, questionnaire, answers, channel=Channel.PAPER)
    audit(actor, "paper response entered", f"round {survey_round.slug}")
    return response, flagged(questionnaire, answers)
