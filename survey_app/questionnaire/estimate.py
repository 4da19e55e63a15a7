"""How long a questionnaire takes, worked out from its questions (shown on the start page and the printed
card when the file gives no `minutes`, and offered on the builder's publish page).

The rule, in seconds, rounded UP to whole minutes (1 to 60):
- 60 for the start page and checking the answers before sending;
- per question, by type: a long written answer 60, a short one 30, tick-all-that-apply 20, one choice 15,
  faces 10;
- reading: every word of the question, its hint and its answers (with "I'd rather not say") at 2 words a
  second, a slow reader's pace (about 120 words a minute), since some readers are 8.
Three one-choice questions of about 17 words each: 60 + 3 x (15 + 8.5) = 130 s, so "about 3 minutes".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from .. import question_types
from .schema import Question

START_AND_CHECK_SECONDS = 60
WORDS_PER_SECOND = 2.0
MIN_MINUTES, MAX_MINUTES = 1, 60


def answer_seconds(type_name: str) -> int:
    """Seconds to choose or write an answer to a question of this type (reading not included)."""
    kind = question_types.get(type_name)
    if kind.written:
        return 60 if kind.multiline else 30
    if kind.many:
        return 20
    if kind.faces:
        return 10
    return 15


def words(text: str) -> int:
    return len(re.findall(r"[\w’']+", text))


def question_seconds(question: Question) -> float:
    reading = words(question.text) + words(question.hint) + sum(words(option.label) for option in question.options)
    return answer_seconds(question.type) + reading / WORDS_PER_SECOND


def estimated_minutes(questions: Iterable[Question]) -> int:
    seconds = START_AND_CHECK_SECONDS + sum(question_seconds(question) for question in questions)
    return max(MIN_MINUTES, min(MAX_MINUTES, math.ceil(seconds / 60)))
