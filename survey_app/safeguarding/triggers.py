"""Does an answer mean the young person should see help straight away?"""

from __future__ import annotations

from ..models.statuses import FlagReason
from ..questionnaire.schema import Question
from .phrases import worrying_phrase


def help_reason(question: Question, answer: dict) -> FlagReason | None:
    """Why the answer is worrying, or None."""
    if answer.get("skipped"):
        return None
    if question.help_if and set(answer.get("choices", [])) & set(question.help_if):
        return FlagReason.TRIGGER_ANSWER
    if "text" in answer and worrying_phrase(answer["text"]):
        return FlagReason.WORRYING_WORDS
    return None
