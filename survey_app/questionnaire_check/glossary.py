"""Jargon: words from the glossary (questionnaires/glossary.yaml) used without an explanation.

A term counts as **explained** when the words around it hold a definition of it (any of its forms):
- the term followed by "is", "are", "means" or a colon (an abbreviation in brackets may come between):
  "Your IRO is the person who runs your review meetings", "A personal adviser (PA) is …",
  "An advocate: someone on your side …";
- the term followed by an explanation of at least three words in brackets: "your IRO (the person who runs
  your review meetings)";
- or the term in brackets straight after plain words (not after another of its own forms): "a doctor (GP)",
  "your former foster carers (staying put)".
Which words count as "around it" is the caller's choice (a question: its text, hint, option labels and its
section's intro; a page: the whole page).

A form written mostly in capitals ("IRO", "PA", "CiCC") only matches as written; any other form matches in
any case. Forms match whole words only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..paths import questionnaires_dir


@dataclass(frozen=True)
class Term:
    term: str
    also: tuple[str, ...] = ()
    means: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.term, *self.also)


def _is_abbreviation(form: str) -> bool:
    return sum(char.isupper() for char in form) > sum(char.islower() for char in form)


def _form_pattern(form: str) -> str:
    words = [re.escape(word) for word in form.split()]
    return r"(?<![\w’'])" + r"\s+".join(words) + r"(?![\w’'-])"


def _flags(form: str) -> re.RegexFlag:
    return re.RegexFlag(0) if _is_abbreviation(form) else re.IGNORECASE


def glossary_file() -> Path:
    return questionnaires_dir() / "glossary.yaml"


class GlossaryInvalid(Exception):
    pass


def load_glossary(path: Path | None = None) -> list[Term]:
    path = path or glossary_file()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise GlossaryInvalid(f"{path}: must be a list of terms")
    terms = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) or not entry["term"].strip() \
                or set(entry) - {"term", "also", "means"} \
                or not all(isinstance(form, str) and form.strip() for form in entry.get("also", [])):
            raise GlossaryInvalid(f"{path}: entry {number} needs 'term' (words), and may have 'also' (a list of "
                                  "words) and 'means'")
        terms.append(Term(entry["term"].strip(), tuple(form.strip() for form in entry.get("also", [])),
                          str(entry.get("means", "")).strip()))
    return terms


def used(text: str, terms: list[Term]) -> list[Term]:
    """The terms the text uses, in glossary order."""
    return [term for term in terms
            if any(re.search(_form_pattern(form), text, _flags(form)) for form in term.forms)]


def explains(text: str, term: Term) -> bool:
    """Whether the text holds a definition of the term (see the module's docstring)."""
    for form in term.forms:
        word = _form_pattern(form)
        flags = _flags(form)
        if re.search(word + r"(?:\s*\([^)]{1,40}\))?(?:\s+(?:is|are|means)\b|:\s)", text, flags):
            return True
        if re.search(word + r"\s*\(\s*\w+(?:[^)\w]+\w+){2}[^)]*\)", text, flags):
            return True
        for bracket in re.finditer(r"(?<=\w)\s+\(\s*" + word + r"\s*\)", text, flags):
            before = text[:bracket.start()]
            # "personal adviser (PA)" names the term twice and explains neither
            if not any(re.search(_form_pattern(other) + r"$", before, _flags(other)) for other in term.forms):
                return True
    return False


def unexplained(used_in: str, explained_in: str, terms: list[Term]) -> list[Term]:
    """Terms `used_in` uses that `explained_in` does not explain."""
    return [term for term in used(used_in, terms) if not explains(explained_in, term)]
