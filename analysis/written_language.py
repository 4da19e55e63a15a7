"""Which language a written answer is in, offline, and how sure we are.

Two checks, in order:

1. **The script.** Letters that are not Latin (Arabic, Ethiopic, Cyrillic…) make an answer certainly not
   English or Welsh, however short: one Arabic word is enough.
2. **The words**, for Latin letters: ``py3langid`` (a maintained fork of langid.py: a naive Bayes model of
   byte n-grams over 97 languages, Welsh among them, shipped inside its 4.5 MB wheel, no download, no
   network; loads in about 0.7 s once per process, then about 0.05 ms an answer). Its probabilities are
   normalised; it is only believed when the answer has at least ``MIN_WORDS`` words and ``MIN_LETTERS``
   letters and it is at least ``CONFIDENT`` sure. Short answers ("ok", "no", "idk", "football", "da
   iawn") are *not known*: on them the model guesses wildly ("ok" comes out Serbian at 1.4%).

Why py3langid: lingua (more accurate on short text) ships every language's models, hundreds of MB;
fastText's model is a separate download; langdetect is not deterministic and unmaintained since 2021.
py3langid's model knows no Tigrinya (it says Amharic for it), so Ethiopic letters are reported by their
script ("und-Ethi": language unknown, Ethiopic script) rather than as a named language.

Sentiment (VADER, TextBlob) and the automatic themes read English only: ``SCORED_LANGUAGES``. An answer
known to be in another language, or written in another script, is *not scored* (never counted as
neutral). Plain: no Flask, no database."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MIN_WORDS = 3
MIN_LETTERS = 12
CONFIDENT = 0.9
SCORED_LANGUAGES = frozenset({"en"})
# ISO 15924 codes of the scripts young people here most often write in, by the first word of Unicode's
# letter names. A script not listed is "Zyyy"-like: reported as "und" (not known).
SCRIPTS = {
    "LATIN": "Latn", "ARABIC": "Arab", "ETHIOPIC": "Ethi", "CYRILLIC": "Cyrl", "GREEK": "Grek", "HEBREW": "Hebr",
    "DEVANAGARI": "Deva", "BENGALI": "Beng", "GURMUKHI": "Guru", "GUJARATI": "Gujr", "TAMIL": "Taml",
    "THAI": "Thai", "CJK": "Hani", "HIRAGANA": "Jpan", "KATAKANA": "Jpan", "HANGUL": "Hang", "ARMENIAN": "Armn",
    "GEORGIAN": "Geor", "MYANMAR": "Mymr", "KHMER": "Khmr", "SINHALA": "Sinh",
}
# Scripts whose languages the model does not know well enough to name (Tigrinya is not in it).
UNNAMED_SCRIPTS = frozenset({"Ethi"})


@dataclass(frozen=True)
class Written:
    """``code``: a language code ("en", "cy", "ar"), "und-<Script>" for a script whose language is not
    named, or None when not known (too short, not sure). ``script``: the ISO 15924 code of most letters
    ("Latn", "Arab"…), None when there are no letters."""

    code: str | None
    script: str | None

    @property
    def latin(self) -> bool:
        return self.script in (None, "Latn")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def script_of(text: str) -> tuple[str | None, int]:
    """The script most of the letters are in, and how many letters there are."""
    counts: dict[str, int] = {}
    for character in text:
        if character.isalpha():
            name = unicodedata.name(character, "")
            script = SCRIPTS.get(name.split(" ")[0], "Zzzz")
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None, 0
    return max(counts, key=lambda script: counts[script]), sum(counts.values())


def guess(text: str) -> tuple[str, float]:
    """The model's most likely language and its (normalised) probability, whatever the length."""
    code, probability = _identifier().classify(text)
    return str(code), float(probability)


def written_language(text: str | None) -> Written:
    text = (text or "").strip()
    script, letters = script_of(text)
    if script is None:
        return Written(None, None)
    if script != "Latn":
        if script in UNNAMED_SCRIPTS:
            return Written(f"und-{script}", script)
        code, probability = guess(text)
        return Written(code if probability >= CONFIDENT else f"und-{script}", script)
    if len(text.split()) < MIN_WORDS or letters < MIN_LETTERS:
        return Written(None, script)
    code, probability = guess(text)
    return Written(code if probability >= CONFIDENT else None, script)


def is_scored(text: str | None) -> bool:
    """Whether sentiment and automatic themes may read this answer: not known to be in a language they
    don't cover. Short or uncertain Latin-letter answers are read (they are mostly English here)."""
    written = written_language(text)
    if not written.latin:
        return False
    return written.code is None or written.code in SCORED_LANGUAGES


def is_scored_code(code: str | None) -> bool:
    """``is_scored`` from a stored ``answers.language`` (None: not known, read as English)."""
    return code is None or code in SCORED_LANGUAGES


def stored_code(text: str | None) -> str | None:
    """What ``answers.language`` keeps for a written answer: the language when known, else None."""
    return written_language(text).code
