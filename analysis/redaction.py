"""Redact free text before a quote leaves staff pages.

``redact(text)`` returns a ``Redacted``: the text with what could identify a young person (or the
people around them) replaced by placeholders, and the list of replacements, each with its kind and
the original words, so that a member of staff can check them before approving a quote.

===================  ==================  ====================================================
placeholder          kind                what is found
===================  ==================  ====================================================
``[name]``           ``name``            first names from ``data/first_names.txt`` (any case);
                                         a capitalised word in mid-sentence that is not an
                                         English word nor a known place, brand or service
                                         (``data/proper_words.txt``); a word that follows
                                         "my <role>" (sw, foster carer, pa, brother, nan…),
                                         "called", "named", "my name is", "call me",
                                         "Mrs / Mr / Miss / Ms", "me and", "see", "miss"…
                                         when it is not an everyday word; a surname right
                                         after a name ("sarah jones"); "X and Y" after a name
``[phone]``          ``phone``           UK numbers of 10 or 11 digits (07…, 01…, 02…, +44,
                                         0044), with spaces, dashes or brackets
``[email]``          ``email``           ``a@b.c``, ``a@gmail`` and "a at gmail dot com"
``[postcode]``       ``postcode``        full UK postcodes whose area exists (SN1 2AB,
                                         sn25 4xy), any case, with or without the space
``[address]``        ``address``         "12 Elm Road", "45a victoria street", "flat 3",
                                         "live on Ferndale Road", "live at number 4"
``[school]``         ``school``          "Ridgeway School", "st marys school", "X Academy",
                                         "Y College", "Z High", "bath uni", "University of X"
``[social media]``   ``social media``    "@handle", "my snap is x", "insta: x", "add me on
                                         snap x", profile links
===================  ==================  ====================================================

Word lists are all offline. What counts as an everyday word: the lower-case words of TextBlob's
bundled English lexicon and the words seen five times or more in its bundled spelling list (both
installed with TextBlob; no NLTK corpus is downloaded), British spellings and simple endings of
those ("counselling", "leavers"), and ``data/everyday_words.txt`` (text-speak, slang, care words).
A first name in ``data/first_names.txt`` is never an everyday word. All three lists in ``data/``
are plain text for the team to edit.

When two findings overlap the longer wins ("St Mary's School" is one school, not a name).
Helpline numbers are left as they are, and so are numbers too short to be a phone number
(Childline 0800 1111, 999, 111).

Limits (read before trusting it; ``analysis/REDACTION.md`` says the same for staff):

- It is a first pass for a person, never a replacement for one: every quote is still read and
  approved by staff, who can see what was replaced.
- A lower-case name that is not in the list and has no context around it is missed ("kenzie is
  annoying"); a lower-case nickname that is an everyday word is missed ("a dog called biscuit").
- Names that are everyday words ("will", "may", "grace", "summer") are only redacted with a
  capital in mid-sentence or after "called", "my sw"… ("Will i be able to stay" is left).
- Capitalised words that are not in any list (a new game, a local estate, a shop, "Weymouth") are
  redacted as names: staff may see "[name]" where nothing needed hiding. Short words in capitals
  (CSE, SEN, PE) are taken for initials and left.
- Surnames that are English words ("Baker", "Green", "Cook") are only caught with a title or a
  capital ("Mrs Baker", "Sarah Baker"), not in lower case ("sarah baker" gives "[name] baker").
- Places are not redacted (town names, "SN3", estates, "Penhill"), nor dates, ages, or
  descriptions that identify without a name ("the only girl in my home with a wheelchair").
- Addresses need a number, a capital or "live on/at" before the street word; "elm road" alone
  is left. Schools need a name before the school word; "at new college" is left.
- Numbers written in words, spaced letters ("s a r a h"), and other languages are not handled.
- It is English-only, and written for UK formats."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).with_name("data")
KINDS = ("name", "phone", "email", "postcode", "address", "school", "social media")
PLACEHOLDERS = {kind: f"[{kind}]" for kind in KINDS}
# On a tie in length, the earlier kind in this order wins.
_PRIORITY = {kind: index for index, kind in enumerate(("email", "social media", "phone", "postcode", "address",
                                                        "school", "name"))}


class Replacement(NamedTuple):
    """One thing replaced: its kind, the original words, and where they were in the original text."""

    kind: str
    original: str
    start: int
    end: int


@dataclass(frozen=True)
class Redacted:
    """The redacted text and what was replaced, in order, for staff to review."""

    text: str
    replacements: tuple[Replacement, ...]

    @property
    def changed(self) -> bool:
        return bool(self.replacements)

    @property
    def found(self) -> list[tuple[str, str]]:
        """``(kind, original words)`` for each replacement."""
        return [(item.kind, item.original) for item in self.replacements]


# ---------------------------------------------------------------------------------------------
# Word lists


def _read_list(path: Path) -> list[str]:
    return [
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str]]:
    """(names, names that are also everyday words)."""
    entries = _read_list(DATA / "first_names.txt")
    return (
        frozenset(entry for entry in entries if not entry.startswith("?")),
        frozenset(entry[1:] for entry in entries if entry.startswith("?")),
    )


@lru_cache(maxsize=1)
def _everyday() -> frozenset[str]:
    lexicon = resources.files("textblob") / "en" / "en-lexicon.txt"
    words = {
        line.split(" ", 1)[0]
        for line in lexicon.read_text(encoding="utf-8").splitlines()
        if line[:1].islower()
    }
    names, ambiguous = _names()
    # The lexicon knows a few names in lower case ("jade", "summer"); the name list decides those.
    return frozenset((words - names - ambiguous) | set(_read_list(DATA / "everyday_words.txt")) | ambiguous)


@lru_cache(maxsize=1)
def _spelling() -> frozenset[str]:
    """Words seen at least 5 times in TextBlob's bundled spelling list (British books and the BNC)."""
    source = resources.files("textblob") / "en" / "en-spelling.txt"
    words = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition(" ")
        if not line.startswith(";") and count.strip().isdigit() and int(count) >= 5:
            words.add(word)
    names, ambiguous = _names()
    return frozenset(words - names - ambiguous)


