"""Carry-on codes: three easy words and a number ("kite lemon otter 27") that let a young person carry on
their answers on another device. Pure functions; storing and finding drafts is in carry_on.py.

How hard a code is to guess. Words come from carry_on_words.txt (WORD_COUNT: 636 words) and the
number is 10-99, so there are WORD_COUNT**3 * 90 codes: 636**3 * 90 = 2.3e10 (34.4 bits), each picked with
`secrets`. Typing wrong codes is slowed per round (carry_on.py: GUESSES_PER_WINDOW = 10 in each 15-minute
window, 960 a day). With DRAFT_HOURS = 24 a code lives a day: the chance that someone typing codes all day
finds one given code is 960 / 2.3e10 = 4e-8. Even with 200 codes alive in a round all the time, typing
wrong codes day and night for a whole six-week round (40,320 tries) finds any one of them with chance
40,320 * 200 / 2.3e10 = 1 in 2,900.

Only a keyed hash is stored (HMAC-SHA256 with a key made from SECRET_KEY, with the round's id in the
message). 2.3e10 codes would take minutes to try offline against a plain hash, so a copy of the database
alone must not be enough: without SECRET_KEY the stored hashes can't be checked against any code. With
SECRET_KEY too, they could be, which is why codes die with their drafts after DRAFT_HOURS.

Typing is forgiving: case, spaces, hyphens and other separators don't matter (the code is the words and
the number run together), and because no two words in the list are one letter apart, a word with one
letter wrong, missing or extra is put right."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import ngettext

WORDS: tuple[str, ...] = tuple(
    line.strip() for line in (Path(__file__).with_name("carry_on_words.txt")).read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
WORD_COUNT = len(WORDS)
WORDS_IN_A_CODE = 3
LOWEST_NUMBER, HIGHEST_NUMBER = 10, 99
POSSIBLE_CODES = WORD_COUNT ** WORDS_IN_A_CODE * (HIGHEST_NUMBER - LOWEST_NUMBER + 1)
_WORD_SET = frozenset(WORDS)
_PIECES = re.compile(r"[a-z]+|[0-9]+")
_KEY_PURPOSE = b"voices-in-care carry-on codes v1"


def make_code() -> str:
    """A new random code as shown to the young person: three words and a number, with spaces."""
    words = [secrets.choice(WORDS) for _ in range(WORDS_IN_A_CODE)]
    number = LOWEST_NUMBER + secrets.randbelow(HIGHEST_NUMBER - LOWEST_NUMBER + 1)
    return " ".join([*words, str(number)])


def _one_letter_apart(typed: str, word: str) -> bool:
    if len(typed) == len(word):
        return sum(a != b for a, b in zip(typed, word, strict=True)) == 1
    shorter, longer = sorted((typed, word), key=len)
    if len(longer) - len(shorter) != 1:
        return False
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _put_right(piece: str) -> str:
    """The list word `piece` is, or is one letter away from (only when exactly one is); else `piece`."""
    if piece in _WORD_SET or not piece.isalpha():
        return piece
    near = [word for word in WORDS if _one_letter_apart(piece, word)]
    return near[0] if len(near) == 1 else piece


def normalise(typed: str | None) -> str:
    """The code as it is hashed: lower-case words and number run together, one-letter slips put right.
    "Kite-Lemon  Oter 27" -> "kitelemonotter27". Empty when nothing like a code was typed."""
    text = unicodedata.normalize("NFKC", typed or "").lower()
    return "".join(_put_right(piece) for piece in _PIECES.findall(text))


def code_key(secret_key: str) -> bytes:
    """The key for carry-on hashes, made from SECRET_KEY (kept apart from its other uses by `purpose`)."""
    return hmac.new(secret_key.encode(), _KEY_PURPOSE, hashlib.sha256).digest()


def code_hash(key: bytes, round_id: int, normalised: str) -> str:
    return hmac.new(key, f"{round_id}:{normalised}".encode(), hashlib.sha256).hexdigest()


def hours_in_words(hours: int) -> str:
    """How long from now a code works, as a child would say it: 24 -> "this time tomorrow"."""
    if hours == 24:
        return _("this time tomorrow")
    if hours == 48:
        return _("this time the day after tomorrow")
    if hours % 24 == 0:
        return ngettext("this time in %(num)s day", "this time in %(num)s days", hours // 24)
    return ngettext("%(num)s hour from now", "%(num)s hours from now", hours)
