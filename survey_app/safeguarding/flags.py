"""Worrying answers reach the safeguarding lead exactly once, and never lead back to a response.

1. *Hold*: the moment a young person gives a worrying answer (the same request that shows them the help
   page), it is written to `held_flags`, together with a note in their draft that it is held. So
   every way a draft can end (sending, "Exit this page", "Start again", closing the phone and letting
   it expire, another tab or device with the same draft) keeps it, and going back and pressing Continue
   again does not hold it twice. Paper responses hold theirs when they are entered.
2. *Release*: `release_held_flags` moves every held answer to `safeguarding_flags` in one transaction,
   in a shuffled order, with the day of release: deleting the held rows with DELETE … RETURNING, so two
   releases running at once (two workers, two cron jobs) each get different rows and never raise one
   twice. It runs from the scheduled `flask survey purge-drafts` and when the safeguarding lead opens
   their queue; never inside a young person's request.

What a flag keeps: the round, the question and the answer as given (the lead needs the words), the
reason and the day it was released. It keeps no response id, no week of sending, not whether the survey
was sent, and it is never written in the transaction that stores a response, so neither a shared
transaction id nor an order of insertion joins it to one. The answer's words are the one link left: a
written answer is also stored with its response. README's "What someone with the database can learn"
says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import secrets
from collections.abc import Iterable

from sqlalchemy import delete

from ..extensions import db
from ..models import Draft, HeldFlag, SafeguardingFlag
from ..questionnaire.schema import Question, Questionnaire
from .triggers import hold_reason

_shuffle = random.SystemRandom().shuffle


def _digest(draft_token: str, question_id: str, answer: dict) -> str:
    material = json.dumps([draft_token, question_id, answer], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _shown(question: Question, answer: dict) -> str:
    given = answer.get("text") or ", ".join(question.label_for(value) for value in answer.get("choices", []))
    return f"{question.text} — {given}"


def _held(round_id: int, question: Question, answer: dict, reason: str, digest: str) -> HeldFlag:
    return HeldFlag(digest=digest, round_id=round_id, question_id=question.id, reason=reason,
                    answer_text=_shown(question, answer))


def hold_if_worrying(draft: Draft, question: Question, answer: dict) -> str | None:
    """Hold this answer for the safeguarding lead if it is worrying, or written in a language no phrase
    list reads or not the page's (`draft.language`), and not held already; returns the reason (a
    FlagReason) when it is worrying, so the caller shows help (not for the language alone)."""
    shown, held = hold_reason(question, answer, draft.language or "en")
    if held is None:
        return None
    digest = _digest(draft.id, question.id, answer)
    if digest not in (draft.raised or []):
        draft.raised = [*(draft.raised or []), digest]
        db.session.add(_held(draft.round_id, question, answer, held, digest))
    return shown


def hold_worrying_answers(questionnaire: Questionnaire, answers: dict[str, dict], round_id: int,
                          language: str = "en") -> int:
    """Hold every worrying answer of a response entered by hand (paper), and every written answer no
    phrase list reads or not in the form's `language`. Returns how many."""
    held = 0
    for question_id, answer in answers.items():
        question = questionnaire.question(question_id)
        _shown, reason = hold_reason(question, answer, language)
        if reason:
            digest = _digest(secrets.token_urlsafe(32), question_id, answer)
            db.session.add(_held(round_id, question, answer, reason, digest))
            held += 1
    return held


def release_held_flags(today: dt.date | None = None) -> list[SafeguardingFlag]:
    """Move every held answer to the safeguarding queue, in a shuffled order. Flushes; the caller
    commits (and then tells the leads: `notify_released`)."""
    rows = db.session.execute(
        delete(HeldFlag).returning(HeldFlag.round_id, HeldFlag.question_id, HeldFlag.reason, HeldFlag.answer_text)
    ).all()
    if not rows:
        return []
    rows = list(rows)
    _shuffle(rows)
    day = today or dt.date.today()
    flags = [SafeguardingFlag(round_id=row.round_id, question_id=row.question_id, reason=row.reason,
                              answer_text=row.answer_text, raised_on=day) for row in rows]
    db.session.add_all(flags)
    db.session.flush()
    return flags


def release_and_notify(today: dt.date | None = None) -> int:
    """Release held answers in their own transaction, then email the safeguarding leads. Returns how many."""
    flags = release_held_flags(today)
    db.session.commit()
    if flags:
        notify_released({flag.round_id for flag in flags})
    return len(flags)


def notify_released(round_ids: Iterable[int]) -> None:
    """Tell the safeguarding leads that rounds have new answers to look at (no words, no times)."""
    from .notify import notify_leads

    notify_leads(set(round_ids))
