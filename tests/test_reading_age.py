"""The reading-age estimate: Flesch–Kincaid grade + 5, on sentences whose words and syllables were counted by
hand (the syllables pyphen finds agree with the hand count for every word used here)."""

from __future__ import annotations

import pytest

from survey_app.questionnaire_check.reading_age import measure, reading_age, sentences, syllables, words


@pytest.mark.parametrize(("word", "count"), [
    ("care", 1), ("children", 2), ("family", 3), ("decisions", 3), ("affect", 2), ("answers", 2), ("decide", 2),
    ("foster", 2), ("worker", 2), ("social", 2), ("beautiful", 3), ("questionnaire", 3), ("children's", 2),
])
def test_it_counts_syllables_with_pyphen(word, count):
    assert syllables(word) == count


def test_pyphen_counts_some_words_short_as_documented():
    # pyphen never splits off one letter: "about" (a-bout) and "very" (ver-y) are one syllable to it
    assert syllables("about") == 1 and syllables("very") == 1


def test_a_long_sentence_hand_counted():
    # 14 words, 18 syllables (chil-dren, de-ci-sions, af-fect), 1 sentence:
    # 0.39 × 14 + 11.8 × 18/14 − 15.59 = 5.04 → reading age 10.0
    text = "Children in care should have a say in the decisions that affect their lives."
    assert measure(text).words == 14 and measure(text).syllables == 18 and measure(text).sentences == 1
    assert measure(text).grade == pytest.approx(5.0414, abs=1e-4)
    assert reading_age(text) == 10.0


def test_two_short_sentences_hand_counted():
    # 14 words, 16 syllables (an-swers, de-cide), 2 sentences: 0.39 × 7 + 11.8 × 16/14 − 15.59 = 0.63 → 5.6
    text = "We want to hear from you. Your answers help us decide what to change."
    assert (measure(text).words, measure(text).syllables, measure(text).sentences) == (14, 16, 2)
    assert reading_age(text) == 5.6


def test_each_line_is_read_as_a_piece_of_its_own():
    # a question and its answers: 12 words, 16 syllables (fos-ter, fam-i-ly, chil-dren's), 3 pieces
    text = "Where do you live?\nWith a foster family\nIn a children's home"
    assert sentences(text) == ["Where do you live", "With a foster family", "In a children's home"]
    assert (measure(text).words, measure(text).syllables) == (12, 16)
    assert reading_age(text) == 6.7  # 0.39 × 4 + 11.8 × 16/12 − 15.59 = 1.70


def test_longer_sentences_read_older():
    short = "You can skip a question. You can go back. You can change what you said."
    long = "You can skip a question and you can go back and you can change what you said."
    assert reading_age(long) > reading_age(short)


def test_numbers_are_not_words_and_a_reading_age_is_never_below_five():
    assert words("Call Childline on 0800 1111, free.") == ["Call", "Childline", "on", "free"]
    assert reading_age("The cat sat on the mat.") == 5.0  # grade −1.45
    assert reading_age("") == 5.0
