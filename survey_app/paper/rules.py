"""Checking the answers written on one paper form, with the same rules as an online answer.

The input is what the worker copied: question id -> the values written down (an empty list, or only
empty strings, when the question was left blank). A blank question that the form shows is stored as
skipped; an answer to a question that the other answers hide is refused, naming both questions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..form_problems import FormInvalid
from ..questionnaire.schema import RATHER_NOT_SAY, Condition, Question, Questionnaire
from ..responses.answers import AnswerRefused, parse_answer
from ..responses.journey import Answers, visible_questions
from ..safeguarding.triggers import help_reason


@dataclass(frozen=True)
class PaperProblem:
    """What is wrong with the answer to one question (question_id None: with the form as a whole)."""

    question_id: str | None
    message: str


class PaperRefused(FormInvalid):
    """A paper form refused: its problems by question id ("" for the form as a whole); `each` keeps every
    problem in order, for the CSV import's list by line."""

    def __init__(self, each: list[PaperProblem]):
        super().__init__({problem.question_id or "": problem.message for problem in each})
        self.each = each


NOTHING_ENTERED = "Nothing has been entered. Enter the answers from the paper form, then press “Add this response”."


def _values(question: Question, written: Sequence[str]) -> list[str]:
    if question.is_text:
        return [value for value in written if value.strip()]
    return [value.strip().lower() for value in written if value.strip()]


def _allowed(question: Question) -> str:
    return ", ".join(f"{option.value} ({option.label})" for option in question.options)


def _choice_problem(question: Question, values: list[str]) -> str | None:
    unknown = [value for value in values if value not in question.option_values()]
    if unknown:
        listed = " and ".join(f"“{value}”" for value in unknown)
        verb = "is not an answer" if len(unknown) == 1 else "are not answers"
        return f"{listed} {verb} to this question. Use one of: {_allowed(question)}."
    if len(set(values)) != len(values):
        return "The same answer is given twice. Give each answer once."
    if not question.allows_many and len(values) > 1:
        return f"Only one answer is allowed here, but {len(values)} are given."
    if RATHER_NOT_SAY in values and len(values) > 1:
        return "“I'd rather not say” (rather_not_say) is given together with another answer. Give one or the other."
    return None


def _text_problem(question: Question, values: list[str]) -> str | None:
    if len(values) > 1:
        return "Only one piece of writing is allowed here."
    text = values[0].replace("\r\n", "\n").strip()
    if "\0" in text:
        return "The writing has a character that is not text (a NUL byte). Type it again rather than pasting it."
    if len(text) > question.max_length:
        return (f"The writing is {len(text)} characters long; this question takes at most {question.max_length}. "
                "Shorten it, keeping the young person's meaning.")
    return None


def parse_written(question: Question, written: Sequence[str]) -> dict | None:
    """One question's answer as the online journey would store it, or None when left blank.
    Raises AnswerRefused with words for the worker."""
    values = _values(question, written)
    if not values:
        return None
    problem = _text_problem(question, values) if question.is_text else _choice_problem(question, values)
    if problem:
        raise AnswerRefused(problem)
    return parse_answer(question, values, skip=False)  # the online rules have the last word


def _shown(condition: Condition, questionnaire: Questionnaire, by_id: bool) -> str:
    if condition.kind in ("all", "any"):
        joiner = " and " if condition.kind == "all" else " or "
        parts = [_shown(part, questionnaire, by_id) for part in condition.parts]
        text = joiner.join(parts)
        return f"({text})" if len(parts) > 1 else text
    target = questionnaire.question(condition.question_id or "")
    name = target.id if by_id else f"“{target.text}”"
    if condition.kind == "answered":
        return f"{name} is answered"
    values = " or ".join(value if by_id else f"“{target.label_for(value)}”" for value in condition.values)
    if condition.kind == "is":
        return f"the answer to {name} is {values}"
    return f"{name} is answered with something other than {values}"


def shown_when(question: Question, questionnaire: Questionnaire, by_id: bool = False) -> str | None:
    """When the question is asked, in words ("the answer to “…” is “Yes”"); None if always."""
    conditions = [condition for condition in (questionnaire.section(question.section_id).show_if, question.show_if)
                  if condition is not None]
    if not conditions:
        return None
    text = " and ".join(_shown(condition, questionnaire, by_id) for condition in conditions)
    if text.startswith("(") and text.endswith(")") and len(conditions) == 1:
        text = text[1:-1]
    return text


def _depends_on(question: Question, questionnaire: Questionnaire) -> set[str]:
    ids: set[str] = set()
    for condition in (questionnaire.section(question.section_id).show_if, question.show_if):
        if condition is not None:
            ids |= condition.question_ids()
    return ids


def check_response(questionnaire: Questionnaire, written: Mapping[str, Sequence[str]],
                   by_id: bool = False) -> Answers:
    """The answers to store for one paper form, or PaperRefused listing every problem.
    `by_id` names questions by id in messages (for CSV files) rather than by their words."""
    problems: list[PaperProblem] = []
    for question_id in written:
        if not questionnaire.has_question(question_id):
            problems.append(PaperProblem(question_id, "This is not a question in this questionnaire."))
    parsed: Answers = {}
    refused: set[str] = set()
    for question in questionnaire.questions:
        try:
            answer = parse_written(question, written.get(question.id, ()))
        except AnswerRefused as error:
            problems.append(PaperProblem(question.id, error.message))
            refused.add(question.id)
            continue
        if answer is not None:
            parsed[question.id] = answer
    visible = visible_questions(questionnaire, parsed)
    visible_ids = {question.id for question in visible}
    for question in questionnaire.questions:
        hidden_but_answered = question.id in parsed and question.id not in visible_ids
        if hidden_but_answered and not _depends_on(question, questionnaire) & refused:
            problems.append(PaperProblem(question.id, (
                f"Leave this blank: it is only asked when {shown_when(question, questionnaire, by_id)}, "
                "and the answers given mean it was not asked. Check that answer, or clear this one."
            )))
    if not parsed and not problems:
        problems.append(PaperProblem(None, NOTHING_ENTERED))
    if problems:
        order = {question.id: index for index, question in enumerate(questionnaire.questions)}
        problems.sort(key=lambda problem: order.get(problem.question_id or "", -1))
        raise PaperRefused(problems)
    return {question.id: parsed.get(question.id, {"skipped": True}) for question in visible}


def flagged(questionnaire: Questionnaire, answers: Answers) -> bool:
    """Whether storing these answers flags one for the safeguarding lead (the same test as online)."""
    return any(help_reason(questionnaire.question(question_id), answer) for question_id, answer in answers.items())
