"""The young person's journey: start, one question per page, check answers, send, confirmation."""

from __future__ import annotations

from flask import abort, current_app, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from .. import languages
from ..extensions import db, reads_only
from ..models import Draft, SurveyRound
from ..question_types import N_
from ..questionnaire.schema import Questionnaire
from ..reporting.publication import is_published
from ..responses.answers import AnswerRefused, parse_answer, shown_answer
from ..responses.drafts import discard_draft, find_draft, round_and_draft, save_answer, start_draft, submit
from ..responses.journey import (
    after_answering,
    by_section,
    first_unanswered,
    previous_question,
    progress,
    visible_questions,
)
from ..rounds.access_code import code_matches, guessing_paused, normalise_code, record_wrong_guess
from ..rounds.operations import get_or_404, questionnaire_of, round_by_slug, round_typed_in_capitals
from ..rounds.send_brake import take_a_send
from . import bp
from .language import choices, not_ready_note, round_title, survey_language, survey_questionnaire
from .reply import reply_page

CODE_MISSING = N_("Type the code you were given. Ask the person who gave you the link if you don’t have it.")
CODE_WRONG = N_("That code isn’t right. Check it with the person who gave you the link, and try again.")
SENDING_RESTING = N_("Lots of answers are arriving for this survey just now, so it is taking a short rest. "
                     "Your answers are saved. Please press “Send my answers” again in a few minutes.")
CODE_RESTING = N_("Lots of wrong codes have been typed for this survey just now, so it is taking a short rest. "
                  "Please try again in 15 minutes, or ask the adult who gave you the code to help you.")


class JourneyForm(FlaskForm):
    """CSRF protection for every step; the answer itself is checked against the questionnaire. Pages
    write the token with `csrf_token()` (the same hidden input the form would write, without building a
    form for every page shown)."""


def _draft(survey_round: SurveyRound) -> Draft | None:
    if session.get("round") != survey_round.slug:
        return None
    return find_draft(session.get("draft"), survey_round)


def _refuse_if_closed(survey_round: SurveyRound) -> SurveyRound:
    """Stop with the friendly "this survey has closed" page unless the round is open."""
    if not survey_round.is_open():
        abort(make_response(render_template("survey/closed.html", survey_round=survey_round), 410))
    return survey_round


def _open_round(slug: str) -> SurveyRound:
    """The round at this link, or stop with the not-found or the "this survey has closed" page."""
    return _refuse_if_closed(get_or_404(slug))


def _open_round_and_draft(slug: str) -> tuple[SurveyRound, Draft | None]:
    """As _open_round, with the young person's draft in it (or None), in one database statement."""
    draft_id = session.get("draft") if session.get("round") == slug else None
    survey_round, draft = round_and_draft(slug, draft_id)
    if survey_round is None:
        abort(404)
    return _refuse_if_closed(survey_round), draft


def _open_round_and_draft_or_start_page(slug: str) -> tuple[SurveyRound, Draft]:
    survey_round, draft = _open_round_and_draft(slug)
    if draft is None:
        abort(redirect(url_for(".start", slug=survey_round.slug)))
    return survey_round, draft


def _hours() -> int:
    return current_app.config["DRAFT_HOURS"]


def _refuse(survey_round: SurveyRound, message: str, status: int = 400, back_to_answers: bool = False):
    return render_template("survey/refused.html", survey_round=survey_round, message=message,
                           back_to_answers=back_to_answers), status


@bp.route("/r/<slug>")
def start(slug: str):
    survey_round = round_by_slug(slug)
    if survey_round is None:
        typed = round_typed_in_capitals(slug)
        return redirect(url_for(".start", slug=typed.slug)) if typed else abort(404)
    if not survey_round.is_open():
        # The same link (and QR code) shows the "You said, we did" page once the report is published.
        reply = reply_page(survey_round)
        if reply is not None:
            return reply
    page = _start_page(_refuse_if_closed(survey_round), _draft(survey_round))
    db.session.commit()  # a `?lang=` kept in the draft (survey/language.py), after the page is made
    return page


