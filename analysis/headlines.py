"""Plain-words headlines from a round's answers: "Almost all young people (27 of 28) said yes to
‘Are you happy where you’re living?’".

The rules (also in analysis/HEADLINES.md, which the README links):

Which answers count
    The *base* of a question is the number of young people who chose an answer to it. Skips and
    "I'd rather not say" are left out of the base (both are a choice not to answer); a question that
    was hidden from someone (branching) has no row for them, so they are not in the base either.
    The *count* is how many of the base chose the headline answer(s).

What the headline is about (one headline per choice question; text questions have none)
    - yes/no: the people who said yes.
    - smiley scales: the people who chose the happy end — "4" and "5" on the five-face scale,
      "3" on the three-face scale — followed by the whole scale, highest first, with small numbers
      hidden as "c" (``scale_distribution``).
    - single and multiple choice: the answer chosen by most people (ties go to the one shown
      first on the screen).
    - ``positive={question_id: values}`` overrides the headline answer(s) for any question.

Share words (``describe_share``), when the base is at least ``min_base`` (default 10)
    - "all": only when count == base;
    - "none": only when count == 0;
    - "almost all": 90% or more;
    - "about half": 45% to 55% (inclusive), checked before "most";
    - "most": more than 50% (so in practice more than 55%);
    - "some": 20% up to 45%;
    - "a few": under 20%.
    With a base under ``min_base`` there is no share word at all — never "all of you" or
    "none of you" about a small group: ``describe_share`` gives only "N of M", and ``headlines``
    does not show the figures (the row is ``suppressed``).

Templates (the question text is put in curly quotes, straight apostrophes made curly)
    - "All {base} young people {verb} ‘{question}’"
    - "None of the {base} young people {verb} ‘{question}’"
    - "{Share} young people ({count} of {base}) {verb} ‘{question}’" ("About half of the young
      people" for about half)
    - "{Share} young people (fewer than {min_cell} of {base}) {verb} ‘{question}’" when the count is
      from 1 to ``min_cell - 1`` (suppressed: the exact count is not shown)
    - "Fewer than {min_base} young people answered ‘{question}’, so the result is not shown"
    - "No young people have answered ‘{question}’ yet"
    - a scale's headline is followed by " Answers: Very happy 12, Happy 7, OK 6, Unhappy c, Very
      unhappy c (c = a small number, not shown)."
    No full stop follows the quoted question (it ends with its own "?").
    where {verb} is "said yes to", "chose ‘Happy’ or ‘Very happy’ for", "chose ‘…’ for" or
    "ticked ‘…’ for" (multiple choice).
    A headline names one share of the whole group, so "27 of 28 said yes" is shown even though the
    one other person is a small number: they may have said no or not sure, and nobody is named.

The frame ``headlines`` returns has ``question_id, priority, count, base, text, suppressed``, in
questionnaire order. ``count`` and ``base`` are the true figures, for staff; ``text`` is the only
column safe to show to a board or a child; ``suppressed`` is true when ``text`` withholds figures."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from survey_app import question_types

from .suppression import HIDDEN, Thresholds, distribution_mask
from .tallies import RATHER_NOT_SAY

DEFAULTS = Thresholds()


# What each question type means here comes from the registry (survey_app/question_types.py).
def default_positive() -> dict[str, tuple[str, ...]]:
    """Type -> the answers a headline counts when no override is given ("yes"; the happy faces)."""
    return {name: kind.positive for name, kind in question_types.TYPES.items() if kind.positive}


def _scale_values() -> dict[str, tuple[str, ...]]:
    return {name: tuple(value for value, _ in kind.options) for name, kind in question_types.TYPES.items()
            if kind.scale}


def _default_labels(question_type: str) -> dict[str, str]:
    """The words young people see on a type's fixed answers, when no options frame is given."""
    return question_types.get(question_type).labels() if question_types.known(question_type) else {}


