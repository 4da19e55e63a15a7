""""My review card": a young person's own card for their looked-after review ("What I want my review to
know"), made from a few prompts and, if they choose, some of their own answers while the draft exists.

It is made in one request and returned once: nothing here writes to the database or logs anything, and
the view sends it with `Cache-Control: no-store` (as every page). tests/test_review_card.py shows that a
word written on the card is afterwards in no table and no log line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from ..characters import without_unusable
from ..form_problems import FormInvalid
from ..question_types import N_
from ..questionnaire.schema import Questionnaire
from .answers import shown_answer
from .journey import Answers, visible_questions

# (field, heading on the card, hint on the form)
PROMPTS: tuple[tuple[str, str, str], ...] = (
    ("going_well", N_("What’s going well"), N_("Things that are good for you right now.")),
    ("change", N_("What I’d like to change"), N_("Things you would like to be different.")),
    ("who", N_("Who I want at my review"), N_("People you would like to be there, or not there.")),
    ("anything_else", N_("Anything else"), N_("Anything you want the people at your review to know.")),
)
PROMPT_MAX = 600
NAME_MAX = 40


class CardRefused(FormInvalid):
    """Nothing to put on the card, or a box with too much in it."""


@dataclass(frozen=True)
class Card:
    name: str
    parts: tuple[tuple[str, str], ...]  # (heading, what they wrote), only the boxes they filled in
    answers: tuple[tuple[str, str], ...]  # (question, their answer), only those they chose


def answer_rows(questionnaire: Questionnaire, answers: Answers) -> list[tuple[str, str, str]]:
    """(question id, question, answer as shown) for every question this child answered (not skipped)."""
    return [(question.id, question.text, shown_answer(question, answers.get(question.id)))
            for question in visible_questions(questionnaire, answers)
            if answers.get(question.id) and not answers[question.id].get("skipped")]


def make_card(form: Mapping[str, str], chosen: Sequence[str], rows: Sequence[tuple[str, str, str]]) -> Card:
    problems: dict[str, str] = {}
    name = " ".join(without_unusable(form.get("name") or "").split())
    if len(name) > NAME_MAX:
        problems["name"] = _("Please make your name shorter: %(limit)s letters or fewer.", limit=NAME_MAX)
    parts = []
    for field, heading, _hint in PROMPTS:
        written = without_unusable(form.get(field) or "").strip()
        if len(written) > PROMPT_MAX:
            problems[field] = _("This box has a lot in it. Please make it shorter: %(limit)s letters or fewer.",
                                limit=PROMPT_MAX)
        elif written:
            parts.append((heading, written))
    picked = tuple((text, shown) for question_id, text, shown in rows if question_id in set(chosen))
    if not problems and not parts and not picked:
        problems[PROMPTS[0][0]] = _("Write something in at least one box, or choose some of your answers.")
    if problems:
        raise CardRefused(problems)
    return Card(name=name, parts=tuple(parts), answers=picked)
