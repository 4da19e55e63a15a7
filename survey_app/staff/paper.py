"""Staff pages for paper and group-session responses: enter one form, or upload a CSV file of many.
The rules live in survey_app/paper/; these views read the request, call them and commit once."""

from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from werkzeug.exceptions import RequestEntityTooLarge

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..csv_table import MAX_BYTES, CsvRefused, RowProblem, too_big
from ..extensions import csrf, db
from ..form_problems import FormInvalid
from ..models import SurveyRound
from ..paper.counts import by_channel, rounds_with_paper_counts
from ..paper.csv_import import MAX_ROWS, import_responses
from ..paper.csv_template import guide_rows, template_csv, template_filename
from ..paper.entry import enter_response, field_name, written_from_form
from ..paper.rules import shown_when
from ..questionnaire.schema import Questionnaire
from ..rounds.operations import get_or_404, questionnaire_of
from . import bp
from .form_page import form_page

EXPIRED = _l("This page was open for a very long time, so nothing was saved. Please try again.")


class PaperEntryForm(FlaskForm):
    """CSRF protection; the answers are checked against the questionnaire by survey_app.paper.rules."""


class PaperUploadForm(FlaskForm):
    file = FileField(_l("CSV file of paper responses"), validators=[FileRequired(_l("Choose a CSV file to upload"))])


def _round(slug: str) -> tuple[SurveyRound, Questionnaire]:
    survey_round = get_or_404(slug)
    return survey_round, questionnaire_of(survey_round)


@bp.route("/paper")
@requires(ADMIN, WORKER)
def paper_rounds():
    return render_template("staff/paper_rounds.html", rounds=rounds_with_paper_counts())


@bp.route("/rounds/<slug>/paper")
@requires(ADMIN, WORKER)
def paper_round(slug: str):
    survey_round, questionnaire = _round(slug)
    return render_template("staff/paper_round.html", survey_round=survey_round, questionnaire=questionnaire,
                           counts=by_channel(survey_round))


def _entry_page(survey_round, questionnaire, form, written=None, refused: FormInvalid | None = None):
    """The form; a problem with a question is shown at its field (answer-<question id>)."""
    return form_page(
        "staff/paper_entry.html", refused, field_id=field_name, survey_round=survey_round,
        questionnaire=questionnaire, form=form, written=written or {}, field_name=field_name,
        shown_when=lambda question: shown_when(question, questionnaire),
    )


@bp.route("/rounds/<slug>/paper/new", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def paper_entry(slug: str):
    survey_round, questionnaire = _round(slug)
    form = PaperEntryForm()
    if request.method == "GET":
        return _entry_page(survey_round, questionnaire, form)
    if not form.validate_on_submit():
        return _entry_page(survey_round, questionnaire, form, refused=FormInvalid(str(EXPIRED)))
    written = written_from_form(questionnaire, request.form.getlist)
    try:
        _response, was_flagged = enter_response(survey_round, questionnaire, written, current_user.email)
    except FormInvalid as refused:
        return _entry_page(survey_round, questionnaire, form, written, refused)
    db.session.commit()
    if was_flagged:
        flash(_("Paper response added. One of its answers has been flagged for the safeguarding lead. The form below "
                "is empty, ready for the next one."))
    else:
        flash(_("Paper response added. The form below is empty, ready for the next one."))
    return redirect(url_for("staff.paper_entry", slug=slug))


@bp.route("/rounds/<slug>/paper/template.csv")
@requires(ADMIN, WORKER)
def paper_template(slug: str):
    survey_round, questionnaire = _round(slug)
    body = template_csv(survey_round, questionnaire, current_user.email)
    db.session.commit()
    return Response(body, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{template_filename(questionnaire)}"',
    })


def _upload_page(survey_round, questionnaire, form, problems=(), status=200):
    return render_template(
        "staff/paper_upload.html", survey_round=survey_round, questionnaire=questionnaire, form=form,
        problems=[str(problem) for problem in problems], error=bool(problems), guide=guide_rows(questionnaire),
        max_rows=MAX_ROWS,
    ), status


@bp.route("/rounds/<slug>/paper/upload", methods=["GET", "POST"])
@csrf.exempt  # the global check would read the file before the larger upload limit is set; the form checks CSRF
@requires(ADMIN, WORKER)
def paper_upload(slug: str):
    survey_round, questionnaire = _round(slug)
    if request.method == "GET":
        return _upload_page(survey_round, questionnaire, PaperUploadForm())
    request.max_content_length = MAX_BYTES + 64 * 1024  # room for the form around the file
    try:
        form = PaperUploadForm()
        valid = form.validate_on_submit()
    except RequestEntityTooLarge:
        return _upload_page(survey_round, questionnaire, PaperUploadForm(formdata=None),
                            [RowProblem(None, too_big())], status=413)
    if not valid:
        if "csrf_token" in form.errors:
            return _upload_page(survey_round, questionnaire, form, [RowProblem(None, str(EXPIRED))], status=400)
        return _upload_page(survey_round, questionnaire, form, [RowProblem(None, str(form.file.errors[0]))],
                            status=400)
    try:
        added, flagged = import_responses(survey_round, questionnaire, form.file.data.read(MAX_BYTES + 1),
                                          current_user.email)
    except CsvRefused as refused:
        db.session.rollback()
        return _upload_page(survey_round, questionnaire, form, refused.problems, status=400)
    db.session.commit()
    message = ngettext("%(num)s paper response added.", "%(num)s paper responses added.", added)
    if flagged:
        message += " " + ngettext("%(num)s of them has an answer flagged for the safeguarding lead.",
                                  "%(num)s of them have an answer flagged for the safeguarding lead.", flagged)
    flash(message)
    return redirect(url_for("staff.paper_round", slug=slug))
