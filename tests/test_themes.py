"""analysis.themes: coding free-text answers against the shipped, editable codebook."""

from __future__ import annotations

import functools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.themes import (
    PRIORITIES,
    Codebook,
    Theme,
    code_answers,
    count_themes,
    fingerprint,
    load_codebook,
    missing_codes,
    theme_counts,
    theme_counts_from,
    themes_of,
)


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def texts(rows):
    return pd.DataFrame(rows, columns=["response_id", "question_id", "text"])


def manual(rows):
    return pd.DataFrame(rows, columns=["response_id", "question_id", "theme"])


def test_the_shipped_codebook_covers_the_teams_themes_and_the_five_priorities(codebook):
    assert {"education", "family_contact", "placement", "money", "housing", "friends", "activities",
            "mental_health", "listened_to", "social_worker", "safety", "food", "phones_wifi"} <= set(codebook.codes)
    assert {theme.priority for theme in codebook.themes} == set(PRIORITIES)


def test_it_matches_whole_words_in_any_case_with_simple_plurals(codebook):
    assert "education" in themes_of("I want to do my GCSEs and EXAMS", codebook)
    assert "education" in themes_of("my schools were rubbish", codebook)
    assert "education" not in themes_of("i like classic films", codebook)
    assert "listened_to" in themes_of("nobody listened to me", codebook)
    assert themes_of("", codebook) == []


def test_it_matches_phrases_across_spaces(codebook):
    assert "family_contact" in themes_of("i want to see  my family more", codebook)
    assert "money" in themes_of("more Pocket Money please", codebook)


def test_education_school_college_counts_once_per_answer_like_the_2018_report(codebook):
    # "education/school/college was included in 12 answers" to "what is important?"
    mentions = [
        "school", "going to college", "my education", "school and college", "doing well at school school school",
        "uni", "my exams", "GCSEs", "my teachers", "homework help", "college course", "Schools",
    ]
    others = ["my mum", "money", "football", "i dont know", "my sw", "food"]
    frame = texts([(f"r{i}", "what_is_important", text) for i, text in enumerate(mentions + others)])
    counts = theme_counts(code_answers(frame, codebook), codebook).set_index("theme")
    assert counts.loc["education", "answers"] == 12
    assert counts.loc["education", "title"] == "School, college and education"
    assert counts.loc["education", "priority"] == "education"
    assert counts.iloc[0].name == "education"


def test_an_answer_can_be_in_several_themes(codebook):
    coded = code_answers(texts([("a", "q", "i want to see my mum and have more money")]), codebook)
    assert set(coded["theme"]) == {"family_contact", "money"}
    assert set(coded["source"]) == {"auto"}


def test_manual_coding_replaces_automatic_coding_for_that_answer_only(codebook):
    frame = texts([("a", "q", "school"), ("b", "q", "school"), ("a", "other", "food")])
    coded = code_answers(frame, codebook, manual([("a", "q", "safety"), ("a", "q", "friends")]))
    rows = set(coded.itertuples(index=False, name=None))
    assert rows == {
        ("a", "q", "friends", "manual"), ("a", "q", "safety", "manual"),
        ("b", "q", "education", "auto"), ("a", "other", "food", "auto"),
    }


def test_an_empty_manual_theme_means_coded_by_hand_as_no_theme(codebook):
    coded = code_answers(texts([("a", "q", "school"), ("b", "q", "school")]), codebook, manual([("a", "q", None)]))
    assert coded["response_id"].tolist() == ["b"]


def test_manual_themes_must_be_in_the_codebook(codebook):
    with pytest.raises(ValueError, match="not in the codebook"):
        code_answers(texts([("a", "q", "school")]), codebook, manual([("a", "q", "made_up")]))


def test_missing_texts_have_no_theme(codebook):
    coded = code_answers(texts([("a", "q", None), ("b", "q", "")]), codebook)
    assert coded.empty
    assert list(coded.columns) == ["response_id", "question_id", "theme", "source"]
    assert theme_counts(coded, codebook).empty


