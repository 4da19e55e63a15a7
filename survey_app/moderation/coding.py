"""The codebook and hand coding as the database holds them, in the shapes `analysis.themes` takes,
and a worker's recoding of one answer. Changes flush; the view commits once.

Retired themes: a theme a worker retires is no longer offered for coding and never matches
automatically, but answers already coded with it by hand keep it. So that `analysis.themes`
(which refuses hand codings outside the codebook) never fails, `codebook()` carries every retired
theme that a hand coding still uses, with no words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd
from sqlalchemy import func, select

from analysis import extract
from analysis.themes import MANUAL_COLUMNS, TEXT_COLUMNS, Codebook, code_answers, fingerprint
from analysis.themes import Theme as CodebookTheme

from ..extensions import db
from ..form_problems import FormInvalid
from ..models import Answer, ManualCoding, StrategyPriority, SurveyResponse, Theme


class CodingRefused(FormInvalid):
    """A recoding that cannot be saved; the message says why in plain words."""


def words_of(theme: Theme) -> tuple[str, ...]:
    return tuple(word.strip() for word in theme.words.splitlines() if word.strip())


def hand_coding_uses() -> Counter[str]:
    """How many hand-coded answers (all rounds) use each theme code."""
    uses: Counter[str] = Counter()
    for themes in db.session.scalars(select(ManualCoding.themes)):
        uses.update(set(themes.split()))
    return uses


def codebook() -> Codebook:
    """The active themes, in the order they were added (the shipped codebook first), then any retired
    theme that hand codings still use (with no words, so it never matches automatically)."""
    themes = list(db.session.scalars(select(Theme).order_by(Theme.id)))
    used = hand_coding_uses() if any(not theme.active for theme in themes) else Counter()
    priorities = tuple(db.session.scalars(select(StrategyPriority.code).order_by(StrategyPriority.position)))
    return Codebook(
        tuple(
            CodebookTheme(theme.code, theme.title, theme.priority_code, words_of(theme) if theme.active else ())
            for theme in themes
            if theme.active or used[theme.code]
        ),
        priorities=priorities,
    )


def manual_frame(round_id: int, question_id: str | None = None) -> pd.DataFrame:
    """``response_id, question_id, theme`` for every hand-coded answer of the round (of one question
    if given); an answer coded as "no theme" has one row with an empty theme."""
    statement = (
        select(ManualCoding.response_id, ManualCoding.question_id, ManualCoding.themes)
        .join(SurveyResponse, SurveyResponse.id == ManualCoding.response_id)
        .where(SurveyResponse.round_id == round_id)
    )
    if question_id is not None:
        statement = statement.where(ManualCoding.question_id == question_id)
    records = [
        (response_id, question, theme)
        for response_id, question, themes in db.session.execute(statement)
        for theme in (themes.split() or [""])
    ]
    return pd.DataFrame(records, columns=MANUAL_COLUMNS)


def _texts_statement(round_id: int, question_ids: Iterable[str] | None):
    statement = (
        select(Answer.response_id, Answer.question_id, Answer.text)
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .where(SurveyResponse.round_id == round_id, Answer.text.is_not(None), Answer.text != "",
               Answer.skipped.is_(False))
    )
    if question_ids is not None:
        statement = statement.where(Answer.question_id.in_(list(question_ids)))
    return statement


def free_texts(round_id: int, question_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """``response_id, question_id, text``: every written answer of the round (raw: staff pages only)."""
    rows = db.session.execute(_texts_statement(round_id, question_ids).order_by(Answer.question_id,
                                                                                 Answer.response_id))
    return pd.DataFrame([tuple(row) for row in rows], columns=TEXT_COLUMNS)


def answer_counts(round_id: int) -> dict[str, int]:
    """How many young people wrote something, per question, in the round. A row with a text is never a
    skip, so the conditions are exactly those of ``ix_answers_written``, which the database reads
    (about 100,000 rows in a big round, not 2.7 million); answers are counted only with their response."""
    rows = db.session.execute(
        select(Answer.question_id, func.count(func.distinct(Answer.response_id)))
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .where(Answer.round_id == round_id, SurveyResponse.round_id == round_id, Answer.text.is_not(None),
               Answer.text != "")
        .group_by(Answer.question_id)
    )
    return {question_id: count for question_id, count in rows}


def scored_texts(round_id: int, question_ids: Iterable[str] | None = None,
                 book: Codebook | None = None) -> pd.DataFrame:
    """``analysis.extract.text_scores_frame`` for the round (of ``question_ids`` if given) and the
    database codebook: the written answers with the sentiment and theme codes stored with them, the text
    only where one of those is missing (see ``text_scores``)."""
    key = fingerprint(book if book is not None else codebook())
    return extract.text_scores_frame(db.session.connection(), round_id, key,
                                     None if question_ids is None else list(question_ids))


def written(round_id: int, question_ids: Iterable[str] | None = None,
            book: Codebook | None = None) -> extract.WrittenSummary:
    """``analysis.extract.written_summary`` for the round and the database codebook: the written answers'
    stored theme codes and sentiment counted by the database, and the few answers to score here."""
    key = fingerprint(book if book is not None else codebook())
    return extract.written_summary(db.session.connection(), round_id, key,
                                   None if question_ids is None else list(question_ids))


def coded_answers(round_id: int, question_ids: Iterable[str] | None = None, *, texts: pd.DataFrame | None = None,
                  book: Codebook | None = None) -> pd.DataFrame:
    """``response_id, question_id, theme, source`` ('auto' or 'manual') for the round's written
    answers, with the database codebook; a worker's hand coding replaces the automatic themes.
    Automatic themes are those stored with each answer (matched here only where missing or matched with
    another codebook); pass ``texts`` (from ``scored_texts``) and ``book`` when already read."""
    book = book if book is not None else codebook()
    texts = texts if texts is not None else scored_texts(round_id, question_ids, book)
    manual = manual_frame(round_id)
    if question_ids is not None:
        manual = manual.loc[manual["question_id"].isin(list(question_ids))]
    return code_answers(texts, book, manual)


def answer_text(round_id: int, response_id: str, question_id: str) -> str | None:
    """The written answer of one response to one question in the round, or None."""
    return db.session.scalar(
        select(Answer.text)
        .join(SurveyResponse, SurveyResponse.id == Answer.response_id)
        .where(SurveyResponse.round_id == round_id, Answer.response_id == response_id,
               Answer.question_id == question_id, Answer.text.is_not(None), Answer.skipped.is_(False))
    )


def recode(round_id: int, response_id: str, question_id: str, themes: list[str] | None) -> ManualCoding | None:
    """Code one answer by hand: ``themes`` replaces its automatic themes (an empty list means
    "no theme"); ``None`` removes the hand coding so the automatic themes count again.

    Only active themes may be chosen, except a retired theme the answer already has."""
    if answer_text(round_id, response_id, question_id) is None:
        raise CodingRefused("There is no written answer there to code")
    existing = db.session.get(ManualCoding, (response_id, question_id))
    if themes is None:
        if existing is not None:
            db.session.delete(existing)
            db.session.flush()
        return None
    allowed = set(db.session.scalars(select(Theme.code).where(Theme.active)))
    allowed |= set(existing.themes.split()) if existing is not None else set()
    unknown = sorted(set(themes) - allowed)
    if unknown:
        raise CodingRefused(f"These themes cannot be used: {', '.join(unknown)}. Choose from the list")
    order = {code: index for index, code in enumerate(db.session.scalars(select(Theme.code).order_by(Theme.id)))}
    chosen = " ".join(sorted(set(themes), key=lambda code: order.get(code, len(order))))
    if existing is None:
        existing = ManualCoding(response_id=response_id, question_id=question_id, themes=chosen)
        db.session.add(existing)
    else:
        existing.themes = chosen
    db.session.flush()
    return existing


def answers_page(round_id: int, question_id: str, page: int, per_page: int) -> tuple[pd.DataFrame, int]:
    """One page of a question's written answers (``response_id, question_id, text``, in a fixed
    order) and how many there are in all."""
    total = answer_counts(round_id).get(question_id, 0)
    rows = db.session.execute(
        _texts_statement(round_id, [question_id])
        .order_by(SurveyResponse.week_of, Answer.response_id)
        .limit(per_page)
        .offset(max(page - 1, 0) * per_page)
    )
    return pd.DataFrame([tuple(row) for row in rows], columns=TEXT_COLUMNS), total


def coded_frame(texts: pd.DataFrame, round_id: int) -> pd.DataFrame:
    """``analysis.themes.code_answers`` for some of the round's answers (e.g. one page of them)."""
    manual = manual_frame(round_id)
    keys = set(zip(texts["response_id"], texts["question_id"], strict=True))
    manual = manual.loc[[(r, q) in keys for r, q in zip(manual["response_id"], manual["question_id"],
                                                          strict=True)]]
    return code_answers(texts, codebook(), manual)


def hand_codings(question_id: str, response_ids: list[str]) -> dict[str, ManualCoding]:
    """The hand codings of some answers to a question, by response id."""
    rows = db.session.scalars(select(ManualCoding).where(ManualCoding.question_id == question_id,
                                                          ManualCoding.response_id.in_(response_ids)))
    return {coding.response_id: coding for coding in rows}
