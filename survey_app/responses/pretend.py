"""The builder preview's "pretend answers": a worker sets answers to the questions that conditions look at
and sees which questions a young person with those answers would be shown. The answers are the journey's
(responses/journey.py), so the preview follows exactly the survey's rules; nothing is stored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..questionnaire.schema import RATHER_NOT_SAY, Question, Questionnaire
from .journey import Answers, visible_questions

WRITTEN = "written"  # the pretend value of a written answer: something was written
FIELD = "pretend-{}"


def deciding_questions(questionnaire: Questionnaire) -> list[Question]:
    """The questions whose answers some condition looks at, in order: the ones worth pretending."""
    ids: set[str] = set()
    for item in (*questionnaire.sections, *questionnaire.questions):
        if item.show_if is not None:
            ids |= item.show_if.question_ids()
    return [question for question in questionnaire.questions if question.id in ids]


def choices_for(question: Question) -> list[tuple[str, str]]:
    """(value, words) a worker can pretend for a question; "" means not answered (or skipped)."""
    if question.is_text:
        return [("", "Not answered"), (WRITTEN, "Something written")]
    return [("", "Not answered")] + [(option.value, option.label) for option in question.options]


def pretend_answers(questionnaire: Questionnaire, values: Mapping[str, str]) -> Answers:
    """The journey's answers from the panel's fields (pretend-<question id>); unknown values are ignored."""
    answers: Answers = {}
    for question in deciding_questions(questionnaire):
        value = values.get(FIELD.format(question.id), "")
        if question.is_text and value == WRITTEN:
            answers[question.id] = {"text": "(written)"}
        elif value and (value in question.option_values() or value == RATHER_NOT_SAY):
            answers[question.id] = {"choices": [value]}
    return answers


@dataclass(frozen=True)
class Shown:
    question: Question
    number: int  # its place in the file
    shown: bool


def shown_with(questionnaire: Questionnaire, answers: Answers) -> list[Shown]:
    """Every question of the file, and whether a young person with these answers is shown it."""
    visible = {question.id for question in visible_questions(questionnaire, answers)}
    return [Shown(question, number, question.id in visible)
            for number, question in enumerate(questionnaire.questions, 1)]
