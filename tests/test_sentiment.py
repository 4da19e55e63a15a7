"""analysis.sentiment: a rough indicator of tone, per answer, question and priority."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.sentiment import (
    SCORER,
    SCORERS,
    by_priority,
    by_question,
    label,
    missing_scores,
    polarity,
    score_answers,
    summary_from_sums,
    textblob_polarity,
)
from analysis.sentiment_eval import evaluate, load_labelled, main


def texts(rows):
    return pd.DataFrame(rows, columns=["response_id", "question_id", "text"])


def test_it_scores_answers_offline_with_the_lexicon_in_the_wheel():
    assert polarity("i love my carers") > 0
    assert polarity("i hate it here") < 0
    assert polarity("") == 0.0
    assert polarity("   ") == 0.0


@pytest.mark.parametrize("text", ["i dont feel safe", "i dont feel safe where i live", "i dont like my new school"])
def test_dont_without_an_apostrophe_turns_the_feeling_round(text):
    assert label(polarity(text)) == "negative"
    assert label(textblob_polarity(text)) != "negative"  # why TextBlob is no longer the scorer


def test_the_scorer_is_the_one_that_measured_better_on_the_labelled_set():
    labelled = load_labelled()
    assert len(labelled) >= 120
    assert set(labelled["label"]) == {"negative", "neutral", "positive"}
    accuracy = {name: evaluate(name, labelled).accuracy for name in SCORERS}
    assert max(accuracy, key=accuracy.__getitem__) == SCORER


def test_the_evaluation_prints_accuracy_recall_and_a_confusion_table_for_each_scorer(capsys):
    assert main([]) == 0
    printed = capsys.readouterr().out
    for name in SCORERS:
        assert f"{name}" in printed
    assert printed.count("accuracy") == len(SCORERS) and printed.count("recall:") == len(SCORERS)
    assert "confusion" in printed and "(the app uses this one)" in printed


def test_stored_scores_are_used_and_only_missing_ones_are_computed(monkeypatch):
    frame = pd.DataFrame([("a", "q", None, 0.7), ("b", "q", "i hate it", float("nan")), ("c", "q", None, None)],
                         columns=["response_id", "question_id", "text", "polarity"])
    assert missing_scores(frame) == 1
    scored = score_answers(frame)
    assert scored["response_id"].tolist() == ["a", "b"]
    assert scored["polarity"].iloc[0] == 0.7 and scored["polarity"].iloc[1] < 0
    assert scored["label"].tolist() == ["positive", "negative"]


@pytest.mark.parametrize(("value", "expected"), [
    (-0.5, "negative"), (-0.11, "negative"), (-0.1, "neutral"), (0.0, "neutral"), (0.1, "neutral"),
    (0.11, "positive"), (1.0, "positive"),
])
def test_labels_use_the_documented_cut_offs(value, expected):
    assert label(value) == expected


def test_it_scores_each_answer_and_leaves_out_missing_ones():
    scored = score_answers(texts([("a", "q", "i love it"), ("b", "q", None), ("c", "q", "i hate it")]))
    assert scored["response_id"].tolist() == ["a", "c"]
    assert scored["label"].tolist() == ["positive", "negative"]


def test_it_summarises_per_question():
    scored = pd.DataFrame(
        [("a", "q1", 0.5, "positive"), ("b", "q1", -0.5, "negative"), ("c", "q1", 0.0, "neutral"),
         ("d", "q1", 0.8, "positive"), ("e", "q2", -0.2, "negative")],
        columns=["response_id", "question_id", "polarity", "label"],
    )
    summary = by_question(scored).set_index("question_id")
    assert summary.loc["q1"].to_dict() == {
        "answers": 4, "mean_polarity": 0.2, "negative_pct": 25.0, "neutral_pct": 25.0, "positive_pct": 50.0,
    }
    assert summary.loc["q2", "negative_pct"] == 100.0
    assert summary.loc["q2", "positive_pct"] == 0.0


def test_it_summarises_per_priority_and_leaves_out_questions_without_one():
    scored = pd.DataFrame(
        [("a", "q1", 0.5, "positive"), ("b", "q2", -0.5, "negative"), ("c", "q3", 0.9, "positive")],
        columns=["response_id", "question_id", "polarity", "label"],
    )
    questions = pd.DataFrame([("q1", "placement"), ("q2", "placement")], columns=["question_id", "priority"])
    summary = by_priority(scored, questions).set_index("priority")
    assert summary.index.tolist() == ["placement"]
    assert summary.loc["placement", "answers"] == 2
    assert summary.loc["placement", "mean_polarity"] == 0.0
    assert summary.loc["placement", "positive_pct"] == 50.0


def test_empty_input_gives_empty_summaries_with_the_right_columns():
    scored = score_answers(texts([]))
    assert scored.empty
    assert list(by_question(scored).columns)[:2] == ["question_id", "answers"]
    assert by_priority(scored, pd.DataFrame(columns=["question_id", "priority"])).empty


def test_no_function_changes_its_input():
    frame = texts([("a", "q", "great"), ("b", "q", "awful")])
    before = frame.copy()
    scored = score_answers(frame)
    scored_before = scored.copy()
    by_question(scored)
    by_priority(scored, pd.DataFrame([("q", "voice")], columns=["question_id", "priority"]))
    pd.testing.assert_frame_equal(frame, before)
    pd.testing.assert_frame_equal(scored, scored_before)


def test_the_summary_from_database_sums_equals_the_summary_of_every_answer():
    answers = texts([("a", "q1", "i love it"), ("b", "q1", "i hate it"), ("c", "q1", "ok"), ("d", "q2", "awful"),
                     ("e", "q2", "great"), ("f", "q1", "brilliant thanks")])
    scored = score_answers(answers)
    stored, todo = scored.iloc[:4], answers.iloc[4:].assign(polarity=float("nan"), themes=None)
    sums = (stored.assign(negative=stored["label"] == "negative", positive=stored["label"] == "positive")
            .groupby("question_id").agg(answers=("polarity", "size"), polarity_sum=("polarity", "sum"),
                                         negative=("negative", "sum"), positive=("positive", "sum")).reset_index())
    pd.testing.assert_frame_equal(summary_from_sums(sums, todo), by_question(scored), check_dtype=False)
