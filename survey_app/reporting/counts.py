"""What a round's report counts, counted by the database (analysis.extract) in as few passes over the
answers as it takes; pandas only shapes the few thousand counts. build.py turns them into the report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from analysis import extract
from analysis.breakdowns import AGE_BANDS, CARE_STATUS, CHANNELS, NOT_SAID, PLACEMENT_TYPES
from analysis.headlines import positive_shares_from_counts
from analysis.suppression import HIDDEN, Thresholds, hidden_mask
from analysis.tallies import RATHER_NOT_SAY

from ..extensions import db
from ..languages import DEFAULT as DEFAULT_LANGUAGE
from ..languages import LANGUAGES

# Questions that split young people into groups, where a questionnaire asks them: (id, title, names).
GROUPINGS: tuple[tuple[str, str, Mapping[str, str] | None], ...] = (
    ("care_status", "In care or care leaver", CARE_STATUS),
    ("living_with", "Where they live", PLACEMENT_TYPES),
    ("age_band", "Age", AGE_BANDS),
)

def _group_name(value, mapping: Mapping[str, str] | None) -> str:
    if value is None or value == RATHER_NOT_SAY or (isinstance(value, float) and pd.isna(value)):
        return NOT_SAID
    return (mapping or {}).get(value, value)


def _answer_cube(conn, round_id: int, by: Sequence[str], channel: bool) -> pd.DataFrame:
    """``question_id, choice, skipped, by_<question>…, [channel], rows, firsts`` from
    ``extract.round_distribution`` (one pass that stays fast on 100,000 responses, on SQLite too). A group
    the young person skipped, declined or never saw is "Not said" either way (``_group_name``), so the two
    spellings of it need not be told apart."""
    distribution = extract.round_distribution(conn, round_id, by).rename(
        columns={**{question_id: f"by_{question_id}" for question_id in by}, "people": "firsts"})
    keys = ["question_id", "choice", "skipped", *[f"by_{question_id}" for question_id in by]]
    keys += ["channel"] if channel else []
    return (
        distribution.astype({key: object for key in keys})
        .groupby(keys, dropna=False, sort=False, as_index=False)[["rows", "firsts"]].sum()
        .astype({"rows": "int64", "firsts": "int64", "skipped": bool})
    )


class RoundCounts:
    """Everything counted for one round, by the database, in as few passes over the answers as it
    takes: one grouped count of every answer by question, answer and group (``cube``); the skips; the
    people per group for multiple-choice questions only; the channels; the written answers only when
    asked for (``texts``). Bases come from these: a person has one answer per single-answer question,
    and "I'd rather not say" is never ticked with anything else. ``codebook_key``: the fingerprint of the
    codebook the report codes with (answers whose codes were matched with another are coded again)."""

    def __init__(self, round_id: int, *, with_groups: bool = True, text_ids: Sequence[str] = (),
                 codebook_key: str = ""):
        conn = db.session.connection()
        self.questionnaire = extract.questionnaire_of_round(conn, round_id)
        self.questions = extract.questions_frame(self.questionnaire)
        self.options = extract.options_frame(self.questionnaire)
        self.by = [
            question_id for question_id, _, _ in GROUPINGS
            if self.questionnaire.has_question(question_id)
            and self.questionnaire.question(question_id).kind.summary == "choices"
            and not self.questionnaire.question(question_id).allows_many
        ] if with_groups else []
        group_columns = [f"by_{question_id}" for question_id in self.by] + (["channel"] if with_groups else [])
        everything = _answer_cube(conn, round_id, self.by, channel=with_groups)
        mappings = {f"by_{question_id}": mapping for question_id, _, mapping in GROUPINGS}
        mappings["channel"] = CHANNELS
        for column in group_columns:
            everything[column] = [_group_name(value, mappings[column]) for value in everything[column]]
        chosen = everything["choice"].notna() & ~everything["skipped"]
        self.cube = everything.loc[chosen].rename(columns={"rows": "count"}).reset_index(drop=True)
        self.counts = (
            self.cube.groupby(["question_id", "choice"], as_index=False)["count"].sum()
            if not self.cube.empty else pd.DataFrame(columns=["question_id", "choice", "count"])
        )
        self.by_choice: dict[str, dict[str, int]] = {}
        for question_id, choice, count in self.counts[["question_id", "choice", "count"]].itertuples(index=False):
            self.by_choice.setdefault(question_id, {})[choice] = int(count)
        multiple = [question.id for question in self.questionnaire.questions if question.allows_many]
        self.people = (
            self.cube.loc[self.cube["question_id"].isin(multiple)]
            .groupby(["question_id", *group_columns], as_index=False)["firsts"].sum()
            .rename(columns={"firsts": "people"})
        )
        people = self.people.groupby("question_id")["people"].sum().to_dict()
        # the written answers' stored sentiment and theme codes, counted by the database
        self.written = (extract.written_summary(conn, round_id, codebook_key, list(text_ids)) if text_ids
                        else extract.WrittenSummary.nothing())
        written = everything.loc[everything["choice"].isna() & ~everything["skipped"]] \
            .groupby("question_id")["rows"].sum().to_dict()
        skipped = everything.loc[everything["skipped"]].groupby("question_id")["rows"].sum().to_dict()
        self.answered: dict[str, int] = {}  # not skipped ("I'd rather not say" included)
        self.given: dict[str, int] = {}  # a real answer or something written
        for question in self.questionnaire.questions:
            chosen = self.by_choice.get(question.id, {})
            rather = chosen.get(RATHER_NOT_SAY, 0)
            if question.is_text:
                answered = int(written.get(question.id, 0))
            elif question.allows_many:
                answered = int(people.get(question.id, 0))
            else:
                answered = int(sum(chosen.values()))
            self.answered[question.id] = answered
            self.given[question.id] = answered - (0 if question.is_text else int(rather))
        self.shown = {question_id: self.answered[question_id] + int(skipped.get(question_id, 0))
                      for question_id in self.answered}
        channels = extract.channel_counts_sql(conn, round_id)
        self.channels = dict(zip(channels["channel"], channels["responses"], strict=True))
        self.total = int(sum(self.channels.values()))
        self.languages = language_counts(round_id)

    def bases_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"question_id": list(self.given), "base": list(self.given.values())},
                            columns=["question_id", "base"])

    def shares(self, questions: pd.DataFrame) -> pd.DataFrame:
        return positive_shares_from_counts(self.counts, self.bases_frame(), questions)


def language_counts(round_id: int) -> dict[str, int]:
    """How many responses of the round were answered in each language (code -> count)."""
    found = extract.language_counts_sql(db.session.connection(), round_id)
    return {str(code or DEFAULT_LANGUAGE): int(count)
            for code, count in zip(found["language"], found["responses"], strict=True)}


def by_language(languages: Mapping[str, int], *, exact: bool, min_cell: int = Thresholds().min_cell,
                ) -> list[tuple[str, int | str]]:
    """(code, count) for each language: ours in their order (English always, the others when someone answered
    in them), then any other code. Unless `exact`, hidden like the channels (build._responses): a count under
    `min_cell` is "c", and when only one would be hidden a second one is too (secondary suppression), so no
    count can be worked out from the total."""
    codes = [code for code in LANGUAGES if code == DEFAULT_LANGUAGE or languages.get(code)]
    codes += sorted(code for code in languages if code not in LANGUAGES and languages[code])
    numbers = [int(languages.get(code, 0)) for code in codes]
    if exact or not sum(numbers):
        return list(zip(codes, numbers, strict=True))
    mask = hidden_mask(pd.DataFrame([numbers]), Thresholds(min_cell, 0)).iloc[0].tolist()
    return [(code, HIDDEN if hide else number) for code, number, hide in zip(codes, numbers, mask, strict=True)]
