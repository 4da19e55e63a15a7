"""The board's challenge log: a board member records a question on an action or a finding (a question's
result in a published round, a theme, an approved quote, a meeting), a worker answers it. Both are in the
audit log, and open and answered challenges appear in the next standing action report and the next round
report. What a challenge is about is kept in words (`about`), so the log reads the same later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select

from ..audit import audit
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import Action, Challenge, RoundReport, SurveyRound, Theme
from ..models.statuses import FindingKind
from ..moderation.quotes import publishable_quotes
from ..questionnaire.store import definition
from .meetings import meetings, source_words
from .rules import reference_sort_key

MAX_QUESTION = 2000
MAX_ANSWER = 4000
MAX_ABOUT = 600


class ChallengeInvalid(FormInvalid):
    """Every problem with a challenge or an answer as typed, as {field: message}."""


@dataclass(frozen=True)
class Subject:
    """Something a challenge can be about: its key in the form ("action:14.9", "question:3:feel_safe_home",
    "theme:friends", "quote:12", "meeting:4") and its words."""

    key: str
    words: str
    group: str  # the form lists subjects under these headings
    # What the log keeps (`about`), when not `words`: a quote's text is shown only while it is publishable,
    # so the log names the quote rather than keep its words.
    kept: str = ""


def _shorten(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _published_rounds() -> list[SurveyRound]:
    return list(db.session.scalars(
        select(SurveyRound).join(RoundReport, RoundReport.round_id == SurveyRound.id)
        .where(RoundReport.published.is_(True)).order_by(SurveyRound.created_on.desc(), SurveyRound.id.desc())))


def subjects() -> list[Subject]:
    """Every action, and the findings a board member has seen: questions and approved quotes of published
    rounds, themes in use, recorded meetings."""
    found = [Subject(f"action:{action.reference}", f"Action {action.reference}: {action.title}", "Actions")
             for action in sorted(db.session.scalars(select(Action)), key=lambda a: reference_sort_key(a.reference))]
    for survey_round in _published_rounds():
        questionnaire = definition(survey_round.questionnaire_version)
        found += [Subject(f"question:{survey_round.id}:{question.id}", f"{survey_round.title}: {question.text}",
                          "Questions in published reports") for question in questionnaire.questions]
        found += [Subject(f"quote:{quote.id}", f"{survey_round.title}: “{_shorten(quote.text)}”",
                          "Approved quotes in published reports", f"{survey_round.title}: approved quote {quote.id}")
                  for quote in publishable_quotes(survey_round.id)]
    found += [Subject(f"theme:{theme.code}", f"Theme: {theme.title}", "Themes")
              for theme in db.session.scalars(select(Theme).where(Theme.active).order_by(Theme.title))]
    found += [Subject(f"meeting:{meeting.id}", f"{source_words(meeting)}: “{_shorten(meeting.said)}”",
                      "Meetings, visits and group sessions") for meeting in meetings()]
    return found


def _subject(key: str) -> Subject | None:
    return next((subject for subject in subjects() if subject.key == key), None)


def ask(key: str | None, question: str | None, actor: str, today: dt.date | None = None) -> Challenge:
    """Record a board member's question. Raises ChallengeInvalid."""
    problems: dict[str, str] = {}
    subject = _subject((key or "").strip())
    if subject is None:
        problems["about"] = "Choose the action or finding your question is about"
    text = (question or "").strip()
    if not text:
        problems["question"] = "Enter your question"
    elif len(text) > MAX_QUESTION:
        problems["question"] = f"Your question must be {MAX_QUESTION} characters or fewer (it has {len(text)})"
    if problems or subject is None:
        raise ChallengeInvalid(problems)
    kind, _, ref = subject.key.partition(":")
    challenge = Challenge(about=(subject.kept or subject.words)[:MAX_ABOUT], question=text, asked_by=actor,
                          asked_on=today or dt.date.today())
    if kind == "action":
        action = db.session.scalar(select(Action).where(Action.reference == ref))
        challenge.action_id = action.id if action else None
        challenge.round_id = action.round_id if action else None
    else:
        challenge.finding_kind = kind
        if kind == FindingKind.QUESTION:
            round_id, _, ref = ref.partition(":")
            challenge.round_id = int(round_id)
        challenge.finding_ref = ref
    db.session.add(challenge)
    db.session.flush()
    audit(actor, "challenge recorded", f"{challenge.id}: {challenge.about}")
    return challenge


def answer(challenge: Challenge, text: str | None, actor: str, today: dt.date | None = None) -> Challenge:
    """A worker's answer (a later answer replaces it, with its date). Raises ChallengeInvalid."""
    words = (text or "").strip()
    if not words:
        raise ChallengeInvalid({"answer": "Enter the answer"})
    if len(words) > MAX_ANSWER:
        raise ChallengeInvalid({"answer": f"The answer must be {MAX_ANSWER} characters or fewer (it has {len(words)})"})
    challenge.answer, challenge.answered_by, challenge.answered_on = words, actor, today or dt.date.today()
    db.session.flush()
    audit(actor, "challenge answered", f"{challenge.id}: {challenge.about}")
    return challenge


def challenge_or_none(challenge_id: int) -> Challenge | None:
    return db.session.get(Challenge, challenge_id)


def log() -> tuple[list[Challenge], list[Challenge]]:
    """(open, answered): open oldest first (waiting longest), answered newest first."""
    every = list(db.session.scalars(select(Challenge).order_by(Challenge.asked_on, Challenge.id)))
    waiting = [challenge for challenge in every if not challenge.answer]
    done = sorted((challenge for challenge in every if challenge.answer),
                  key=lambda challenge: (challenge.answered_on or dt.date.min, challenge.id), reverse=True)
    return waiting, done


def since(day: dt.date | None) -> tuple[list[Challenge], list[Challenge]]:
    """For a report: every open challenge, and those answered on or after `day` (all answered when None)."""
    waiting, done = log()
    return waiting, [challenge for challenge in done if day is None or (challenge.answered_on or dt.date.min) >= day]


def for_round(round_ids: Iterable[int], asked_from: dt.date | None) -> list[Challenge]:
    """For a round report: challenges about these rounds (this one and the previous) or about no round in
    particular, asked on or after `asked_from` (the previous round's start; every one when None). Open
    first, then answered; oldest first."""
    query = select(Challenge).where(or_(Challenge.round_id.in_(list(round_ids)), Challenge.round_id.is_(None)))
    if asked_from is not None:
        query = query.where(Challenge.asked_on >= asked_from)
    found = list(db.session.scalars(query.order_by(Challenge.asked_on, Challenge.id)))
    return [challenge for challenge in found if not challenge.answer] + [c for c in found if c.answer]
