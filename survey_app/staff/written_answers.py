"""Staff pages: written answers as a table, 100 a page, with search and filters kept in the address, and
bulk coding of the ticked rows (admin and participation workers only). The query is
survey_app/moderation/table.py; bulk coding is survey_app/moderation/coding.py's ``code_many``."""

from __future__ import annotations

from dataclasses import replace

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..extensions import db
from ..models import SurveyRound
from ..moderation.coding import CodingRefused, code_many
from ..moderation.highlight import highlight
from ..moderation.table import (
    NO_THEME,
    SENTIMENTS,
    STATES,
    Filters,
    rounds_newest_first,
    table_page,
)
from ..moderation.themes import active_themes, retired_codes, theme_titles
from ..questionnaire.store import definition
from ..rounds.operations import round_by_slug
from . import bp
from .free_text import STATUS_WORDS


def _questions(rounds: list[SurveyRound]) -> dict[tuple[int, str], str]:
    """``(round id, question id) -> question text`` of the written-answer questions of these rounds."""
    return {(survey_round.id, question.id): question.text
            for survey_round in rounds
            for question in definition(survey_round.questionnaire_version).questions if question.is_text}


def _chosen(filters: Filters) -> tuple[Filters, SurveyRound | None]:
    """The filters with an unknown round left out, and the round chosen (None: every round)."""
    survey_round = round_by_slug(filters.round) if filters.round else None
    return (filters if survey_round is not None else replace(filters, round="")), survey_round


@bp.route("/written-answers")
@requires(ADMIN, WORKER)
def written_answers():
    filters, survey_round = _chosen(Filters.from_args(request.args))
    rounds = rounds_newest_first()
    shown = [survey_round] if survey_round is not None else [
        found for found in (db.session.get(SurveyRound, round_id) for round_id, _slug, _title in rounds) if found]
    questions = _questions(shown)
    offered = {}
    for (_round_id, question_id), text in questions.items():
        offered.setdefault(question_id, text)
    table = table_page(filters, survey_round.id if survey_round else None)
    if table.page != filters.page and filters.page > 1:
        return redirect(url_for("staff.written_answers", **filters.args(page=table.page)))
    titles = theme_titles()
    return render_template(
        "staff/written_answers.html", filters=filters, survey_round=survey_round, rounds=rounds,
        round_titles={round_id: title for round_id, _slug, title in rounds},
        round_slugs={round_id: slug for round_id, slug, _title in rounds}, questions=questions,
        offered=offered, table=table,
        highlighted={row.key: highlight(row.text) for row in table.rows if not row.nothing_redacted},
        themes=active_themes(), titles=titles, retired=retired_codes(), no_theme=NO_THEME,
        sentiments=SENTIMENTS, states=STATES, status_words=STATUS_WORDS,
    )


def _keys(values: list[str]) -> list[tuple[str, str]]:
    keys = []
    for value in values:
        response_id, _, question_id = value.partition(".")
        keys.append((response_id[:64], question_id[:64]))
    return keys


@bp.route("/written-answers/code", methods=["POST"])
@requires(ADMIN, WORKER)
def written_answers_code():
    """Add (or remove) the chosen themes to every ticked answer, then back to the same filtered page."""
    filters, survey_round = _chosen(Filters.from_args(request.form))
    back = redirect(url_for("staff.written_answers", **filters.args()))
    add = request.form.get("action", "add") != "remove"
    codes = request.form.getlist("code")
    chosen = request.form.getlist("on_page" if request.form.get("all_on_page") else "answer")
    try:
        done = code_many(_keys(chosen), codes, add, current_user.email,
                         survey_round.id if survey_round else None)
    except CodingRefused as refused:
        db.session.rollback()
        flash(f"{refused}.", "error")
        return back
    db.session.commit()
    titles = theme_titles()
    named = " and ".join(f"“{titles.get(code, code)}”" for code in dict.fromkeys(codes))
    answers = "answer" if done.changed == 1 else "answers"
    message = (f"Coded {done.changed} {answers} as {named}." if add
               else f"Removed {named} from {done.changed} {answers}.")
    if done.unchanged:
        them = "it" if len(codes) == 1 else "them"
        message += f" {done.unchanged} already {'had' if add else 'did not have'} {them}."
    flash(message)
    return back

