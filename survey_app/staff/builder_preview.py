"""The builder's preview: the questionnaire walked as a young person would, in a phone-sized frame, with
the survey's own routing (responses/journey.py), so conditions apply; and a panel where the worker pretends
answers and sees which questions would be shown (responses/pretend.py).

Nothing from a preview is stored: the answers given in the frame live in the worker's session cookie (a
written answer only as "something was written", as in the young reviewers' copy), and the pretend answers
are only in the panel's link. With JavaScript the panel redraws its list in place (builder.js), without
restarting the walk in the frame. A worrying answer says the help page would show, but flags nothing."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, session, url_for

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..forms import ConfirmForm
from ..questionnaire import editing
from ..questionnaire.loader import QuestionnaireInvalid
from ..questionnaire.schema import Question, Questionnaire
from ..questionnaire.store import definition
from ..questionnaire.versions import document_of, problems_of_version, version_by_id
from ..questionnaire.worker_problems import for_worker
from ..responses import pretend
from ..responses.answers import AnswerRefused, parse_answer
from ..responses.journey import after_answering, previous_question, progress, progress_in_file, visible_questions
from ..reviewing.answers import as_journey, kept, shown_again
from ..safeguarding.triggers import help_reason
from . import bp

STATE = "builder_preview"  # in the session: {"version": the version's id, "answers": {question id: kept answer}}
REFRESH_HEADER = "X-Refresh-Region"  # sent by builder.js when it fetches a page only to put in one region


def _previewable(key: str, version_id: int):
    stored = version_by_id(key, version_id) or abort(404)
    try:
        return stored, definition(stored)
    except QuestionnaireInvalid:
        return stored, None


def _walk_answers(version_id: int) -> dict[str, dict]:
    state = session.get(STATE)
    if isinstance(state, dict) and state.get("version") == version_id and isinstance(state.get("answers"), dict):
        return state["answers"]
    return {}


def _condition_words(stored, questionnaire: Questionnaire, question: Question) -> str | None:
    """When the question (or its section) is only shown after some answers, in words; else None."""
    document = document_of(stored)
    raw = editing.find_question(document, question.id)[1].get("show_if")
    section_raw = editing.find_section(document, question.section_id).get("show_if")
    parts = [editing.describe_condition(document, condition) for condition in (section_raw, raw) if condition]
    return " and ".join(parts) or None


@bp.route("/questionnaires/<key>/versions/<int:version_id>/preview")
@requires(ADMIN, WORKER)
def builder_preview(key: str, version_id: int):
    """The phone frame (which starts a new walk) and the pretend-answers panel."""
    stored, questionnaire = _previewable(key, version_id)
    if questionnaire is None:
        return render_template("staff/builder_preview.html", stored=stored, questionnaire=None,
                               worker_problems=for_worker(problems_of_version(stored), document_of(stored)))
    if REFRESH_HEADER not in request.headers:  # builder.js redrawing only the panel leaves the frame's walk
        session[STATE] = {"version": version_id, "answers": {}}
    answers = pretend.pretend_answers(questionnaire, request.args)
    shown = pretend.shown_with(questionnaire, answers)
    return render_template(
        "staff/builder_preview.html", stored=stored, questionnaire=questionnaire, worker_problems=[],
        deciding=[(question, pretend.choices_for(question), request.args.get(pretend.FIELD.format(question.id), ""))
                  for question in pretend.deciding_questions(questionnaire)],
        shown=shown, shown_count=sum(1 for row in shown if row.shown), pretending=bool(answers),
        conditions={row.question.id: _condition_words(stored, questionnaire, row.question) for row in shown},
        field=pretend.FIELD,
    )


def _number_of(questionnaire: Questionnaire, question: Question) -> int:
    return [q.id for q in questionnaire.questions].index(question.id) + 1


@bp.route("/questionnaires/<key>/versions/<int:version_id>/preview/<int:number>", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_preview_question(key: str, version_id: int, number: int):
    """One question exactly as a young person sees it (survey/question.html); Continue goes where the survey
    would go after that answer. Number total + 1 is the end of the preview."""
    stored, questionnaire = _previewable(key, version_id)
    if questionnaire is None:
        abort(404)
    total = len(questionnaire.questions)
    if not 1 <= number <= total + 1:
        abort(404)
    here = {"key": key, "version_id": version_id}
    kept_answers = _walk_answers(version_id)
    answers = as_journey(kept_answers)
    visible = visible_questions(questionnaire, answers)
    if number == total + 1:
        last = visible[-1] if visible else None
        return render_template(
            "staff/builder_preview_end.html", stored=stored, total=total, seen=len(visible),
            back_url=url_for("staff.builder_preview_question", number=_number_of(questionnaire, last), **here)
            if last else None)
    question = questionnaire.questions[number - 1]
    error = None
    answer = shown_again(kept_answers.get(question.id))
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            abort(400)
        try:
            given = parse_answer(question, request.form.getlist("answer"), skip="skip" in request.form)
        except AnswerRefused as refused:
            error = refused.message
            answer = {"text": refused.kept_text} if refused.kept_text is not None else {}
        else:
            kept_answers = {**kept_answers, question.id: kept(given)}
            session[STATE] = {"version": version_id, "answers": kept_answers}
            following = after_answering(questionnaire, as_journey(kept_answers), question.id, changing=False)
            next_number = _number_of(questionnaire, following) if following else total + 1
            worrying = "yes" if help_reason(question, given) else None
            return redirect(url_for("staff.builder_preview_question", number=next_number, help=worrying, **here))
    is_visible = question.id in {q.id for q in visible}
    back = previous_question(questionnaire, answers, question.id) if is_visible else None
    return render_template(
        "staff/builder_preview_question.html", questionnaire=questionnaire, question=question,
        section=questionnaire.section(question.section_id), answer=answer, error=error,
        progress=progress(questionnaire, answers, question.id) if is_visible
        else progress_in_file(questionnaire, question.id),
        back_url=url_for("staff.builder_preview_question", number=_number_of(questionnaire, back), **here)
        if back else None,
        changing=False, form=ConfirmForm(), condition=_condition_words(stored, questionnaire, question),
        survey_round=None, hidden_now=not is_visible, help_shown=request.args.get("help") == "yes",
        restart_url=url_for("staff.builder_preview", **here),
    ), 400 if error else 200
