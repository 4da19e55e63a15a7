"""Which question comes next: pure functions over a questionnaire and the answers so far.

Answers are a dict keyed by question id, each value one of
``{"choices": [...]}``, ``{"text": "..."}`` or ``{"skipped": True}``.
Conditions only look backwards (the loader makes sure), so walking the questions in order and
ignoring answers to questions that are hidden gives the one true list of visible questions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..questionnaire.schema import RATHER_NOT_SAY, Condition, Question, Questionnaire, Section

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


def by_section(questionnaire: Questionnaire, questions: list[Question]) -> list[tuple[Section, list[Question]]]:
    """The questions under their sections, in order, for the check-your-answers page; no empty section."""
    groups: dict[str, list[Question]] = {}
    for question in questions:
        groups.setdefault(question.section_id, []).append(question)
    return [(section, groups[section.id]) for section in questionnaire.sections if section.id in groups]


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


def after_answering(questionnaire: Questionnaire, answers: Answers, current_id: str,
                    changing: bool) -> Question | None:
    """The question to ask after `current_id` was answered, or None for check-your-answers. A changed
    answer (from check-your-answers) can reveal questions not seen yet: those are asked before going back."""
    if changing:
        return first_unanswered(questionnaire, answers)
    return next_question(questionnaire, answers, current_id)


@dataclass(frozen=True)
class Progress:
    """Where a child is, for the progress bar and "Where you live · question 2 of 4", "part 2 of 5".

    Counts are of the questions this child has been shown or may still be shown. A question after this
    one counts unless the answers already given rule it out; answers to this question and later ones are
    not looked at, since they may still change. So walking forward, `number` goes up by one, `total`
    never goes up (later questions can only be ruled out), and `number` never passes `total`."""

    number: int
    total: int
    section_number: int
    section_total: int
    part: int
    parts: int


def _may_hold(condition: Condition, seen: Answers, decided: set[str]) -> bool | None:
    """condition_holds with three answers: None when it depends on a question not decided yet."""
    if condition.kind in ("all", "any"):
        results = [_may_hold(part, seen, decided) for part in condition.parts]
        deciding = condition.kind == "any"  # one True decides "any", one False decides "all"
        if deciding in results:
            return deciding
        return None if None in results else not deciding
    if condition.question_id not in decided:
        return None
    return condition_holds(condition, seen)


def _may_show(question: Question, section_condition: Condition | None, seen: Answers, decided: set[str]) -> bool:
    results = [_may_hold(condition, seen, decided) for condition in (section_condition, question.show_if)
               if condition is not None]
    return False not in results


def progress(questionnaire: Questionnaire, answers: Answers, current_id: str) -> Progress:
    """The progress of a child on the question `current_id` (which must be one they can see)."""
    sections = {section.id: section for section in questionnaire.sections}
    seen: Answers = {}
    decided: set[str] = set()
    counted: list[Question] = []
    passed = False
    for question in questionnaire.questions:
        section_condition = sections[question.section_id].show_if
        if question.id == current_id:
            passed = True
            counted.append(question)
        elif passed:
            if _may_show(question, section_condition, seen, decided):
                counted.append(question)
        else:
            decided.add(question.id)
            if _may_show(question, section_condition, seen, decided):
                counted.append(question)
                if question.id in answers:
                    seen[question.id] = answers[question.id]
    return _place(counted, current_id)


def progress_in_file(questionnaire: Questionnaire, current_id: str) -> Progress:
    """The same counts over every question of the file, as the builder's preview walks them."""
    return _place(list(questionnaire.questions), current_id)


def _place(counted: list[Question], current_id: str) -> Progress:
    ids = [question.id for question in counted]
    index = ids.index(current_id)
    section_id = counted[index].section_id
    in_section = [question.id for question in counted if question.section_id == section_id]
    parts = list(dict.fromkeys(question.section_id for question in counted))
    return Progress(number=index + 1, total=len(ids),
                    section_number=in_section.index(current_id) + 1, section_total=len(in_section),
                    part=parts.index(section_id) + 1, parts=len(parts))
