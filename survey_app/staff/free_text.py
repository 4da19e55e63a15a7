"""Staff pages: young people's written answers in a round (admin and participation workers only).
Read them beside their redacted version, code them by hand, put them forward as quotes, and
approve the quotes. Rules live in survey_app/moderation/; each view commits once."""

from __future__ import annotations

import math

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from analysis.sentiment import missing_scores, summary_from_sums
from analysis.themes import count_theme_sets, missing_codes, theme_counts_from

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..answer_languages import written_in
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import Quote, SurveyRound
from ..models.statuses import QuoteStatus
from ..moderation import quotes as rules
from ..moderation.coding import (
    CodingRefused,
    answers_page,
    codebook,
    coded_frame,
    hand_codings,
    manual_frame,
    position_of,
    recode,
    written,
)
from ..moderation.highlight import highlight
from ..moderation.themes import active_themes, retired_codes, theme_titles
from ..questionnaire.store import definition
from ..rounds.operations import get_or_404
from . import bp
from .form_page import form_page

PER_PAGE = 20
STATUS_WORDS = {QuoteStatus.PENDING: "Waiting for approval", QuoteStatus.APPROVED: "Approved",
                QuoteStatus.REJECTED: "Rejected"}


def _text_questions(survey_round: SurveyRound):
    return [question for question in definition(survey_round.questionnaire_version).questions if question.is_text]


def _question(survey_round: SurveyRound, question_id: str):
    return next((q for q in _text_questions(survey_round) if q.id == question_id), None) or abort(404)


def _sentiment(summary) -> dict[str, dict]:
    table = summary_from_sums(summary.sentiment, summary.todo)
    return {row["question_id"]: row for row in table.to_dict("records")}


def _unscored(summary) -> dict[str, int]:
    """Written answers scored or coded by this page because nothing was stored for them yet (shown, so
    someone runs ``flask answers recode`` / ``rescore``); nothing when everything was stored."""
    found = {"themes": missing_codes(summary.todo), "sentiment": missing_scores(summary.todo)}
    return {name: count for name, count in found.items() if count}


@bp.route("/rounds/<slug>/free-text")
@requires(ADMIN, WORKER)
def free_text(slug: str):
    survey_round = get_or_404(slug)
    questions = _text_questions(survey_round)
    ids = [question.id for question in questions]
    book = codebook()
    summary = written(survey_round.id, ids, book)  # counted by the database from the stored scores
    sentiment = _sentiment(summary)
    counts = {question_id: row["answers"] for question_id, row in sentiment.items()}
    # the same counts as coded_answers (automatic themes, hand coding on top), per question
    counted = count_theme_sets(summary.theme_sets, summary.todo, book, manual_frame(survey_round.id))
    themes: dict[str, list[dict]] = {question_id: [] for question_id in ids}
    themes.update({question_id: theme_counts_from(mine, book).to_dict("records")
                   for question_id, mine in counted.groupby("question_id")})
    quotes = {}
    for quote in rules.quotes_for_round(survey_round.id):
        quotes.setdefault(quote.question_id, {}).setdefault(quote.status, 0)
        quotes[quote.question_id][quote.status] += 1
    return render_template(
        "staff/free_text.html", survey_round=survey_round, questions=questions, counts=counts, themes=themes,
        sentiment=sentiment, quotes=quotes, retired=retired_codes(),
        min_answers=rules.MIN_ANSWERS, unscored=_unscored(summary),
    )


@bp.route("/rounds/<slug>/free-text/<question_id>")
@requires(ADMIN, WORKER)
def free_text_question(slug: str, question_id: str):
    survey_round = get_or_404(slug)
    question = _question(survey_round, question_id)
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and int(page) > 0 else 1
    if "page" not in request.args and request.args.get("answer"):  # the page holding one answer (from the table)
        position = position_of(survey_round.id, question_id, request.args["answer"][:64])
        page = 1 if position is None else position // PER_PAGE + 1
    rows, total = answers_page(survey_round.id, question_id, page, PER_PAGE)
    pages = max(1, math.ceil(total / PER_PAGE))
    if page > pages:
        return redirect(url_for("staff.free_text_question", slug=slug, question_id=question_id, page=pages))
    coded = coded_frame(rows, survey_round.id)
    by_answer: dict[str, list[dict]] = {}
    for row in coded.itertuples(index=False):
        by_answer.setdefault(row.response_id, []).append({"code": row.theme, "source": row.source})
    hand_coded = hand_codings(question_id, list(rows["response_id"]))
    quotes = rules.quotes_of_answers(question_id, list(rows["response_id"]))
    answers = [
        {"response_id": row.response_id, "text": row.text, "highlighted": highlight(row.text),
         "themes": by_answer.get(row.response_id, []), "hand": hand_coded.get(row.response_id),
         "quote": quotes.get(row.response_id), "language": written_in(row.text)}
        for row in rows.itertuples(index=False)
    ]
    book = codebook()
    summary = written(survey_round.id, [question_id], book)
    manual = manual_frame(survey_round.id, question_id)
    return render_template(
        "staff/free_text_question.html", survey_round=survey_round, question=question, answers=answers,
        total=total, page=page, pages=pages, per_page=PER_PAGE,
        counts=theme_counts_from(count_theme_sets(summary.theme_sets, summary.todo, book, manual),
                                 book).to_dict("records"),
        sentiment=_sentiment(summary).get(question_id), unscored=_unscored(summary),
        active_themes=active_themes(),
        titles=theme_titles(), retired=retired_codes(), min_answers=rules.MIN_ANSWERS,
        status_words=STATUS_WORDS,
    )


