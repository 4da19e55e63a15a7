"""One question's answers broken down by a group of young people, with small numbers hidden.

Groups are a frame ``response_id, group`` built from an answer to another question of the same
round (``groups_from_answer``: in care / care leaver from ``care_status``, placement type from
``living_with``, an age band question) or from how the response came in (``groups_from_channel``:
online / paper). A response with no group row is left out of the breakdown.

``breakdown`` returns a groups × answers table of people counts as it may be shown, and its footnote:

- a cell from 1 to ``min_cell - 1`` is hidden ("c"); so is every cell of a group where fewer than
  ``min_base`` young people answered (people, not ticks: a multiple-choice row can add up to more);
- secondary suppression (analysis.suppression) then hides more cells so that no hidden value can be
  worked out from a row or column total, including the question's own headline totals;
- when fewer than ``min_base`` young people answered the question at all, the whole breakdown is
  hidden. Skips are not counted; "I'd rather not say" is a column of its own."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .suppression import FOOTNOTE, HIDDEN, Thresholds, hidden_mask, secondary
from .tallies import RATHER_NOT_SAY

DEFAULTS = Thresholds()
GROUP_COLUMNS = ["response_id", "group"]
NOT_SAID = "Not said"
CARE_STATUS = {"in_care": "In care", "care_leaver": "Care leaver"}
PLACEMENT_TYPES = {
    "foster_family": "Foster care",
    "childrens_home": "Children’s home",
    "supported_lodgings": "Supported lodgings or own flat",
    "own_flat": "Supported lodgings or own flat",
    "family_or_friends": "Family or friends",
    "somewhere_else": "Somewhere else",
}
# The age_band question's values (survey_app.questionnaire.schema.AGE_BANDS) as shown in a breakdown.
AGE_BANDS = {"age_8_11": "8 to 11", "age_12_15": "12 to 15", "age_16_17": "16 or 17", "age_18_25": "18 to 25"}
CHANNELS = {"online": "Online", "paper": "Paper"}
SMALL_GROUPS = "Groups where fewer than {min_base} young people answered are hidden."
TOO_FEW = "Fewer than {min_base} young people answered this question, so it is not broken down."


def groups_from_answer(
    answers: pd.DataFrame,
    question_id: str,
    mapping: Mapping[str, str] | None = None,
    not_said: str | None = NOT_SAID,
) -> pd.DataFrame:
    """Each response's group from its answer to ``question_id`` (e.g. care_status, living_with, age_band).

    ``mapping`` turns answer values into group names (values it lacks keep their own name); a skip or
    "I'd rather not say" puts the response in ``not_said`` (or leaves it out when that is None)."""
    rows = answers.loc[answers["question_id"] == question_id]
    declined = rows["skipped"].astype(bool) | rows["choice"].isna() | (rows["choice"] == RATHER_NOT_SAY)
    names = dict(mapping or {})
    return (
        rows.assign(group=rows["choice"].map(lambda value: names.get(value, value)).where(~declined, not_said))
        .dropna(subset=["group"])
        .drop_duplicates("response_id")
        .reset_index(drop=True)[GROUP_COLUMNS]
    )


def groups_from_channel(responses: pd.DataFrame, mapping: Mapping[str, str] = CHANNELS) -> pd.DataFrame:
    """Each response's group from how it came in: online or on paper (responses: response_id, channel)."""
    return (
        responses.assign(group=responses["channel"].map(lambda value: mapping.get(value, value)))
        .reset_index(drop=True)[GROUP_COLUMNS]
    )


COUNT_COLUMNS = ["group", "choice", "count"]


def _wide(counts: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return (
        counts.groupby(["group", "choice"])["count"]
        .sum()
        .unstack("choice", fill_value=0)
        .reindex(columns=columns, fill_value=0)
        .astype(int)
        .rename_axis(index="group", columns=None)
    )


def breakdown(
    answers: pd.DataFrame,
    responses_groups: pd.DataFrame,
    question_id: str,
    thresholds: Thresholds = DEFAULTS,
    options: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, str]:
    """The question's answers by group, as they may be shown (numbers and "c"), and the footnote.

    Columns are the answer values in screen order when ``options`` (question_id, value, label,
    position) is given, otherwise sorted; rows are groups, sorted. The footnote is "" when nothing
    is hidden."""
    chosen = (
        answers.loc[
            (answers["question_id"] == question_id) & answers["choice"].notna() & ~answers["skipped"].astype(bool),
            ["response_id", "choice"],
        ]
        .merge(responses_groups[GROUP_COLUMNS], on="response_id")
    )
    counts = chosen.groupby(["group", "choice"])["response_id"].nunique().rename("count").reset_index()
    people = chosen.groupby("group")["response_id"].nunique()
    return breakdown_from_long_counts(counts, people, question_id, thresholds, options,
                                      answered=chosen["response_id"].nunique())


def breakdown_from_long_counts(
    counts: pd.DataFrame,
    people: pd.Series,
    question_id: str,
    thresholds: Thresholds = DEFAULTS,
    options: pd.DataFrame | None = None,
    answered: int | None = None,
) -> tuple[pd.DataFrame, str]:
    """``breakdown`` from counts made elsewhere (e.g. by the database, see analysis.aggregates).

    ``counts``: ``group, choice, count`` — how many people of the group chose the answer (only
    non-zero rows need be given); ``people``: per group (the index), how many people answered the
    question with a choice (not ticks); ``answered``: how many answered in all (default: the sum of
    ``people``). Same table, suppression and footnote as ``breakdown``."""
    on_screen = (
        [] if options is None
        else options.loc[options["question_id"] == question_id].sort_values("position")["value"].tolist()
    )
    columns = on_screen + sorted(set(counts["choice"]) - set(on_screen))
    # group and answer names as plain strings, whichever way the counts were made
    wide = _wide(counts[COUNT_COLUMNS].astype({"group": str, "choice": str}), columns)
    total = int(people.sum()) if answered is None else answered
    return breakdown_from_counts(wide, people, total, thresholds)


def breakdown_from_counts(
    counts: pd.DataFrame,
    people: pd.Series,
    answered: int,
    thresholds: Thresholds = DEFAULTS,
) -> tuple[pd.DataFrame, str]:
    """``breakdown`` from a groups × answer values table of people already made: ``people`` the young
    people who answered per group (same index), ``answered`` how many answered the question at all.
    Same rules, same table and footnote."""
    counts = counts.astype(int)
    if answered < thresholds.min_base:
        return counts.astype(object).map(lambda _: HIDDEN), TOO_FEW.format(min_base=thresholds.min_base)
    people = people.reindex(counts.index, fill_value=0)
    primary = hidden_mask(counts, thresholds).to_numpy() | (people.to_numpy() < thresholds.min_base)[:, None]
    mask = secondary(counts.to_numpy(dtype=int), primary)
    table = counts.astype(object).mask(pd.DataFrame(mask, index=counts.index, columns=counts.columns), HIDDEN)
    footnote = (
        " ".join([FOOTNOTE.format(min_cell=thresholds.min_cell), SMALL_GROUPS.format(min_base=thresholds.min_base)])
        if mask.any() else ""
    )
    return table, footnote
