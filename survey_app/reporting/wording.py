"""The words of the children's points: a question's result as a sentence a 9-year-old can read.

Pure functions, no Flask, no database. children.py decides *which* points a round gives; this module
says them. A sentence is a share ("Most of you") and a clause ("feel safe where you live"):

Shares (no numbers, ever; from analysis.headlines.describe_share, the board headlines' words)
    "All of you"          everyone who answered (only ever said of 10 or more: ``min_base``)
    "Nearly all of you"   90% or more
    "Most of you"         over 55%
    "About half of you"   45% to 55%
    "Some of you"         20% to under 45%
    "A few of you"        under 20%
    Who counts: those who gave the answer, out of everyone who picked an answer. "I'd rather not say" and
    skipped questions are not in either number; "Not sure" is in the base but never in "yes" or "no".

Clauses
    1. The questionnaire's own words win: a question with ``children_say: {positive: …, negative: …}``
       (questionnaires/README.md) uses them as they are.
    2. A question phrased as a yes/no question becomes a statement by its first words (a leading
       "If …," moves to the end): "Are you X?" → "are X" / "are not X"; "Do you X?" → "X" / "don't X"
       ("any" is dropped from the yes form: "go to clubs", not "go to any clubs"); "Would/Can/Have you
       X?" → "would/can/have X" / "would not/can't/haven't X"; "Did you X?" → "say you did X" / "say
       you didn't X"; "Are we X?" → "think we are X" / "think we are not X"; "Do we X?" → "think we X" /
       "think we don't X"; "Is there X?" → "say there is X" / "say there isn't X"; "Does your/the X
       listen (help, include, … DOES_VERBS) Y?" → "say your X listens Y" / "say your X doesn't listen
       Y". This applies to face scales asked as yes/no questions too ("Do you get help with your school
       work…?").
    3. Face scales: "How do you feel X?" → "feel happy X" / "feel unhappy X" (five faces) or "feel
       good X" / "don't feel good X" (three faces); "How have you been feeling X?" likewise; "How ADJ
       do you feel?" → "feel ADJ" / "don't feel ADJ"; "Are you A or B?" → "are A" / "are B".
    4. Anything else is quoted, never rewritten: "said yes when we asked: ‘…’" / "said no when we
       asked: ‘…’", or for faces "picked a happy face when we asked: ‘…’" / "… a sad face …".
"""

from __future__ import annotations

import re
from typing import Protocol

from analysis.headlines import describe_share

SHARE_WORDS = {
    "all": "All of you", "almost all": "Nearly all of you", "most": "Most of you",
    "about half": "About half of you", "some": "Some of you", "a few": "A few of you",
}

# (start of the question, words for the yes end, words for the no end); {rest} is the rest of the question.
YES_NO_FORMS = (
    ("are you ", "are {rest}", "are not {rest}"),
    ("do you ", "{some}", "don't {rest}"),
    ("would you ", "would {rest}", "would not {rest}"),
    ("can you ", "can {rest}", "can't {rest}"),
    ("have you ", "have {rest}", "haven't {rest}"),
    ("did you ", "say you did {rest}", "say you didn't {rest}"),
    ("are we ", "think we are {rest}", "think we are not {rest}"),
    ("do we ", "think we {rest}", "think we don't {rest}"),
    ("is there ", "say there is {rest}", "say there isn't {rest}"),
)
# Face scales: the words for the happy and the sad end of each scale type.
FEEL = {"smiley5": ("feel happy", "feel unhappy"), "smiley3": ("feel good", "don't feel good")}
BEEN_FEELING = {"smiley5": ("have been feeling happy", "have been feeling unhappy"),
                "smiley3": ("have been feeling good", "have not been feeling good")}
# In a yes statement "any" reads wrong ("Most of you go to any clubs"): drop it, or make it "some-".
ANY_WORDS = ((re.compile(r"\bany(one|body|thing|where)\b", re.IGNORECASE), r"some\1"),
             (re.compile(r"\bany\s+", re.IGNORECASE), ""))
