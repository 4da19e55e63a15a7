"""Worrying words in free text. Deliberately broad: a false alarm costs a help page and a staff
review; a miss can cost far more. It is a prompt for a person, never a substitute for one."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

PHRASES_FILE = Path(__file__).with_name("worrying_phrases.txt")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    phrases = [
        line.strip().lower()
        for line in PHRASES_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    parts = [r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases]
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![\w])")


def worrying_phrase(text: str) -> str | None:
    """The first worrying word or phrase in `text`, or None."""
    normalised = text.lower().replace("’", "'")
    match = _pattern().search(normalised)
    return match.group(0) if match else None
