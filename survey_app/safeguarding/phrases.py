"""Worrying words in free text, the way children and young people write them.

`worrying_patterns.txt` holds patterns by category (a harm word near a person or a home, word forms,
text-speak), matched against the normalised text (normalise.py); the safeguarding lead's own phrases
(lead_phrases.py, added in the app) are matched too. Deliberately broad: a false alarm costs a help page
and a staff review; a miss can cost far more. It is a prompt for a person, never a substitute for one.
Measured by `python -m survey_app.safeguarding.eval` (README, "Safeguarding")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .normalise import normalise

PATTERNS_FILE = Path(__file__).with_name("worrying_patterns.txt")


@dataclass(frozen=True)
class Found:
    category: str
    words: str


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(category, compiled pattern) for each line of the patterns file, in order."""
    rules = []
    for number, line in enumerate(PATTERNS_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        category, separator, pattern = line.partition(": ")
        if not separator or not pattern.strip():
            raise ValueError(f"{PATTERNS_FILE.name}:{number}: expected 'category: pattern'")
        rules.append((category.strip(), re.compile(pattern.strip())))
    return tuple(rules)


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A lead's phrase as a whole-word match on normalised text ("hurts me" does not match "hurtsme")."""
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(word) for word in normalise(phrase).split()) + r"(?!\w)")


def find_worrying(text: str, extra_phrases: Iterable[re.Pattern[str]] = ()) -> Found | None:
    """The first worrying thing in `text` (its category and the words), or None."""
    normalised = normalise(text)
    if not normalised:
        return None
    for category, pattern in patterns():
        match = pattern.search(normalised)
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
