"""The strongest and weakest headlines of a round, for the first page of the board report.

The rule (the report's notes say it in the same words):
    - Only headlines about a good answer are ranked: "yes", or the happy faces of a scale. Questions
      about where a young person is or what they would like, and questions whose "yes" is bad news,
      are not ranked (the caller says which headlines are ``rankable``).
    - A suppressed headline is never ranked, nor one fewer than ``min_base`` young people answered:
      its share is not shown, so it can't be compared.
    - Strongest: the largest share giving the good answer first; weakest: the smallest first. Ties go
      to the question more young people answered, then to the one asked first.
    - No headline is both: with fewer than twice ``how_many`` ranked, the upper half (rounded up) are
      the strongest and the rest the weakest."""

from __future__ import annotations

import pandas as pd

from .suppression import Thresholds

DEFAULTS = Thresholds()
HOW_MANY = 3
COLUMNS = ["question_id", "count", "base", "suppressed", "rankable"]


def strongest_and_weakest(
    headlines: pd.DataFrame, how_many: int = HOW_MANY, thresholds: Thresholds = DEFAULTS,
) -> tuple[list[str], list[str]]:
    """(strongest, weakest) question ids, best first and worst first. ``headlines``: one row per
    headline in questionnaire order, with ``question_id, count, base, suppressed, rankable``."""
    frame = headlines.reindex(columns=COLUMNS).reset_index(drop=True)
    ranked = frame.loc[
        frame["rankable"].astype(bool) & ~frame["suppressed"].astype(bool)
        & (frame["base"].astype(int) >= thresholds.min_base)
    ].assign(share=lambda rows: rows["count"].astype(int) / rows["base"].astype(int),
             asked=lambda rows: rows.index)
    best_first = ranked.sort_values(["share", "base", "asked"], ascending=[False, False, True], kind="stable")
    worst_first = ranked.sort_values(["share", "base", "asked"], ascending=[True, False, True], kind="stable")
    strong_count = min(how_many, (len(ranked) + 1) // 2) if len(ranked) < 2 * how_many else how_many
    strongest = best_first["question_id"].head(strong_count).tolist()
    weak_count = min(how_many, len(ranked) - len(strongest))
    weakest = [question_id for question_id in worst_first["question_id"] if question_id not in strongest][:weak_count]
    return strongest, weakest