_BRITISH = (("our", "or"), ("ise", "ize"), ("ising", "izing"), ("ised", "ized"), ("isation", "ization"),
            ("lling", "ling"), ("lled", "led"), ("ller", "ler"), ("tre", "ter"), ("ogue", "og"))
_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")


@lru_cache(maxsize=4096)
def _known_english(low: str) -> bool:
    """An everyday word, also in British spelling or with a common ending ("counselling", "leavers")."""
    known = _everyday()
    if low in known or low in _spelling():
        return True
    forms = {low.replace(british, american) for british, american in _BRITISH if british in low}
    for ending in _ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: -len(ending)]
            forms |= {stem, stem + "e"}
    return any(form in known for form in forms)


@lru_cache(maxsize=1)
def _proper() -> frozenset[str]:
    return frozenset(_read_list(DATA / "proper_words.txt"))


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Words that can never be part of a name, a school or a street name on their own.
FUNCTION_WORDS = _words(
    "a an the and or but if so to of in on at by for from with without about as into onto than then "
    "i me my mine we us our you your u ur he him his she her they them their it its this that these those "
    "is am are was were be been being do does did have has had will would can could should shall may might "
    "must not no yes very too really just also only all any some every each more most much many few "
    "there here where when what who why how which up down out over under again still even"
)
TITLES = _words("mr mrs ms miss mx dr sir mister missus cllr")
ROLES = (
    "social worker", "sw", "s/w", "new sw", "old sw", "foster carer", "foster carers", "carer", "carers",
    "foster mum", "foster dad", "foster mom", "foster parent", "foster parents", "fc", "key worker", "keyworker",
    "kw", "support worker", "youth worker", "leaving care worker", "pa", "personal adviser", "personal advisor",
    "iro", "reviewing officer", "teacher", "form tutor", "tutor", "mentor", "advocate", "therapist", "counsellor",
    "counselor", "camhs worker", "manager", "nan", "nana", "nanny", "gran", "granny", "grandma", "grandad",
    "auntie", "aunty", "aunt", "uncle", "cousin", "brother", "brothers", "little brother", "big brother", "bro",
    "sister", "sisters", "little sister", "big sister", "sis", "stepbrother", "stepsister", "half brother",
    "half sister", "mum", "mam", "mom", "dad", "birth mum", "birth dad", "stepdad", "stepmum", "friend",
    "best friend", "bestie", "bff", "mate", "best mate", "bf", "gf", "boyfriend", "girlfriend", "partner",
    "son", "daughter", "baby", "neighbour", "dog", "cat", "puppy", "kitten",
)
_ROLE_TOKENS = tuple(sorted((tuple(role.split()) for role in ROLES), key=len, reverse=True))
# Before a word that is then a name if it is not an everyday word (or a known name).
NAMING = _words("called named nicknamed")
NAMING_PAIRS = frozenset({("name", "is"), ("name", "was"), ("names", "is"), ("calls", "me"), ("call", "me"),
                          ("called", "me"), ("known", "as"), ("goes", "by"), ("name", "s")})
