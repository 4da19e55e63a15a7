"""A round's response rate: how many of the young people who could answer did, for everyone and for
each group, or in plain words why it can't be worked out. The round page shows these rows as they are;
the report (reporting/build.py) hides small numbers in them first. Pure: callers count."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analysis.response_rates import TOTAL

from ..questionnaire.schema import Questionnaire
from .groups import COHORT_TO_GROUP, GROUP_LABELS, asks_care_status, groups_told_apart

# Why a rate is not given, in the words staff and the board read (the report's ResponseRate `reason`).
NO_COHORTS = "No response rate: the number of young people who could answer has not been entered."
NOT_TOLD_APART = ("No rate for each group: the questionnaire does not ask whether a young person is in care "
                  "or a care leaver, so their answers can’t be counted for each group.")
NOBODY_EXPECTED = "No rate: the number who could answer was entered as 0."
RATE_HIDDEN = "A rate shown as “c” is hidden: too few young people in that group answered to show it."


@dataclass(frozen=True)
class RateRow:
    """One line of the response rate: `group` is a key of GROUP_LABELS, or TOTAL for everyone.
    `responses` is None when the answers can't be counted for the group; `reason` says why there is no rate."""

    group: str
    cohort: int | None
    responses: int | None
    reason: str | None = None

    @property
    def label(self) -> str:
        return GROUP_LABELS.get(self.group, self.group)

    @property
    def rate(self) -> float | None:
        if self.cohort is None or self.responses is None or self.cohort <= 0:
            return None
        return round(100 * self.responses / self.cohort, 1)


def cohorts_by_group(cohorts: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Cohort sizes as entered ((cohort group, number) pairs) added up per group, in GROUP_LABELS order."""
    totals: dict[str, int] = {}
    for cohort_group, expected in cohorts:
        group = COHORT_TO_GROUP.get(cohort_group, cohort_group)
        totals[group] = totals.get(group, 0) + int(expected)
    order = [*[group for group in GROUP_LABELS if group in totals], *sorted(set(totals) - set(GROUP_LABELS))]
    return {group: totals[group] for group in order}


def _row(group: str, cohort: int, responses: int | None, reason: str | None = None) -> RateRow:
    return RateRow(group, cohort, responses, reason or (NOBODY_EXPECTED if cohort == 0 else None))


def rate_rows(audience: str, questionnaire: Questionnaire, cohorts: Iterable[tuple[str, int]],
              care_status_counts: Mapping[str, int], total: int) -> list[RateRow]:
    """One row per group with a cohort entered, then everyone (TOTAL). `care_status_counts`: responses per
    answer to the care status question (empty when it is not asked); `total`: every response sent. The
    rate for everyone needs only the cohort sizes; a group's rate also needs its answers counted apart."""
    by_group = cohorts_by_group(cohorts)
    if not by_group:
        return [RateRow(TOTAL, None, total, NO_COHORTS)]
    told_apart = groups_told_apart(audience, questionnaire)
    if asks_care_status(questionnaire):
        heard = {group: int(care_status_counts.get(group, 0)) for group in by_group}
    elif len(told_apart) == 1:
        heard = {told_apart[0]: total}
    else:
        heard = {}
    rows = [_row(group, cohort, heard[group]) if group in heard else _row(group, cohort, None, NOT_TOLD_APART)
            for group, cohort in by_group.items()]
    return [*rows, _row(TOTAL, sum(by_group.values()), total)]
