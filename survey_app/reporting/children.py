"""Plain-words points for the children's "You said, we did" page, made from the round's headlines.

Pure functions (no database), but for ``questionnaire_in``, which reads the round's questionnaire. The
worker can overwrite every point (RoundReport.children_good and children_change, one point per line); these
are what the page says until they do.

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

from flask_babel import lazy_gettext as _l

from analysis.headlines import describe_share
from analysis.suppression import Thresholds

from .. import question_types
from ..models import StoredQuestionnaire
from ..questionnaire.schema import Question, Questionnaire
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
    share_words: str = ""  # the share's key, "most" (analysis.headlines.describe_share)
    positive: bool = True  # the question's good end ("yes", a happy face) or its other end


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
            share = describe_share(count, base, thresholds.min_base) or ""
            points.append(Point(question_id, kind, count / base, text, share, yes))

    if not scale and not (statement is not None and statement.positive_answers) and bad_news(question_text):
        if happy / base >= BAD_NEWS_FROM:
            add("change", happy, True)
        return points
    if happy / base > GOOD_ABOVE:
        add("good", happy, True)
    if unhappy / base >= CHANGE_FROM:
        add("change", unhappy, False)
    return points


def ranked_points(
    questions: Iterable[tuple],
    thresholds: Thresholds = DEFAULTS,
    limit: int = MAX_POINTS,
) -> dict[str, list[Point]]:
    """``{"good": [Point, ...], "change": [...]}`` from (question_id, type, text, counts[, statement]) in
    questionnaire order: strongest first (largest share; ties in questionnaire order), at most ``limit`` each."""
    found = [point for question in questions for point in question_points(*question, thresholds=thresholds)]
    result: dict[str, list[Point]] = {}
    for kind in ("good", "change"):
        ranked = sorted((p for p in found if p.kind == kind), key=lambda point: -point.share)
        result[kind] = ranked[:limit]
    return result


def children_points(
    questions: Iterable[tuple],
    thresholds: Thresholds = DEFAULTS,
    limit: int = MAX_POINTS,
) -> dict[str, list[str]]:
    """The English sentences of ``ranked_points``."""
    return {kind: [point.text for point in found]
            for kind, found in ranked_points(questions, thresholds, limit).items()}


# -- the points in another language ----------------------------------------------------------------------
# Whole sentences for translators: %(words)s is the question's own children_say words in that language
# ("feel safe where you live"). No numbers, as in English.
SHARE_SENTENCES = {
    "all": _l("All of you %(words)s."),
    "almost all": _l("Nearly all of you %(words)s."),
    "most": _l("Most of you %(words)s."),
    "about half": _l("About half of you %(words)s."),
    "some": _l("Some of you %(words)s."),
    "a few": _l("A few of you %(words)s."),
}


def questionnaire_in(lang: str, stored_version: StoredQuestionnaire) -> Questionnaire:
    """The round's questionnaire in `lang`, for the children's points' words (children_say): English where
    a string has no current translation, which point_in then declines to use."""
    from ..questionnaire.translations import in_language

    return in_language(stored_version, lang)


def point_in(point_share: str, positive: bool, english: Question | None, translated: Question | None) -> str | None:
    """A generated point said in another language, or None when it can't be yet: only a question's own
    ``children_say`` words translated by a person make a translated point (never the English rewording
    rules, never a machine guess). Call inside a request (the sentence is the interface's gettext)."""
    if english is None or translated is None or english.children_say is None or translated.children_say is None:
        return None
    if point_share not in SHARE_SENTENCES:
        return None
    english_words = english.children_say.positive if positive else english.children_say.negative
    words = translated.children_say.positive if positive else translated.children_say.negative
    words = words.strip().rstrip(".").strip()
    if not words or words == english_words.strip().rstrip(".").strip():
        return None  # still the English words: not translated
    return str(SHARE_SENTENCES[point_share]) % {"words": words}