# Softer context: a word here is a name only if it is not an everyday word, a place or a brand.
SOFT = _words("see seeing saw visit visiting miss missing text texting ring ringing except exept "
                 "apart besides like with tell told ask asked")
SOFT_PAIRS = frozenset({("me", "and"), ("me", "n"), ("me", "an"), ("me", "&"), ("live", "with"),
                        ("lives", "with"), ("living", "with"), ("stay", "with"), ("talk", "to"), ("speak", "to"),
                        ("i", "am"), ("i'm", ""), ("im", "")})

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    low: str  # lower case, curly apostrophes straightened, possessive 's removed
    capital: bool  # Capitalised (not ALL CAPS, not a single letter)
    sentence_start: bool


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        low = "".join(char for char in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(char))
        low = low.replace("’", "'")
        if low.endswith("'s") and len(low) > 2:
            low, end = low[:-2], end - 2
            word = word[:-2]
        back = start - 1
        while back >= 0 and text[back].isspace() and text[back] != "\n":
            back -= 1
        tokens.append(_Token(
            text=word, start=start, end=end, low=low,
            capital=word[:1].isupper() and len(word) > 1 and not word.isupper(),
            sentence_start=back < 0 or text[back] in ".!?\n\"(:;",
        ))
    return tokens


def _everyday_word(low: str) -> bool:
    if low in FUNCTION_WORDS or len(low) < 2:
        return True
    if "'" in low and not low.startswith("o'"):
        return True  # contractions: don't, i'm, they've
    return low not in _names()[0] and _known_english(low)


def _unknown(low: str) -> bool:
    """Neither an everyday word nor a known place, brand or service."""
    return not _everyday_word(low) and low not in _proper()


def _could_be_surname(token: _Token) -> bool:
    """After a name: not a word of the lexicon or the lists ("Jones" and "Smith" are, in books)."""
    low = token.low
    if token.capital and not token.sentence_start and low not in FUNCTION_WORDS | _proper() | SCHOOL_WORDS:
        return low not in TITLES and low not in STRONG_STREET_WORDS  # "Sarah Baker"
    return (len(low) >= 2 and low not in FUNCTION_WORDS and low not in _everyday() and low not in _proper()
            and ("'" not in low or low.startswith("o'")) and low not in SCHOOL_WORDS and low not in TITLES
            and low not in STRONG_STREET_WORDS and not _acronym(token))


def _acronym(token: _Token) -> bool:
    """CSE, SEN, DfE, RHAs: short words in capitals are initials of services, not names."""
    letters = token.text.replace("'", "")
    return 2 <= len(letters) <= 5 and sum(char.isupper() for char in letters) >= 2


# ---------------------------------------------------------------------------------------------
# Finders: each yields (kind, start, end)

Found = tuple[str, int, int]

