"""Written answers as a table: one page of them (100 by default), found with filters the database applies
(round, question, words in the answer, theme, sentiment, coding state), so a round of 100,000 responses is
never read into Python. Staff pages only (the answers are as written).

The theme filter reads the themes an answer counts under: its hand coding where there is one, else the
automatic theme codes stored with it (``answers.themes``). Answers whose stored codes were matched with an
older codebook are filtered by those until ``flask answers recode`` (or the queued job) has run; the table
itself shows their themes coded afresh. Sentiment uses the stored score and the report's cut-offs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from analysis.redaction import rules_fingerprint
from analysis.sentiment import NEGATIVE_BELOW, POSITIVE_ABOVE, scored_polarity
from analysis.themes import auto_codes, fingerprint
from analysis.written_language import is_scored_code, written_language

from ..extensions import db
from ..models import Answer, ManualCoding, Quote, SurveyRound
from ..models.statuses import QuoteStatus
from .coding import answers_named, codebook

PER_PAGE = 100
MAX_SEARCH_WORDS = 8
NO_THEME = "none"
SENTIMENTS = {"positive": _l("Positive"), "neutral": _l("Neutral"), "negative": _l("Negative")}
STATES = {"not_coded": _l("Not coded by hand"), "coded": _l("Coded by hand"),
          "put_forward": _l("Put forward as a quote (waiting)"), "approved": _l("Approved quote")}


@dataclass(frozen=True)
class Filters:
    """What the table shows; every field "" means "any". ``round`` is a round's slug."""

    round: str = ""
    question: str = ""
    search: str = ""
    theme: str = ""
    sentiment: str = ""
    state: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        """From a request's query string or form; a sentiment, coding state or page that is not offered is
        read as "any" (or page 1); an unknown question or theme simply matches nothing."""
        page = str(args.get("page", "1"))
        return cls(
            round=str(args.get("round", "")).strip()[:32],
            question=str(args.get("question", "")).strip()[:64],
            search=" ".join(str(args.get("q", "")).split()[:MAX_SEARCH_WORDS])[:200],
            theme=str(args.get("theme", "")).strip()[:64],
            sentiment=str(args.get("sentiment", "")) if args.get("sentiment") in SENTIMENTS else "",
            state=str(args.get("state", "")) if args.get("state") in STATES else "",
            page=int(page) if page.isdigit() and 0 < int(page) < 1_000_000 else 1,
        )

    def args(self, **changes: Any) -> dict[str, Any]:
        """The query string of these filters (only the ones set), e.g. for ``url_for``."""
        chosen = replace(self, **changes)
        found = {"round": chosen.round, "question": chosen.question, "q": chosen.search, "theme": chosen.theme,
                 "sentiment": chosen.sentiment, "state": chosen.state}
        found = {name: value for name, value in found.items() if value}
        if chosen.page > 1:
            found["page"] = chosen.page
        return found

    @property
    def any_set(self) -> bool:
        return bool(self.question or self.search or self.theme or self.sentiment or self.state)


@dataclass(frozen=True)
class Row:
    response_id: str
    question_id: str
    round_id: int
    text: str
    themes: tuple[str, ...]
    by_hand: bool
    sentiment: str
    quote_id: int | None
    quote_status: str | None
    nothing_redacted: bool = False  # known from the stored redaction: nothing to mark in the text
    # the language the answer is written in when known ("cy", "und-Arab"), None when not known or English
    language: str | None = None

    @property
    def scored(self) -> bool:
        """False for an answer in a language sentiment and themes don't read: shown as "not scored"."""
        return self.sentiment != NOT_SCORED

    @property
    def key(self) -> str:
        """The answer's value in the bulk coding form (ids are hex, so "." never occurs in one)."""
        return f"{self.response_id}.{self.question_id}"


@dataclass
class TablePage:
    rows: list[Row]
    total: int
    page: int
    pages: int
    per_page: int
    stale: int = 0  # answers on the page whose themes were coded here (stored with an older codebook)
    warnings: list[str] = field(default_factory=list)


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def written_condition() -> ColumnElement[bool]:
    """A written answer, exactly as ``ix_answers_written`` is defined, so the database reads that index."""
    return and_(Answer.text.is_not(None), Answer.text != "")


def _counted_themes() -> ColumnElement[str]:
    """The theme codes an answer counts under, space-separated with a space either side."""
    themes = func.coalesce(func.coalesce(ManualCoding.themes, Answer.themes), "")
    return literal(" ").concat(themes).concat(" ")


