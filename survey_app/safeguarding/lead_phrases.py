"""Phrases the safeguarding lead adds in the app, without a deploy: say a new word young people use
locally for a drug, a gang or a place. Matched beside worrying_patterns.txt. Every worker process
sees a change at its next check: the phrases are re-read when their count or newest id changes (one
small query per written answer). Changes are audited. Changes flush; views commit."""

from __future__ import annotations

import datetime as dt
import re

from flask import has_app_context
from sqlalchemy import delete, func, select

from ..audit import audit
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import SafeguardingPhrase
from .normalise import normalise
from .phrases import find_worrying, phrase_pattern

MIN_LENGTH, MAX_LENGTH = 3, 100

_cache: dict[str, object] = {"version": None, "patterns": ()}


class PhraseRefused(FormInvalid):
    pass


def lead_phrases() -> list[SafeguardingPhrase]:
    return list(db.session.scalars(select(SafeguardingPhrase).order_by(SafeguardingPhrase.phrase)))


def lead_phrase_patterns() -> tuple[re.Pattern[str], ...]:
    """The lead's phrases as patterns; none outside the app (a notebook, the evaluation)."""
    if not has_app_context():
        return ()
    version = tuple(db.session.execute(select(func.count(), func.max(SafeguardingPhrase.id))).one())
    if _cache["version"] != version:
        phrases = db.session.scalars(select(SafeguardingPhrase.phrase)).all()
        _cache["patterns"] = tuple(phrase_pattern(phrase) for phrase in phrases)
        _cache["version"] = version
    return _cache["patterns"]  # type: ignore[return-value]


def add_phrase(phrase: str, actor: str, today: dt.date | None = None) -> tuple[SafeguardingPhrase, str | None]:
    """Add a phrase; returns it and, when the built-in patterns already find it, their category."""
    written = normalise(phrase)
    if not MIN_LENGTH <= len(written) <= MAX_LENGTH:
        raise PhraseRefused(f"Write a word or phrase of {MIN_LENGTH} to {MAX_LENGTH} letters")
    if db.session.scalar(select(SafeguardingPhrase).where(SafeguardingPhrase.phrase == written)) is not None:
        raise PhraseRefused(f"“{written}” is on the list already")
    already = find_worrying(written)
    row = SafeguardingPhrase(phrase=written, added_by=actor, added_on=today or dt.date.today())
    db.session.add(row)
    db.session.flush()
    audit(actor, "safeguarding phrase added", f"phrase {row.id}: {written}")
    return row, already.category if already else None


def remove_phrase(phrase_id: int, actor: str) -> None:
    row = db.session.get(SafeguardingPhrase, phrase_id)
    if row is None:
        raise PhraseRefused("That phrase isn’t on the list (someone may have removed it)")
    audit(actor, "safeguarding phrase removed", f"phrase {row.id}: {row.phrase}")
    db.session.execute(delete(SafeguardingPhrase).where(SafeguardingPhrase.id == phrase_id))
