"""How a survey looks to the young person: a theme (picture and colour) per section, and a look per age band.

Plain rules, read by the questionnaire loader and the survey templates; the pictures and colours
themselves are in templates/survey/_art.html and static/app.css.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

THEMES = ("home", "health", "school", "future", "say")
NEUTRAL = "neutral"

# A section's theme when the file gives none: from the council priorities its questions carry.
THEME_OF_PRIORITY = {
    "placement": "home",
    "health": "health",
    "education": "school",
    "eet": "future",
    "voice": "say",
}

YOUNGER, MIDDLE, OLDER = "younger", "middle", "older"
# The 8-11 survey is rounder, bigger and brighter; the care leavers' (16-25) calmer.
YOUNGEST_TOP_AGE = 12
OLDEST_FIRST_AGE = 16
_AGES = re.compile(r"^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$")


def section_theme(given: str | None, priorities: Iterable[str]) -> str:
    """The theme a file gives, else the theme most of the section's questions' priorities point to
    (a tie goes to the one met first); NEUTRAL when that is a priority with no theme of its own."""
    if given:
        return given
    counts = Counter(THEME_OF_PRIORITY.get(code, NEUTRAL) for code in priorities)
    if not counts:
        return NEUTRAL
    return counts.most_common(1)[0][0]  # most_common keeps first-seen order among equal counts


def age_look(ages: str | None) -> str:
    """YOUNGER for a survey meant only for children up to 12, OLDER for one meant only for 16s and over,
    MIDDLE for anything else (a wide band, or no survey at all)."""
    match = _AGES.match(ages or "")
    if not match:
        return MIDDLE
    youngest, oldest = int(match.group(1)), int(match.group(2))
    if oldest <= YOUNGEST_TOP_AGE:
        return YOUNGER
    if youngest >= OLDEST_FIRST_AGE:
        return OLDER
    return MIDDLE