_EMAIL = re.compile(
    r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}"
    r"|[\w.+-]{1,64}@(?:gmail|googlemail|hotmail|yahoo|outlook|icloud|live|aol|btinternet)\b"
    r"|\b[\w.+-]{1,64}\s+at\s+(?:gmail|googlemail|hotmail|yahoo|outlook|icloud|live|aol|btinternet|sky)"
    r"\s*(?:dot|\.)\s*(?:com|net|org|co\s*(?:dot|\.)\s*uk)\b",
    re.IGNORECASE,
)


def _emails(text: str) -> Iterable[Found]:
    for match in _EMAIL.finditer(text):
        yield "email", match.start(), match.end()


_PHONE = re.compile(r"(?<![\w+])(?:\+\s?|\()?\d[\d \t().-]{6,20}\d(?!\d)")
_SEPARATOR = re.compile(r"[ \t().-]+")
# Public helplines are fine to quote (Childline, NSPCC, Samaritans, Papyrus, Mind).
HELPLINES = frozenset({"08001111", "08088005000", "116123", "08000684141", "03001233393", "08088025544"})


def _uk_digits(digits: str) -> str:
    if digits.startswith("0044"):
        return "0" + digits[4:]
    if digits.startswith("44"):
        return "0" + digits[2:]
    return digits


def _phones(text: str) -> Iterable[Found]:
    position = 0
    while (match := _PHONE.search(text, position)) is not None:
        chunk = match.group(0)
        international = chunk.lstrip("(").startswith(("+", "44", "0044"))
        longest = None
        for group in re.finditer(r"\d+", chunk):
            digits = re.sub(r"\D", "", chunk[:group.end()])
            number = _uk_digits(digits) if international else digits
            if number.startswith("0") and len(number) in (10, 11) and number not in HELPLINES:
                longest = group.end()
        if longest is not None:
            yield "phone", match.start(), match.start() + longest
            position = match.start() + longest  # two numbers in a row: look again after the first
        else:
            position = match.end()


# UK postcode areas: the outward code must start with one of these.
POSTCODE_AREAS = _words(
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX "
    "FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE "
    "NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ "
    "TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
)
_POSTCODE = re.compile(r"\b([A-Za-z]{1,2})(\d[A-Za-z\d]?)\s?(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})\b")


def _postcodes(text: str) -> Iterable[Found]:
    for match in _POSTCODE.finditer(text):
        if match.group(1).upper() in POSTCODE_AREAS:
            yield "postcode", match.start(), match.end()


STREET_WORDS = (
    "road|rd|street|st|avenue|ave|close|lane|ln|drive|dr|way|crescent|cres|court|ct|gardens|gdns|place|pl|"
    "terrace|grove|walk|hill|park|mews|row|square|sq|view|rise|green|parade|gate|vale|croft|meadows|fields|wharf"
)
# Without a house number or a capital, only these are taken for a street.
STRONG_STREET_WORDS = _words("road rd street avenue ave close lane drive crescent terrace gardens mews grove")
_NUMBERED_STREET = re.compile(
    rf"\b\d{{1,4}}[a-zA-Z]?,?\s+((?:[A-Za-z'’-]{{1,30}}\s+){{1,3}}?)(?:{STREET_WORDS})\b", re.IGNORECASE
)
_FLAT = re.compile(r"\b(?:flat|apartment|apt|house\s+number)\s*(?:no\.?\s*)?\d{1,4}[a-zA-Z]?\b", re.IGNORECASE)
_LIVE_AT_NUMBER = re.compile(
    r"\b(?:live|lives|living|lived|stay|stays|staying)\s+at\s+((?:number|no\.?)\s*\d{1,4}[a-z]?)\b", re.IGNORECASE
)
_LIVE_ON = re.compile(
    rf"\b(?:live|lives|living|lived|stay|stays|staying|moved|move)\s+(?:on|in|at|to)\s+"
    rf"((?:[A-Za-z'’-]{{1,30}}\s+){{1,3}}?(?:{STREET_WORDS}))\b",
    re.IGNORECASE,
)
_CAPITALISED_STREET_WORDS = "|".join(word.capitalize() for word in STREET_WORDS.split("|"))
_CAPITAL_STREET = re.compile(rf"\b((?:[A-Z][a-z'’-]{{1,30}}[ \t]+){{1,3}})(?:{_CAPITALISED_STREET_WORDS})\b")


