"""The codebook and hand coding as the database holds them, in the shapes `analysis.themes` takes,
and a worker's recoding of one answer. Changes flush; the view commits once.

Retired themes: a theme a worker retires is no longer offered for coding and never matches
automatically, but answers already coded with it by hand keep it. So that `analysis.themes`
(which refuses hand codings outside the codebook) never fails, `codebook()` carries every retired
theme that a hand coding still uses, with no words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select

from analysis import extract
from analysis.themes import MANUAL_COLUMNS, TEXT_COLUMNS, Codebook, auto_codes, code_answers, fingerprint
from analysis.themes import Theme as CodebookTheme

from ..audit import audit
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


def recode(round_id: int, response_id: str, question_id: str, themes: list[str] | None,
           actor: str | None = None) -> ManualCoding | None:
    """Code one answer by hand: ``themes`` replaces its automatic themes (an empty list means
    "no theme"); ``None`` removes the hand coding so the automatic themes count again. Audited when
    ``actor`` is given (round, question and theme codes; never the answer).

    Only active themes may be chosen, except a retired theme the answer already has."""
    coded = _recode(round_id, response_id, question_id, themes)
    if actor is not None:
        chosen = "automatic themes again" if coded is None else coded.themes or "no theme"
        audit(actor, "answer coded by hand", f"round {round_id}, question {question_id}: {chosen}")
    return coded


def _recode(round_id: int, response_id: str, question_id: str, themes: list[str] | None) -> ManualCoding | None:
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


MAX_BULK = 1000


@dataclass(frozen=True)
class BulkCoded:
    changed: int  # answers whose themes changed
    unchanged: int  # answers that already had (or already lacked) the themes


def answers_named(keys: list[tuple[str, str]]) -> list:
    """Conditions finding the answers ``(response id, question id)`` by the primary key's index (a row-value
    ``IN`` is not, on PostgreSQL), with others too: keep only ``keys`` from what they find. Add no condition
    on the text: PostgreSQL would then read the written answers' partial indexes instead."""
    return [Answer.response_id.in_(sorted({response_id for response_id, _ in keys})),
            Answer.question_id.in_(sorted({question_id for _, question_id in keys}))]


def _answers_chosen(keys: list[tuple[str, str]], round_id: int | None) -> list:
    """The written answers named by ``keys`` (response id, question id), in ``round_id`` if given;
    refused (nothing changed) if any is not one."""
    if not keys:
        raise CodingRefused("Choose at least one answer: tick its box in the table")
    if len(keys) > MAX_BULK:
        raise CodingRefused(f"Choose at most {MAX_BULK} answers at a time")
    found = db.session.execute(
        select(Answer.response_id, Answer.question_id, Answer.round_id, Answer.text, Answer.themes,
               Answer.codebook_key)
        .where(*answers_named(keys))
    ).all()
    wanted = set(keys)
    found = [row for row in found if (row.response_id, row.question_id) in wanted and row.text]
    wrong = len(keys) - len([row for row in found if round_id is None or row.round_id == round_id])
    if wrong:
        where = " in this round" if round_id is not None else ""
        raise CodingRefused(f"{wrong} of the {len(keys)} answers chosen {'is' if wrong == 1 else 'are'} not a "
                            f"written answer{where}. Nothing was changed: choose the answers again from the table")
    return found


def code_many(keys: list[tuple[str, str]], codes: list[str], add: bool, actor: str,
              round_id: int | None = None) -> BulkCoded:
    """Add ``codes`` to (or, ``add`` false, remove them from) the themes of many written answers at once,
    as a hand coding of each (like ``recode``: it replaces the automatic themes, starting from the themes
    the answer counts under now). All or nothing: an id that is not a written answer (of ``round_id``
    when given) refuses the lot. Audited with theme codes and counts only."""
    keys = list(dict.fromkeys(keys))
    codes = list(dict.fromkeys(code for code in codes if code))
    if not codes:
        raise CodingRefused("Choose a theme to " + ("add to" if add else "remove from") + " the answers")
    themes = {theme.code: theme for theme in db.session.scalars(select(Theme))}
    usable = [code for code in codes if code in themes and (themes[code].active or not add)]
    if len(usable) != len(codes):
        raise CodingRefused("Choose themes from the list (a retired theme cannot be added)")
    found = _answers_chosen(keys, round_id)
    book = codebook()
    key = fingerprint(book)
    hand = {(coding.response_id, coding.question_id): coding
            for coding in db.session.scalars(select(ManualCoding).where(
                ManualCoding.response_id.in_([response_id for response_id, _ in keys])))}
    order = {code: theme.id for code, theme in themes.items()}
    changed = 0
    for row in found:
        coding = hand.get((row.response_id, row.question_id))
        if coding is not None:
            now = set(coding.themes.split())
        elif row.themes is not None and row.codebook_key == key:
            now = set(row.themes.split())
        else:
            now = set(auto_codes([row.text], book)[0].split())
        wanted = now | set(codes) if add else now - set(codes)
        if wanted == now:
            continue
        chosen = " ".join(sorted(wanted, key=lambda code: order.get(code, len(order))))
        if coding is None:
            db.session.add(ManualCoding(response_id=row.response_id, question_id=row.question_id, themes=chosen))
        else:
            coding.themes = chosen
        changed += 1
    db.session.flush()
    rounds = sorted({row.round_id for row in found})
    audit(actor, "answers coded in bulk",
          f"{'added' if add else 'removed'} {' '.join(codes)}: {changed} of {len(found)} written answers changed "
          f"(round{'s' if len(rounds) > 1 else ''} {', '.join(map(str, rounds))})")
    return BulkCoded(changed, len(found) - changed)


def position_of(round_id: int, question_id: str, response_id: str) -> int | None:
    """Where a written answer comes (0 first) in ``answers_page``'s order, or None if there is none."""
    week = db.session.scalar(select(SurveyResponse.week_of).where(SurveyResponse.id == response_id,
                                                                   SurveyResponse.round_id == round_id))
    if week is None or answer_text(round_id, response_id, question_id) is None:
        return None
    return db.session.scalar(
        _texts_statement(round_id, [question_id]).with_only_columns(func.count())
        .where((SurveyResponse.week_of < week)
               | ((SurveyResponse.week_of == week) & (Answer.response_id < response_id)))
    ) or 0
