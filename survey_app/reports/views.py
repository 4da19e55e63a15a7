"""Report pages. Staff (admin, worker): every round's report with exact figures, the publish page and the
downloads. Board (and admin, worker): published board reports and their PDF. The children's "You said, we
did" page is the survey blueprint's (survey/reply.py). Rules live in survey_app/reporting/."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, BOARD, WORKER
from ..extensions import db
from ..forms import ConfirmForm
from ..jobs import queue
from ..languages import known, language, use
from ..models import Job, RoundReport, SurveyRound
from ..models.statuses import JobStatus
from ..reporting import children_texts, exports, stored
from ..reporting.pdf import request_board_pdf
from ..reporting.publication import (
    ReportTexts,
    as_published,
    is_published,
    points,
    problems_with,
    publication_of,
    publish,
    published_rounds,
    report_state,
    save_texts,
    unpublish,
    use_generated,
)
from ..reviewing.panel import reply_panel
from ..rounds.operations import get_or_404
from ..survey.reply import page_context
from . import bp

# Why a job failed, in words for staff (the job keeps only the error's name, never data).
JOB_ERRORS = {
    "PdfUnavailable": "The PDF can’t be made on this server just now. Use the browser’s print button to save "
                      "the report as a PDF instead.",
}


def _is_staff() -> bool:
    return current_user.has_any(ADMIN, WORKER)


def _preparing(survey_round: SurveyRound, job: Job | None):
    return render_template("reports/preparing.html", survey_round=survey_round, job=job), 503


def _follow(job: Job):
    """Wait a moment for a quick job, then show its page (the file, or how far it has got)."""
    queue.wait(job.id, current_app.config["JOB_WAIT_SECONDS"])
    return redirect(url_for("reports.job_page", job_id=job.id), 303)


# ---- staff: every round ---------------------------------------------------------------------------------

@bp.route("/staff/reports")
@requires(ADMIN, WORKER)
def staff_list():
    rounds = list(db.session.scalars(db.select(SurveyRound).order_by(SurveyRound.id.desc())))
    rows = [{"round": survey_round, "state": report_state(db.session.get(RoundReport, survey_round.id))}
            for survey_round in rounds]
    return render_template("reports/staff_list.html", rows=rows)


@bp.route("/staff/reports/<slug>")
@requires(ADMIN, WORKER)
def staff_preview(slug: str):
    survey_round = get_or_404(slug)
    as_board = request.args.get("view") == "board"
    reading = stored.read(survey_round, for_staff=not as_board, wait=current_app.config["JOB_WAIT_SECONDS"])
    if reading.report is None:
        return _preparing(survey_round, reading.job)
    return render_template("reports/staff_preview.html", report=reading.report, survey_round=survey_round,
                           staff_view=not as_board, as_board=as_board, downloads=exports.DOWNLOADS,
                           state=report_state(publication_of(survey_round)), form=ConfirmForm(),
                           updating=reading.job)


@bp.route("/staff/reports/<slug>/publish", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def publish_page(slug: str):
    """The worker's words: the board summary and the children's points (the points made from the answers
    to start with). Saving never publishes: "Save and preview" goes to the preview, which has the confirm."""
    survey_round = get_or_404(slug)
    reading = stored.read(survey_round, for_staff=True, wait=current_app.config["JOB_WAIT_SECONDS"])
    if reading.report is None:
        return _preparing(survey_round, reading.job)
    report = reading.report
    shown = {"good": list(report.children.good), "change": list(report.children.change)}
    publication = publication_of(survey_round)
    form = ConfirmForm()
    problems: dict[str, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        texts = ReportTexts(board_summary=request.form.get("board_summary", ""),
                            children_good=points(request.form.get("children_good")),
                            children_change=points(request.form.get("children_change")))
        problems = problems_with(texts) | children_texts.point_problems(request.form)
        if not problems:
            save_texts(survey_round, texts, shown, current_user.email)
            children_texts.save_round_versions(survey_round, request.form, current_user.email)
            back_to = request.form.get("use_generated", "")
            if back_to in ("children_good", "children_change"):
                use_generated(survey_round, back_to, current_user.email)
                db.session.commit()
                flash("The points are back to the ones made from the answers.")
                return redirect(url_for("reports.publish_page", slug=slug, _anchor=back_to))
            db.session.commit()
            if request.form.get("preview"):
                return redirect(url_for("reports.preview_children", slug=slug))
            flash("Saved. " + ("Board members and young people see the changes now." if is_published(survey_round)
                               else "The report is not published."))
            return redirect(url_for("reports.staff_preview", slug=slug))
        values = dict(request.form)
    else:
        values = {
            "board_summary": publication.board_summary if publication else "",
            "children_good": "\n".join(shown["good"]),
            "children_change": "\n".join(shown["change"]),
        } | children_texts.round_values(survey_round)
    return render_template("reports/publish.html", survey_round=survey_round, report=report, form=form,
                           values=values, problems=problems, published=bool(publication and publication.published),
                           other_languages=[language(code) for code in children_texts.OTHER_LANGUAGES],
                           error=bool(problems), reviews=reply_panel(survey_round.id)), 400 if problems else 200


def _preview_report(survey_round: SurveyRound):
    """The board's report (small numbers hidden) as it will be published and the job still bringing it up to
    date (None when it is), or the "Preparing" page."""
    reading = stored.read(survey_round, for_staff=False, wait=current_app.config["JOB_WAIT_SECONDS"])
    if reading.report is None:
        return None, _preparing(survey_round, reading.job)
    return as_published(reading.report), None if reading.fresh else reading.job


@bp.route("/staff/reports/<slug>/preview/board")
@requires(ADMIN, WORKER)
def preview_board(slug: str):
    survey_round = get_or_404(slug)
    report, waiting = _preview_report(survey_round)
    if report is None:
        return waiting
    return render_template("reports/preview_board.html", report=report, survey_round=survey_round, staff_view=False,
                           published=is_published(survey_round), form=ConfirmForm(), previewing="board",
                           updating=waiting)


@bp.route("/staff/reports/<slug>/preview/children")
@requires(ADMIN, WORKER)
def preview_children(slug: str):
    survey_round = get_or_404(slug)
    report, waiting = _preview_report(survey_round)
    if report is None:
        return waiting
    version = known(request.args.get("version"))
    if version:  # each language's version as a young person reading it sees it (not kept in the session)
        use(version)
    return render_template("reports/preview_children.html", form=ConfirmForm(), previewing="children",
                           published=is_published(survey_round), as_a_child_sees=True, updating=waiting,
                           **page_context(survey_round, report, survey_round.is_open(), language=version))


@bp.route("/staff/reports/<slug>/publish/confirm", methods=["POST"])
@requires(ADMIN, WORKER)
def confirm_publish(slug: str):
    survey_round = get_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("reports.preview_children", slug=slug))
    if not is_published(survey_round):
        publish(survey_round, current_user.email)
        db.session.commit()
        # Wait (a small round is ready in time) so the first reader sees "Published", as the preview did.
        stored.read(survey_round, for_staff=False, wait=current_app.config["JOB_WAIT_SECONDS"])
        flash("The report is published. Board members can read it, and the “You said, we did” page is at the "
              "round’s link.")
    return redirect(url_for("reports.staff_preview", slug=slug))


@bp.route("/staff/reports/<slug>/unpublish", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def unpublish_report(slug: str):
    survey_round = get_or_404(slug)
    form = ConfirmForm()
    if request.method == "GET":
        if not is_published(survey_round):
            return redirect(url_for("reports.staff_preview", slug=slug))
        return render_template("reports/unpublish.html", survey_round=survey_round, form=form)
    if form.validate_on_submit() and is_published(survey_round):
        unpublish(survey_round, current_user.email)
        db.session.commit()
        flash("The report is no longer published. Board members and young people can’t see it now.")
    return redirect(url_for("reports.staff_preview", slug=slug))


@bp.route("/staff/reports/<slug>/download/<name>", methods=["POST"])
@requires(ADMIN, WORKER)
def download(slug: str, name: str):
    survey_round = get_or_404(slug)
    if name not in exports.DOWNLOADS:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("reports.staff_preview", slug=slug))
    return _follow(exports.request_download(survey_round, name, current_user.email))


# ---- jobs: files being prepared -------------------------------------------------------------------------

def _own_job(job_id: str) -> Job:
    """A job the signed-in person asked for (anyone else's is not found)."""
    job = queue.get(job_id)
    if job is None or job.requested_by != current_user.email:
        abort(404)
    return job


@bp.route("/staff/jobs/<job_id>")
@requires(ADMIN, WORKER, BOARD)
def job_page(job_id: str):
    job = _own_job(job_id)
    survey_round = db.session.get(SurveyRound, job.round_id) if job.round_id else None
    return render_template("reports/job.html", job=job, survey_round=survey_round, lost=queue.is_lost(job),
                           expired=queue.is_expired(job), error=JOB_ERRORS.get(job.error, ""),
                           hours=current_app.config["JOB_FILES_KEEP_HOURS"])


@bp.route("/staff/jobs/<job_id>/file")
@requires(ADMIN, WORKER, BOARD)
def job_file(job_id: str):
    job = _own_job(job_id)
    if job.status != JobStatus.DONE or queue.is_expired(job) or job.file is None:
        return redirect(url_for("reports.job_page", job_id=job_id))
    response = Response(job.file, mimetype=job.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


# ---- board: published reports ---------------------------------------------------------------------------

def _board_round(slug: str) -> SurveyRound:
    """A published round; staff may also open an unpublished one to check it. Board members get 404."""
    survey_round = get_or_404(slug)
    if not is_published(survey_round) and not _is_staff():
        abort(404)
    return survey_round


@bp.route("/staff/board/reports")
@requires(ADMIN, WORKER, BOARD)
def board_list():
    rows = [{"round": survey_round, "publication": publication_of(survey_round)}
            for survey_round in published_rounds()]
    return render_template("reports/board_list.html", rows=rows)


@bp.route("/staff/board/reports/<slug>")
@requires(ADMIN, WORKER, BOARD)
def board_report(slug: str):
    survey_round = _board_round(slug)
    reading = stored.read(survey_round, for_staff=False)
    if reading.report is None:
        return _preparing(survey_round, reading.job)
    return render_template("reports/board.html", report=reading.report, survey_round=survey_round,
                           staff_view=False, published=is_published(survey_round), form=ConfirmForm())


@bp.route("/staff/board/reports/<slug>/pdf", methods=["POST"])
@requires(ADMIN, WORKER, BOARD)
def board_report_pdf(slug: str):
    survey_round = _board_round(slug)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("reports.board_report", slug=slug))
    return _follow(request_board_pdf(survey_round, current_user.email))
