"""Worrying words in free text, the way children and young people write them.

One pattern file per language (`PATTERN_FILES`: English `worrying_patterns.txt`, Welsh
`worrying_patterns_cy.txt`), each with its own normaliser; every answer is read with every language's
patterns (young people mix languages; a Welsh answer on an English page is still read in Welsh).
`worrying_patterns.txt` holds patterns by category (a harm word near a person or a home, word forms,
text-speak), matched against the normalised text (normalise.py); the safeguarding lead's own phrases
(lead_phrases.py, added in the app) are matched too. Deliberately broad: a false alarm costs a help page
and a staff review; a miss can cost far more. It is a prompt for a person, never a substitute for one.
Measured by `python -m survey_app.safeguarding.eval [--language cy]` (README, "Safeguarding")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalise import normalise, normalise_cy

PATTERNS_FILE = Path(__file__).with_name("worrying_patterns.txt")
# language code -> (its patterns, the normaliser they are written over)
PATTERN_FILES: dict[str, tuple[Path, Callable[[str], str]]] = {
    "en": (PATTERNS_FILE, normalise),
    "cy": (Path(__file__).with_name("worrying_patterns_cy.txt"), normalise_cy),
}
PHRASE_LANGUAGES = tuple(PATTERN_FILES)
_MUTABLE = re.compile(r"~([a-z]+)")


@dataclass(frozen=True)
class Found:
    category: str
    words: str


def mutations(word: str) -> tuple[str, ...]:
    """A Welsh word and its initial mutations: "taro" → taro, daro, nharo, tharo; "brifo" → brifo, frifo,
    mrifo; "ofn" → ofn, hofn. Soft, nasal and aspirate mutations and h before a vowel (after "ei" her,
    "ein", "eu")."""
    forms = [word]
    for radical, changed in (("ll", ("l",)), ("rh", ("r",)), ("ch", ()), ("ph", ()), ("th", ()), ("ff", ()),
                             ("dd", ()), ("ng", ()), ("p", ("b", "mh", "ph")), ("t", ("d", "nh", "th")),
                             ("c", ("g", "ngh", "ch")), ("b", ("f", "m")), ("d", ("dd", "n")), ("g", ("", "ng")),
                             ("m", ("f",))):
        if word.startswith(radical):
            forms += [start + word[len(radical):] for start in changed]
            break
    else:
        if word[:1] in "aeiouwy":
            forms.append("h" + word)
    return tuple(dict.fromkeys(form for form in forms if form))


def _expanded(pattern: str) -> str:
    return _MUTABLE.sub(lambda match: "(?:" + "|".join(mutations(match.group(1))) + ")", pattern)


def _read(path: Path) -> tuple[tuple[str, re.Pattern[str]], ...]:
    rules = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        category, separator, pattern = line.partition(": ")
        if not separator or not pattern.strip():
            raise ValueError(f"{path.name}:{number}: expected 'category: pattern'")
        rules.append((category.strip(), re.compile(_expanded(pattern.strip()))))
    return tuple(rules)


@lru_cache(maxsize=len(PATTERN_FILES))
def language_patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(category, compiled pattern) for each line of one language's patterns file, in order; in the Welsh
    file `~word` stands for the word and its mutated forms (`mutations`)."""
    return _read(PATTERN_FILES[language][0])


def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The English patterns (worrying_patterns.txt)."""
    return language_patterns("en")


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A lead's phrase as a whole-word match on normalised text ("hurts me" does not match "hurtsme")."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in normalise(phrase).split()) + r"(?!\w)")


def find_worrying(text: str, extra_phrases: Iterable[re.Pattern[str]] = (),
                  languages: Iterable[str] = PHRASE_LANGUAGES) -> Found | None:
    """The first worrying thing in `text` (its category and the words), or None. Read with the patterns of
    every language in `languages` (all shipped, unless an evaluation asks for one)."""
    normalised = normalise(text)
    if not normalised:
        return None
    for language in languages:
        written = normalised if language == "en" else PATTERN_FILES[language][1](text)
        for category, pattern in language_patterns(language):
            match = pattern.search(written)
            if match:
                return Found(category, match.group(0))
    for pattern in extra_phrases:
        match = pattern.search(normalised)
        if match:
            return Found("lead's phrase", match.group(0))
    return None


def worrying_phrase(text: str) -> str | None:
    """The worrying words found in `text`, or None: the patterns and the safeguarding lead's phrases."""
    from .lead_phrases import lead_phrase_patterns

    found = find_worrying(text, lead_phrase_patterns())
    return found.words if found else None
