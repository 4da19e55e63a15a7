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
from ..models import RoundReport, SurveyRound
from ..reporting import build, exports
from ..reporting.pdf import PdfUnavailable, board_pdf
from ..reporting.publication import (
    ReportTexts,
    is_published,
    points,
    problems_with,
    publication_of,
    publish,
    published_rounds,
    report_state,
    save_texts,
    unpublish,
)
from ..rounds.operations import get_or_404
from . import bp

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def _is_staff() -> bool:
    return current_user.has_any(ADMIN, WORKER)


def _download(data: bytes, filename: str, mimetype: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
    report = build.build(survey_round.id, for_staff=not as_board)
    return render_template("reports/staff_preview.html", report=report, survey_round=survey_round,
                           staff_view=not as_board, as_board=as_board, downloads=exports.DOWNLOADS,
                           state=report_state(publication_of(survey_round)), form=ConfirmForm())


@bp.route("/staff/reports/<slug>/publish", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def publish_page(slug: str):
    survey_round = get_or_404(slug)
    report = build.build(survey_round.id, for_staff=True)
    generated = {"good": list(report.children.good), "change": list(report.children.change)}
    publication = publication_of(survey_round)
    form = ConfirmForm()
    problems: dict[str, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        texts = ReportTexts(board_summary=request.form.get("board_summary", ""),
                            children_good=points(request.form.get("children_good")),
                            children_change=points(request.form.get("children_change")))
        problems = problems_with(texts)
        if not problems:
            save_texts(survey_round, texts, generated, current_user.email)
            if request.form.get("publish"):
                publish(survey_round, current_user.email)
                flash("The report is published. Board members can read it, and the “You said, we did” page "
                      "is at the round’s link.")
            else:
                flash("Saved.")
            db.session.commit()
            return redirect(url_for("reports.staff_preview", slug=slug))
        values = dict(request.form)
    else:
        values = {
            "board_summary": publication.board_summary if publication else "",
            "children_good": "\n".join(generated["good"]),
            "children_change": "\n".join(generated["change"]),
        }
    return render_template("reports/publish.html", survey_round=survey_round, report=report, form=form,
                           values=values, problems=problems, published=bool(publication and publication.published),
                           error=bool(problems)), 400 if problems else 200


@bp.route("/staff/reports/<slug>/unpublish", methods=["POST"])
@requires(ADMIN, WORKER)
def unpublish_report(slug: str):
    survey_round = get_or_404(slug)
    if ConfirmForm().validate_on_submit() and is_published(survey_round):
        unpublish(survey_round, current_user.email)
        db.session.commit()
        flash("The report is no longer published. Board members and young people can’t see it now.")
    return redirect(url_for("reports.staff_preview", slug=slug))


@bp.route("/staff/reports/<slug>/download/<name>")
@requires(ADMIN, WORKER)
def download(slug: str, name: str):
    survey_round = get_or_404(slug)
    wanted = exports.DOWNLOADS.get(name) or abort(404)
    data, filename = exports.exporter(wanted.fmt)(survey_round.id, wanted.what, for_staff=wanted.for_staff)
    exports.audit_export(current_user.email, survey_round.id, wanted.what, wanted.fmt, for_staff=wanted.for_staff)
    db.session.commit()
    return _download(data, filename, MIMETYPES[wanted.fmt])


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
    report = build.build(survey_round.id, for_staff=False)
    return render_template("reports/board.html", report=report, survey_round=survey_round, staff_view=False,
                           published=is_published(survey_round))


@bp.route("/staff/board/reports/<slug>/pdf")
@requires(ADMIN, WORKER, BOARD)
def board_report_pdf(slug: str):
    survey_round = _board_round(slug)
    report = build.build(survey_round.id, for_staff=False)
    try:
        data = board_pdf(report)
    except PdfUnavailable as error:
        current_app.logger.error("%s", error)
        return render_template("pages/error.html", status=503,
                               message="The PDF can’t be made on this server just now. Use the browser’s "
                                       "print button to save the report as a PDF instead."), 503
    exports.audit_export(current_user.email, survey_round.id, "report", "pdf", for_staff=False)
    db.session.commit()
    return _download(data, f"board-report-{survey_round.slug}.pdf", "application/pdf")
