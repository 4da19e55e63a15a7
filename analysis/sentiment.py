"""A rough indicator of how positive or negative free-text answers sound.

Polarity comes from TextBlob's bundled pattern lexicon (``TextBlob(text).sentiment.polarity``): a
number from -1 (negative) to +1 (positive) made from the adjectives it knows, turned round by "not"
and strengthened by "very". It needs no download (no NLTK corpus) and runs offline.

It is **a rough indicator, not a finding**: it was built on product reviews, not on what children
write; it misses slang ("peng" is 0) and sarcasm, does not see "dont" without an apostrophe as a
"not" ("i dont feel safe" scores +0.5), does not know "rubbish" ("my sw is rubbish" is 0), and
scores "ok i guess" +0.5 and "school is great but teachers are rubbish" +0.8. Use it to spot which
questions to read first, never to report what young people feel without reading their words.

Labels use fixed cut-offs: polarity below ``NEGATIVE_BELOW`` (-0.1) is *negative*, above
``POSITIVE_ABOVE`` (+0.1) *positive*, anything from -0.1 to +0.1 (including empty answers and words
it doesn't know) *neutral*. Shares are percentages of the answers summarised, rounded to 0.1. As with
any count, hide small groups (``analysis.suppression``) before a board or a child sees them."""

from __future__ import annotations

import pandas as pd
from textblob import TextBlob

NEGATIVE_BELOW = -0.1
POSITIVE_ABOVE = 0.1
LABELS = ("negative", "neutral", "positive")
TEXT_COLUMNS = ["response_id", "question_id", "text"]
SCORED_COLUMNS = ["response_id", "question_id", "polarity", "label"]
SUMMARY_COLUMNS = ["answers", "mean_polarity", "negative_pct", "neutral_pct", "positive_pct"]


def polarity(text: str) -> float:
    """TextBlob polarity of one answer, -1 to +1 (0 for an empty answer). A rough indicator."""
    if not text or not text.strip():
        return 0.0
    return float(TextBlob(text).sentiment.polarity)


def label(value: float) -> str:
    """'negative', 'neutral' or 'positive' by the module's cut-offs."""
    if value < NEGATIVE_BELOW:
        return "negative"
    if value > POSITIVE_ABOVE:
        return "positive"
    return "neutral"


def score_answers(texts: pd.DataFrame) -> pd.DataFrame:
    """``response_id, question_id, polarity, label`` per free-text answer (missing texts left out)."""
    answers = texts.loc[texts["text"].notna(), TEXT_COLUMNS]
    values = [polarity(str(text)) for text in answers["text"]]
    return (
        answers.assign(polarity=pd.Series(values, index=answers.index, dtype=float))
        .assign(label=lambda frame: frame["polarity"].map(label))
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
