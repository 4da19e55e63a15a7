"""Staff pages between rounds: the standing action report for the board (page and PDF; workers record when it
is issued), the challenge log (board members ask, workers answer), and meetings, visits and group sessions
recorded as findings. The rules live in survey_app/actions/ (standing, challenges, meetings); these views
read the request, call them and commit once."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, BOARD, WORKER
from ..actions.challenges import MAX_QUESTION, answer, ask, challenge_or_none, log, subjects
from ..actions.meetings import FIELDS as MEETING_FIELDS
from ..actions.meetings import OCCASION_TITLES, check_meeting, meetings, record_meeting, source_words
from ..actions.standing import issue, issued, standing_report
from ..extensions import db
from ..form_problems import FormInvalid
from ..forms import ConfirmForm
from ..jobs import queue
from ..reporting.standing_pdf import request_standing_pdf
from . import bp
from .form_page import form_page


# -- the standing action report ------------------------------------------------------------------------------
@bp.route("/standing-report")
@requires(ADMIN, WORKER, BOARD)
def standing():
    return form_page("staff/standing_report.html", None, report=standing_report(), issued=issued()[:6],
                     form=ConfirmForm(), may_issue=current_user.has_any(ADMIN, WORKER))


@bp.route("/standing-report/issue", methods=["POST"])
@requires(ADMIN, WORKER)
def standing_issue():
    row = issue(current_user.email)  # CSRF is checked for every POST before this view runs
    db.session.commit()
    flash(_("Standing report issued on %(day)s. The next one shows progress from this date.",
            day=f"{row.issued_on:%-d %B %Y}"))
    return redirect(url_for("staff.standing"))


@bp.route("/standing-report/pdf", methods=["POST"])
@requires(ADMIN, WORKER, BOARD)
def standing_pdf():
    job = request_standing_pdf(current_user.email)
    queue.wait(job.id, current_app.config["JOB_WAIT_SECONDS"])
    return redirect(url_for("reports.job_page", job_id=job.id), 303)


# -- the challenge log -------------------------------------------------------------------------------------------
@bp.route("/challenges")
@requires(ADMIN, WORKER, BOARD)
def challenges():
    waiting, done = log()
    return form_page("staff/challenges.html", None, waiting=waiting, done=done,
                     may_ask=current_user.has_any(ADMIN, BOARD))


def _grouped_subjects() -> dict[str, list[tuple[str, str]]]:
    grouped: dict[str, list[tuple[str, str]]] = {}
    for subject in subjects():
        grouped.setdefault(subject.group, []).append((subject.key, subject.words))
    return grouped


@bp.route("/challenges/new", methods=["GET", "POST"])
@requires(ADMIN, BOARD)
def challenges_new():
    values = {"about": request.values.get("about", ""), "question": request.form.get("question", "")}
    refused = None
    if request.method == "POST":
        try:
            challenge = ask(values["about"], values["question"], current_user.email)
        except FormInvalid as problem:
            refused = problem
        else:
            db.session.commit()
            flash(_("Your question is in the challenge log. A participation worker will answer it."))
            return redirect(url_for("staff.challenges_show", challenge_id=challenge.id))
    return form_page("staff/challenge_new.html", refused, values=values, subjects=_grouped_subjects(),
                     form=ConfirmForm(), max_question=MAX_QUESTION)


@bp.route("/challenges/<int:challenge_id>", methods=["GET", "POST"])
@requires(ADMIN, WORKER, BOARD)
def challenges_show(challenge_id: int):
    challenge = challenge_or_none(challenge_id) or abort(404)
    may_answer = current_user.has_any(ADMIN, WORKER)
    refused = None
    if request.method == "POST":
        if not may_answer:
            abort(403)
        try:
            answer(challenge, request.form.get("answer"), current_user.email)
        except FormInvalid as problem:
            refused = problem
        else:
            db.session.commit()
            flash(_("Answer saved. It will be in the next standing report and the next round report."))
            return redirect(url_for("staff.challenges"))
    typed = request.form.get("answer", challenge.answer)
    return form_page("staff/challenge.html", refused, challenge=challenge, may_answer=may_answer, typed=typed,
                     form=ConfirmForm())


# -- meetings, visits and group sessions -------------------------------------------------------------------------
@bp.route("/meetings")
@requires(ADMIN, WORKER)
def meetings_list():
    return form_page("staff/meetings.html", None, meetings=meetings(), source_words=source_words)


@bp.route("/meetings/new", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def meetings_new():
    values = {name: request.form.get(name, "") for name in MEETING_FIELDS}
    refused = None
    if request.method == "POST":
        try:
            meeting = record_meeting(check_meeting(values), current_user.email)
        except FormInvalid as problem:
            refused = problem
        else:
            db.session.commit()
            flash(_("Recorded: %(meeting)s. Link it to the actions that answer it from each action’s page.",
                    meeting=source_words(meeting)))
            return redirect(url_for("staff.meetings_list"))
    return form_page("staff/meeting_form.html", refused, values=values,
                     occasion_choices=list(OCCASION_TITLES.items()), form=ConfirmForm())
