"""Does an answer mean the young person should see help straight away?"""

from __future__ import annotations

from ..questionnaire.schema import Question
from .phrases import worrying_phrase


def help_reason(question: Question, answer: dict) -> str | None:
    """'trigger_answer', 'worrying_words', or None."""
    if answer.get("skipped"):
        return None
    if question.help_if and set(answer.get("choices", [])) & set(question.help_if):
        return "trigger_answer"
    if "text" in answer and worrying_phrase(answer["text"]):
        return "worrying_words"
    return None