def _street_words_ok(words: str, allow_the: bool) -> bool:
    parts = [part.lower() for part in words.split()]
    if not parts:
        return False
    for index, part in enumerate(parts):
        if part in FUNCTION_WORDS and not (allow_the and index == 0 and part == "the"):
            return False
    return True


def _addresses(text: str, tokens: list[_Token]) -> Iterable[Found]:
    for match in _NUMBERED_STREET.finditer(text):
        if _street_words_ok(match.group(1), allow_the=True):
            yield "address", match.start(), match.end()
    for match in _FLAT.finditer(text):
        yield "address", match.start(), match.end()
    for match in _LIVE_AT_NUMBER.finditer(text):
        yield "address", match.start(1), match.end(1)
    for match in _LIVE_ON.finditer(text):
        words = match.group(1).rsplit(None, 1)[0]
        if _street_words_ok(words, allow_the=False):
            yield "address", match.start(1), match.end(1)
    for match in _CAPITAL_STREET.finditer(text):
        first = match.group(1).split()[0]
        starts = [token for token in tokens if token.start == match.start()]
        if first.lower() in FUNCTION_WORDS or (starts and starts[0].sentence_start and _everyday_word(first.lower())):
            continue
        yield "address", match.start(), match.end()
    # "ferndale road": an unknown word right before a clear street word.
    for index in range(1, len(tokens)):
        token, before = tokens[index], tokens[index - 1]
        if token.low in STRONG_STREET_WORDS and _unknown(before.low) and before.low not in _names()[0]:
            yield "address", before.start, token.end


SCHOOL_WORDS = _words("school academy college high uni university grammar comprehensive")
# Words that make "X school" an ordinary phrase rather than a school's name.
GENERIC_SCHOOL = _words(
    "new old current last next local big small main special boarding secondary primary high junior infant "
    "nursery sixth form driving sunday summer film art music dance drama residential private state day night "
    "normal mainstream alternative pru proper different another other same good bad whole after before "
    "go going went hate love like at virtual"
)


def _school_name_word(word: _Token, after_name: bool) -> bool:
    """Can ``word`` be part of a school's name, just before "school", "academy"…?"""
    if word.low in FUNCTION_WORDS:
        return False
    if word.low in ("st", "saint") or word.low in _proper() or _unknown(word.low):
        return True
    if not word.capital or (word.sentence_start and _everyday_word(word.low)):
        return False
    # "Lydiard Park Academy"; a generic word only inside a name: "Swindon New College"
    return word.low not in GENERIC_SCHOOL or (after_name and not word.sentence_start)


def _schools(tokens: list[_Token]) -> Iterable[Found]:
    for index, token in enumerate(tokens):
        # "go to st lukes", "my old school st marys": a saint's name after going to or a school
        if (token.low in ("st", "saint") and 0 < index < len(tokens) - 1
                and tokens[index - 1].low in ("school", "to", "at", "from", "attend", "attended")
                and not _everyday_word(tokens[index + 1].low)):
            yield "school", token.start, tokens[index + 1].end
        if token.low not in SCHOOL_WORDS:
            continue
        if token.low == "university" and index + 2 < len(tokens) and tokens[index + 1].low == "of":
            place = tokens[index + 2]
            if place.capital or place.low in _proper():
                yield "school", token.start, place.end
                continue
        start = None
        for word in reversed(tokens[max(0, index - 4):index]):
            if _school_name_word(word, start is not None):
                start = word.start
            elif word.low in FUNCTION_WORDS or word.low in GENERIC_SCHOOL:
                break
            if word.sentence_start:
                break
            # otherwise an everyday word inside a name ("lydiard park academy"): keep walking
        if start is None:
            continue
        if token.low == "high" and not token.capital and not any(
            _unknown(word.low) for word in tokens if start <= word.start < token.start
        ):
            continue
        yield "school", start, token.end


_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?")
_PROFILE = re.compile(r"(?:https?://)?(?:www\.)?(?:instagram|tiktok|snapchat|facebook|fb|twitter|x|youtube|twitch)"
                      r"\.com/[\w@./-]{1,60}", re.IGNORECASE)
