"""A rough indicator of how positive or negative free-text answers sound.

Polarity is a number from -1 (negative) to +1 (positive). Two scorers, both offline (no download):

- **VADER** (``vaderSentiment``, the default): a lexicon of words people use online, with rules for
  "not"/"dont"/"never" (with or without the apostrophe), "very", "but" and capitals; polarity is its
  ``compound`` score. Its lexicon ships inside the wheel.
- **TextBlob** (``TextBlob(text).sentiment.polarity``, pattern's adjective lexicon, bundled; no NLTK
  corpus is used). It does not see "dont" without an apostrophe as a "not" ("i dont feel safe" scores
  +0.5) and was built on product reviews.

VADER was chosen by measuring both on ``analysis/data/sentiment_labelled.tsv`` (124 short answers
written in the voice of children in care and care leavers, labelled positive / negative / neutral):
``python -m analysis.sentiment_eval`` prints accuracy, per-class recall and a confusion table. On that
set VADER labels 58.9% right (recall: negative 39%, neutral 57%, positive 90%), TextBlob 47.6%
(negative 23%, neutral 71%, positive 67%). VADER finds many more negative answers ("i dont feel safe"
is -0.34 where TextBlob gives +0.5), but neither knows "rubbish", "pointless" or "never listens", both
read sarcasm ("yeah brilliant they moved me again") as positive, and VADER calls requests such as
"help with money" positive and "no" negative. The set was written by the people who chose the
scorer, so the numbers are an upper bound on real answers.

It is **a rough indicator, not a finding**: use it to spot which questions to read first, never to
report what young people feel without reading their words.

**English only.** VADER and TextBlob read English: an answer in another language (Welsh, Arabic…,
``analysis.written_language``) is *not scored*: it keeps no polarity, is left out of every share and
mean (never counted as neutral), and staff pages say "not scored" beside its language.

Scores are computed once, when an answer is stored (``survey_app.text_scores``), and kept in
``answers.sentiment``; the report and the staff pages read them. ``score_answers`` computes only the
answers that come without a stored score (a ``polarity`` column holding NaN or no such column).

Labels use fixed cut-offs: polarity below ``NEGATIVE_BELOW`` (-0.1) is *negative*, above
``POSITIVE_ABOVE`` (+0.1) *positive*, anything from -0.1 to +0.1 (including empty answers and words
it doesn't know) *neutral*. Shares are percentages of the answers summarised, rounded to 0.1. As with
any count, hide small groups (``analysis.suppression``) before a board or a child sees them."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from .written_language import is_scored

NEGATIVE_BELOW = -0.1
POSITIVE_ABOVE = 0.1
LABELS = ("negative", "neutral", "positive")
TEXT_COLUMNS = ["response_id", "question_id", "text"]
SCORED_COLUMNS = ["response_id", "question_id", "polarity", "label"]
SUMMARY_COLUMNS = ["answers", "mean_polarity", "negative_pct", "neutral_pct", "positive_pct"]
SCORER = "vader"  # the scorer the app stores; see the module docstring for why


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader_polarity(text: str) -> float:
    """VADER's compound score of one answer, -1 to +1 (0 for an empty answer)."""
    if not text or not text.strip():
        return 0.0
    return float(_vader().polarity_scores(text)["compound"])


def textblob_polarity(text: str) -> float:
    """TextBlob's polarity of one answer, -1 to +1 (0 for an empty answer)."""
    if not text or not text.strip():
        return 0.0
    from textblob import TextBlob

    return float(TextBlob(text).sentiment.polarity)


SCORERS: dict[str, Callable[[str], float]] = {"vader": vader_polarity, "textblob": textblob_polarity}


def polarity(text: str) -> float:
    """Polarity of one answer with the app's scorer (``SCORER``), -1 to +1. A rough indicator."""
    return SCORERS[SCORER](text)


def label(value: float) -> str:
    """'negative', 'neutral' or 'positive' by the module's cut-offs."""
    if value < NEGATIVE_BELOW:
        return "negative"
    if value > POSITIVE_ABOVE:
        return "positive"
    return "neutral"


def scored_polarity(text: str) -> float | None:
    """``polarity`` for an answer the scorer reads, None (not scored) for one in another language."""
    return polarity(text) if is_scored(text) else None


def missing_scores(texts: pd.DataFrame) -> int:
    """How many written answers in ``texts`` come without a stored score (``score_answers`` computes them);
    answers not scored for their language are not counted (there is nothing to compute)."""
    written = texts["text"].notna() if "polarity" not in texts else texts["polarity"].isna() & texts["text"].notna()
    return sum(is_scored(str(text)) for text in texts.loc[written, "text"])


