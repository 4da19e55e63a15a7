"""The question bank: every question of the shipped questionnaires (questionnaires/*.yaml), to pick from in
the builder instead of writing it again. A picked question keeps its words, type, answers and safeguarding
answers; it gets an id not used in the questionnaire (or any of its versions), its own priority or the one
the worker chooses, and loses what only made sense in its old questionnaire: its condition (it looked at
questions that aren't there), "cannot be skipped" (nothing depends on it) and who it was meant for."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .editing import Document, EditRefused, all_questions, find_section, questions_of, sections, slug_id
from .export import parse_document
from .loader import read_file
from .store import shipped_files

LEFT_BEHIND = ("show_if", "required", "for")


@dataclass(frozen=True)
class BankQuestion:
    ref: str  # "<questionnaire id>:<question id>", what the builder's form sends
    source_title: str
    section_title: str
    question: dict


@lru_cache(maxsize=4)
def _bank(files: tuple[Path, ...]) -> tuple[BankQuestion, ...]:
    found = []
    for path in files:
        document = parse_document(read_file(path))
        for section in sections(document):
            for question in questions_of(section):
                found.append(BankQuestion(f"{document.get('id')}:{question.get('id')}", str(document.get("title")),
                                          str(section.get("title")), question))
    return tuple(found)


def bank_questions(search: str = "", priority: str = "") -> list[BankQuestion]:
    """The shipped questions whose words or id hold `search` (any case) and, if given, of that priority."""
    words = search.strip().lower()
    return [item for item in _bank(tuple(shipped_files()))
            if (not priority or item.question.get("priority") == priority)
            and (not words or any(words in str(item.question.get(key, "")).lower() for key in ("text", "hint", "id")))]


def add_from_bank(document: Document, section_id: str, refs: list[str], priority: str, priorities: set[str],
                  avoid: set[str] | None = None) -> list[str]:
    """Add the picked bank questions at the end of a section; returns their new ids. `priority` "" keeps
    each question's own, which must then be one of the council's `priorities`."""
    section = find_section(document, section_id)
    by_ref = {item.ref: item for item in _bank(tuple(shipped_files()))}
    picked = [by_ref[ref] for ref in dict.fromkeys(refs) if ref in by_ref]
    if not picked:
        raise EditRefused("Tick at least one question to add", "pick")
    if priority and priority not in priorities:
        raise EditRefused("Choose one of the council's priorities", "priority")
    taken = {str(question.get("id")) for question in all_questions(document)} | (avoid or set())
    added: list[dict] = []
    for item in picked:
        question = {key: value for key, value in copy.deepcopy(item.question).items() if key not in LEFT_BEHIND}
        question["id"] = slug_id(str(item.question.get("id")), taken)
        taken.add(question["id"])
        if priority:
            question["priority"] = priority
        elif question.get("priority") not in priorities:
            raise EditRefused(f"“{question.get('text')}” is about a priority this council doesn't have: choose the "
                              "priority for the added questions", "priority")
        added.append(question)
    if not isinstance(section.get("questions"), list):
        section["questions"] = []
    section["questions"].extend(added)
    return [str(question["id"]) for question in added]
