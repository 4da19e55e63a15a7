"""Quotes: a young person's written answer, redacted and checked by a worker, for boards and children.

The rules (views only call these):

- Putting an answer forward makes a *pending* quote whose wording is the answer after
  ``analysis.redaction.redact``. The raw answer stays where it is (staff pages only).
- While pending, a worker may change the wording only to hide more or to shorten it: every word
  of the new wording must be in the redacted wording, in the same order; words may be left out or
  hidden behind a placeholder ([name], [school], [place]…); punctuation and capitals may change.
- Under the four-eyes rule (``QUOTES_FOUR_EYES``), the person who put a quote forward may not approve
  it (``approval_problem``); the page does not offer them the button either.
- Approving records who and the date, and is audited (never with the young person's words). It is
  refused when the question has fewer than ``MIN_ANSWERS`` written answers in the round (a quote
  could identify someone), and when ``redact`` would still replace something in the wording.
- An approved or rejected quote can be withdrawn: back to pending, for another look.
- ``publishable_quotes(round_id)`` is the one way a quote leaves staff moderation pages (board report,
  children's page, action findings and links); it checks both rules again, every time. An approved
  quote that fails them is *withheld*: staff moderation pages still show it, with ``withheld_reason``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
from flask import current_app
from sqlalchemy import select

from analysis.redaction import PLACEHOLDERS, redact
from analysis.themes import MANUAL_COLUMNS, TEXT_COLUMNS, code_answers

from ..audit import audit
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import ManualCoding, Quote, SurveyRound, Theme
from ..models.statuses import QuoteStatus
from .coding import answer_counts, answer_text, codebook

MIN_ANSWERS = 10
MAX_QUOTE = 2000
EXTRA_PLACEHOLDERS = ("[place]", "[date]", "[age]", "[detail]", "[…]", "[...]")
ALLOWED_PLACEHOLDERS = (*PLACEHOLDERS.values(), *EXTRA_PLACEHOLDERS)
_TOKEN = re.compile(r"\[[^\]\n]{0,30}\]|\w+(?:['’]\w+)*")


class QuoteRefused(FormInvalid):
    """A change to a quote that the rules do not allow; the message says why in plain words."""


@dataclass(frozen=True)
class PublishableQuote:
    id: int
    round_id: int
    question_id: str
    theme_code: str
    text: str
    reviewed_on: dt.date | None


def too_few_answers(count: int) -> str:
    return (f"Only {count} young {'person' if count == 1 else 'people'} wrote an answer to this question in "
            f"this round. With fewer than {MIN_ANSWERS} answers a quote could identify someone, so it cannot "
            "be approved.")


def _tokens(text: str) -> list[tuple[str, str]]:
    """``(comparable, as written)`` for each word and placeholder."""
    return [(token.lower().replace("’", "'"), token) for token in _TOKEN.findall(text)]


def wording_problem(redacted: str, wording: str) -> str | None:
    """Why ``wording`` is not ``redacted`` shortened or with more hidden, or None if it is."""
    if not wording.strip():
        return "The quote is empty. Write the words to quote, or reject it"
    if len(wording) > MAX_QUOTE:
        return f"The quote is too long: keep it under {MAX_QUOTE} characters"
    tokens = _tokens(wording)
    odd = [written for token, written in tokens if token.startswith("[") and token not in ALLOWED_PLACEHOLDERS]
    if odd:
        return (f"{odd[0]} is not a placeholder we use. Hide words with one of: "
                f"{', '.join(ALLOWED_PLACEHOLDERS[:-1])}")
    available = iter([token for token, _ in _tokens(redacted) if not token.startswith("[")])
    for token, written in tokens:
        if not token.startswith("[") and not any(token == candidate for candidate in available):
            return (f"“{written}” is not in the answer, or not in that order. A quote can only be shortened or "
                    "have more hidden: leave words out, or replace them with a placeholder such as [name]")
    return None


def leftovers(wording: str) -> list[tuple[str, str]]:
    """``(kind, words)`` that redaction would still replace in the wording."""
    return redact(wording).found


def leftovers_problem(wording: str) -> str | None:
    found = leftovers(wording)
    if not found:
        return None
    listed = "; ".join(f"{kind} “{words}”" for kind, words in found)
    return (f"This wording may still identify someone: redaction would hide {listed}. Replace it with a "
            "placeholder or leave it out, then approve")


def _first_theme(round_id: int, response_id: str, question_id: str, text: str) -> str:
    coding = db.session.get(ManualCoding, (response_id, question_id))
    manual = pd.DataFrame(
        [(response_id, question_id, theme) for theme in (coding.themes.split() or [""])] if coding else [],
        columns=MANUAL_COLUMNS,
    )
    coded = code_answers(pd.DataFrame([(response_id, question_id, text)], columns=TEXT_COLUMNS), codebook(), manual)
    return str(coded["theme"].iloc[0]) if not coded.empty else ""


def put_forward(survey_round: SurveyRound, response_id: str, question_id: str, actor: str) -> tuple[Quote, bool]:
    """The quote for this answer: a new pending one with the redacted wording, or the one already
    made. Returns (quote, newly made)."""
    existing = db.session.scalar(select(Quote).where(Quote.response_id == response_id,
                                                     Quote.question_id == question_id))
    if existing is not None:
        return existing, False
    text = answer_text(survey_round.id, response_id, question_id)
    if not text:
        raise QuoteRefused("There is no written answer there to quote")
    quote = Quote(round_id=survey_round.id, response_id=response_id, question_id=question_id,
                  text=redact(text).text, theme_code=_first_theme(survey_round.id, response_id, question_id, text),
                  status=QuoteStatus.PENDING, reviewed_by="", put_forward_by=actor)
    db.session.add(quote)
    db.session.flush()
    audit(actor, "quote put forward", f"quote {quote.id}: round “{survey_round.title}”, question {question_id}")
    return quote, True


def original_of(quote: Quote) -> str:
    """The young person's answer as written (staff pages only)."""
    return answer_text(quote.round_id, quote.response_id, quote.question_id) or ""