_PLATFORM = re.compile(
    r"(?P<lead>\b(?:add|follow|message|msg|dm|find|hmu)\s+me\s+(?:on|at)\s+)?"
    r"\b(?:snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|twitter|fb|facebook|discord|psn|gamertag|gt|xbox|twitch|"
    r"yt|youtube|kik|whatsapp)(?:\s+(?:name|username|user\s?name|handle|id|tag))?"
    r"(?P<sep>\s*[:=-]\s*|\s+(?:is|its|it's|=)\s+|\s+)(?P<handle>@?[A-Za-z0-9_.]{2,30})",
    re.IGNORECASE,
)


def _social(text: str) -> Iterable[Found]:
    for match in _PROFILE.finditer(text):
        yield "social media", match.start(), match.end()
    for match in _HANDLE.finditer(text):
        yield "social media", match.start(), match.end()
    for match in _PLATFORM.finditer(text):
        handle = match.group("handle").rstrip(".")
        low = handle.lower().lstrip("@")
        marked = handle.startswith("@") or bool(re.search(r"[\d_.]", low))
        said = bool(match.group("sep").strip()) or bool(match.group("lead"))
        if marked or (said and _unknown(low)):
            yield "social media", match.start("handle"), match.start("handle") + len(handle)


def _role_before(tokens: list[_Token], index: int) -> bool:
    """Is token ``index`` right after a role ("my sw", "foster carer"), maybe with "is/are/called" between?"""
    end = index
    if end > 0 and tokens[end - 1].low in ("is", "are", "was", "called", "named"):
        end -= 1
    for role in _ROLE_TOKENS:
        begin = end - len(role)
        if begin >= 0 and tuple(token.low for token in tokens[begin:end]) == role:
            return True
    # "sw" written with a slash is one role: "s/w"
    return end > 0 and tokens[end - 1].low == "w" and end > 1 and tokens[end - 2].low == "s"


def _names_found(text: str, tokens: list[_Token]) -> Iterable[Found]:
    names, ambiguous = _names()
    flagged: list[bool] = [False] * len(tokens)
    starts: dict[int, int] = {}

    for index, token in enumerate(tokens):
        low = token.low
        prev1 = tokens[index - 1].low if index >= 1 else ""
        prev2 = tokens[index - 2].low if index >= 2 else ""
        known = low in names or low in ambiguous
        mid_capital = token.capital and not token.sentence_start
        explicit = prev1 in NAMING or (prev2, prev1) in NAMING_PAIRS or _role_before(tokens, index)
        soft = prev1 in SOFT or (prev2, prev1) in SOFT_PAIRS or (prev1, "") in SOFT_PAIRS
        initial = len(token.text) == 1 and token.text.lower() not in ("i", "a", "u", "n", "r", "y")
        if prev1 in TITLES and (_unknown(low) or token.capital or known or initial) and low not in FUNCTION_WORDS:
            include_title = prev1 in ("mr", "mrs", "ms", "mx", "dr", "mister", "missus") or low not in names
            flagged[index] = True
            if include_title:
                starts[index] = tokens[index - 1].start
            continue
        if _acronym(token) and low not in names:
            continue
        if (
            (low in names)
            or (low in ambiguous and mid_capital and low not in _proper())
            or (mid_capital and _unknown(low) and low not in TITLES)
            or (explicit and (known or _unknown(low) or (mid_capital and low not in _proper() | FUNCTION_WORDS)))
            or (soft and (_unknown(low) and low not in TITLES and (prev1 not in ("im", "i'm", "am") or token.capital)))
        ):
            flagged[index] = True
    # "X and Y", "X n Y" next to a name; a surname right after a name ("sarah jones").
    for index in range(len(tokens)):
        if not flagged[index]:
            continue
        if index + 2 < len(tokens) and tokens[index + 1].low in ("and", "n", "&") and not flagged[index + 2]:
            other = tokens[index + 2]
            if other.low in names or (other.low in ambiguous and other.capital) or _unknown(other.low):
                flagged[index + 2] = True
        if index >= 2 and tokens[index - 1].low in ("and", "n", "&") and not flagged[index - 2]:
            other = tokens[index - 2]
            if other.low in names or (other.low in ambiguous and other.capital) or _unknown(other.low):
                flagged[index - 2] = True
        if index + 1 < len(tokens) and not flagged[index + 1]:
            other = tokens[index + 1]
            hyphenated = text[tokens[index].end:other.start] == "-"
            if _could_be_surname(other) or (hyphenated and (other.low in names or other.low in ambiguous)):
                flagged[index + 1] = True
    for index, token in enumerate(tokens):
        if flagged[index]:
            yield "name", starts.get(index, token.start), token.end


