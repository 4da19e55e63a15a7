"""The CSV template for one questionnaire version: one header row of question ids, nothing else.
How to fill it in is shown on the upload page (guide_rows), never as a second row in the file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..audit import audit
from ..models import SurveyRound
from ..questionnaire.schema import Questionnaire
from .rules import shown_when

SEPARATOR = ";"


def template_csv(survey_round: SurveyRound, questionnaire: Questionnaire, actor: str) -> str:
    """The round's CSV template: one column per question. An export of the questionnaire's shape (no
    answers in it), logged like every other download of data."""
    audit(actor, "CSV template downloaded", f"round {survey_round.slug} ({questionnaire.id} v{questionnaire.version})")
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([question.id for question in questionnaire.questions])
    return out.getvalue()


def template_filename(questionnaire: Questionnaire) -> str:
    return f"{questionnaire.id}-v{questionnaire.version}-paper-responses.csv"


@dataclass(frozen=True)
class GuideRow:
    column: str
    question: str
    write: str
    only_when: str | None


def _what_to_write(question) -> str:
    if question.is_text:
        return f"The young person's words as written, up to {question.max_length} characters."
    values = ", ".join(f"{option.value} = {option.label}" for option in question.options)
    if question.allows_many:
        return f"One or more of: {values}. Separate several with a semicolon, for example “a{SEPARATOR}b”."
    return f"One of: {values}."


def guide_rows(questionnaire: Questionnaire) -> list[GuideRow]:
    return [
        GuideRow(question.id, question.text, _what_to_write(question), shown_when(question, questionnaire, by_id=True))
        for question in questionnaire.questions
    ]