HEADLINE_COLUMNS = ["question_id", "priority", "count", "base", "text", "suppressed"]
SHARE_COLUMNS = ["question_id", "count", "base"]
DISTRIBUTION_COLUMNS = ["question_id", "choice", "label", "count", "shown"]


# -- words ------------------------------------------------------------------------------------------

def describe_share(count: int, base: int, min_base: int = DEFAULTS.min_base) -> str:
    """The share word for count out of base (see the module docstring); "N of M" when base < min_base."""
    if base < min_base or base <= 0:
        return f"{count} of {base}"
    if count == base:
        return "all"
    if count == 0:
        return "none"
    if 10 * count >= 9 * base:
        return "almost all"
    if 9 * base <= 20 * count <= 11 * base:
        return "about half"
    if 2 * count > base:
        return "most"
    if 5 * count >= base:
        return "some"
    return "a few"


def quoted(question_text: str) -> str:
    return "‘" + question_text.strip().replace("'", "’") + "’"


def _lead(count: int, base: int, thresholds: Thresholds) -> tuple[str, bool]:
    """The subject of the sentence and whether it withholds the exact count."""
    word = describe_share(count, base, thresholds.min_base)
    if word == "all":
        return f"All {base} young people", False
    if word == "none":
        return f"None of the {base} young people", False
    who = "About half of the young people" if word == "about half" else f"{word.capitalize()} young people"
    if 0 < count < thresholds.min_cell:
        return f"{who} (fewer than {thresholds.min_cell} of {base})", True
    return f"{who} ({count} of {base})", False


# -- counting ---------------------------------------------------------------------------------------

def given_answers(answers: pd.DataFrame) -> pd.DataFrame:
    """The rows that are a real choice: not skipped, not "I'd rather not say", not free text."""
    return answers.loc[
        answers["choice"].notna() & ~answers["skipped"].astype(bool) & (answers["choice"] != RATHER_NOT_SAY),
        ["response_id", "question_id", "choice"],
    ]


def _positive_sets(questions: pd.DataFrame, positive: Mapping[str, Collection[str]] | None) -> pd.DataFrame:
    overrides = dict(positive or {})
    return (
        questions.assign(
            choice=lambda frame: [
                list(overrides.get(qid, default_positive().get(qtype, ())))  # type: ignore[misc]  # exploded below
                for qid, qtype in zip(frame["question_id"], frame["type"], strict=True)
            ]
        )
        .loc[lambda frame: frame["choice"].map(len) > 0, ["question_id", "choice"]]
        .explode("choice")
        .astype({"question_id": object, "choice": object})
        .reset_index(drop=True)
    )