def conditions(filters: Filters, round_id: int | None) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [written_condition()]
    if round_id is not None:
        found.append(Answer.round_id == round_id)
    if filters.question:
        found.append(Answer.question_id == filters.question)
    for word in filters.search.split():
        found.append(Answer.text.ilike(f"%{_escaped(word)}%", escape="\\"))
    if filters.theme == NO_THEME:
        found.append(_counted_themes() == "  ")
    elif filters.theme:
        found.append(_counted_themes().like(f"% {_escaped(filters.theme)} %", escape="\\"))
    if filters.sentiment == "positive":
        found.append(Answer.sentiment > POSITIVE_ABOVE)
    elif filters.sentiment == "negative":
        found.append(Answer.sentiment < NEGATIVE_BELOW)
    elif filters.sentiment == "neutral":
        found.append(Answer.sentiment.between(NEGATIVE_BELOW, POSITIVE_ABOVE))
    if filters.state == "not_coded":
        found.append(ManualCoding.response_id.is_(None))
    elif filters.state == "coded":
        found.append(ManualCoding.response_id.is_not(None))
    elif filters.state == "put_forward":
        found.append(Quote.status == QuoteStatus.PENDING)
    elif filters.state == "approved":
        found.append(Quote.status == QuoteStatus.APPROVED)
    return found


def _joined(statement, *, coding: bool, quote: bool):
    if coding:
        statement = statement.outerjoin(ManualCoding, and_(ManualCoding.response_id == Answer.response_id,
                                                           ManualCoding.question_id == Answer.question_id))
    if quote:
        statement = statement.outerjoin(Quote, and_(Quote.response_id == Answer.response_id,
                                                    Quote.question_id == Answer.question_id))
    return statement


def count(filters: Filters, round_id: int | None) -> int:
    """How many written answers match (joining codings and quotes only when a filter needs them)."""
    statement = _joined(select(func.count()).select_from(Answer),
                        coding=bool(filters.theme) or filters.state in ("coded", "not_coded"),
                        quote=filters.state in ("put_forward", "approved"))
    return db.session.scalar(statement.where(*conditions(filters, round_id))) or 0


NOT_SCORED = "not scored"


def sentiment_label(score: float | None) -> str:
    if score is None:
        return NOT_SCORED
    return "positive" if score > POSITIVE_ABOVE else "negative" if score < NEGATIVE_BELOW else "neutral"


def _keys_of_page(filters: Filters, round_id: int | None, page: int, per_page: int) -> list[tuple[str, str]]:
    """The answers on the page, found in order from ``ix_answers_written_table`` alone where the filters
    allow (the text is read only for a search), so a deep page costs no more than the first."""
    statement = _joined(select(Answer.response_id, Answer.question_id).select_from(Answer),
                        coding=bool(filters.theme) or filters.state in ("coded", "not_coded"),
                        quote=filters.state in ("put_forward", "approved"))
    found = db.session.execute(
        statement.where(*conditions(filters, round_id))
        .order_by(Answer.round_id.desc(), Answer.question_id, Answer.response_id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return [(row.response_id, row.question_id) for row in found]


def table_page(filters: Filters, round_id: int | None, per_page: int = PER_PAGE) -> TablePage:
    """The page of matching answers ``filters.page`` asks for (the last page if it is past the end), in a
    fixed order: newest round first, then question, then the answer's random id (never the order sent)."""
    total = count(filters, round_id)
    pages = max(1, -(-total // per_page))
    page = min(filters.page, pages)
    keys = _keys_of_page(filters, round_id, page, per_page)
    if not keys:
        return TablePage([], total, page, pages, per_page)
    statement = _joined(
        select(Answer.response_id, Answer.question_id, Answer.round_id, Answer.text, Answer.sentiment,
               Answer.themes, Answer.codebook_key, Answer.redacted, Answer.redaction_key, Answer.language,
               ManualCoding.themes.label("hand"), ManualCoding.response_id.label("coded"),
               Quote.id.label("quote_id"), Quote.status.label("quote_status"))
        .select_from(Answer),
        coding=True, quote=True,
    ).where(*answers_named(keys))
    by_key = {(row.response_id, row.question_id): row for row in db.session.execute(statement) if row.text}
    found = [by_key[key] for key in keys if key in by_key]
    book = codebook()
    key = fingerprint(book)
    stale = [row.text for row in found if row.coded is None and (row.themes is None or row.codebook_key != key)]
    fresh = iter(auto_codes(stale, book)) if stale else iter(())
    redaction_key = rules_fingerprint()
    rows = []
    for row in found:
        if row.coded is not None:
            codes = row.hand or ""
        elif row.themes is None or row.codebook_key != key:
            codes = next(fresh)
        else:
            codes = row.themes
        language = row.language if row.language is not None else written_language(row.text).code
        if not is_scored_code(language):
            score = None
        else:
            score = row.sentiment if row.sentiment is not None else scored_polarity(row.text)
        clean = row.redaction_key == redaction_key and row.redacted == row.text  # redaction hid nothing
        rows.append(Row(row.response_id, row.question_id, row.round_id, row.text, tuple(codes.split()),
                        row.coded is not None, sentiment_label(score), row.quote_id, row.quote_status, clean,
                        None if language == "en" else language))
    return TablePage(rows, total, page, pages, per_page, stale=len(stale))


def rounds_newest_first() -> list[tuple[int, str, str]]:
    """``(id, slug, title)`` of every round, newest first (the round filter's choices)."""
    return [tuple(row) for row in db.session.execute(
        select(SurveyRound.id, SurveyRound.slug, SurveyRound.title).order_by(SurveyRound.id.desc()))]
