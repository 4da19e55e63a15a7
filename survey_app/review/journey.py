"""A young reviewer going through a draft questionnaire or an unpublished "You said, we did" page as a young
person would: the same phone pages (survey/question.html and survey/you_said_we_did.html, with "Review copy"
at the top and a comment form at the bottom). No account: the review link is swapped for the link's id in the
session cookie on the first page, so the token is in one request only, in its query string (never logged).

Nothing is stored but comments. Answers live in the session cookie (written answers not even there: only
that something was written); there is no draft, no response and no flag for the safeguarding lead. A
worrying answer or comment still shows the help page at once, as the survey does."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from ..extensions import db
from ..models import ReviewLink, StoredQuestionnaire, SurveyRound
from ..models.statuses import ReviewKind
from ..question_types import N_
from ..questionnaire.loader import QuestionnaireInvalid
from ..questionnaire.schema import Question, Questionnaire
from ..questionnaire.store import definition
from ..questionnaire.versions import latest_version
from ..reporting import stored
from ..responses.answers import AnswerRefused, parse_answer, shown_answer
from ..responses.journey import (
    after_answering,
    by_section,
    first_question,
    previous_question,
    progress,
    visible_questions,
)
from ..reviewing import links
from ..reviewing.answers import as_journey, kept, shown_again
from ..reviewing.comments import CommentRefused, add_comment
from ..reviewing.panel import CHECK, END, PAGE_TITLES, REPLY, START
from ..safeguarding.triggers import help_reason
from ..survey.reply import page_context
from . import bp

STATE = "review"  # in the session: {"link": the link's id, "answers": {question id: answer as kept}}
THANKS = N_("Thank you! Your comment has gone to the worker.")
WROTE_SOMETHING = N_("You wrote an answer. A review copy doesn’t keep it.")

# (status, heading, message) for each way a review can't go on.
REFUSALS = {
    links.LinkProblem.UNKNOWN: (404, N_("We couldn’t find that review link"),
                                N_("Check the link with the worker who gave it to you, or ask them for a new one.")),
    links.LinkProblem.EXPIRED: (410, N_("This review link has run out"),
                                N_("Review links only work for a few weeks. Ask the worker who gave it to you for a "
                                   "new one. Thank you for helping!")),
    links.LinkProblem.REVOKED: (410, N_("This review link has been switched off"),
                                N_("The worker who gave it to you has stopped it working. Ask them if you would "
                                   "like a new one. Thank you for helping!")),
    "missing": (400, N_("We couldn’t find your review"),
                N_("Please open the link the worker gave you again. If it still doesn’t work, your phone may be "
                   "blocking cookies for this site.")),
    "not_ready": (409, N_("This isn’t ready to look at yet"),
                  N_("The worker is still putting it together. Ask them when to try again.")),
    "no_question": (404, N_("We couldn’t find that question"),
                    N_("It might not be part of this survey any more. Go back to the start to carry on.")),
    "hidden_question": (409, N_("That question isn’t part of the survey for you"),
                        N_("It is left out because of an earlier answer. Nothing has been lost.")),
}


def _refused(why: str, back: str | None = None) -> Response:
    status, heading, message = REFUSALS[why]
    page = render_template("review/refused.html", heading=_(heading), message=_(message), back=back)
    return make_response(page, status)


def _state() -> dict:
    state = session.get(STATE)
    return state if isinstance(state, dict) else {}


def _link(kind: ReviewKind | None = None) -> ReviewLink:
    """The reviewer's link, checked again on every page (revoking works at once), or stop with why not."""
    state = _state()
    if not state.get("link"):
        abort(_refused("missing"))
    opened = links.open_by_id(state["link"])
    if opened.problem is not None or opened.link is None:
        abort(_refused(opened.problem or links.LinkProblem.UNKNOWN))
    if kind is not None and opened.link.kind != kind:
        abort(redirect(url_for(".start")))
    return opened.link


def _questionnaire(link: ReviewLink) -> tuple[StoredQuestionnaire, Questionnaire]:
    stored_version = latest_version(link.questionnaire_key or "")
    if stored_version is None:
        abort(_refused(links.LinkProblem.UNKNOWN))
    try:
        return stored_version, definition(stored_version)
    except QuestionnaireInvalid:
        abort(_refused("not_ready"))


def _kept_answers() -> dict[str, dict]:
    answers = _state().get("answers")
    return answers if isinstance(answers, dict) else {}


def _keep_answers(answers: dict[str, dict]) -> None:
    session[STATE] = {**_state(), "answers": answers}


def _comment_taken(link: ReviewLink, page: str, title: str, version: int | None,
                   render: Callable[..., tuple[str, int]]):
    """Keep a comment on this page, then back to the page (or first to the help page when it is worrying);
    a comment refused is shown again on the page with why."""
    try:
        comment = add_comment(link, page, title, request.form.get("comment"), version)
    except CommentRefused as refused:
        db.session.rollback()
        return render(comment_error=refused.message, comment_text=refused.kept_text, status=400)
    worrying = comment.worrying
    db.session.commit()
    flash(_(THANKS), "review")
    here = request.full_path.rstrip("?")
    if worrying:
        return redirect(url_for("pages.help_now", next=here))
    return redirect(f"{here}#review-comment")


def _is_comment() -> bool:
    return request.method == "POST" and request.form.get("form") == "comment"


# -- opening a link -------------------------------------------------------------------------------------------
@bp.route("/review")
def open_link():
    opened = links.open_by_token(request.args.get("t"))
    if opened.problem is not None or opened.link is None:
        return _refused(opened.problem or links.LinkProblem.UNKNOWN)
    if _state().get("link") != opened.link.id:
        session[STATE] = {"link": opened.link.id, "answers": {}}
    return redirect(url_for(".start"))


