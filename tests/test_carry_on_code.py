"""Carry-on codes themselves: easy words a 9-year-old reads and spells, random, hard enough to guess with
the guessing brake, forgiving to type, and stored only as a hash keyed with SECRET_KEY."""

from __future__ import annotations

import collections
import hashlib
import math
import re

import pytest

from survey_app.responses import carry_on_code
from survey_app.responses.carry_on import GUESSES_PER_WINDOW, WINDOW_MINUTES
from survey_app.responses.carry_on_code import (
    POSSIBLE_CODES,
    WORDS,
    code_hash,
    code_key,
    hours_in_words,
    make_code,
    normalise,
)

# Words that must never be in the list: rude or slang, upsetting for a child in care, or a colour that
# could name a person. Not a full list: the list was chosen by hand; this catches a careless addition.
NEVER = {"home", "house", "family", "mum", "dad", "mother", "father", "baby", "care", "alone", "lost", "sad", "cry",
         "hurt", "dead", "kill", "gun", "knife", "fire", "bomb", "war", "blood", "drug", "drunk", "beer", "pill",
         "rope", "bridge", "police", "court", "judge", "grave", "ghost", "devil", "sick", "fat", "ugly", "dumb",
         "poo", "wee", "bum", "butt", "nut", "nuts", "cock", "peacock", "dick", "knob", "tit", "ass", "bitch",
         "pussy", "beaver", "gay", "spade", "ape", "monkey", "black", "white", "brown", "yellow", "pig", "cow",
         "weed", "grass", "pot", "skunk", "crack", "coke", "tart", "crumpet", "cherry", "shrimp", "spotty"}
# Words that sound like another word (a code read out loud must be spelt one way).
HOMOPHONES = {"sun", "son", "sea", "see", "bee", "be", "bear", "bare", "deer", "dear", "pear", "pair", "flour",
              "flower", "rose", "rows", "knight", "night", "write", "right", "read", "red", "blue", "blew",
              "hare", "hair", "whale", "wail", "horse", "hoarse", "moose", "mousse", "wood", "would", "tail",
              "tale", "sail", "sale", "plane", "plain", "ball", "bawl", "key", "quay", "ant", "aunt", "berry",
              "bury", "steak", "stake", "toad", "towed", "rain", "reign", "wave", "waive", "root", "route",
              "beach", "beech", "great", "grate", "sweet", "suite", "carrot", "carat", "tide", "tied", "wheel",
              "medal", "meddle", "ferry", "fairy", "wise", "whys", "draw", "drawer", "boulder", "bolder"}


def test_it_has_a_few_hundred_short_plain_words_each_once():
    assert 600 <= len(WORDS) <= 2000
    assert len(set(WORDS)) == len(WORDS)
    assert all(re.fullmatch(r"[a-z]{3,8}", word) for word in WORDS), [w for w in WORDS if not w.isalpha()]


def test_it_has_no_rude_upsetting_or_sound_alike_words():
    assert set(WORDS) & NEVER == set()
    assert set(WORDS) & HOMOPHONES == set()


def test_no_two_words_are_one_letter_apart_so_a_slip_can_be_put_right():
    words = set(WORDS)
    blanked = collections.defaultdict(set)  # "c?t" -> {"cat", "cut"}: one letter different
    for word in WORDS:
        for i in range(len(word)):
            blanked[word[:i] + "?" + word[i + 1:]].add(word)
    one_different = [sorted(group) for group in blanked.values() if len(group) > 1]
    one_more = [(word[:i] + word[i + 1:], word) for word in WORDS for i in range(len(word))
                if word[:i] + word[i + 1:] in words]
    assert one_different == [] and one_more == []


def test_a_code_is_three_list_words_and_a_number_from_10_to_99():
    for _ in range(200):
        *words, number = make_code().split(" ")
        assert len(words) == 3 and set(words) <= set(WORDS)
        assert 10 <= int(number) <= 99


def test_codes_are_random_and_spread_over_the_whole_list(monkeypatch):
    codes = [make_code() for _ in range(2000)]
    assert len(set(codes)) == len(codes)
    used = collections.Counter(word for code in codes for word in code.split()[:3])
    assert len(used) > 0.9 * len(WORDS)  # 6,000 draws leave about 0.01% of the words unused
    picked = []
    monkeypatch.setattr(carry_on_code.secrets, "choice", lambda seq: picked.append(seq) or seq[0])
    make_code()
    assert len(picked) == 3  # every word comes from `secrets`, never `random`


def test_there_are_enough_codes_that_guessing_with_the_brake_is_hopeless():
    assert len(WORDS) ** 3 * 90 == POSSIBLE_CODES
    assert math.log2(POSSIBLE_CODES) > 34
    guesses_a_day = GUESSES_PER_WINDOW * 24 * 60 // WINDOW_MINUTES
    assert guesses_a_day == 960
    six_weeks_of_guessing_against_200_live_codes = 42 * guesses_a_day * 200 / POSSIBLE_CODES
    assert six_weeks_of_guessing_against_200_live_codes < 1 / 2500


@pytest.mark.parametrize("typed", ["kite lemon otter 27", "KITE LEMON OTTER 27", "Kite-Lemon-Otter-27",
                                   "  kite   lemon\totter  27 ", "kite_lemon.otter,27", "kitelemonotter27",
                                   "kite lemon otter27", "kite, lemon & otter – 27"])
def test_case_spaces_and_separators_do_not_matter(typed):
    assert normalise(typed) == "kitelemonotter27"


@pytest.mark.parametrize("typed", ["kyte lemon otter 27", "kite lemmon otter 27", "kite lemon oter 27",
                                   "kite lemon otterr 27", "kit lemon otter 27"])
def test_one_letter_wrong_missing_or_extra_in_a_word_is_put_right(typed):
    assert normalise(typed) == "kitelemonotter27"


def test_a_code_shown_normalises_to_its_words_and_number_run_together():
    code = make_code()
    assert normalise(code) == code.replace(" ", "")


def test_nothing_like_a_code_normalises_to_nothing():
    assert normalise(None) == normalise("") == normalise(" - !") == ""


def test_the_hash_is_keyed_by_the_secret_key_and_the_round():
    key = code_key("secret one")
    digest = code_hash(key, 7, "kitelemonotter27")
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert digest == code_hash(code_key("secret one"), 7, "kitelemonotter27")
    assert digest != code_hash(code_key("secret two"), 7, "kitelemonotter27")
    assert digest != code_hash(key, 8, "kitelemonotter27")

    assert digest not in {hashlib.sha256(text.encode()).hexdigest()
                          for text in ("kitelemonotter27", "7:kitelemonotter27")}  # a plain hash would be


@pytest.mark.parametrize(("hours", "words"), [(24, "this time tomorrow"), (48, "this time the day after tomorrow"),
                                              (72, "this time in 3 days"), (12, "12 hours from now"),
                                              (1, "1 hour from now")])
def test_how_long_a_code_works_is_said_in_words(hours, words):
    assert hours_in_words(hours) == words