def redacted_original(quote: Quote):
    """``analysis.redaction.Redacted`` of the original answer: the wording a quote starts from."""
    return redact(original_of(quote))


def edit(quote: Quote, wording: str, theme_code: str) -> None:
    """Change a pending quote's wording (only shorter or with more hidden) and its theme."""
    if quote.status != QuoteStatus.PENDING:
        raise QuoteRefused("Only a quote waiting for approval can be changed. Withdraw it first")
    wording = wording.replace("\r\n", "\n").strip()
    problem = wording_problem(redacted_original(quote).text, wording)
    if problem:
        raise QuoteRefused(problem)
    if theme_code and not db.session.scalar(select(Theme.id).where(Theme.code == theme_code)):
        raise QuoteRefused("Choose a theme from the list")
    quote.text = wording
    quote.theme_code = theme_code
    db.session.flush()


def answers_to(quote: Quote) -> int:
    return answer_counts(quote.round_id).get(quote.question_id, 0)


def four_eyes() -> bool:
    """Whether the four-eyes rule is on (the ``QUOTES_FOUR_EYES`` setting)."""
    return bool(current_app.config.get("QUOTES_FOUR_EYES"))


def approval_problem(quote: Quote, actor: str) -> str | None:
    """Why ``actor`` may not approve the quote whoever they are, or None. Under the four-eyes rule the
    person who put it forward may not approve it (a quote whose proposer is not known is not refused)."""
    if four_eyes() and quote.put_forward_by and quote.put_forward_by.lower() == actor.lower():
        return ("You put this quote forward, so someone else must approve it (the four-eyes rule is on). "
                "Ask another participation worker or an admin to check it")
    return None


def approve(quote: Quote, actor: str, today: dt.date | None = None) -> None:
    if quote.status == QuoteStatus.APPROVED:
        raise QuoteRefused("This quote is already approved")
    problem = approval_problem(quote, actor)
    if problem:
        raise QuoteRefused(problem)
    count = answers_to(quote)
    if count < MIN_ANSWERS:
        raise QuoteRefused(too_few_answers(count))
    problem = wording_problem(redacted_original(quote).text, quote.text) or leftovers_problem(quote.text)
    if problem:
        raise QuoteRefused(problem)
    quote.status, quote.reviewed_by, quote.reviewed_on = QuoteStatus.APPROVED, actor, today or dt.date.today()
    audit(actor, "quote approved", _detail(quote))
    db.session.flush()


