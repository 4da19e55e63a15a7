"""Counts per question from the tidy answers frame.

The answers frame has one row per stored answer row:
``response_id, question_id, choice, text, skipped`` (``choice`` is None for text and skipped rows;
a multiple-choice answer has one row per ticked option). A question that was hidden from a young
person has no row for them, so "shown" is the right base, not the number of responses."""

from __future__ import annotations

import pandas as pd

RATHER_NOT_SAY = "rather_not_say"
ANSWER_COLUMNS = ["response_id", "question_id", "choice", "text", "skipped"]


def question_bases(answers: pd.DataFrame) -> pd.DataFrame:
    """Per question: how many were shown it, answered it and skipped it (people, not rows)."""
    per_person = (
        answers.assign(skipped=answers["skipped"].astype(bool))
        .groupby(["question_id", "response_id"])["skipped"]
        .all()
        .reset_index()
    )
    return (
        per_person.groupby("question_id")
        .agg(shown=("response_id", "nunique"), skipped=("skipped", "sum"))
        .astype(int)
        .assign(answered=lambda frame: frame["shown"] - frame["skipped"])
        .reset_index()[["question_id", "shown", "answered", "skipped"]]
    )


def choice_counts(answers: pd.DataFrame) -> pd.DataFrame:
    """Per question and choice: how many people chose it and what percentage of those who answered."""
    chosen = answers.loc[answers["choice"].notna() & ~answers["skipped"].astype(bool)]
    counts = (
        chosen.groupby(["question_id", "choice"])["response_id"]
        .nunique()
        .rename("count")
        .reset_index()
    )
    bases = question_bases(answers)[["question_id", "answered"]]
    return counts.merge(bases, on="question_id", how="left").assign(
        percent=lambda frame: (100 * frame["count"] / frame["answered"]).round(1)
    )[["question_id", "choice", "count", "answered", "percent"]]


def scale_summary(answers: pd.DataFrame, scale_question_ids: list[str]) -> pd.DataFrame:
    """Mean and median of numeric (smiley) answers, leaving out "rather not say" and skips."""
    rows = answers.loc[
        answers["question_id"].isin(scale_question_ids)
        & answers["choice"].notna()
        & (answers["choice"] != RATHER_NOT_SAY)
    ]
    values = rows.assign(value=pd.to_numeric(rows["choice"], errors="coerce")).dropna(subset=["value"])
    summary = values.groupby("question_id")["value"].agg(["count", "mean", "median"]).reset_index()
    return summary.assign(mean=summary["mean"].round(2)).rename(columns={"count": "answered"})
