""""My review card" (responses/review_card.py): while the answers are a draft (from Check your answers)
the card can include chosen answers; after sending, only the prompts. Made and returned once, never kept."""

from __future__ import annotations

from flask import redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..extensions import reads_only
from ..question_types import N_
from ..responses.review_card import PROMPTS, CardRefused, answer_rows, make_card
from ..rounds.operations import get_or_404
from . import bp
from .language import survey_questionnaire
from .views import JourneyForm, _draft

TOO_LONG_OPEN = N_("This page was open for a very long time. Please press “Make my card” again.")


def _rows(survey_round):
    """The child's answers to choose from: from their draft, or none after sending. None: no card here."""
    draft = _draft(survey_round) if survey_round.is_open() else None
    if draft is not None:
        return answer_rows(survey_questionnaire(survey_round, draft), draft.answers)
    if session.get("sent") == survey_round.slug:
        survey_questionnaire(survey_round)  # the page in the survey's language
        return []
    return None


def _form_page(survey_round, rows, problems=None, status=200):
    return render_template("survey/review_card_form.html", survey_round=survey_round, rows=rows, prompts=PROMPTS,
                           form=request.form, chosen=request.form.getlist("answer"), problems=problems or {},
                           error=bool(problems)), status


@bp.route("/r/<slug>/review-card", methods=["GET", "POST"])
def review_card(slug: str):
    reads_only()  # nothing about the card is ever written
    survey_round = get_or_404(slug)
    rows = _rows(survey_round)
    if rows is None:
        return redirect(url_for(".start", slug=slug))
    if request.method == "GET":
        return _form_page(survey_round, rows)
    if not JourneyForm().validate_on_submit():
        return _form_page(survey_round, rows, {"": _(TOO_LONG_OPEN)}, 400)
    try:
        card = make_card(request.form, request.form.getlist("answer"), rows)
    except CardRefused as refused:
        return _form_page(survey_round, rows, refused.problems, 400)
    return render_template("survey/review_card.html", survey_round=survey_round, card=card,
                           sent=session.get("sent") == slug)
