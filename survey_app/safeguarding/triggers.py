"""Does an answer mean the young person should see help straight away?"""

from __future__ import annotations

from ..models.statuses import FlagReason
from ..questionnaire.schema import Question
from .other_language import needs_a_reader
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


def hold_reason(question: Question, answer: dict, page_language: str) -> tuple[FlagReason | None, FlagReason | None]:
    """(why help should be shown, why the answer is held for the safeguarding lead): a worrying answer is
    both; a written answer no phrase list can read (other_language.py) is only held, as OTHER_LANGUAGE."""
    reason = help_reason(question, answer)
    if reason is not None:
        return reason, reason
    if not answer.get("skipped") and answer.get("text") and needs_a_reader(answer["text"], page_language):
        return None, FlagReason.OTHER_LANGUAGE
    return None, None