def reject(quote: Quote, actor: str, today: dt.date | None = None) -> None:
    if quote.status == QuoteStatus.REJECTED:
        raise QuoteRefused("This quote is already rejected")
    quote.status, quote.reviewed_by, quote.reviewed_on = QuoteStatus.REJECTED, actor, today or dt.date.today()
    audit(actor, "quote rejected", _detail(quote))
    db.session.flush()


def withdraw(quote: Quote, actor: str) -> None:
    """An approved (or rejected) quote goes back to pending; reports stop showing it at once."""
    if quote.status == QuoteStatus.PENDING:
        raise QuoteRefused("This quote is already waiting for approval")
    was = quote.status
    quote.status, quote.reviewed_by, quote.reviewed_on = QuoteStatus.PENDING, "", None
    audit(actor, "quote withdrawn", f"{_detail(quote)} (was {was})")
    db.session.flush()


def _detail(quote: Quote) -> str:
    survey_round = db.session.get(SurveyRound, quote.round_id)
    return f"quote {quote.id}: round “{survey_round.title if survey_round else quote.round_id}”, " \
           f"question {quote.question_id}"


def quotes_for_round(round_id: int, status: str | None = None) -> list[Quote]:
    statement = select(Quote).where(Quote.round_id == round_id)
    if status:
        statement = statement.where(Quote.status == status)
    return list(db.session.scalars(statement.order_by(Quote.question_id, Quote.id)))


def quotes_of_answers(question_id: str, response_ids: list[str]) -> dict[str, Quote]:
    """The quotes made from some answers to a question, by response id."""
    rows = db.session.scalars(select(Quote).where(Quote.question_id == question_id,
                                                  Quote.response_id.in_(response_ids)))
    return {quote.response_id: quote for quote in rows}


def status_counts(round_id: int) -> dict[str, int]:
    counts = dict.fromkeys(QuoteStatus, 0)
    for quote in quotes_for_round(round_id):
        counts[quote.status] = counts.get(quote.status, 0) + 1
    return counts


def withheld_reason(quote: Quote, counts: dict[str, int] | None = None) -> str | None:
    """Why an approved quote may not leave staff moderation pages now, or None if it may. Both approval
    rules are checked again: the question's written answers in the round (``counts``, from
    ``answer_counts``, when the caller has them), and what ``redact`` would hide in the wording today."""
    count = (answer_counts(quote.round_id) if counts is None else counts).get(quote.question_id, 0)
    if count < MIN_ANSWERS:
        return (f"Its question now has only {count} written {'answer' if count == 1 else 'answers'} in this "
                f"round (fewer than {MIN_ANSWERS}), so the quote could identify someone")
    found = leftovers(quote.text)
    if found:
        listed = "; ".join(f"{kind} “{words}”" for kind, words in found)
        return f"Redaction would now hide {listed} in the approved wording"
    return None


def publishable_quotes(round_id: int) -> list[PublishableQuote]:
    """The round's approved quotes, in question order: the only young people's words a board report, a
    children's page or an action's findings may show. Checked again at every read (``withheld_reason``):
    a quote whose question has fewer than ``MIN_ANSWERS`` answers, or whose wording redaction would now
    change, is left out. ``theme_code`` is always one of ``codebook().codes`` or empty (a quote's retired
    theme nobody else uses is dropped)."""
    approved = quotes_for_round(round_id, QuoteStatus.APPROVED)
    if not approved:
        return []  # and no need to count the round's written answers
    counts = answer_counts(round_id)
    known = set(codebook().codes)
    return [
        PublishableQuote(quote.id, quote.round_id, quote.question_id,
                         quote.theme_code if quote.theme_code in known else "", quote.text, quote.reviewed_on)
        for quote in approved
        if withheld_reason(quote, counts) is None
    ]


def withheld_reasons(round_id: int) -> dict[int, str]:
    """Approved quotes of the round that ``publishable_quotes`` leaves out, with why (staff pages only)."""
    counts = answer_counts(round_id)
    reasons = {quote.id: withheld_reason(quote, counts) for quote in quotes_for_round(round_id, QuoteStatus.APPROVED)}
    return {quote_id: reason for quote_id, reason in reasons.items() if reason}
