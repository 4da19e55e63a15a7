"""The loader's problems said in a participation worker's words, for the builder's pages.

The loader speaks of the YAML file ("Line 11: section 'section_1' needs a list of questions"), which is
right for `questionnaires check` and for importing a file, but the builder's worker never sees the file.
Here each problem says which question or section it is about (so the page can link to it) and, for the
problems a worker can make in the builder, what to do, without file lines or YAML keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .editing import Document, all_questions, sections
from .loader import Problem

# (pattern of the loader's message, the worker's words). The first match wins; other messages are shown
# as the loader words them, without the file line.
REWORDED: tuple[tuple[str, str], ...] = (
    (r"section '.*' needs a list of questions", "This section has no questions yet: add a question, or delete "
     "the section."),
    (r"'sections' must be a list", "Add a section, then a question in it."),
    (r"'priority' must be one of", "Choose the strategy priority this question is about."),
    (r"unknown question type", "Choose the type of answer."),
    (r"needs 'options': at least two", "Give at least two options to choose from."),
    (r"'required: true' is only allowed", "“Cannot be skipped” is only allowed when a later question or section "
     "is shown depending on this answer: untick it, or add that condition."),
    (r"'title' is missing|'title' must be some words", "Give it a title."),
    (r"'text' is missing|'text' must be some words", "Write the question, in the words a young person will see."),
    (r"audience 'ages' must look like", "Enter the ages as a range, for example 8-11."),
    (r"this asks for (.*); surveys are anonymous", r"This question asks for \1. Surveys are anonymous, so we never "
     "ask for it: ask for a broad band instead, or delete the question."),
)


@dataclass(frozen=True)
class WorkerProblem:
    message: str
    where: str = ""  # "Question 2: “How are you?”" or "Section “Home”", or "" for the whole questionnaire
    anchor: str = ""  # the id of the question or section on the builder's page ("question-happy")
    question_id: str = ""  # set when a "Change" link can go to the question's form


def reworded(message: str) -> str:
    for pattern, words in REWORDED:
        match = re.search(pattern, message)
        if match:
            return match.expand(words)
    return message[:1].upper() + message[1:]


def for_worker(problems: list[Problem], document: Document) -> list[WorkerProblem]:
    numbers = {str(question.get("id")): (number, str(question.get("text", "")))
               for number, question in enumerate(all_questions(document), 1)}
    titles = {str(section.get("id")): str(section.get("title", "")) for section in sections(document)}
    result = []
    for problem in problems:
        message = reworded(problem.message)
        if problem.question_id and problem.question_id in numbers:
            number, text = numbers[problem.question_id]
            result.append(WorkerProblem(message, f"Question {number}: “{text}”", f"question-{problem.question_id}",
                                        problem.question_id))
        elif problem.section_id and problem.section_id in titles:
            result.append(WorkerProblem(message, f"Section “{titles[problem.section_id]}”",
                                        f"section-{problem.section_id}"))
        else:
            result.append(WorkerProblem(message))
    return result
