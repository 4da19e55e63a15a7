"""Save and come back later: the page that gives a carry-on code, and typing the code on another device.
The code only ever travels in a POST body and a page marked no-store: never in a URL (so never in an
access log or the browser's history) and never in a log line (responses/carry_on.py)."""

from __future__ import annotations

from flask import current_app, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from .. import languages
from ..extensions import db, reads_only
from ..models import Draft, SurveyRound
from ..question_types import N_
from ..responses.carry_on import Outcome, find_by_code, give_code
from ..responses.carry_on_code import hours_in_words
from ..responses.journey import first_unanswered
from . import bp
from .language import survey_questionnaire
from .views import JourneyForm, _hours, _open_round, _open_round_and_draft_or_start_page, _refuse

CODE_MISSING = N_("Type your carry-on code. It is 3 words and a number, like: kite lemon otter 27.")
CODE_RESTING = N_("Lots of wrong codes have been typed for this survey just now, so it is taking a short rest. "
                  "Please try again in 15 minutes. Your answers are still saved.")


def code_wrong(hours: int) -> str:
    return _("That code isn’t right. Check each word and the number, and try again. A code stops working "
             "once its answers are sent, or %(hours)s hours after the last answer.", hours=hours)


def code_expired(hours: int) -> str:
    return _("Those answers were deleted, because nobody added to them for %(hours)s hours. "
             "We’re sorry. Please start the survey again.", hours=hours)


def _where_to_carry_on(survey_round: SurveyRound, draft: Draft) -> str:
    question = first_unanswered(survey_questionnaire(survey_round, draft), draft.answers)
    if question is None:
        return url_for(".check", slug=survey_round.slug)
    return url_for(".question", slug=survey_round.slug, question_id=question.id)


def _no_store(body: str, status: int = 200):
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/r/<slug>/save", methods=["GET", "POST"])
def save_for_later(slug: str):
    if request.method == "GET":
        reads_only()
    survey_round, draft = _open_round_and_draft_or_start_page(slug)
    back_url = _where_to_carry_on(survey_round, draft)
    hours = _hours()
    code = None
    if request.method == "POST":
        if not JourneyForm().validate_on_submit():
            return _refuse(survey_round, _("This page was open for a very long time. Please press "
                                           "“Get my code” again."), 400)
        code = give_code(draft, current_app.config["SECRET_KEY"], hours)
        db.session.commit()
    return _no_store(render_template("survey/save_for_later.html", survey_round=survey_round, code=code,
                                     hours=hours, until=hours_in_words(hours), back_url=back_url))


@bp.route("/r/<slug>/carry-on", methods=["GET", "POST"])
def carry_on(slug: str):
    if request.method == "GET":
        reads_only()
        return _carry_on_page(_open_round(slug), None, 200)
    survey_round = _open_round(slug)
    if not JourneyForm().validate_on_submit():
        return _carry_on_page(survey_round, _("This page was open for a very long time. Please type your code "
                                              "again."), 400)
    found = find_by_code(survey_round, request.form.get("carry_on_code"), current_app.config["SECRET_KEY"])
    if found.outcome is Outcome.WRONG:
        db.session.commit()  # the wrong code's count, nothing else
    if found.draft is None:
        hours = _hours()
        message, status = {
            Outcome.RESTING: (_(CODE_RESTING), 429),
            Outcome.MISSING: (_(CODE_MISSING), 400),
            Outcome.WRONG: (code_wrong(hours), 400),
            Outcome.EXPIRED: (code_expired(hours), 410),
        }[found.outcome]
        return _carry_on_page(survey_round, message, status)
    next_url = _where_to_carry_on(survey_round, found.draft)
    session.clear()
    # The draft's language comes back with it (its pages are in it); help pages follow it too.
    session["round"], session["draft"] = survey_round.slug, found.draft.id
    session[languages.SESSION_KEY] = found.draft.language or languages.DEFAULT
    db.session.commit()
    return redirect(next_url, 303)


def _carry_on_page(survey_round: SurveyRound, error: str | None, status: int):
    survey_questionnaire(survey_round)  # the page in the survey's language (its draft is on the other device)
    return _no_store(render_template("survey/carry_on.html", survey_round=survey_round, error=error,
                                     carry_on_error=error), status)