def score_answers(texts: pd.DataFrame) -> pd.DataFrame:
    """``response_id, question_id, polarity, label`` per free-text answer (missing texts and answers not
    scored for their language left out).

    ``texts`` has ``response_id, question_id, text`` and may have ``polarity`` (scores stored when the
    answers were): a stored score is used as it is, and only answers without one are scored here. A
    row with a stored score may have no text (there is nothing to compute)."""
    if "polarity" in texts:
        answers = texts.loc[texts["polarity"].notna() | texts["text"].notna(), [*TEXT_COLUMNS, "polarity"]]
        stored = answers["polarity"].astype(float)
    else:
        answers = texts.loc[texts["text"].notna(), TEXT_COLUMNS]
        stored = pd.Series(float("nan"), index=answers.index, dtype=float)
    values = stored.to_numpy(dtype=float, copy=True)
    todo = np.isnan(values)
    values[todo] = [np.nan if (value := scored_polarity(str(text))) is None else value
                    for text in answers["text"].to_numpy()[todo]]
    scored = ~np.isnan(values)  # an answer in a language the scorer doesn't read is left out, not neutral
    answers, values = answers.loc[scored], values[scored]
    labels = np.where(values < NEGATIVE_BELOW, "negative", np.where(values > POSITIVE_ABOVE, "positive", "neutral"))
    return (
        answers[["response_id", "question_id"]]
        .assign(polarity=values, label=labels)
        .reset_index(drop=True)[SCORED_COLUMNS]
    )


def _summary(scored: pd.DataFrame, by: str) -> pd.DataFrame:
    shares = (
        pd.crosstab(scored[by], scored["label"], normalize="index")
        .reindex(columns=list(LABELS), fill_value=0.0)
        .mul(100)
        .round(1)
        .rename(columns={name: f"{name}_pct" for name in LABELS})
    )
    stats = scored.groupby(by)["polarity"].agg(answers="count", mean_polarity="mean")
    return (
        stats.assign(mean_polarity=stats["mean_polarity"].round(2))
        .join(shares)
        .reset_index()[[by, *SUMMARY_COLUMNS]]
    )


def by_question(scored: pd.DataFrame) -> pd.DataFrame:
    """Per question: answers, mean polarity and % negative / neutral / positive. A rough indicator."""
    if scored.empty:
        return pd.DataFrame(columns=["question_id", *SUMMARY_COLUMNS])
    return _summary(scored, "question_id")


def by_priority(scored: pd.DataFrame, questions: pd.DataFrame) -> pd.DataFrame:
    """Per strategy priority (``questions``: question_id, priority), the same summary. A rough indicator."""
    with_priority = scored.merge(questions[["question_id", "priority"]], on="question_id", how="inner")
    if with_priority.empty:
        return pd.DataFrame(columns=["priority", *SUMMARY_COLUMNS])
    return _summary(with_priority, "priority")


def summary_from_sums(sums: pd.DataFrame, todo: pd.DataFrame) -> pd.DataFrame:
    """``by_question`` from ``analysis.extract.written_summary``: ``sums`` (``question_id, answers,
    polarity_sum, negative, positive`` over the stored scores) and ``todo`` (answers of which those
    without a stored score are scored here). Same columns and rounding as ``by_question``."""
    scored = score_answers(todo.loc[todo["polarity"].isna()]) if not todo.empty else score_answers(
        pd.DataFrame(columns=TEXT_COLUMNS))
    extra = (scored.assign(negative=scored["label"] == "negative", positive=scored["label"] == "positive")
             .groupby("question_id").agg(answers=("polarity", "size"), polarity_sum=("polarity", "sum"),
                                          negative=("negative", "sum"), positive=("positive", "sum"))
             .reset_index())
    parts = [frame for frame in (sums, extra) if not frame.empty]
    if not parts:
        return pd.DataFrame(columns=["question_id", *SUMMARY_COLUMNS])
    total = pd.concat(parts).groupby("question_id", as_index=False)[["answers", "polarity_sum", "negative",
                                                                     "positive"]].sum()
    answers = total["answers"].astype(float)
    negative, positive = total["negative"] / answers, total["positive"] / answers
    neutral = (total["answers"] - total["negative"] - total["positive"]) / answers
    return pd.DataFrame({
        "question_id": total["question_id"], "answers": total["answers"].astype("int64"),
        "mean_polarity": (total["polarity_sum"] / answers).round(2),
        "negative_pct": (negative * 100).round(1), "neutral_pct": (neutral * 100).round(1),
        "positive_pct": (positive * 100).round(1),
    })[["question_id", *SUMMARY_COLUMNS]]
