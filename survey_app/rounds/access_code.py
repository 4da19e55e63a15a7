"""The shared access code of a round: one code for the whole group, never personal.

Only a hash is kept. Codes are compared without case, spaces or hyphens, so "sun 42" and "SUN-42"
are the same code; nothing typed is stored.

Guessing is slowed per round, never per person (no address or anything else about the guesser is kept):
the round counts wrong codes in fixed 15-minute windows. After GUESSES_PER_WINDOW wrong codes in a window,
every code typed for that round is refused, without being checked, until the next window, so the
right code cannot be found by trying more. Young people who have already started keep going (their
session, not the code, lets them in). The price: someone typing wrong codes on purpose can keep new
starters out for up to 15 minutes at a time; the start page then tells them kindly to try again later or
ask the adult who gave them the code.

Why this is enough: codes are letters and digits (36 symbols). At most 20 wrong guesses per 15 minutes is
80 an hour, 1,920 a day (twice that at most across a window boundary). A 6-character code has 36**6 =
2.2 billion possibilities: trying half takes about 1.1e9 / 1,920 = 570,000 days. Even the shortest code
allowed (4 characters, 1.7 million) would take about 440 days on average; in a six-week round the chance of
finding it is about 80,640 / 1.7 million = 5%, so workers are told to use 6 or more."""

from __future__ import annotations

import re

from werkzeug.security import check_password_hash, generate_password_hash

from ..clock import utc_now, window_number
from ..form_problems import FormInvalid
from ..models import SurveyRound
from .guess_brake import GuessBrake

MIN_LENGTH = 4
MAX_LENGTH = 20
_SEPARATORS = re.compile(r"[\s\-]+")
_ALLOWED = re.compile(r"[A-Z0-9]+")
WRONG_CODE_TO_PRINT = "That is not this round’s access code. Type the code you chose when you opened the round"
NO_CODE_TO_PRINT = "This round has no access code"


def normalise_code(code: str | None) -> str:
    return _SEPARATORS.sub("", code or "").upper()


def code_problem(code: str) -> str | None:
    """Why a worker's new code can't be used, or None. `code` is already normalised."""
    if not _ALLOWED.fullmatch(code):
        return "The access code must only include letters and numbers"
    if len(code) < MIN_LENGTH:
        return f"The access code must be {MIN_LENGTH} characters or more"
    if len(code) > MAX_LENGTH:
        return f"The access code must be {MAX_LENGTH} characters or fewer"
    return None


def code_to_print(survey_round: SurveyRound, typed: str | None) -> str:
    """The code a worker typed again to print on invitation cards, once it matches the round's hash ("" when
    nothing was typed); FormInvalid on the field `code` when it does not. It is never stored."""
    code = normalise_code(typed)
    if code and not (survey_round.access_code_hash and code_matches(survey_round.access_code_hash, code)):
        raise FormInvalid(WRONG_CODE_TO_PRINT if survey_round.access_code_hash else NO_CODE_TO_PRINT, "code")
    return code


def hash_code(code: str) -> str:
    return generate_password_hash(normalise_code(code))


def code_matches(code_hash: str | None, typed: str | None) -> bool:
    """True when the round has no code, or `typed` is its code."""
    if not code_hash:
        return True
    typed = normalise_code(typed)
    return bool(typed) and check_password_hash(code_hash, typed)


GUESSES_PER_WINDOW = 20
WINDOW_MINUTES = 15
BRAKE = GuessBrake(SurveyRound.code_guess_window, SurveyRound.code_wrong_guesses, GUESSES_PER_WINDOW)


def current_window() -> int:
    """The number of the 15-minute window we are in (minutes since 1970 // 15)."""
    return window_number(utc_now(), WINDOW_MINUTES)


def guessing_paused(survey_round: SurveyRound) -> bool:
    """True when this round has had too many wrong codes in the current window."""
    return BRAKE.paused(survey_round, current_window())


def record_wrong_guess(survey_round: SurveyRound) -> None:
    """Count one wrong code for the round (one atomic UPDATE, safe with several workers). Flushes only."""
    BRAKE.record(survey_round, current_window())
