"""How many of each group we heard from, against the cohort sizes entered for the round.

Input: ``responses_groups`` (response_id, group — e.g. analysis.breakdowns.groups_from_answer on
care_status) and ``cohorts`` (group, cohort — analysis.extract.cohorts_frame). Output, one row per
cohort group (then any group that answered but has no cohort, then a total row):

- ``responses``, ``cohort`` and ``rate`` (a percentage, one decimal place; empty without a cohort);
- ``not_heard``: true when the rate is under ``not_heard_below`` (default 20%) — a group we have
  barely heard from, whose voice the headlines may not carry (Ofsted 2014: "they do not consult
  more widely");
- ``shown_responses`` / ``shown_rate``: what may be shown — a response count from 1 to
  ``min_cell - 1`` is "c", and so is its rate (rate × cohort would give the count back); when only
  one group is hidden the next smallest is hidden too, so the total cannot give it away."""

from __future__ import annotations

import pandas as pd

from .suppression import HIDDEN, Thresholds, hidden_mask

DEFAULTS = Thresholds()
TOTAL = "All young people"
RATE_COLUMNS = ["group", "cohort", "responses", "rate", "not_heard", "shown_responses", "shown_rate"]


def response_rates(
    responses_groups: pd.DataFrame,
    cohorts: pd.DataFrame,
    not_heard_below: float = 20.0,
    thresholds: Thresholds = DEFAULTS,
    total_label: str = TOTAL,
) -> pd.DataFrame:
    """Responses, cohort, rate (%) and "not heard" per group, with small counts hidden (module docstring)."""
    heard = responses_groups.groupby("group")["response_id"].nunique()
    return rates_from_counts(heard, responses_groups["response_id"].nunique(), cohorts, not_heard_below,
                             thresholds, total_label)


def rates_from_counts(
    heard: pd.Series,
    total: int,
    cohorts: pd.DataFrame,
    not_heard_below: float = 20.0,
    thresholds: Thresholds = DEFAULTS,
    total_label: str = TOTAL,
) -> pd.DataFrame:
    """``response_rates`` from counts already made: ``heard`` is responses per group (index: group),
    ``total`` all responses (people in no group included). Same rows and rules."""
    heard = heard.rename("responses")
    order = [*cohorts["group"], *sorted(set(heard.index) - set(cohorts["group"]))]
    groups = pd.DataFrame({"group": order}).assign(
        cohort=lambda frame: frame["group"].map(cohorts.set_index("group")["cohort"]),
        responses=lambda frame: frame["group"].map(heard).fillna(0).astype(int),
    )
    only_small = Thresholds(min_cell=thresholds.min_cell, min_base=0)
    hidden = hidden_mask(groups[["responses"]], only_small)["responses"].to_numpy()
    total_row = pd.DataFrame({
        "group": [total_label],
        "cohort": [groups["cohort"].sum(min_count=1)],
        "responses": [int(total)],
    })
    total_hidden = 0 < total_row["responses"].iloc[0] < thresholds.min_cell
    return (
        pd.concat([groups, total_row], ignore_index=True)
        .astype({"cohort": "Int64", "responses": int})
        .assign(
            rate=lambda frame: (100 * frame["responses"] / frame["cohort"].where(frame["cohort"] > 0))
            .astype("float64")
            .round(1),
            not_heard=lambda frame: (frame["rate"] < not_heard_below).fillna(False).astype(bool),
            _hidden=[*hidden, total_hidden],
            shown_responses=lambda frame: frame["responses"].astype(object).mask(frame["_hidden"], HIDDEN),
            shown_rate=lambda frame: frame["rate"].astype(object).mask(frame["_hidden"], HIDDEN),
        )[RATE_COLUMNS]
    )
