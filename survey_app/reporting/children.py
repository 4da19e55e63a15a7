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
      "lonely", "worried", "scared", "unsafe") is turned round: yes is the change point from 10%
      ("A few of you …"), and it never makes a good point;
    - a point is only made about 5 or more young people (``min_cell``), so no point is ever about a
      small group, and never "all of you" / "none of you" below the threshold (there is no point at
      all below it).

Words
    Said by survey_app/reporting/wording.py (its docstring has the rules): a share in words ("Most of
    you", "A few of you"; no percentages, no counts) and the question turned into a statement, from the
    questionnaire's own ``children_say`` words when it has them. Strongest points first, at most
    ``MAX_POINTS`` of each.

A one-choice question makes points only when its ``children_say`` names which answers are its good and
other end (and which are not counted, like "I haven't asked"); tick-all-that-apply and written questions
make none: their answers have no good or bad end. The worker writes those points by hand."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analysis.suppression import Thresholds

from .. import question_types
from .wording import Statement, clause, sentence

MAX_POINTS = 5
DEFAULTS = Thresholds()
BAD_NEWS_WORDS = ("unemployed", "bullied", "bullying", "lonely", "worried", "scared", "unsafe", "afraid",
                  "homeless", "hurt")
IF_CLAUSE = re.compile(r"^if [^,]+,|\bif\b.*$")
LEFT_OUT = re.compile(r"^(are you (in|on)\b|would you like\b)", re.IGNORECASE)
GOOD_ABOVE = 0.55
CHANGE_FROM = 0.20
BAD_NEWS_FROM = 0.10


@dataclass(frozen=True)
class Point:
    question_id: str
    kind: str  # "good" or "change"
    share: float
    text: str


def bad_news(question: str) -> bool:
    """Whether "yes" is bad news, judged on the question's main clause: "Is there a grown-up you can talk
    to if you are worried?" is not about being worried."""
    main = IF_CLAUSE.sub("", question.lower())
    return any(re.search(rf"\b{word}\b", main) for word in BAD_NEWS_WORDS)


def question_points(
    question_id: str,
    question_type: str,
    question_text: str,
    counts: Mapping[str, int],
    statement: Statement | None = None,
    thresholds: Thresholds = DEFAULTS,
) -> list[Point]:
    """The good and change points one question gives (rules: module docstring).

    ``counts``: people per answer value, "I'd rather not say" and skips left out."""
    if not question_types.known(question_type):
        return []
    kind = question_types.get(question_type)
    positive, negative = kind.positive, kind.negative
    if statement is not None and statement.positive_answers:  # a one-choice question whose children_say names its ends
        positive, negative = statement.positive_answers, statement.negative_answers
        counts = {value: count for value, count in counts.items() if value not in statement.not_counted}
    if not positive or (statement is None and LEFT_OUT.match(question_text.strip())):
        return []
    base = sum(int(value) for value in counts.values())
    if base < thresholds.min_base:
        return []
    happy = sum(int(counts.get(value, 0)) for value in positive)
    # A type that names no other end (none shipped: yes/no names "no") counts everyone not at the happy end.
    unhappy = sum(int(counts.get(value, 0)) for value in negative) if negative else base - happy
    scale = kind.scale
    points: list[Point] = []

    def add(kind: str, count: int, yes: bool) -> None:
        if count < thresholds.min_cell:
            return
        words = clause(question_text, question_type, yes, scale, statement)
        text = sentence(count, base, words, thresholds.min_base)
        if text:
            points.append(Point(question_id, kind, count / base, text))

    if not scale and not (statement is not None and statement.positive_answers) and bad_news(question_text):
        if happy / base >= BAD_NEWS_FROM:
            add("change", happy, True)
        return points
    if happy / base > GOOD_ABOVE:
        add("good", happy, True)
    if unhappy / base >= CHANGE_FROM:
        add("change", unhappy, False)
    return points


def children_points(
    questions: Iterable[tuple],
    thresholds: Thresholds = DEFAULTS,
    limit: int = MAX_POINTS,
) -> dict[str, list[str]]:
    """``{"good": [...], "change": [...]}`` from (question_id, type, text, counts[, statement]) in
    questionnaire order: strongest first (largest share; ties in questionnaire order), at most ``limit`` each."""
    found = [point for question in questions for point in question_points(*question, thresholds=thresholds)]
    result: dict[str, list[str]] = {}
    for kind in ("good", "change"):
        ranked = sorted((p for p in found if p.kind == kind), key=lambda point: -point.share)
        result[kind] = [point.text for point in ranked[:limit]]
    return result