def positive_shares(
    answers: pd.DataFrame,
    questions: pd.DataFrame,
    positive: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """Per question with a headline answer set: how many chose one of them (count) of those who answered (base).

    Questions come from ``questions`` (question_id, type); yes/no and smiley scales have a default
    set, anything else only when named in ``positive``."""
    sets = _positive_sets(questions, positive)
    given = given_answers(answers)
    bases = given.groupby("question_id")["response_id"].nunique()
    counts = given.merge(sets, on=["question_id", "choice"]).groupby("question_id")["response_id"].nunique()
    return _share_frame(sets, counts, bases)


def _share_frame(sets: pd.DataFrame, counts: pd.Series, bases: pd.Series) -> pd.DataFrame:
    """One row per question with a headline set: its count and base (0 where none), in SHARE_COLUMNS."""
    return (
        sets[["question_id"]]
        .drop_duplicates()
        .assign(
            count=lambda frame: frame["question_id"].map(counts).fillna(0).astype(int),
            base=lambda frame: frame["question_id"].map(bases).fillna(0).astype(int),
        )
        .reset_index(drop=True)[SHARE_COLUMNS]
    )


def positive_shares_from_counts(
    counts: pd.DataFrame,
    bases: pd.DataFrame,
    questions: pd.DataFrame,
    positive: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """``positive_shares`` from counts already made (say by the database, analysis.extract):

    ``counts``: question_id, choice, count — people per answer value, skips left out;
    ``bases``: question_id, base — people who chose an answer other than "I'd rather not say".
    Adding counts up is only right when a person has one answer per question, so a multiple-choice
    question may have a headline set of one value only (ValueError otherwise)."""
    sets = _positive_sets(questions, positive)
    many_types = [name for name, kind in question_types.TYPES.items() if kind.many]
    many = set(questions.loc[questions["type"].isin(many_types), "question_id"])
    widths = sets.groupby("question_id").size()
    if any(widths.get(question_id, 0) > 1 for question_id in many):
        raise ValueError("a multiple-choice headline from counts can name one answer only")
    chosen = sets.merge(counts[["question_id", "choice", "count"]], on=["question_id", "choice"], how="left")
    summed = chosen.groupby("question_id")["count"].sum(min_count=1)
    return _share_frame(sets, summed, bases.set_index("question_id")["base"])


def _option_order(options: pd.DataFrame | None) -> pd.DataFrame:
    if options is None:
        return pd.DataFrame({"question_id": pd.Series(dtype=object), "choice": pd.Series(dtype=object),
                             "label": pd.Series(dtype=object), "position": pd.Series(dtype=float)})
    return options.rename(columns={"value": "choice"})[["question_id", "choice", "label", "position"]]


def top_choices(
    answers: pd.DataFrame, question_ids: Collection[str], options: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per question, the answer most people chose: question_id, choice, count, base (ties: first on screen)."""
    given = given_answers(answers).loc[lambda frame: frame["question_id"].isin(list(question_ids))]
    bases = given.groupby("question_id")["response_id"].nunique()
    counts = (
        given.groupby(["question_id", "choice"], as_index=False)["response_id"]
        .nunique()
        .rename(columns={"response_id": "count"})  # type: ignore[call-overload]  # a frame: as_index=False
    )
    return _top(counts, bases, options)


def top_choices_from_counts(
    counts: pd.DataFrame, bases: pd.DataFrame, question_ids: Collection[str], options: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``top_choices`` from counts (question_id, choice, count) and bases (question_id, base)."""
    given = counts.loc[
        counts["question_id"].isin(list(question_ids)) & (counts["choice"] != RATHER_NOT_SAY) & (counts["count"] > 0),
        ["question_id", "choice", "count"],
    ]
    return _top(given, bases.set_index("question_id")["base"], options)


def _top(given_counts: pd.DataFrame, bases: pd.Series, options: pd.DataFrame | None) -> pd.DataFrame:
    return (
        given_counts.merge(_option_order(options)[["question_id", "choice", "position"]], on=["question_id", "choice"],
                           how="left")
        .sort_values(["question_id", "count", "position", "choice"], ascending=[True, False, True, True])
        .drop_duplicates("question_id")
        .assign(base=lambda frame: frame["question_id"].map(bases).astype(int))
        .reset_index(drop=True)[["question_id", "choice", "count", "base"]]
    )


def scale_distribution(
    answers: pd.DataFrame,
    questions: pd.DataFrame,
    options: pd.DataFrame | None = None,
    thresholds: Thresholds = DEFAULTS,
    positive: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """Every point of each smiley scale, highest first: question_id, choice, label, count, shown.

    ``shown`` is the count or "c" (analysis.suppression.distribution_mask: a base under ``min_base``
    hides the whole scale, and since the headline publishes the total of its happy end, the happy
    end, the rest and the whole scale each keep no single hidden point). "I'd rather not say" and
    skips are left out."""
    counts = (
        given_answers(answers)
        .groupby(["question_id", "choice"])["response_id"]
        .nunique()
        .rename("count")
        .reset_index()
    )
    return scale_distribution_from_counts(counts, questions, options, thresholds, positive)


def scale_distribution_from_counts(
    counts: pd.DataFrame,
    questions: pd.DataFrame,
    options: pd.DataFrame | None = None,
    thresholds: Thresholds = DEFAULTS,
    positive: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """``scale_distribution`` from counts already made: question_id, choice, count (people)."""
    scale_values = _scale_values()
    scales = questions.loc[questions["type"].isin(list(scale_values)), ["question_id", "type"]]
    points = (
        scales.assign(choice=lambda frame: frame["type"].map(scale_values).map(list))
        .explode("choice")[["question_id", "choice"]]
        .reset_index(drop=True)
    )
    if points.empty:
        return pd.DataFrame(columns=DISTRIBUTION_COLUMNS)
    counts = counts.loc[counts["choice"] != RATHER_NOT_SAY, ["question_id", "choice", "count"]]
    labels = _option_order(options)[["question_id", "choice", "label"]]
    table = (
        points.merge(counts, on=["question_id", "choice"], how="left")
        .assign(count=lambda frame: frame["count"].fillna(0).astype(int))
        .merge(labels, on=["question_id", "choice"], how="left")
        .merge(scales, on="question_id")
        .assign(label=lambda frame: [
            label if isinstance(label, str) else _default_labels(qtype).get(choice, choice)
            for label, qtype, choice in zip(frame["label"], frame["type"], frame["choice"], strict=True)
        ])
    )
    sets = _positive_sets(scales, positive).groupby("question_id")["choice"].agg(set)
    shown_parts = []
    for question_id, points_of in table.groupby("question_id", sort=False):
        values, choices = points_of["count"].tolist(), points_of["choice"].tolist()
        wanted = sets.get(question_id, set())
        mask = distribution_mask(values, [j for j, choice in enumerate(choices) if choice in wanted],
                                 thresholds=thresholds)
        shown_parts.append(points_of[["question_id", "choice"]].assign(
            shown=[HIDDEN if hide else value for value, hide in zip(values, mask, strict=True)]))
    shown = pd.concat(shown_parts, ignore_index=True)
    order = {qid: position for position, qid in enumerate(scales["question_id"])}
    return (
        table.merge(shown, on=["question_id", "choice"])
        .assign(_question=lambda frame: frame["question_id"].map(order),
                _point=lambda frame: frame["choice"].astype(int))
        .sort_values(["_question", "_point"], ascending=[True, False])
        .reset_index(drop=True)[DISTRIBUTION_COLUMNS]
    )


# -- sentences ------------------------------------------------------------------------------------

def _labels(options: pd.DataFrame | None, question_id: str, question_type: str, values: Collection[str]) -> list[str]:
    known = {
        **_default_labels(question_type),
        **_option_order(options).loc[lambda frame: frame["question_id"] == question_id].set_index("choice")["label"],
    }
    ordered = sorted(values, key=lambda value: (-int(value), value) if value.isdigit() else (0, value))
    return [quoted(str(known.get(value, value))) for value in ordered]


def _verb(question_type: str, values: list[str], labels: list[str]) -> str:
    kind = question_types.TYPES.get(question_type)
    if kind and kind.said_positive and values == list(kind.positive):
        return kind.said_positive
    if kind and kind.many:
        return f"ticked {' or '.join(labels)} for"
    return f"chose {' or '.join(labels)} for"


def _distribution_text(distribution: pd.DataFrame) -> str:
    if distribution.empty:
        return ""
    parts = ", ".join(f"{label} {shown}" for label, shown in zip(distribution["label"], distribution["shown"],
                                                                  strict=True))
    hidden = " (c = a small number, not shown)" if (distribution["shown"] == HIDDEN).any() else ""
    return f" Answers: {parts}{hidden}."


def _sentence(row: pd.Series, thresholds: Thresholds) -> tuple[str, bool]:
    question = quoted(row["text"])
    if row["base"] == 0:
        return f"No young people have answered {question} yet", True
    if row["base"] < thresholds.min_base:
        return f"Fewer than {thresholds.min_base} young people answered {question}, so the result is not shown", True
    lead, withheld = _lead(int(row["count"]), int(row["base"]), thresholds)
    return f"{lead} {row['verb']} {question}{row['distribution']}", withheld


def headlines(
    answers: pd.DataFrame,
    questions: pd.DataFrame,
    options: pd.DataFrame | None = None,
    thresholds: Thresholds = DEFAULTS,
    positive: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """One plain-words headline per choice question, in questionnaire order (rules: module docstring).

    ``answers``: response_id, question_id, choice, skipped (analysis.extract.answers_frame);
    ``questions``: question_id, type, text, priority (extract.questions_frame);
    ``options``: question_id, value, label, position (extract.options_frame) for the answer labels."""
    choice_questions = questions.loc[questions["type"].isin(question_types.choice_names())].reset_index(drop=True)
    shares = positive_shares(answers, choice_questions, positive)
    others = choice_questions.loc[~choice_questions["question_id"].isin(shares["question_id"]), "question_id"]
    tops = top_choices(answers, others, options)
    distribution = scale_distribution(answers, choice_questions, options, thresholds, positive)
    return _headline_frame(choice_questions, shares, tops, distribution, options, thresholds, positive)


def headlines_from_counts(
    counts: pd.DataFrame,
    bases: pd.DataFrame,
    questions: pd.DataFrame,
    options: pd.DataFrame | None = None,
    thresholds: Thresholds = DEFAULTS,
    positive: Mapping[str, Collection[str]] | None = None,
) -> pd.DataFrame:
    """``headlines`` from counts already made by the database, for rounds too big to load row by row.

    ``counts``: question_id, choice, count — people per answer value, skips left out
    (analysis.extract.choice_counts_sql); ``bases``: question_id, base — people who chose an answer
    other than "I'd rather not say" (e.g. counted from analysis.extract.round_distribution).
    Same rules and the same frame as ``headlines``."""
    choice_questions = questions.loc[questions["type"].isin(question_types.choice_names())].reset_index(drop=True)
    shares = positive_shares_from_counts(counts, bases, choice_questions, positive)
    others = choice_questions.loc[~choice_questions["question_id"].isin(shares["question_id"]), "question_id"]
    tops = top_choices_from_counts(counts, bases, others, options)
    distribution = scale_distribution_from_counts(counts, choice_questions, options, thresholds, positive)
    return _headline_frame(choice_questions, shares, tops, distribution, options, thresholds, positive)


def _headline_frame(
    choice_questions: pd.DataFrame,
    shares: pd.DataFrame,
    tops: pd.DataFrame,
    distribution: pd.DataFrame,
    options: pd.DataFrame | None,
    thresholds: Thresholds,
    positive: Mapping[str, Collection[str]] | None,
) -> pd.DataFrame:
    shares = shares.merge(
        _positive_sets(choice_questions, positive).groupby("question_id")["choice"].agg(list).rename("values"),
        on="question_id",
    )
    tops = tops.assign(values=lambda frame: frame["choice"].map(lambda c: [c]))
    figures = pd.concat([shares, tops.drop(columns="choice")], ignore_index=True)
    rows = (
        choice_questions[["question_id", "type", "text", "priority"]]
        .merge(figures, on="question_id", how="left")
        .assign(
            count=lambda frame: frame["count"].fillna(0).astype(int),
            base=lambda frame: frame["base"].fillna(0).astype(int),
            values=lambda frame: frame["values"].map(lambda values: values if isinstance(values, list) else []),
            verb=lambda frame: [
                _verb(qtype, values, _labels(options, qid, qtype, values))
                for qid, qtype, values in zip(frame["question_id"], frame["type"], frame["values"], strict=True)
            ],
            distribution=lambda frame: [
                _distribution_text(distribution.loc[distribution["question_id"] == qid]) for qid in frame["question_id"]
            ],
        )
    )
    sentences = [_sentence(row, thresholds) for _, row in rows.iterrows()]
    return rows.assign(
        text=[text for text, _ in sentences],
        suppressed=pd.Series([withheld for _, withheld in sentences], index=rows.index, dtype=bool),
    )[HEADLINE_COLUMNS]
