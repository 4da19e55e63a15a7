"""After sending: "I'd like to get involved", offered only when the session says this round's answers were
sent (the session holds nothing else then). What is written here is kept apart from the answers:
survey_app/involvement/batches.py says how."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..involvement.batches import leave_details
from ..involvement.details import INTERESTS, DetailsRefused, read_details
from ..question_types import N_
from ..rounds.operations import get_or_404
from . import bp
from .views import JourneyForm

TOO_LONG_OPEN = N_("This page was open for a very long time. Please press “Send my details” again.")


def _page(survey_round, problems=None, status=200):
    form = request.form if request.method == "POST" else {}
    return render_template("survey/get_involved.html", survey_round=survey_round, interests=INTERESTS,
                           ticked=request.form.getlist("interests"), form=form, problems=problems or {},
                           error=bool(problems), keep_days=current_app.config["INVOLVEMENT_KEEP_DAYS"],
                           done=session.get("involved") == survey_round.slug), status


@bp.route("/r/<slug>/get-involved", methods=["GET", "POST"])
def get_involved(slug: str):
    survey_round = get_or_404(slug)
    if session.get("sent") != slug:
        return redirect(url_for(".start", slug=slug))
    if request.method == "GET":
        return _page(survey_round)
    if not JourneyForm().validate_on_submit():
        return _page(survey_round, {"": _(TOO_LONG_OPEN)}, 400)
    try:
        details = read_details(request.form, request.form.getlist("interests"))
    except DetailsRefused as refused:
        return _page(survey_round, refused.problems, 400)
    leave_details(details, current_app.config["SECRET_KEY"])
    db.session.commit()
    session["involved"] = slug
    return redirect(url_for(".get_involved", slug=slug))