# ---------------------------------------------------------------------------------------------


def _choose(found: Iterable[Found]) -> list[Found]:
    """Longest first (then by kind priority), keeping only findings that overlap nothing kept."""
    kept: list[Found] = []
    for kind, start, end in sorted(set(found), key=lambda item: (-(item[2] - item[1]), _PRIORITY[item[0]], item[1])):
        if end <= start or any(start < other_end and other_start < end for _, other_start, other_end in kept):
            continue
        kept.append((kind, start, end))
    return sorted(kept, key=lambda item: item[1])


def _merge(text: str, found: list[Found]) -> list[Found]:
    """Join names separated only by spaces or hyphens ("kerry-ann", "Sarah Jones") into one."""
    merged: list[Found] = []
    for kind, start, end in found:
        if merged and kind == "name" and merged[-1][0] == kind and re.fullmatch(r"[ \t-]*", text[merged[-1][2]:start]):
            merged[-1] = (kind, merged[-1][1], end)
        else:
            merged.append((kind, start, end))
    return merged


def find(text: str) -> list[Replacement]:
    """What ``redact`` would replace, in order, without replacing it."""
    tokens = _tokens(text)
    found = [
        *_emails(text), *_social(text), *_phones(text), *_postcodes(text),
        *_addresses(text, tokens), *_schools(tokens), *_names_found(text, tokens),
    ]
    return [Replacement(kind, text[start:end], start, end) for kind, start, end in _merge(text, _choose(found))]


# What staff may not write in a note kept beside young people's answers (a safeguarding outcome note, the
# reason a response was removed): anything that names or reaches a person.
PERSON_KINDS = ("email", "name", "phone", "social media")


def person_kinds(text: str) -> list[str]:
    """The kinds of `PERSON_KINDS` that ``find`` sees in `text`, sorted; empty when there are none."""
    return sorted({item.kind for item in find(text) if item.kind in PERSON_KINDS})


_fingerprints: dict[tuple[int, ...], tuple[tuple[object, ...], str]] = {}


def rules_fingerprint() -> str:
    """A digest of the word lists redaction decides by. A report stored under other lists may show a quote
    these would now withhold, so it is not shown until rebuilt (survey_app/reporting/stored.py). Worked out
    once per set of loaded lists (the lists are kept referenced, so an id is never reused for others)."""
    lists: tuple[object, ...] = (*_names(), _proper())
    key = tuple(id(item) for item in lists)
    known = _fingerprints.get(key)
    if known is None:
        digest = hashlib.sha256()
        for words in lists:
            digest.update("\n".join(sorted(words)).encode("utf-8") + b"\0")  # type: ignore[call-overload]
        known = (lists, digest.hexdigest()[:32])
        _fingerprints.clear()
        _fingerprints[key] = known
    return known[1]


def redact(text: str) -> Redacted:
    """The text with names, phone numbers, emails, postcodes, addresses, schools and social media
    handles replaced by placeholders, and what was replaced (see the module docstring for limits)."""
    if not isinstance(text, str):
        raise TypeError(f"redact() needs a str, not {type(text).__name__}")
    replacements = find(text)
    parts: list[str] = []
    position = 0
    for item in replacements:
        parts.append(text[position:item.start])
        parts.append(PLACEHOLDERS[item.kind])
        position = item.end
    parts.append(text[position:])
    return Redacted("".join(parts), tuple(replacements))
