"""A reading-age estimate for a piece of text: pure Python, no downloads.

Flesch–Kincaid grade level (Kincaid, Fishburne, Rogers and Chissom, 1975, "Derivation of new readability
formulas for Navy enlisted personnel", Research Branch Report 8-75):

    grade = 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59

and the usual UK reading-age convention, a US school grade plus 5 years (grade 1 is the year a child turns
6 or 7): reading age = grade + 5, never below 5 (a few very short words give a negative grade).

- Words are runs of letters (an apostrophe inside a word keeps it one word: "don't"); a hyphen splits
  ("grown-ups" is two words); numbers such as 0800 1111 are not words.
- Sentences end at ".", "!" or "?" followed by a space or the end, and at every line break (an option
  label, a list item or a line of a page is read as one piece); a piece with no words is not a sentence.
- Syllables are counted by pyphen (the hyphenation library WeasyPrint brings): the places where its US
  English patterns may hyphenate a word, plus one. They are closer to spoken syllables than its GB patterns
  (on 62 hand-counted words: 15 wrong and 19 syllables short, against 30 wrong and 34 short). pyphen never
  splits off one letter, so it counts fewer syllables than a person ("about", "very", "idea" are one):
  the estimate reads a little young.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
YOUNGEST = 5.0


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=4096)
def syllables(word: str) -> int:
    """How many syllables pyphen finds in one word (at least one)."""
    return len(_dictionary().positions(re.sub(r"['’]", "", word.lower()))) + 1


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The pieces of text that hold at least one word."""
    return [piece for piece in _SENTENCE_END.split(text) if words(piece)]


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def reading_age(self) -> float:
        """Years, to one decimal place: the Flesch–Kincaid grade + 5, at least 5."""
        return round(max(YOUNGEST, self.grade + 5), 1)


def measure(text: str) -> Readability:
    found = words(text)
    return Readability(words=len(found), sentences=max(1, len(sentences(text))),
                       syllables=sum(syllables(word) for word in found))


def reading_age(text: str) -> float:
    return measure(text).reading_age
