"""Which question comes next: pure functions over a questionnaire and the answers so far.

Answers are a dict keyed by question id, each value one of
``{"choices": [...]}``, ``{"text": "..."}`` or ``{"skipped": True}``.
Conditions only look backwards (the loader makes sure), so walking the questions in order and
ignoring answers to questions that are hidden gives the one true list of visible questions.
"""

from __future__ import annotations

from ..questionnaire.schema import RATHER_NOT_SAY, Condition, Question, Questionnaire

Answers = dict[str, dict]


def chosen(answer: dict | None) -> list[str]:
    if not answer or answer.get("skipped"):
        return []
    return list(answer.get("choices", []))


def is_answered(answer: dict | None) -> bool:
    if not answer or answer.get("skipped"):
        return False
    if "text" in answer:
        return bool(answer["text"].strip())
    choices = chosen(answer)
    return bool(choices) and choices != [RATHER_NOT_SAY]


def condition_holds(condition: Condition, answers: Answers) -> bool:
    if condition.kind == "all":
        return all(condition_holds(part, answers) for part in condition.parts)
    if condition.kind == "any":
        return any(condition_holds(part, answers) for part in condition.parts)
    answer = answers.get(condition.question_id or "")
    if condition.kind == "answered":
        return is_answered(answer)
    picked = set(chosen(answer)) - {RATHER_NOT_SAY}
    if condition.kind == "is":
        return bool(picked & set(condition.values))
    return bool(picked) and not picked & set(condition.values)


def visible_questions(questionnaire: Questionnaire, answers: Answers) -> list[Question]:
    visible: list[Question] = []
    seen: Answers = {}
    sections = {section.id: section for section in questionnaire.sections}
    for question in questionnaire.questions:
        section = sections[question.section_id]
        shown = (section.show_if is None or condition_holds(section.show_if, seen)) and (
            question.show_if is None or condition_holds(question.show_if, seen)
        )
        if shown:
            visible.append(question)
            if question.id in answers:
                seen[question.id] = answers[question.id]
    return visible


def visible_answers(questionnaire: Questionnaire, answers: Answers) -> Answers:
    """The answers that count: those to questions still shown after any change of mind."""
    return {q.id: answers[q.id] for q in visible_questions(questionnaire, answers) if q.id in answers}


def first_question(questionnaire: Questionnaire, answers: Answers) -> Question:
    return visible_questions(questionnaire, answers)[0]


def _neighbour(questionnaire: Questionnaire, answers: Answers, current_id: str, step: int) -> Question | None:
    visible = visible_questions(questionnaire, answers)
    ids = [question.id for question in visible]
    if current_id not in ids:
        return None
    index = ids.index(current_id) + step
    return visible[index] if 0 <= index < len(visible) else None


def next_question(questionnaire: Questionnaire, answers: Answers, current_id: str) -> Question | None:
    return _neighbour(questionnaire, answers, current_id, +1)


def previous_question(questionnaire: Questionnaire, answers: Answers, current_id: str) -> Question | None:
    return _neighbour(questionnaire, answers, current_id, -1)


def first_unanswered(questionnaire: Questionnaire, answers: Answers) -> Question | None:
    for question in visible_questions(questionnaire, answers):
        if question.id not in answers:
            return question
    return None


def progress(questionnaire: Questionnaire, answers: Answers, current_id: str) -> tuple[int, int]:
    """(number of this question, number of questions as things stand) for "Question 3 of 12"."""
    ids = [question.id for question in visible_questions(questionnaire, answers)]
    return (ids.index(current_id) + 1 if current_id in ids else 0), len(ids)
