"""Themes in free-text answers, from an editable codebook, with staff coding by hand on top.

The codebook (``analysis/codebook.yaml``, or any file with the same shape) gives each theme a code,
a title, a strategy priority and the words and phrases that put an answer in it. Matching:

- ignores case and needs whole words ("class" does not match "classic");
- also finds each phrase with ``-s``, ``-es``, ``-ed``, ``-ing`` or ``'s`` on its last word ("exam" →
  "exams", "listen" → "listened"); other forms are written out in the codebook. No stemmer, no
  NLTK, no download;
- never puts an answer in a theme that has no words: staff add such themes for coding by hand only
  (the codebook file itself must give every theme at least one word);
- knows nothing of meaning: "I don't want to go to school" and "school is great" are both
  *education*. It finds what an answer is about, not what it says about it.

An answer is one ``(response_id, question_id)``. It is in a theme at most once, however many of the
theme's words it uses, and can be in several themes. A manual coding for an answer replaces every
automatic theme of that answer; a manual row with an empty theme says "coded by hand: no theme".

Automatic codes are computed once, when an answer is stored, and kept with it (``answers.themes``,
with ``fingerprint(codebook)`` in ``answers.codebook_key``); a change to the codebook's words makes the
fingerprint differ, and those answers are coded again (``survey_app.text_scores.recode_round``). A
``texts`` frame given to ``code_answers`` may carry a ``themes`` column: an answer whose ``themes`` is
not missing (a space-separated list of codes, "" for none) keeps those codes; the others are matched here.

``theme_counts`` gives how many answers mention each theme ("education/school/college was included
in 12 answers"); hide small counts with ``analysis.suppression`` before anyone outside staff sees them."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .written_language import is_scored

CODEBOOK = Path(__file__).with_name("codebook.yaml")
PRIORITIES = ("placement", "health", "education", "eet", "voice")
TEXT_COLUMNS = ["response_id", "question_id", "text"]
MANUAL_COLUMNS = ["response_id", "question_id", "theme"]
CODED_COLUMNS = ["response_id", "question_id", "theme", "source"]
COUNT_COLUMNS = ["theme", "title", "priority", "answers"]
_SUFFIX = r"(?:s|es|ed|ing|['’]s)?"
_NEVER = re.compile(r"(?!)")


@dataclass(frozen=True)
class Theme:
    code: str
    title: str
    priority: str
    words: tuple[str, ...]

    def pattern(self) -> re.Pattern[str]:
        """Whole-word matcher for the theme's words; a theme with no words (for coding by hand
        only) gets a pattern that never matches."""
        if not any(word.strip() for word in self.words):
            return _NEVER
        phrases = sorted({word.strip().lower().replace("’", "'") for word in self.words if word.strip()},
                         key=len, reverse=True)
        parts = [r"\s+".join(re.escape(part) for part in phrase.split()) + _SUFFIX for phrase in phrases]
        return re.compile(r"(?<![\w'])(?:" + "|".join(parts) + r")(?![\w'])", re.IGNORECASE)


_RUN = re.compile(r"[\w']+")
_SIMPLE = re.compile(r"[a-z0-9_']+")
_ENDINGS = ("", "s", "es", "ed", "ing", "'s")


class _Matcher:
    """``Theme.pattern().search`` for many answers at once, with the same result, faster.

    The patterns need whole words: a match of a one-word phrase is always a whole run of word
    characters and apostrophes in the answer, equal to the word with one of the endings, so for
    ASCII answers one-word phrases are looked up in a set of those runs. Longer phrases still use a
    pattern, tried only when a run equals the phrase's first word (or, when that word has other
    characters, when the answer contains it; always, when it is not ASCII). Answers that are not
    ASCII use the full patterns, whose case rules differ from ``str.lower`` for a few letters."""

    def __init__(self, themes: tuple[Theme, ...]):
        self.codes = [theme.code for theme in themes]
        self.full = [theme.pattern() for theme in themes]
        self.by_run: dict[str, set[int]] = {}  # a whole run → themes it puts the answer in
        self.trigger: dict[str, set[int]] = {}  # a whole run → themes whose longer phrases may then match
        self.by_substring: list[tuple[str, int]] = []  # the same, for first words with other characters
        self.always: set[int] = set()  # themes with a longer phrase whose first word is not ASCII
        self.rest: dict[int, re.Pattern[str]] = {}
        for index, theme in enumerate(themes):
            phrases = {word.strip().lower().replace("’", "'") for word in theme.words if word.strip()}
            simple = {phrase for phrase in phrases if _SIMPLE.fullmatch(phrase)}
            for phrase in simple:
                for ending in _ENDINGS:
                    self.by_run.setdefault(phrase + ending, set()).add(index)
            others = phrases - simple
            if not others:
                continue
            self.rest[index] = Theme(theme.code, theme.title, theme.priority, tuple(others)).pattern()
            for first in {phrase.split()[0] for phrase in others}:
                if _SIMPLE.fullmatch(first):
                    self.trigger.setdefault(first, set()).add(index)
                elif first.isascii():
                    self.by_substring.append((first, index))
                else:
                    self.always.add(index)

    def codes_of(self, text: str) -> list[str]:
        """The codes of the themes that match, in codebook order; ``text`` has straight apostrophes."""
        if not text.isascii():
            return [code for code, pattern in zip(self.codes, self.full, strict=True) if pattern.search(text)]
        low = text.lower()
        found: set[int] = set()
        maybe = set(self.always)
        for run in set(_RUN.findall(low)):
            found.update(self.by_run.get(run, ()))
            maybe.update(self.trigger.get(run, ()))
        maybe.update(index for first, index in self.by_substring if first in low)
        found.update(index for index in maybe - found if self.rest[index].search(text))
        return [self.codes[index] for index in sorted(found)]


@dataclass(frozen=True)
class Codebook:
    themes: tuple[Theme, ...]
    # The priority codes a theme may name; the council's own list when it comes from the database.
    priorities: tuple[str, ...] = PRIORITIES

    def __post_init__(self) -> None:
        codes = [theme.code for theme in self.themes]
        if len(set(codes)) != len(codes):
            raise ValueError("codebook: a theme code is used twice")
        for theme in self.themes:
            if theme.priority not in self.priorities:
                raise ValueError(f"codebook: theme {theme.code!r} has priority {theme.priority!r}, "
                                 f"not one of {', '.join(self.priorities)}")

    @property
    def codes(self) -> list[str]:
        return [theme.code for theme in self.themes]

    def frame(self) -> pd.DataFrame:
        """``theme, title, priority`` in codebook order."""
        rows = [(theme.code, theme.title, theme.priority) for theme in self.themes]
        return pd.DataFrame(rows, columns=["theme", "title", "priority"])


def load_codebook(path: Path | str | None = None) -> Codebook:
    """The codebook from ``path`` (default: the shipped ``analysis/codebook.yaml``)."""
    source = Path(path) if path is not None else CODEBOOK
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{source}: expected a mapping of theme code to title, priority and words")
    themes = []
    for code, entry in data.items():
        if not isinstance(entry, dict) or not {"title", "priority", "words"} <= entry.keys():
            raise ValueError(f"{source}: theme {code!r} needs title, priority and words")
        if not entry["words"]:
            # In the file an empty list is a slip; themes for hand coding only are added by staff.
            raise ValueError(f"{source}: theme {code!r} has no words")
        themes.append(Theme(str(code), str(entry["title"]), str(entry["priority"]),
                            tuple(str(word) for word in entry["words"] or ())))
    return Codebook(tuple(themes))


def fingerprint(codebook: Codebook) -> str:
    """16 hex digits that change when, and only when, automatic coding could change: a theme's code or
    words added, changed or removed (titles and priorities don't matter; themes without words never match)."""
    matching = sorted((theme.code, sorted({word.strip().lower().replace("’", "'") for word in theme.words
                                           if word.strip()}))
                      for theme in codebook.themes if any(word.strip() for word in theme.words))
    return hashlib.sha256(json.dumps(matching).encode("utf-8")).hexdigest()[:16]


def auto_codes(texts: Iterable[str], codebook: Codebook) -> list[str]:
    """For each text, its automatic theme codes as stored: space-separated, codebook order, "" for none
    and for an answer in a language the themes don't read (analysis.written_language.is_scored).
    Each different text is matched once."""
    matcher = _Matcher(codebook.themes)
    found: dict[str, str] = {}
    out = []
    for text in texts:
        normalised = str(text).replace("’", "'")
        if normalised not in found:
            # the themes' words are English: an answer in another language is not coded ("" like no theme;
            # staff pages say "not scored" beside its language), rather than matched on a loan word
            found[normalised] = " ".join(matcher.codes_of(normalised)) if is_scored(normalised) else ""
        out.append(found[normalised])
    return out


def missing_codes(texts: pd.DataFrame) -> int:
    """How many written answers in ``texts`` come without stored codes (``code_answers`` matches them)."""
    written = texts["text"].notna() if "themes" not in texts else texts["themes"].isna() & texts["text"].notna()
    return int(written.sum())


def themes_of(text: str, codebook: Codebook) -> list[str]:
    """The codes of the themes a single answer mentions, in codebook order."""
    normalised = text.replace("’", "'")
    return [theme.code for theme in codebook.themes if theme.pattern().search(normalised)]


def code_answers(
    texts: pd.DataFrame,
    codebook: Codebook,
    manual: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per answer and theme: ``response_id, question_id, theme, source`` ('auto' or 'manual').

    ``texts`` has ``response_id, question_id, text`` (empty and missing texts have no theme) and may
    have ``themes``, the codes stored with each answer (see the module docstring), used as they are;
    ``manual`` has ``response_id, question_id, theme`` and wins over the automatic coding for each
    answer it mentions. A manual theme must be in the codebook (or empty, meaning none)."""
    auto = pd.DataFrame(_automatic(texts, codebook), columns=CODED_COLUMNS)
    if manual is None or manual.empty:
        return auto.drop_duplicates().reset_index(drop=True)
    by_hand = _manual_themes(manual, codebook)
    keys = pd.MultiIndex.from_frame(by_hand[["response_id", "question_id"]])
    kept = auto.loc[~pd.MultiIndex.from_frame(auto[["response_id", "question_id"]]).isin(keys)]
    return (
        pd.concat([kept, by_hand.dropna(subset=["theme"]).assign(source="manual")[CODED_COLUMNS]], ignore_index=True)
        .drop_duplicates(subset=["response_id", "question_id", "theme"])
        .sort_values(["response_id", "question_id", "theme"], kind="stable")
        .reset_index(drop=True)
    )


def _automatic(texts: pd.DataFrame, codebook: Codebook) -> list[tuple[str, str, str, str]]:
    """``(response_id, question_id, theme, 'auto')`` per answer and theme it mentions, in answer then
    codebook order. Stored codes (a ``themes`` column) are used where present; each different text
    without them is matched once (a big round repeats many answers: "no", "nothing", "more money"),
    all themes together by ``_Matcher``."""
    if "themes" in texts:
        answers = texts.loc[texts["themes"].notna() | texts["text"].notna()]
        stored = answers["themes"]
    else:
        answers = texts.loc[texts["text"].notna()]
        stored = pd.Series(None, index=answers.index, dtype=object)
    codes = _codes(answers, stored, codebook)
    return [
        (response_id, question_id, code, "auto")
        for response_id, question_id, found in zip(answers["response_id"].to_numpy(dtype=object),
                                                   answers["question_id"].to_numpy(dtype=object), codes, strict=True)
        if found
        for code in found.split()
    ]


def _codes(answers: pd.DataFrame, stored: pd.Series, codebook: Codebook) -> np.ndarray:
    """The stored codes of each answer, matched here where missing."""
    codes = stored.to_numpy(dtype=object, copy=True)
    todo = pd.isna(codes)
    codes[todo] = auto_codes(answers["text"].to_numpy(dtype=object)[todo], codebook)
    return codes


def _manual_themes(manual: pd.DataFrame | None, codebook: Codebook) -> pd.DataFrame:
    """``response_id, question_id, theme`` of the hand coding (theme None for "no theme"), checked."""
    if manual is None or manual.empty:
        return pd.DataFrame(columns=MANUAL_COLUMNS)
    by_hand = manual[MANUAL_COLUMNS].assign(theme=manual["theme"].where(manual["theme"].fillna("") != "", None))
    unknown = set(by_hand["theme"].dropna()) - set(codebook.codes)
    if unknown:
        raise ValueError(f"manual coding uses themes not in the codebook: {', '.join(sorted(unknown))}")
    return by_hand


def count_themes(texts: pd.DataFrame, codebook: Codebook, manual: pd.DataFrame | None = None) -> pd.DataFrame:
    """``question_id, theme, answers``: how many answers to each question are in each theme — the same
    numbers as counting ``code_answers(texts, codebook, manual)`` per question and theme, without making
    a row per answer and theme (a round of 100,000 written answers has a few hundred different sets of
    stored codes per question: those are counted, then split)."""
    by_hand = _manual_themes(manual, codebook)
    answers = texts.loc[texts["themes"].notna() | texts["text"].notna()] if "themes" in texts \
        else texts.loc[texts["text"].notna()]
    if not by_hand.empty:
        coded_by_hand = set(zip(by_hand["response_id"], by_hand["question_id"], strict=True))
        maybe = answers["response_id"].isin(by_hand["response_id"]).to_numpy(copy=True)
        keys = zip(answers["response_id"].to_numpy(dtype=object)[maybe],
                   answers["question_id"].to_numpy(dtype=object)[maybe], strict=True)
        maybe[maybe] = [key in coded_by_hand for key in keys]
        answers = answers.loc[~maybe]
    stored = answers["themes"] if "themes" in answers else pd.Series(None, index=answers.index, dtype=object)
    sets = pd.DataFrame({"question_id": answers["question_id"].to_numpy(dtype=object),
                         "codes": _codes(answers, stored, codebook)})
    totals: dict[tuple[str, str], int] = {}
    combos = sets.value_counts(sort=False)
    for (question_id, codes), number in zip(combos.index.to_list(), combos.to_list(), strict=True):
        for code in str(codes).split():
            totals[(question_id, code)] = totals.get((question_id, code), 0) + int(number)
    hand = (by_hand.dropna(subset=["theme"]).drop_duplicates(subset=["response_id", "question_id", "theme"])
            .groupby(["question_id", "theme"]).size())
    for (question_id, code), number in zip(hand.index.to_list(), hand.to_list(), strict=True):
        totals[(question_id, code)] = totals.get((question_id, code), 0) + int(number)
    return pd.DataFrame([(question_id, code, number) for (question_id, code), number in totals.items()],
                        columns=["question_id", "theme", "answers"])


def count_theme_sets(theme_sets: pd.DataFrame, todo: pd.DataFrame, codebook: Codebook,
                     manual: pd.DataFrame | None = None) -> pd.DataFrame:
    """``count_themes`` from ``analysis.extract.written_summary``: ``theme_sets`` (``question_id, themes,
    answers``: stored codes counted by the database, hand-coded answers left out), ``todo`` (answers
    to code here) and ``manual`` (the hand coding, all of it)."""
    totals = count_themes(todo, codebook, manual)
    rows = [(question_id, code, int(number))
            for question_id, codes, number in theme_sets[["question_id", "themes", "answers"]].itertuples(index=False)
            for code in str(codes).split()]
    extra = pd.DataFrame(rows, columns=["question_id", "theme", "answers"])
    parts = [frame for frame in (totals, extra) if not frame.empty]
    if not parts:
        return totals
    return pd.DataFrame(pd.concat(parts).groupby(["question_id", "theme"], as_index=False)["answers"].sum())


def theme_counts(coded: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """How many answers mention each theme: ``theme, title, priority, answers``, most first.

    Each answer counts once per theme. Themes nobody mentioned are left out."""
    counts = (
        coded.drop_duplicates(subset=["response_id", "question_id", "theme"])
        .groupby("theme")
        .size()
        .rename("answers")
        .reset_index()
    )
    return theme_counts_from(counts, codebook)


def theme_counts_from(counts: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """``theme_counts`` from ``theme, answers`` already counted (e.g. ``count_themes`` of one question, or
    summed over questions)."""
    book = codebook if codebook is not None else load_codebook()
    order = {code: index for index, code in enumerate(book.codes)}
    summed = counts.groupby("theme", as_index=False)["answers"].sum()
    return (
        book.frame()
        .merge(summed.loc[summed["answers"] > 0], on="theme", how="inner")
        .astype({"answers": "int64"})
        .assign(order=lambda frame: frame["theme"].map(order))
        .sort_values(["answers", "order"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)[COUNT_COLUMNS]
    )
