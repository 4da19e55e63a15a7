"""Plain-words points for the children's "You said, we did" page, made from the round's headlines.

Pure functions (no database). The worker can overwrite every point (RoundReport.children_good and
children_change, one point per line); these are what the page says until they do.

The rules, written for a reading age of about 9 (short sentences, common words, no numbers):

Which questions
    Only yes/no questions and smiley scales (their headline answer is "yes" or the happy end).
    Left out: questions about being in a group or a place ("Are you in…", "Are you on…"), wishes
    ("Would you like…"), and any question fewer than ``min_base`` (10) young people answered.

Good or change
    - a *good* point when more than 55% gave the headline answer ("most", "almost all", "all");
    - a *change* point when 20% or more are at the other end: for yes/no, those who said "no" ("not
      sure" is neither end, so it never reads as "not"); for a scale, the sad end only (1 and 2 on
      five faces, 1 on three) — the middle face is neither;
    - a question whose "yes" is bad news (its text has a word like "unemployed", "bullied",
      "lonely", "worried", "scared", "unsafe") is turned round: yes is the change point, and it
      never makes a good point;
    - a point is only made about 5 or more young people (``min_cell``), so no point is ever about a
      small group, and never "all of you" / "none of you" below the threshold (there is no point at
      all below it).

Words
    Share words, from analysis.headlines.describe_share: "All of you", "Nearly all of you" (90%+),
    "About half of you" (45–55%), "Most of you", "Some of you" (20–45%). No percentages, no counts.
    The question becomes a sentence by its first words: "Are you X?" → "are X" / "are not X";
    "Do you X?" → "X" / "don't X"; "Would/Can/Have/Did you X?" likewise; "Are we X?" → "think we are
    X" / "think we are not X"; "If …, would you X?" → "would X if …". Anything else: "said yes when we
    asked: ‘…’" / "did not say yes when we asked: ‘…’". Scales: "picked a happy face when we asked:
    ‘…’" / "picked a sad face when we asked: ‘…’". Strongest points first, at most ``MAX_POINTS`` of
    each."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analysis.headlines import describe_share
from analysis.suppression import Thresholds

from .. import question_types

MAX_POINTS = 5
DEFAULTS = Thresholds()
BAD_NEWS_WORDS = ("unemployed", "bullied", "bullying", "lonely", "worried", "scared", "unsafe", "afraid",
                  "homeless", "hurt")
LEFT_OUT = re.compile(r"^(are you (in|on)\b|would you like\b)", re.IGNORECASE)
SHARE_WORDS = {
    "all": "All of you", "almost all": "Nearly all of you", "most": "Most of you",
    "about half": "About half of you", "some": "Some of you",
}
# (start of the question, words for yes, words for no); {rest} is the rest of the question.
FORMS = (
    ("are you ", "are {rest}", "are not {rest}"),
    ("do you ", "{rest}", "don't {rest}"),
    ("would you ", "would {rest}", "would not {rest}"),
    ("can you ", "can {rest}", "can't {rest}"),
    ("have you ", "have {rest}", "haven't {rest}"),
    ("did you ", "{rest}", "didn't {rest}"),
    ("are we ", "think we are {rest}", "think we are not {rest}"),
    ("do we ", "think we {rest}", "think we don't {rest}"),
)
GOOD_ABOVE = 0.55
CHANGE_FROM = 0.20


@dataclass(frozen=True)
class Point:
    question_id: str
    kind: str  # "good" or "change"
    share: float
    text: str


def _clause(question: str, yes: bool) -> str:
    """The question as the end of a sentence starting "Most of you …"."""
    text = question.strip().rstrip("?").strip()
    condition = ""
    match = re.match(r"^(if [^,]+),\s*(.+)$", text, re.IGNORECASE)
    if match:
        condition, text = " " + match.group(1)[0].lower() + match.group(1)[1:], match.group(2)
    for start, positive, negative in FORMS:
        if text.lower().startswith(start):
            rest = text[len(start):]
            return (positive if yes else negative).format(rest=rest) + condition
    asked = "‘" + question.strip().replace("'", "’") + "’"
    return f"said yes when we asked: {asked}" if yes else f"did not say yes when we asked: {asked}"


def _scale_clause(question: str, happy: bool) -> str:
    asked = "‘" + question.strip().replace("'", "’") + "’"
    return f"picked a {'happy' if happy else 'sad'} face when we asked: {asked}"


def _sentence(count: int, base: int, clause: str, thresholds: Thresholds) -> str | None:
    word = SHARE_WORDS.get(describe_share(count, base, thresholds.min_base))
    if word is None:
        return None
    sentence = f"{word} {clause}"
    ending = "" if sentence.endswith(("?’", ".", "!")) else "."
    return sentence[0].upper() + sentence[1:] + ending


def bad_news(question: str) -> bool:
    low = question.lower()
    return any(re.search(rf"\b{word}\b", low) for word in BAD_NEWS_WORDS)


def question_points(
    question_id: str,
    question_type: str,
    question_text: str,
    counts: Mapping[str, int],
    thresholds: Thresholds = DEFAULTS,
) -> list[Point]:
    """The good and change points one question gives (rules: module docstring).

    ``counts``: people per answer value, "I'd rather not say" and skips left out."""
    if not question_types.known(question_type):
        return []
    kind = question_types.get(question_type)
    if not kind.positive or LEFT_OUT.match(question_text.strip()):
        return []
    base = sum(int(value) for value in counts.values())
    if base < thresholds.min_base:
        return []
    happy = sum(int(counts.get(value, 0)) for value in kind.positive)
    # A type that names no other end (none shipped: yes/no names "no") counts everyone not at the happy end.
    unhappy = sum(int(counts.get(value, 0)) for value in kind.negative) if kind.negative else base - happy
    scale = kind.scale
    points: list[Point] = []

    def add(kind: str, count: int, yes: bool) -> None:
        if count < thresholds.min_cell:
            return
        clause = _scale_clause(question_text, yes) if scale else _clause(question_text, yes)
        text = _sentence(count, base, clause, thresholds)
        if text:
            points.append(Point(question_id, kind, count / base, text))

    if not scale and bad_news(question_text):
        if happy / base >= CHANGE_FROM:
            add("change", happy, True)
        return points
    if happy / base > GOOD_ABOVE:
        add("good", happy, True)
    if unhappy / base >= CHANGE_FROM:
        add("change", unhappy, False)
    return points


def children_points(
    questions: Iterable[tuple[str, str, str, Mapping[str, int]]],
    thresholds: Thresholds = DEFAULTS,
    limit: int = MAX_POINTS,
) -> dict[str, list[str]]:
    """``{"good": [...], "change": [...]}`` from (question_id, type, text, counts) in questionnaire
    order: strongest first (largest share; ties in questionnaire order), at most ``limit`` each."""
    found = [point for question in questions for point in question_points(*question, thresholds=thresholds)]
    result: dict[str, list[str]] = {}
    for kind in ("good", "change"):
        ranked = sorted((p for p in found if p.kind == kind), key=lambda point: -point.share)
        result[kind] = [point.text for point in ranked[:limit]]
    return result
