"""Tallies and breakdowns from a round's joint distribution instead of its answer rows.

A round of 100,000 responses has 2.7 million answer rows: too many to load for the board report.
``analysis.extract.round_distribution`` lets the database count them into a few thousand rows:

``*group questions, channel, question_id, choice, skipped, rows, people`` — for each combination
of the groups a response is in (its answer to each group question: the value, ``"rather_not_say"``
for a skip or "I'd rather not say", None when the question was not shown; and its channel), each
question and each answer: how many answer rows (``rows``: ticks, for a multiple-choice question)
and how many of them are a person's first row (``people``: position 0). ``choice`` is None on
skipped rows and free-text rows.

The functions here give exactly the frames the row-level functions give on the same round:

- ``question_bases(distribution)`` = ``analysis.tallies.question_bases(answers)``
- ``choice_counts(distribution)`` = ``analysis.tallies.choice_counts(answers)``
- ``scale_summary(distribution, ids)`` = ``analysis.tallies.scale_summary(answers, ids)``
- ``breakdown(distribution, question_id, by, mapping, ...)`` = ``analysis.breakdowns.breakdown(answers,
  groups, question_id, ...)`` with ``groups`` = ``groups_from_answer(answers, by, mapping)`` (or
  ``groups_from_channel(responses)`` when ``by`` is ``"channel"``)

given what the survey stores (``survey_app.responses.drafts.store_response``): for each person and
question shown, either one skipped row, or one text row, or one row per different choice at
positions 0, 1, ...; never a mix. Pure pandas; no database, no Flask."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .breakdowns import CHANNELS, DEFAULTS, NOT_SAID, breakdown_from_long_counts
from .suppression import Thresholds
from .tallies import RATHER_NOT_SAY

CHANNEL = "channel"


def _by_question(distribution: pd.DataFrame) -> pd.DataFrame:
    return distribution.groupby(["question_id", "choice", "skipped"], dropna=False)[["rows", "people"]].sum()


def question_bases(distribution: pd.DataFrame) -> pd.DataFrame:
    """Per question: how many were shown it, answered it and skipped it (people, not rows)."""
    people = distribution.assign(
        skipped_people=distribution["people"].where(distribution["skipped"].astype(bool), 0)
    )
    return (
        people.groupby("question_id")
        .agg(shown=("people", "sum"), skipped=("skipped_people", "sum"))
        .astype(int)
        .assign(answered=lambda frame: frame["shown"] - frame["skipped"])
        .reset_index()[["question_id", "shown", "answered", "skipped"]]
    )


def _chosen(distribution: pd.DataFrame) -> pd.DataFrame:
    return distribution.loc[distribution["choice"].notna() & ~distribution["skipped"].astype(bool)]


def choice_counts(distribution: pd.DataFrame) -> pd.DataFrame:
    """Per question and choice: how many people chose it and what percentage of those who answered."""
    counts = _chosen(distribution).groupby(["question_id", "choice"])["rows"].sum().rename("count").reset_index()
    bases = question_bases(distribution)[["question_id", "answered"]]
    return counts.merge(bases, on="question_id", how="left").assign(
        percent=lambda frame: (100 * frame["count"] / frame["answered"]).round(1)
    )[["question_id", "choice", "count", "answered", "percent"]]


def _weighted_median(values: pd.Series, weights: pd.Series) -> float:
    order = values.sort_values(kind="stable").index
    sorted_values = values[order].to_numpy(dtype=float)
    ends = weights[order].to_numpy().cumsum()
    total = int(ends[-1])

    def at(position: int) -> float:  # the value at a 0-based position of the sorted answers
        return float(sorted_values[(ends > position).argmax()])

    if total % 2:
        return at(total // 2)
    return (at(total // 2 - 1) + at(total // 2)) / 2


def scale_summary(distribution: pd.DataFrame, scale_question_ids: list[str]) -> pd.DataFrame:
    """Mean and median of numeric (smiley) answers, leaving out "rather not say" and skips.

    The mean is the sum of value × how many over how many: the same number pandas gets from the
    rows for whole-number values (sums of whole numbers are exact in floating point)."""
    rows = distribution.loc[
        distribution["question_id"].isin(scale_question_ids)
        & distribution["choice"].notna()
        & (distribution["choice"] != RATHER_NOT_SAY)
    ]
    values = (
        rows.assign(value=pd.to_numeric(rows["choice"], errors="coerce"))
        .dropna(subset=["value"])
        .groupby(["question_id", "value"])["rows"]
        .sum()
        .reset_index()
    )
    summary = pd.DataFrame(
        [
            (question_id, int(group["rows"].sum()),
             float((group["value"] * group["rows"]).sum() / group["rows"].sum()),
             _weighted_median(group["value"], group["rows"]))
            for question_id, group in values.groupby("question_id")
        ],
        columns=["question_id", "answered", "mean", "median"],
    ).astype({"answered": "int64", "mean": float, "median": float})
    return summary.assign(mean=summary["mean"].round(2))


def group_counts(
    distribution: pd.DataFrame,
    question_id: str,
    by: str,
    mapping: Mapping[str, str] | None = None,
    not_said: str | None = NOT_SAID,
) -> tuple[pd.DataFrame, pd.Series]:
    """The inputs of ``analysis.breakdowns.breakdown_from_long_counts`` for one question by one grouping.

    ``by`` is a group question's column (its answers named through ``mapping``; a skip or "I'd rather
    not say" puts the person in ``not_said``, or leaves them out when that is None; people not shown
    the question are left out), or ``"channel"`` (named through ``mapping``, default Online / Paper).
    Returns ``group, choice, count`` (people per answer) and people who answered per group."""
    names = dict(CHANNELS if mapping is None and by == CHANNEL else mapping or {})
    chosen = _chosen(distribution.loc[distribution["question_id"] == question_id])
    raw = chosen[by]
    if by == CHANNEL:
        group = raw.map(lambda value: names.get(value, value))
    else:
        declined = raw == RATHER_NOT_SAY
        group = raw.map(lambda value: None if value is None else names.get(value, value)).where(~declined, not_said)
    grouped = chosen.assign(group=group).dropna(subset=["group"])
    counts = grouped.groupby(["group", "choice"])["rows"].sum().rename("count").reset_index()
    people = grouped.groupby("group")["people"].sum()
    return counts, people


def breakdown(
    distribution: pd.DataFrame,
    question_id: str,
    by: str,
    mapping: Mapping[str, str] | None = None,
    thresholds: Thresholds = DEFAULTS,
    options: pd.DataFrame | None = None,
    not_said: str | None = NOT_SAID,
) -> tuple[pd.DataFrame, str]:
    """``analysis.breakdowns.breakdown`` of one question by one grouping, from the distribution."""
    counts, people = group_counts(distribution, question_id, by, mapping, not_said)
    return breakdown_from_long_counts(counts, people, question_id, thresholds, options)
