"""Removing responses that should not count (rounds/removal.py): one found through its written answer,
or every paper response of a round. A confirm page with a reason; never silent."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import Answer, SurveyRound
from ..questionnaire.store import definition
from ..rounds.operations import get_or_404
from ..rounds.removal import (
    paper_response_ids,
    remove_paper_responses,
    remove_response,
    response_of_round,
)
from . import bp
from .form_page import form_page


def _written(survey_round: SurveyRound, response_id: str) -> list[tuple[str, str]]:
    """(question, what was written) for each written answer of the response, to show what is removed."""
    questionnaire = definition(survey_round.questionnaire_version)
    response = response_of_round(survey_round, response_id) or abort(404)
    rows: list[Answer] = [row for row in response.answers if row.text]
    return [(questionnaire.question(row.question_id).text if questionnaire.has_question(row.question_id)
             else row.question_id, row.text or "") for row in rows]


@bp.route("/rounds/<slug>/responses/<response_id>/remove", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def response_remove(slug: str, response_id: str):
    survey_round = get_or_404(slug)
    written = _written(survey_round, response_id)
    refused = None
    if request.method == "POST":
        try:
            remove_response(survey_round, response_id, request.form.get("reason", ""), current_user.email)
        except FormInvalid as problem:
            db.session.rollback()
            refused = problem
        else:
            db.session.commit()
            flash(_("1 response removed. It no longer counts anywhere, and the round page says why it went."))
            return redirect(url_for("staff.rounds_show", slug=slug))
    return form_page("staff/response_remove.html", refused, whole_form="reason", survey_round=survey_round,
                     written=written, count=1, action=url_for("staff.response_remove", slug=slug,
                                                              response_id=response_id),
                     reason=request.form.get("reason", ""))


@bp.route("/rounds/<slug>/paper/remove", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def paper_remove(slug: str):
    survey_round = get_or_404(slug)
    count = len(paper_response_ids(survey_round))
    refused = None
    if request.method == "POST":
        try:
            removal = remove_paper_responses(survey_round, request.form.get("reason", ""), current_user.email)
        except FormInvalid as problem:
            db.session.rollback()
            refused = problem
        else:
            db.session.commit()
            flash(ngettext("%(num)s paper response removed. Online responses were not touched.",
                           "%(num)s paper responses removed. Online responses were not touched.", removal.count))
            return redirect(url_for("staff.rounds_show", slug=slug))
    return form_page("staff/response_remove.html", refused, whole_form="reason", survey_round=survey_round,
                     written=None, count=count, action=url_for("staff.paper_remove", slug=slug),
                     reason=request.form.get("reason", ""))