def _start_page(survey_round: SurveyRound, draft: Draft | None, error: str | None = None, status: int = 400):
    language_choices = choices(survey_round, draft)  # first: it reads the languages the survey is ready in
    questionnaire = survey_questionnaire(survey_round, draft)
    return render_template(
        "survey/start.html", survey_round=survey_round, questionnaire=questionnaire,
        title=round_title(survey_round, questionnaire), draft=draft, error=error,
        reply_published=is_published(survey_round), language_choices=language_choices,
        language_note=not_ready_note(survey_language(survey_round, draft)),
    ), status if error else 200


def _keep_session_language(kept: str | None) -> None:
    """After session.clear(): the language the young person chose stays chosen (help pages, the sent page)."""
    if languages.known(kept):
        session[languages.SESSION_KEY] = kept


@bp.route("/r/<slug>/start", methods=["POST"])
def begin(slug: str):
    survey_round, draft = _open_round_and_draft(slug)
    questionnaire = survey_questionnaire(survey_round, draft)
    if draft is None and survey_round.access_code_hash:
        # A round's shared code: checked, never stored, and nothing about it goes with the answers.
        # Wrong codes are counted per round (never per person) to slow guessing: see rounds/access_code.py.
        typed = normalise_code(request.form.get("access_code"))
        if guessing_paused(survey_round):
            return _start_page(survey_round, None, _(CODE_RESTING), 429)
        if not typed:
            return _start_page(survey_round, None, _(CODE_MISSING))
        if not code_matches(survey_round.access_code_hash, typed):
            record_wrong_guess(survey_round)
            db.session.commit()
            return _start_page(survey_round, None, _(CODE_WRONG))
    if draft is None or request.form.get("again"):
        if draft is not None:
            discard_draft(draft.id)
        draft = start_draft(survey_round, _hours(), survey_language(survey_round, draft).code)
        chosen = session.get(languages.SESSION_KEY)
        session.clear()
        _keep_session_language(chosen)
        session["round"], session["draft"] = survey_round.slug, draft.id
    question = first_unanswered(questionnaire, draft.answers)  # before committing, which expires the draft
    db.session.commit()
    if question is None:
        return redirect(url_for(".check", slug=slug))
    return redirect(url_for(".question", slug=slug, question_id=question.id))


def _question_page(survey_round, questionnaire: Questionnaire, draft: Draft, question, *, error=None,
                   kept=None, status=200):
    place = progress(questionnaire, draft.answers, question.id)
    back = previous_question(questionnaire, draft.answers, question.id)
    changing = request.args.get("change") == "1"
    back_url = (url_for(".check", slug=survey_round.slug) if changing
                else url_for(".question", slug=survey_round.slug, question_id=back.id) if back
                else url_for(".start", slug=survey_round.slug))
    answer = kept if kept is not None else draft.answers.get(question.id, {})
    section = questionnaire.section(question.section_id)
    return render_template(
        "survey/question.html", survey_round=survey_round, questionnaire=questionnaire, question=question,
        section=section, answer=answer, error=error, progress=place, back_url=back_url,
        changing=changing,
    ), status