IF_FIRST = re.compile(r"^(if [^,]+),\s*(.+)$", re.IGNORECASE)
# "Does your social worker listen to you?": someone else's doing, with one of these common verbs.
DOES_VERBS = ("listen", "help", "include", "know", "ask", "explain", "visit", "call", "ring", "talk", "care",
              "understand", "support", "tell", "keep", "let", "make", "give")
DOES_THEIR = re.compile(rf"^does ((?:your|the) [\w' -]+?) ({'|'.join(DOES_VERBS)})\b(.*)$", re.IGNORECASE)


class Statement(Protocol):
    """A question's own words for the children's page (its ``children_say``, questionnaire/schema.py
    ChildrenSay): what follows "Most of you" for the good end (``positive``) and for the other end."""

    @property
    def positive(self) -> str: ...

    @property
    def negative(self) -> str: ...

    @property
    def positive_answers(self) -> tuple[str, ...]: ...  # a one-choice question's good end (else empty)

    @property
    def negative_answers(self) -> tuple[str, ...]: ...

    @property
    def not_counted(self) -> tuple[str, ...]: ...  # answers left out of the count, like "I haven't asked"


def share_words(count: int, base: int, min_base: int) -> str | None:
    """"Most of you" and the like, or None when nothing may be said (a base under ``min_base``, or nobody)."""
    return SHARE_WORDS.get(describe_share(count, base, min_base))


def quoted(question: str) -> str:
    return "‘" + question.strip().replace("'", "’") + "’"


def _some(text: str) -> str:
    for pattern, replacement in ANY_WORDS:
        text = pattern.sub(replacement, text)
    return text


def _split_if(question: str) -> tuple[str, str]:
    """The question without its "?" and a leading "If …," clause, and that clause as an ending."""
    text = question.strip().rstrip("?").strip()
    match = IF_FIRST.match(text)
    if not match:
        return text, ""
    condition = match.group(1)
    return match.group(2), " " + condition[0].lower() + condition[1:]


def _yes_no_clause(text: str, positive: bool) -> str | None:
    match = DOES_THEIR.match(text)
    if match:
        who, verb, rest = match.groups()
        return f"say {who} {verb}s{rest}" if positive else f"say {who} doesn't {verb}{rest}"
    for start, yes, no in YES_NO_FORMS:
        if text.lower().startswith(start):
            rest = text[len(start):]
            return (yes if positive else no).format(rest=rest, some=_some(rest))
    return None


def _scale_clause(text: str, question_type: str, positive: bool) -> str | None:
    end = 0 if positive else 1
    low = text.lower()
    if low.startswith("how do you feel") and question_type in FEEL:
        return FEEL[question_type][end] + text[len("how do you feel"):]
    if low.startswith("how have you been feeling") and question_type in BEEN_FEELING:
        return BEEN_FEELING[question_type][end] + text[len("how have you been feeling"):]
    match = re.match(r"^how (\w+) do you feel(.*)$", text, re.IGNORECASE)
    if match:
        return ("feel " if positive else "don't feel ") + match.group(1) + match.group(2)
    match = re.match(r"^are you (\w+) or (\w+)$", text, re.IGNORECASE)
    if match:
        return "are " + match.group(1 if positive else 2)
    return None


def clause(question: str, question_type: str, positive: bool, scale: bool,
           statement: Statement | None = None) -> str:
    """What follows "Most of you": the question's result at its good end (``positive``) or its other end."""
    if statement is not None:
        return statement.positive if positive else statement.negative
    text, condition = _split_if(question)
    found = _scale_clause(text, question_type, positive) if scale else None
    if found is None:
        found = _yes_no_clause(text, positive)
    if found is not None:
        return found + condition
    if scale:
        return f"picked a {'happy' if positive else 'sad'} face when we asked: {quoted(question)}"
    return f"said {'yes' if positive else 'no'} when we asked: {quoted(question)}"


def sentence(count: int, base: int, words: str, min_base: int) -> str | None:
    """"Most of you feel safe." — or None when the share may not be said."""
    share = share_words(count, base, min_base)
    if share is None:
        return None
    text = f"{share} {words.strip()}"
    return text if text.endswith(("?’", ".", "!")) else text + "."
