"""Turn what a phone posted into one answer, or refuse it in words a nine-year-old understands.

An optional question left empty (nothing chosen, nothing written) is stored as skipped, like pressing
"Skip this question": only a required question (Skip hidden) asks for an answer, and "I'd rather not say"
is the way past it. Anything a normal page can't send (an option that doesn't exist, two answers to a one-answer
question, text past the limit) is treated as tampering or a glitch and refused without saving."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_babel import gettext as _

from ..characters import without_unusable
from ..form_problems import FormInvalid
from ..question_types import N_
from ..questionnaire.schema import RATHER_NOT_SAY, Question


class AnswerRefused(FormInvalid):
    """An answer refused, in words a nine-year-old understands; what they wrote is kept to show again."""

    def __init__(self, message: str, kept_text: str | None = None):
        super().__init__(message, "answer")
        self.kept_text = kept_text


CHOOSE_REQUIRED = N_("Choose an answer. If you don’t want to say, choose “I’d rather not say”.")
WRITE_REQUIRED = N_("Write your answer.")
GLITCH = N_("Something went wrong with that answer. Please choose again.")
BOTH_RATHER_NOT_SAY = N_("You ticked “I’d rather not say” and another answer. Please pick one or the other.")


def too_long(limit: int, length: int) -> str:
    return _(
        "Your answer is a bit too long. Please make it shorter: you can write up to %(limit)s letters "
        "and spaces, and it has %(length)s now. Your words are still in the box.", limit=limit, length=length,
    )


def parse_answer(question: Question, values: Sequence[str], skip: bool) -> dict:
    """`values` are the posted `answer` values (getlist); `skip` is true when Skip was pressed."""
    if skip:
        if question.required:
            raise AnswerRefused(_(CHOOSE_REQUIRED))
        return {"skipped": True}
    if question.is_text:
        return _text_answer(question, values)
    return _choice_answer(question, values)


def _text_answer(question: Question, values: Sequence[str]) -> dict:
    if len(values) > 1:
        raise AnswerRefused(_(GLITCH))
    text = without_unusable(values[0] if values else "").replace("\r\n", "\n").strip()
    if not text:
        if question.required:
            raise AnswerRefused(_(WRITE_REQUIRED))
        return {"skipped": True}
    if len(text) > question.max_length:
        raise AnswerRefused(too_long(question.max_length, len(text)), kept_text=text)
    return {"text": text}


def _choice_answer(question: Question, values: Sequence[str]) -> dict:
    picked = [value for value in values if value != ""]
    if not picked:
        if question.required:
            raise AnswerRefused(_(CHOOSE_REQUIRED))
        return {"skipped": True}
    known = question.option_values()
    if any(value not in known for value in picked) or len(set(picked)) != len(picked):
        raise AnswerRefused(_(GLITCH))
    if not question.allows_many and len(picked) > 1:
        raise AnswerRefused(_(GLITCH))
    if RATHER_NOT_SAY in picked and len(picked) > 1:
        raise AnswerRefused(_(BOTH_RATHER_NOT_SAY))
    order = [option.value for option in question.options]
    return {"choices": sorted(picked, key=order.index)}


def shown_answer(question: Question, answer: Mapping | None) -> str:
    """The answer in words, for the check-your-answers page."""
    if not answer:
        return _("Not answered yet")
    if answer.get("skipped"):
        return _("Skipped")
    if "text" in answer:
        return answer["text"]
    return ", ".join(question.label_for(value) for value in answer.get("choices", []))