@bp.route("/r/<slug>/q/<question_id>", methods=["GET", "POST"])
def question(slug: str, question_id: str):
    if request.method == "GET":
        reads_only()
    survey_round, draft = _open_round_and_draft_or_start_page(slug)
    questionnaire = survey_questionnaire(survey_round, draft)
    if not questionnaire.has_question(question_id):
        return _refuse(survey_round, _("We couldn’t find that question. It might not be part of this survey."), 404)
    visible_ids = {q.id for q in visible_questions(questionnaire, draft.answers)}
    this = questionnaire.question(question_id)
    if question_id not in visible_ids:
        return _refuse(survey_round, _("That question isn’t part of your survey, because of an earlier answer. "
                                       "Nothing has been lost."), 409)
    if request.method == "GET":
        return _question_page(survey_round, questionnaire, draft, this)

    form = JourneyForm()
    if not form.validate_on_submit():
        return _refuse(survey_round, _("This page was open for a very long time, so we couldn’t save that answer. "
                                       "Please go back and try again."), 400)
    try:
        answer = parse_answer(this, request.form.getlist("answer"), skip="skip" in request.form)
    except AnswerRefused as refused:
        kept = {"text": refused.kept_text} if refused.kept_text is not None else None
        return _question_page(survey_round, questionnaire, draft, this, error=refused.message, kept=kept, status=400)

    # Held answers keep the English question: the safeguarding lead reads them.
    worrying = save_answer(draft, questionnaire_of(survey_round).question(this.id), answer, _hours())
    # Where to go next is worked out before committing, which expires the draft: reading its answers
    # afterwards would load it again.
    changing = request.args.get("change") == "1"
    following = after_answering(questionnaire, draft.answers, this.id, changing)
    next_url = (url_for(".question", slug=slug, question_id=following.id, **({"change": 1} if changing else {}))
                if following else url_for(".check", slug=slug))
    db.session.commit()
    if worrying:
        return redirect(url_for("pages.help_now", round=slug, next=next_url))
    return redirect(next_url)


@bp.route("/r/<slug>/check")
def check(slug: str):
    reads_only()
    survey_round, draft = _open_round_and_draft_or_start_page(slug)
    questionnaire = survey_questionnaire(survey_round, draft)
    groups = [(section, [(q, shown_answer(q, draft.answers.get(q.id))) for q in questions])
              for section, questions in by_section(questionnaire, visible_questions(questionnaire, draft.answers))]
    return render_template("survey/check.html", survey_round=survey_round, questionnaire=questionnaire,
                           groups=groups)


@bp.route("/r/<slug>/send", methods=["POST"])
def send(slug: str):
    survey_round = _open_round(slug)
    form = JourneyForm()
    if not form.validate_on_submit():
        return _refuse(survey_round, _("This page was open for a very long time. Please go back and press "
                                       "“Send my answers” again."), 400)
    draft_id = session.get("draft") if session.get("round") == slug else None
    if draft_id and find_draft(draft_id, survey_round) is not None:
        braked = not take_a_send(survey_round, current_app.config["ROUND_SENDS_PER_WINDOW"])
        db.session.commit()  # the count alone, so the round's row is held for a moment only
        if braked:
            return _refuse(survey_round, _(SENDING_RESTING), 429, back_to_answers=True)
    if draft_id:
        # Stored as option codes: the English questionnaire only says which questions were shown.
        sent_now = submit(draft_id, survey_round, questionnaire_of(survey_round))
        db.session.commit()
        if sent_now is None and db.session.get(Draft, draft_id) is not None:
            # Expired, not sent: never tell a child their answers went when they did not.
            session.clear()
            return _refuse(survey_round, _("Your answers were kept for a long time without being sent, so they "
                                           "have been deleted. Please start the survey again."), 410)
    elif session.get("sent") != slug:
        return redirect(url_for(".start", slug=slug))
    # The sent page and help stay in the survey's language (a carry-on code may have brought it).
    chosen = session.get(languages.SESSION_KEY) or (sent_now.language if draft_id and sent_now else None)
    session.clear()
    _keep_session_language(chosen)
    session["sent"] = slug
    return redirect(url_for(".sent", slug=slug))


@bp.route("/r/<slug>/sent")
def sent(slug: str) -> Response | str:
    survey_round = get_or_404(slug)
    if session.get("sent") != slug:
        return redirect(url_for(".start", slug=slug))
    return render_template("survey/sent.html", survey_round=survey_round,
                           questionnaire=survey_questionnaire(survey_round))
