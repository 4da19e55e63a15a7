"""The reading age and unexplained jargon of every question and page of text of a questionnaire.

Items:
- each question: its text, hint and answer labels (including "I'd rather not say"); the first question of
  a section also carries the section's title and intro, shown above it. Jargon there is explained by the
  question's own words or its section's intro (glossary.explains).
- "start page": the questionnaire's title and intro, the fixed words of templates/survey/start.html and
  the help contacts for the questionnaire's ages;
- "help page": the fixed words of templates/pages/help.html and the same contacts.

Target reading age: 9 years for a questionnaire whose audience is 11 or younger, 11 for the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..questionnaire.schema import Question, Questionnaire
from ..safeguarding.contacts import ages_of, contacts_for
from .glossary import Term, unexplained
from .pages import HELP_PAGE, START_PAGE, page_text
from .reading_age import reading_age

YOUNGER_TARGET = 9.0
TARGET = 11.0


@dataclass(frozen=True)
class Row:
    file: str
    item: str  # a question id, "start page" or "help page"
    reading_age: float
    target: float
    jargon: tuple[str, ...]  # glossary terms used without an explanation

    @property
    def over_target(self) -> bool:
        return self.reading_age > self.target


def target_for(questionnaire: Questionnaire) -> float:
    ages = ages_of(questionnaire.audience.ages)
    return YOUNGER_TARGET if ages is not None and ages[1] <= 11 else TARGET


def question_words(questionnaire: Questionnaire, question: Question) -> str:
    section = questionnaire.section(question.section_id)
    lines = [section.title, section.intro] if section.question_ids[:1] == (question.id,) else []
    lines += [question.text, question.hint, *(option.label for option in question.options)]
    return "\n".join(line for line in lines if line)


def contact_words(questionnaire: Questionnaire, settings: Mapping) -> str:
    return "\n".join(f"{contact.name}: {contact.how}."
                     for contact in contacts_for(ages_of(questionnaire.audience.ages), settings))


def rows(questionnaire: Questionnaire, file: str, terms: list[Term], settings: Mapping,
         templates: Path | None = None) -> list[Row]:
    target = target_for(questionnaire)
    result = []
    for question in questionnaire.questions:
        words = question_words(questionnaire, question)
        explaining = f"{words}\n{questionnaire.section(question.section_id).intro}"
        result.append(Row(file, question.id, reading_age(words), target,
                          tuple(term.term for term in unexplained(words, explaining, terms))))
    contacts = contact_words(questionnaire, settings)
    pages = {
        "start page": f"{questionnaire.title}\n{questionnaire.intro}\n{page_text(START_PAGE, templates)}\n{contacts}",
        "help page": f"{page_text(HELP_PAGE, templates)}\n{contacts}",
    }
    for item, words in pages.items():
        result.append(Row(file, item, reading_age(words), target,
                          tuple(term.term for term in unexplained(words, words, terms))))
    return result


def table(all_rows: list[Row]) -> str:
    """The rows as a plain-text table; "!" marks a reading age over its target."""
    header = ("file", "item", "reading age", "target", "jargon")
    lines = [(row.file, row.item, f"{row.reading_age:.1f}{' !' if row.over_target else ''}", f"{row.target:g}",
              ", ".join(row.jargon) or "-") for row in all_rows]
    widths = [max(len(str(cells[column])) for cells in [header, *lines]) for column in range(len(header))]
    return "\n".join("  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
                     for cells in [header, *lines])