def _back_to_answer(slug: str, question_id: str, response_id: str):
    page = request.form.get("page", "1")
    return redirect(url_for("staff.free_text_question", slug=slug, question_id=question_id,
                            page=page if page.isdigit() else "1", _anchor=f"answer-{response_id}"))


@bp.route("/rounds/<slug>/free-text/<question_id>/<response_id>/themes", methods=["POST"])
@requires(ADMIN, WORKER)
def free_text_recode(slug: str, question_id: str, response_id: str):
    survey_round = get_or_404(slug)
    _question(survey_round, question_id)
    action = request.form.get("action", "save")
    chosen = request.form.getlist("themes")
    if action == "save" and not chosen:
        flash("Tick at least one theme and press “Save themes”, or press “No theme”.", "error")
        return _back_to_answer(slug, question_id, response_id)
    try:
        recode(survey_round.id, response_id, question_id,
               None if action == "auto" else [] if action == "none" else chosen, current_user.email)
    except CodingRefused as refused:
        flash(f"{refused}.", "error")
        return _back_to_answer(slug, question_id, response_id)
    db.session.commit()
    flash({"auto": "The answer uses the automatic themes again.",
           "none": "Saved: coded by hand as “no theme”."}.get(action, "Saved: the themes you ticked replace "
                                                                     "the automatic ones for this answer."))
    return _back_to_answer(slug, question_id, response_id)


@bp.route("/rounds/<slug>/free-text/<question_id>/<response_id>/quote", methods=["POST"])
@requires(ADMIN, WORKER)
def quote_put_forward(slug: str, question_id: str, response_id: str):
    survey_round = get_or_404(slug)
    _question(survey_round, question_id)
    try:
        quote, made = rules.put_forward(survey_round, response_id, question_id, current_user.email)
    except rules.QuoteRefused as refused:
        flash(f"{refused}.", "error")
        return _back_to_answer(slug, question_id, response_id)
    db.session.commit()
    if made:
        flash("Put forward as a quote. Check the wording, then approve or reject it.")
    return redirect(url_for("staff.quote", quote_id=quote.id))


@bp.route("/rounds/<slug>/quotes")
@requires(ADMIN, WORKER)
def quotes(slug: str):
    survey_round = get_or_404(slug)
    status = request.args.get("status", "")
    status = status if status in STATUS_WORDS else ""
    questions = {question.id: question for question in _text_questions(survey_round)}
    return render_template(
        "staff/quotes.html", survey_round=survey_round, quotes=rules.quotes_for_round(survey_round.id, status or None),
        status=status, status_words=STATUS_WORDS, totals=rules.status_counts(survey_round.id), questions=questions,
        titles=theme_titles(), withheld=rules.withheld_reasons(survey_round.id), min_answers=rules.MIN_ANSWERS,
    )


def _quote_page(quote: Quote, wording: str | None = None, refused: FormInvalid | None = None):
    """The quote; a refused change is shown at its wording (when it can still be changed)."""
    survey_round = db.session.get(SurveyRound, quote.round_id)
    original = rules.original_of(quote)
    return form_page(
        "staff/quote.html", refused, whole_form="text" if quote.status == QuoteStatus.PENDING else "",
        quote=quote, survey_round=survey_round,
        question=next((q for q in _text_questions(survey_round) if q.id == quote.question_id), None),
        highlighted=highlight(original), wording=quote.text if wording is None else wording,
        answers=rules.answers_to(quote), min_answers=rules.MIN_ANSWERS, status_words=STATUS_WORDS,
        themes=active_themes(also=quote.theme_code),
        retired=retired_codes(), placeholders=rules.ALLOWED_PLACEHOLDERS,
        withheld=rules.withheld_reason(quote) if quote.status == QuoteStatus.APPROVED else None,
        approval_problem=rules.approval_problem(quote, current_user.email),
    )


@bp.route("/quotes/<int:quote_id>", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def quote(quote_id: int):
    """The quote's wording beside the answer as written. POST: save the wording, then approve or
    reject if that button was pressed; anything refused is shown with what was typed kept."""
    quote = db.session.get(Quote, quote_id) or abort(404)
    if request.method == "GET":
        return _quote_page(quote)
    action = request.form.get("action", "save")
    wording = request.form.get("text")
    try:
        if quote.status != QuoteStatus.PENDING:
            raise rules.QuoteRefused(f"This quote is {quote.status}. Withdraw it first to change it")
        rules.edit(quote, wording or "", request.form.get("theme", quote.theme_code))
        if action == "approve":
            rules.approve(quote, current_user.email)
        elif action == "reject":
            rules.reject(quote, current_user.email)
    except FormInvalid as refused:
        db.session.rollback()
        return _quote_page(db.session.get(Quote, quote_id), wording, refused)
    db.session.commit()
    flash({"approve": "Approved. Reports for this round can now show this quote.",
           "reject": "Rejected. It will not be shown anywhere."}.get(action, "The wording is saved."))
    if action in ("approve", "reject"):
        return redirect(url_for("staff.quotes", slug=db.session.get(SurveyRound, quote.round_id).slug))
    return redirect(url_for("staff.quote", quote_id=quote_id))


@bp.route("/quotes/<int:quote_id>/withdraw", methods=["POST"])
@requires(ADMIN, WORKER)
def quote_withdraw(quote_id: int):
    quote = db.session.get(Quote, quote_id) or abort(404)
    try:
        rules.withdraw(quote, current_user.email)
    except rules.QuoteRefused as refused:
        flash(f"{refused}.", "error")
        return redirect(url_for("staff.quote", quote_id=quote_id))
    db.session.commit()
    flash("Withdrawn: the quote is waiting for approval again and no report shows it.")
    return redirect(url_for("staff.quote", quote_id=quote_id))