def test_an_edited_codebook_is_read_from_any_path(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text("pets:\n  title: Pets\n  priority: health\n  words: [dog, cat, hamster]\n", encoding="utf-8")
    book = load_codebook(path)
    assert themes_of("my dogs and my hamster", book) == ["pets"]


@pytest.mark.parametrize("yaml_text", [
    "pets:\n  title: Pets\n  priority: fun\n  words: [dog]\n",
    "pets:\n  title: Pets\n  priority: health\n  words: []\n",
    "pets:\n  title: Pets\n",
])
def test_a_broken_codebook_is_refused_with_a_message(tmp_path, yaml_text):
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ValueError, match="pets"):
        load_codebook(path)


def test_no_function_changes_its_input(codebook):
    frame = texts([("a", "q", "school"), ("b", "q", "mum")])
    by_hand = manual([("a", "q", "food")])
    before, before_manual = frame.copy(), by_hand.copy()
    coded = code_answers(frame, codebook, by_hand)
    coded_before = coded.copy()
    theme_counts(coded, codebook)
    pd.testing.assert_frame_equal(frame, before)
    pd.testing.assert_frame_equal(by_hand, before_manual)
    pd.testing.assert_frame_equal(coded, coded_before)


def test_coding_many_answers_at_once_gives_each_answer_the_themes_it_mentions_on_its_own(codebook):
    phrases = ["I want to see my mum", "school’s rubbish", "nobody listened", "", None, "classic films", "money",
               "more pocket money and my social worker", "my FRIENDS and football", "no"]
    rows = [(f"r{number % 37}", f"q{number % 3}", phrases[(number * 7) % len(phrases)]) for number in range(200)]
    coded = code_answers(texts(rows), codebook)
    expected = [(response, question, code) for response, question, text in rows if text
                for code in themes_of(text, codebook)]
    expected = list(dict.fromkeys(expected))  # the same answer given twice counts once
    assert list(coded[["response_id", "question_id", "theme"]].itertuples(index=False, name=None)) == expected
    assert set(coded["source"]) == {"auto"}


def test_a_theme_with_no_words_never_matches_but_can_be_coded_by_hand(codebook):
    from analysis.themes import Codebook, Theme

    book = Codebook((*codebook.themes, Theme("fairness", "Being treated fairly", "voice", ())))
    frame = texts([("a", "q", "it is not fair"), ("b", "q", ""), ("c", "q", "school")])
    assert themes_of("", book) == [] and themes_of("fair fairness", book) == []
    coded = code_answers(frame, book, manual([("a", "q", "fairness")]))
    assert set(coded.itertuples(index=False, name=None)) == {
        ("a", "q", "fairness", "manual"), ("c", "q", "education", "auto")}
    assert theme_counts(coded, book).set_index("theme").loc["fairness", "answers"] == 1


def test_blank_lines_among_a_themes_words_are_ignored():
    from analysis.themes import Codebook, Theme

    book = Codebook((Theme("pets", "Pets", "health", ("dog", "  ", "")),))
    assert themes_of("my dog", book) == ["pets"]
    assert themes_of("s and ing", book) == []


BASES = ["school", "exam", "my", "sw", "see", "family", "mates", "pocket", "money", "wi", "fi", "a", "e", "phone",
         "listen", "mum", "café", "İ", "K", "SCHOOL", "Family", "x", "1", "_", "s/w", "level", "see my family",
         "a level", "pocket money", "wi-fi", "a&e", "Pocket  Money", "café au lait"]
ENDINGS = ["", "", "s", "es", "ed", "ing", "'s", "’s", "'", "x"]
SEPARATORS = [" ", " ", "  ", "\n", "-", "&", ".", ",", "'", "", "/"]
ANSWERS = st.lists(st.tuples(st.sampled_from(BASES), st.sampled_from(ENDINGS), st.sampled_from(SEPARATORS)),
                   max_size=10).map(lambda parts: "".join(base + ending + sep for base, ending, sep in parts))


