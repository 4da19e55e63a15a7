"""Who sees which question: the `for:` tags a questionnaire declares, checked against its `show_if` routing.

A question (or its section) tagged `for: {groups: [care_leaver], ages: ["18-25"]}` is meant only for those
young people. What a young person said about themselves comes from two questions, `care_status` (in_care /
care_leaver) and `age_band` (AGE_BANDS); when the questionnaire's audience has only one group or one band,
that is known without asking. Someone who skipped or said "I'd rather not say" is in no group: they may
only see questions meant for everyone.

`misrouted` walks every combination of answers to the questions any `show_if` depends on (each answer,
"I'd rather not say" and skipped) through `journey.visible_questions` and reports each question shown to
someone it is not meant for, and each question no combination shows at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from ..questionnaire.loader import bands_within
from ..questionnaire.schema import (
    AGE_BAND_QUESTION,
    AGE_BANDS,
    CARE_STATUS_QUESTION,
    GROUPS,
    RATHER_NOT_SAY,
    Question,
    Questionnaire,
)
from ..responses.journey import Answers, visible_questions

# More combinations than this are not walked (a hand-written questionnaire has a few thousand at most).
MAX_PATHS = 200_000
_BAND_OF_VALUE = {value: band for band, value in AGE_BANDS.items()}


@dataclass(frozen=True)
class Who:
    group: str | None  # in_care / care_leaver, or None when not known
    band: str | None  # "8-11" …, or None when not known


def meant_for(questionnaire: Questionnaire, question: Question) -> tuple[frozenset[str], frozenset[str]]:
    """(groups, age bands) a question is meant for: its own `for:`, else its section's, else the audience."""
    section = questionnaire.section(question.section_id)
    tags = [tag for tag in (question.meant_for, section.meant_for) if tag is not None]
    groups = next((tag.groups for tag in tags if tag.groups), questionnaire.audience.groups)
    bands = next((tag.ages for tag in tags if tag.ages), tuple(bands_within(questionnaire.audience.ages)))
    return frozenset(groups), frozenset(bands)


def who(questionnaire: Questionnaire, answers: Answers) -> Who:
    """What the answers (and the audience) say about the young person."""
    def picked(question_id: str) -> str | None:
        answer = answers.get(question_id) or {}
        choices = [] if answer.get("skipped") else list(answer.get("choices", []))
        return choices[0] if len(choices) == 1 and choices[0] != RATHER_NOT_SAY else None

    groups = questionnaire.audience.groups
    group = picked(CARE_STATUS_QUESTION) if len(groups) > 1 else groups[0]
    bands = bands_within(questionnaire.audience.ages)
    band = _BAND_OF_VALUE.get(picked(AGE_BAND_QUESTION) or "") if len(bands) > 1 else bands[0]
    return Who(group if group in GROUPS else None, band)


def is_meant_for(questionnaire: Questionnaire, question: Question, person: Who) -> bool:
    groups, bands = meant_for(questionnaire, question)
    every_group = groups >= set(questionnaire.audience.groups)
    every_band = bands >= set(bands_within(questionnaire.audience.ages))
    return (every_group or person.group in groups) and (every_band or person.band in bands)


def _states(question: Question) -> list[dict]:
    """Each way a routing question can be left: each answer, "I'd rather not say", skipped."""
    return [{"choices": [option.value]} for option in question.options] + [{"skipped": True}]


def paths(questionnaire: Questionnaire) -> Iterator[Answers]:
    """Every combination of answers to care_status, age_band and the questions that some show_if depends on."""
    depended = {CARE_STATUS_QUESTION, AGE_BAND_QUESTION}
    for condition in [*(section.show_if for section in questionnaire.sections),
                      *(question.show_if for question in questionnaire.questions)]:
        if condition is not None:
            depended |= condition.question_ids()
    routing = [question for question in questionnaire.questions if question.id in depended]
    for combination in itertools.islice(itertools.product(*(_states(question) for question in routing)), MAX_PATHS):
        yield {question.id: state for question, state in zip(routing, combination, strict=True)}


def misrouted(questionnaire: Questionnaire) -> list[tuple[Question, str]]:
    """(question, why) for each question shown to someone it isn't meant for, or never shown to anyone."""
    wrong: dict[str, str] = {}
    for question_id, allowed in ((CARE_STATUS_QUESTION, set(GROUPS)), (AGE_BAND_QUESTION, set(AGE_BANDS.values()))):
        if questionnaire.has_question(question_id):
            question = questionnaire.question(question_id)
            odd = sorted(question.option_values() - allowed - {RATHER_NOT_SAY})
            if question.type != "single" or odd:
                wrong[question_id] = (f"'{question_id}' says who a young person is, so it must be a single choice "
                                      f"from: {', '.join(sorted(allowed))}")
    shown: set[str] = set()
    fits: dict[tuple[str, Who], bool] = {}
    for answers in paths(questionnaire):
        person = who(questionnaire, answers)
        for question in visible_questions(questionnaire, answers):
            shown.add(question.id)
            if (question.id, person) not in fits:
                fits[question.id, person] = is_meant_for(questionnaire, question, person)
            if question.id not in wrong and not fits[question.id, person]:
                groups, bands = meant_for(questionnaire, question)
                wrong[question.id] = (
                    f"shown to someone it is not meant for (group {person.group or 'not known'}, age "
                    f"{person.band or 'not known'}); it is for {', '.join(sorted(groups))}, ages "
                    f"{', '.join(band for band in AGE_BANDS if band in bands)}: its show_if must say so too"
                )
    problems = [(questionnaire.question(qid), why) for qid, why in wrong.items()]
    problems += [(question, "no answers lead to this question: check its show_if and 'for'")
                 for question in questionnaire.questions if question.id not in shown]
    return sorted(problems, key=lambda problem: problem[0].line)
