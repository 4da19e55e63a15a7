"""The same question across two rounds: did the share giving the headline answer go up or down?

Questions are matched by their stable id, so a round of version 2 of a questionnaire compares with a
round of version 1 (or of another questionnaire) wherever a question id is in both. A question whose
type changed between the two (say yes/no to a smiley scale) is not compared.

For each matched question with a headline answer set (analysis.headlines: "yes" for yes/no, the
happy end of a smiley scale, or ``positive={question_id: values}``): the count and base in each
round (base = young people who chose an answer other than "I'd rather not say"), the percentage in
each round, and the change in percentage points (later minus earlier, from unrounded shares).
When either base is under ``min_base`` the percentages of the small round and the change are left
empty and the note says "too few answers to compare".

Could a change be chance? ``change_interval`` gives the 95% interval of the change (Newcombe's hybrid
score interval for a difference of two proportions, "method 10" of Newcombe 1998, Statistics in
Medicine 17:873-890, built from each round's Wilson score interval). When the interval includes 0 the
change could be chance: with that many answers, a difference of that size often happens between two
groups of young people who feel the same. When it does not, the change is called a real change."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd

from .headlines import positive_shares
from .suppression import Thresholds

DEFAULTS = Thresholds()
TOO_FEW = "too few answers to compare"
CHANGED = "question changed between rounds"
TREND_COLUMNS = [
    "question_id", "priority", "text",
    "earlier_count", "earlier_base", "earlier_percent",
    "later_count", "later_base", "later_percent",
    "change_points", "note",
]


def _percent(count: pd.Series, base: pd.Series, enough: pd.Series) -> pd.Series:
    return (100 * count / base.where(base > 0)).where(enough)


def trends(
    earlier_answers: pd.DataFrame,
    later_answers: pd.DataFrame,
    earlier_questions: pd.DataFrame,
    later_questions: pd.DataFrame,
    positive: Mapping[str, Collection[str]] | None = None,
    thresholds: Thresholds = DEFAULTS,
) -> pd.DataFrame:
    """One row per question in both rounds that has a headline answer set, in the later round's order.

    ``*_answers``: response_id, question_id, choice, skipped; ``*_questions``: question_id, type,
    text, priority (analysis.extract.questions_frame of each round's questionnaire version)."""
    same = _matched(earlier_questions, later_questions)
    same = same.loc[same["type"] == same["earlier_type"]]
    return trends_from_shares(
        positive_shares(earlier_answers, same, positive),
        positive_shares(later_answers, same, positive),
        earlier_questions, later_questions, thresholds,
    )


def _matched(earlier_questions: pd.DataFrame, later_questions: pd.DataFrame) -> pd.DataFrame:
    return later_questions[["question_id", "type", "text", "priority"]].merge(
        earlier_questions[["question_id", "type"]].rename(columns={"type": "earlier_type"}), on="question_id"
    )


def trends_from_shares(
    earlier_shares: pd.DataFrame,
    later_shares: pd.DataFrame,
    earlier_questions: pd.DataFrame,
    later_questions: pd.DataFrame,
    thresholds: Thresholds = DEFAULTS,
) -> pd.DataFrame:
    """``trends`` from each round's headline shares already counted (question_id, count, base:
    analysis.headlines.positive_shares or positive_shares_from_counts). Same rows and rules."""
    matched = _matched(earlier_questions, later_questions)
    same = matched.loc[matched["type"] == matched["earlier_type"]]
    earlier = earlier_shares[["question_id", "count", "base"]].add_prefix("earlier_")
    later = later_shares[["question_id", "count", "base"]].add_prefix("later_")
    changed = matched.loc[matched["type"] != matched["earlier_type"]].assign(note=CHANGED)
    compared = (
        same.merge(later, left_on="question_id", right_on="later_question_id")
        .merge(earlier, left_on="question_id", right_on="earlier_question_id")
        .assign(
            earlier_ok=lambda frame: frame["earlier_base"] >= thresholds.min_base,
            later_ok=lambda frame: frame["later_base"] >= thresholds.min_base,
            earlier_share=lambda frame: _percent(frame["earlier_count"], frame["earlier_base"], frame["earlier_ok"]),
            later_share=lambda frame: _percent(frame["later_count"], frame["later_base"], frame["later_ok"]),
            change_points=lambda frame: (frame["later_share"] - frame["earlier_share"]).round(1),
            earlier_percent=lambda frame: frame["earlier_share"].round(1),
            later_percent=lambda frame: frame["later_share"].round(1),
            note=lambda frame: (frame["earlier_ok"] & frame["later_ok"]).map({True: "", False: TOO_FEW}),
        )
    )
    order = {question_id: position for position, question_id in enumerate(later_questions["question_id"])}
    parts = [frame.reindex(columns=TREND_COLUMNS) for frame in (compared, changed) if not frame.empty]
    return (
        (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=TREND_COLUMNS))
        .astype({column: "Int64" for column in ("earlier_count", "earlier_base", "later_count", "later_base")})
        .astype({column: "float64" for column in ("earlier_percent", "later_percent", "change_points")})
        .sort_values("question_id", key=lambda ids: ids.map(order), kind="stable")
        .reset_index(drop=True)
    )


def describe_change(change_points: float | None) -> str:
    """Plain words for a change in percentage points: "up 5 points", "down 3.6 points", "no change"."""
    if change_points is None or pd.isna(change_points):
        return TOO_FEW
    if change_points == 0:
        return "no change"
    size = f"{abs(change_points):g}"
    unit = "point" if size == "1" else "points"
    return f"{'up' if change_points > 0 else 'down'} {size} {unit}"


Z_95 = 1.959964  # the normal quantile for a two-sided 95% interval


@dataclass(frozen=True)
class ChangeInterval:
    """The 95% interval of a change, in percentage points (later minus earlier), and whether it
    includes no change at all."""

    low_points: float
    high_points: float

    @property
    def could_be_chance(self) -> bool:
        return self.low_points <= 0 <= self.high_points


def wilson_interval(count: int, base: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of the proportion count / base (as proportions, 0 to 1)."""
    if base <= 0:
        raise ValueError("a proportion needs a base of at least 1")
    share = count / base
    spread = z * math.sqrt(z * z + 4 * base * share * (1 - share))
    divisor = 2 * (base + z * z)
    return (2 * base * share + z * z - spread) / divisor, (2 * base * share + z * z + spread) / divisor


def change_interval(earlier_count: int, earlier_base: int, later_count: int, later_base: int,
                    z: float = Z_95) -> ChangeInterval:
    """Newcombe's hybrid score interval of later share minus earlier share (module docstring), in
    percentage points rounded to one decimal place. 56 of 70 against 48 of 80 gives 5.2 to 33.4."""
    earlier, later = earlier_count / earlier_base, later_count / later_base
    earlier_low, earlier_high = wilson_interval(earlier_count, earlier_base, z)
    later_low, later_high = wilson_interval(later_count, later_base, z)
    change = later - earlier
    low = change - math.sqrt((later - later_low) ** 2 + (earlier_high - earlier) ** 2)
    high = change + math.sqrt((later_high - later) ** 2 + (earlier - earlier_low) ** 2)
    return ChangeInterval(round(100 * low, 1), round(100 * high, 1))