# -- a questionnaire --------------------------------------------------------------------------------------------
@bp.route("/review/start", methods=["GET", "POST"])
def start():
    link = _link()
    if link.kind == ReviewKind.REPLY:
        return redirect(url_for(".reply"))
    stored_version, questionnaire = _questionnaire(link)

    def render(status: int = 200, **extra):
        return render_template("review/start.html", questionnaire=questionnaire, **extra), status

    if _is_comment():
        return _comment_taken(link, START, PAGE_TITLES[START], stored_version.version, render)
    return render()


@bp.route("/review/begin", methods=["POST"])
def begin():
    link = _link(ReviewKind.QUESTIONNAIRE)
    _, questionnaire = _questionnaire(link)
    _keep_answers({})
    return redirect(url_for(".question", question_id=first_question(questionnaire, {}).id))


@bp.route("/review/q/<question_id>", methods=["GET", "POST"])
def question(question_id: str):
    link = _link(ReviewKind.QUESTIONNAIRE)
    stored_version, questionnaire = _questionnaire(link)
    kept_answers = _kept_answers()
    answers = as_journey(kept_answers)
    if not questionnaire.has_question(question_id):
        return _refused("no_question", back=url_for(".start"))
    this = questionnaire.question(question_id)
    if this.id not in {q.id for q in visible_questions(questionnaire, answers)}:
        return _refused("hidden_question", back=url_for(".check"))

    def render(error: str | None = None, shown: dict | None = None, status: int = 200, **extra):
        back = previous_question(questionnaire, answers, this.id)
        changing = request.args.get("change") == "1"
        back_url = (url_for(".check") if changing else url_for(".question", question_id=back.id) if back
                    else url_for(".start"))
        return render_template(
            "review/question.html", survey_round=None, questionnaire=questionnaire, question=this,
            section=questionnaire.section(this.section_id), answer=shown or shown_again(kept_answers.get(this.id)),
            error=error, progress=progress(questionnaire, answers, this.id), back_url=back_url, changing=changing,
            **extra,
        ), status

    if _is_comment():
        return _comment_taken(link, this.id, f"Question: {this.text}", stored_version.version, render)
    if request.method == "GET":
        return render()
    try:
        answer = parse_answer(this, request.form.getlist("answer"), skip="skip" in request.form)
    except AnswerRefused as refused:
        return render(error=refused.message, shown={"text": refused.kept_text} if refused.kept_text else None,
                      status=400)
    worrying = help_reason(this, answer) is not None  # help at once, as in the survey; nothing is held
    kept_answers = {**kept_answers, this.id: kept(answer)}
    _keep_answers(kept_answers)
    answers = as_journey(kept_answers)
    changing = request.args.get("change") == "1"
    following = after_answering(questionnaire, answers, this.id, changing)
    next_url = (url_for(".question", question_id=following.id, **({"change": 1} if changing else {}))
                if following else url_for(".check"))
    if worrying:
        return redirect(url_for("pages.help_now", next=next_url))
    return redirect(next_url)


def _shown(question: Question, kept_answer: dict | None) -> str:
    return _(WROTE_SOMETHING) if kept_answer and kept_answer.get("wrote") else shown_answer(question, kept_answer)


@bp.route("/review/check", methods=["GET", "POST"])
def check():
    link = _link(ReviewKind.QUESTIONNAIRE)
    stored_version, questionnaire = _questionnaire(link)
    kept_answers = _kept_answers()
    visible = visible_questions(questionnaire, as_journey(kept_answers))
    groups = [(section, [(q, _shown(q, kept_answers.get(q.id))) for q in questions])
              for section, questions in by_section(questionnaire, visible)]

    def render(status: int = 200, **extra):
        return render_template("review/check.html", questionnaire=questionnaire, groups=groups, **extra), status

    if _is_comment():
        return _comment_taken(link, CHECK, PAGE_TITLES[CHECK], stored_version.version, render)
    return render()


@bp.route("/review/send", methods=["POST"])
def send():
    _link(ReviewKind.QUESTIONNAIRE)
    _keep_answers({})  # forgotten, as a sent survey is
    return redirect(url_for(".end"))


@bp.route("/review/end", methods=["GET", "POST"])
def end():
    link = _link(ReviewKind.QUESTIONNAIRE)
    stored_version, questionnaire = _questionnaire(link)

    def render(status: int = 200, **extra):
        return render_template("review/end.html", questionnaire=questionnaire, **extra), status

    if _is_comment():
        return _comment_taken(link, END, PAGE_TITLES[END], stored_version.version, render)
    return render()


# -- a "You said, we did" page ----------------------------------------------------------------------------------
@bp.route("/review/you-said-we-did", methods=["GET", "POST"])
def reply():
    link = _link(ReviewKind.REPLY)
    survey_round = db.session.get(SurveyRound, link.round_id)
    if survey_round is None:
        return _refused(links.LinkProblem.UNKNOWN)
    reading = stored.read(survey_round, for_staff=False)
    if reading.report is None:
        return render_template("survey/reply_preparing.html", survey_round=survey_round), 503
    # Not the link to the survey: a reviewer stays in the review copy, where nothing is sent.
    context = page_context(survey_round, reading.report, survey_open=False)

    def render(status: int = 200, **extra):
        return render_template("review/reply.html", **context, **extra), status

    if _is_comment():
        return _comment_taken(link, REPLY, PAGE_TITLES[REPLY], None, render)
    return render()