@functools.cache
def book_and_patterns():
    from analysis.themes import Codebook, Theme, _Matcher

    odd = Theme("odd", "Odd", "health", ("wi-fi", "a&e", "café au lait", "K", "mum's", "a level"))
    book = Codebook((*load_codebook().themes, odd))
    return book, _Matcher(book.themes), [(theme.code, theme.pattern()) for theme in book.themes]


@settings(max_examples=500, deadline=None)
@given(ANSWERS)
def test_coding_many_answers_at_once_finds_exactly_what_each_themes_pattern_finds(text):
    _, matcher, patterns = book_and_patterns()
    straight = text.replace("’", "'")
    assert matcher.codes_of(straight) == [code for code, pattern in patterns if pattern.search(straight)]


def test_code_answers_and_themes_of_agree_on_awkward_answers():
    book, _, _ = book_and_patterns()
    awkward = ["My SCHOOL’s exams", "wi-fi and a&e", "café K", "examses", "see  my\nfamily", "İ want money",
               "mum’s house", "half-brother", "s/w never calls"]
    coded = code_answers(texts([(str(n), "q", text) for n, text in enumerate(awkward)]), book)
    for n, text in enumerate(awkward):
        assert sorted(coded.loc[coded["response_id"] == str(n), "theme"]) == sorted(themes_of(text, book)), text


def test_the_fingerprint_changes_with_a_themes_words_not_its_title():
    book = Codebook((Theme("money", "Money", "eet", ("money", "cash")), Theme("hand", "By hand", "voice", ())))
    same_words = Codebook((Theme("money", "Money and bills", "voice", ("cash", "Money")),))
    more_words = Codebook((Theme("money", "Money", "eet", ("money", "cash", "bills")),))
    assert fingerprint(book) == fingerprint(same_words)
    assert fingerprint(book) != fingerprint(more_words)


def test_stored_codes_are_used_and_only_answers_without_them_are_matched():
    book = Codebook((Theme("money", "Money", "eet", ("money",)), Theme("school", "School", "education", ("school",))))
    texts = pd.DataFrame([("a", "q", None, "school"), ("b", "q", "more money", None), ("c", "q", None, "")],
                         columns=["response_id", "question_id", "text", "themes"])
    assert missing_codes(texts) == 1
    coded = code_answers(texts, book)
    assert coded[["response_id", "theme"]].values.tolist() == [["a", "school"], ["b", "money"]]


def test_counting_themes_per_question_gives_what_coding_each_answer_then_counting_gives():
    book = Codebook((Theme("money", "Money", "eet", ("money", "cash")), Theme("school", "School", "education",
                                                                                ("school", "teacher")),
                     Theme("hand", "By hand", "voice", ())))
    texts = pd.DataFrame([
        ("a", "q1", None, "money school"), ("b", "q1", "more money at school", None), ("c", "q1", None, ""),
        ("d", "q1", None, "money"), ("a", "q2", "my teacher", None), ("e", "q2", None, "school"),
        ("f", "q2", None, "money"), ("g", "q2", "cash please", None),
    ], columns=["response_id", "question_id", "text", "themes"])
    manual = pd.DataFrame([("d", "q1", "hand"), ("d", "q1", "school"), ("e", "q2", ""), ("g", "q2", "hand")],
                          columns=["response_id", "question_id", "theme"])
    coded = code_answers(texts, book, manual)
    counted = count_themes(texts, book, manual)
    for question_id in ("q1", "q2"):
        expected = theme_counts(coded.loc[coded["question_id"] == question_id], book)
        got = theme_counts_from(counted.loc[counted["question_id"] == question_id], book)
        pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(theme_counts_from(counted, book), theme_counts(coded, book))
