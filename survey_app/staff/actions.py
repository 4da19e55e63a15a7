"""Staff pages: the "You said, we did" action register. List (filter by round, priority and status;
overdue shown), add, change, delete; progress updates; linked findings; CSV import and export. The rules
live in survey_app/actions/; these views read the request, call them and commit once. Board members see
actions only in published reports."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from werkzeug.exceptions import RequestEntityTooLarge

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..actions.csv_io import COLUMNS, describe_result, export_actions, export_filename, import_actions
from ..actions.operations import (
    FINDING_TITLES,
    Filters,
    action_or_none,
    add_update,
    apply_fields,
    create_action,
    delete_action,
    describe_findings,
    finding_choices,
    link_finding,
    list_actions,
    unlink_finding,
)
from ..actions.rules import (
    MAX_TITLE,
    STATUS_TITLES,
    check_action,
    is_overdue,
    priorities,
    rounds,
)
from ..csv_table import MAX_BYTES, CsvRefused, RowProblem, too_big
from ..extensions import csrf, db
from ..form_problems import FormInvalid
from ..forms import ConfirmForm
from ..languages import language
from ..models import Action, SurveyRound
from ..models.statuses import ActionStatus
from ..reporting import children_texts
from ..rounds.operations import round_by_slug
from . import bp
from .form_page import form_page

EXPIRED = _l("This page was open for a very long time, so nothing was saved. Please try again.")
ACTION_FIELDS = ("reference", "title", "priority", "round", "owner", "due_day", "due_month", "due_year", "status",
                 "not_doing_reason")
# The action's words in each other language (reporting/children_texts.py): title_cy, owner_ar, …
LANGUAGE_FIELDS = tuple(children_texts.field_name(name, code) for code in children_texts.OTHER_LANGUAGES
                        for name in children_texts.ACTION_WORDS)
UPDATE_FIELDS = ("text", "written_day", "written_month", "written_year")


class ActionsUploadForm(FlaskForm):
    file = FileField(_l("CSV file of actions"), validators=[FileRequired(_l("Choose a CSV file to upload"))])


def _action(action_id: int) -> Action:
    return action_or_none(action_id) or abort(404)


def _lookups() -> dict:
    """What the pages show in words: priorities, rounds and statuses."""
    all_rounds = rounds()
    return {
        "priority_titles": {priority.code: priority.title for priority in priorities()},
        "priority_choices": [(priority.code, priority.title) for priority in priorities()],
        "round_choices": [(survey_round.slug, f"{survey_round.title} (opened {survey_round.created_on:%-d %b %Y})")
                          for survey_round in all_rounds],
        "round_titles": {survey_round.id: survey_round.title for survey_round in all_rounds},
        "round_slugs": {survey_round.id: survey_round.slug for survey_round in all_rounds},
        "status_titles": STATUS_TITLES,
    }


def _typed(names: tuple[str, ...]) -> dict[str, str]:
    return {name: request.form.get(name, "") for name in names}


# -- list ------------------------------------------------------------------------------------------------------
@bp.route("/actions")
@requires(ADMIN, WORKER)
def actions_list():
    lookups = _lookups()
    filters = Filters(
        round=request.args.get("round", "") if request.args.get("round", "") in
        {"none", *(slug for slug, _ in lookups["round_choices"])} else "",
        priority=request.args.get("priority", "") if request.args.get("priority", "") in lookups["priority_titles"]
        else "",
        status=request.args.get("status", "") if request.args.get("status", "") in {"overdue", *STATUS_TITLES}
        else "",
    )
    today = dt.date.today()
    actions = list_actions(filters, today)
    return render_template("staff/actions_list.html", actions=actions, filters=filters,
                           overdue={action.id for action in actions if is_overdue(action, today)},
                           filtered=filters != Filters(), **lookups)


# -- add, change, delete ------------------------------------------------------------------------------------------
def _form_page(template: str, values: dict, refused: FormInvalid | None = None, action: Action | None = None):
    return form_page(template, refused, values=values, action=action, form=ConfirmForm(), max_title=MAX_TITLE,
                     other_languages=[language(code) for code in children_texts.OTHER_LANGUAGES], **_lookups())


def _checked(values: dict[str, str], editing: Action | None = None):
    """check_action, and the words in other languages (reporting/children_texts.py): every problem at once."""
    problems = children_texts.action_problems(values)
    try:
        fields = check_action(values, editing=editing)
    except FormInvalid as refused:
        raise FormInvalid(refused.problems | problems) from refused
    if problems:
        raise FormInvalid(problems)
    return fields


@bp.route("/actions/new", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def actions_new():
    if request.method == "GET":
        values = dict.fromkeys(ACTION_FIELDS, "") | {"status": ActionStatus.PLANNED,
                                                     "round": request.args.get("round", "")}
        return _form_page("staff/actions_form.html", values | children_texts.action_values(None))
    values = _typed(ACTION_FIELDS) | _typed(LANGUAGE_FIELDS)
    try:
        fields = _checked(values)
    except FormInvalid as refused:
        return _form_page("staff/actions_form.html", values, refused)
    action = create_action(fields, current_user.email)
    children_texts.save_action_versions(action, values, current_user.email)
    db.session.commit()
    flash(_("Action %(reference)s added. Link the findings it answers below.", reference=action.reference))
    return redirect(url_for("staff.actions_show", action_id=action.id))


def _values_of(action: Action) -> dict[str, str]:
    survey_round = db.session.get(SurveyRound, action.round_id) if action.round_id else None
    due = action.due_on
    return {
        "reference": action.reference, "title": action.title, "priority": action.priority_code,
        "round": survey_round.slug if survey_round else "", "owner": action.owner,
        "due_day": str(due.day) if due else "", "due_month": str(due.month) if due else "",
        "due_year": str(due.year) if due else "", "status": action.status,
        "not_doing_reason": action.not_doing_reason,
    }


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def actions_edit(action_id: int):
    action = _action(action_id)
    if request.method == "GET":
        return _form_page("staff/actions_form.html", _values_of(action) | children_texts.action_values(action),
                          action=action)
    values = _typed(ACTION_FIELDS) | _typed(LANGUAGE_FIELDS)
    try:
        fields = _checked(values, editing=action)
    except FormInvalid as refused:
        return _form_page("staff/actions_form.html", values, refused, action)
    dropped = apply_fields(action, fields)
    children_texts.save_action_versions(action, values, current_user.email)
    db.session.commit()
    if dropped:
        flash(ngettext("Action %(reference)s saved. It now answers a different round, so %(num)s linked question "
                       "or quotes from the old round were removed.",
                       "Action %(reference)s saved. It now answers a different round, so %(num)s linked questions "
                       "or quotes from the old round were removed.", dropped, reference=action.reference))
    else:
        flash(_("Action %(reference)s saved.", reference=action.reference))
    return redirect(url_for("staff.actions_show", action_id=action.id))


@bp.route("/actions/<int:action_id>/delete", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def actions_delete(action_id: int):
    action = _action(action_id)
    if request.method == "GET":
        return render_template("staff/actions_delete.html", action=action, form=ConfirmForm())
    reference = action.reference
    delete_action(action, current_user.email)  # CSRF is checked for every POST before this view runs
    db.session.commit()
    flash(_("Action %(reference)s deleted, with its progress updates and links to findings.", reference=reference))
    return redirect(url_for("staff.actions_list"))


# -- one action: progress updates and findings -------------------------------------------------------------------
def _show_page(action: Action, update_values: dict | None = None, refused: FormInvalid | None = None):
    return form_page(
        "staff/actions_show.html", refused, action=action, findings=describe_findings(action),
        choices=finding_choices(action), finding_titles=FINDING_TITLES, overdue=is_overdue(action),
        update_values=update_values or dict.fromkeys(UPDATE_FIELDS, ""), form=ConfirmForm(), **_lookups(),
    )


@bp.route("/actions/<int:action_id>")
@requires(ADMIN, WORKER)
def actions_show(action_id: int):
    return _show_page(_action(action_id))


@bp.route("/actions/<int:action_id>/updates/new", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def actions_update_add(action_id: int):
    """The form is on the action's page (which GET shows); with a problem, the page comes back with what
    was typed."""
    action = _action(action_id)
    if request.method == "GET":
        return _show_page(action)
    values = _typed(UPDATE_FIELDS)
    try:
        add_update(action, values, current_user.email)
    except FormInvalid as refused:
        return _show_page(action, values, refused)
    db.session.commit()
    flash(_("Progress update added to action %(reference)s.", reference=action.reference))
    return redirect(url_for("staff.actions_show", action_id=action.id, _anchor="progress"))


@bp.route("/actions/<int:action_id>/findings/new", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def actions_finding_add(action_id: int):
    action = _action(action_id)
    if request.method == "GET":
        return _show_page(action)
    kind = request.form.get("kind", "")
    try:
        link_finding(action, kind, request.form.get(kind, "") if kind in FINDING_TITLES else "")
    except FormInvalid as refused:
        db.session.rollback()
        return _show_page(action, refused=refused)
    db.session.commit()
    flash(_("%(kind)s linked to action %(reference)s.", kind=FINDING_TITLES[kind], reference=action.reference))
    return redirect(url_for("staff.actions_show", action_id=action.id, _anchor="findings"))


@bp.route("/actions/<int:action_id>/findings/<int:finding_id>/remove", methods=["POST"])
@requires(ADMIN, WORKER)
def actions_finding_remove(action_id: int, finding_id: int):
    action = _action(action_id)
    if unlink_finding(action, finding_id):
        db.session.commit()
        flash(_("The link was removed from action %(reference)s.", reference=action.reference))
    else:
        flash(_("That link had already been removed."), "error")
    return redirect(url_for("staff.actions_show", action_id=action.id, _anchor="findings"))


# -- CSV ------------------------------------------------------------------------------------------------------------
@bp.route("/actions/export.csv")
@requires(ADMIN, WORKER)
def actions_export():
    slug = request.args.get("round", "")
    survey_round = round_by_slug(slug) if slug else None
    if slug and survey_round is None:
        abort(404)
    text, _count = export_actions(current_user.email, survey_round)
    db.session.commit()
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{export_filename(survey_round)}"'})


def _upload_page(form, problems=(), status=200):
    return render_template("staff/actions_import.html", form=form, problems=[str(problem) for problem in problems],
                           error=bool(problems), columns=COLUMNS, priority_choices=_lookups()["priority_choices"],
                           status_titles=STATUS_TITLES), status


@bp.route("/actions/import", methods=["GET", "POST"])
@csrf.exempt  # the global check would read the file before the larger upload limit is set; the form checks CSRF
@requires(ADMIN, WORKER)
def actions_import():
    if request.method == "GET":
        return _upload_page(ActionsUploadForm())
    request.max_content_length = MAX_BYTES + 64 * 1024  # room for the form around the file
    try:
        form = ActionsUploadForm()
        valid = form.validate_on_submit()
    except RequestEntityTooLarge:
        return _upload_page(ActionsUploadForm(formdata=None), [RowProblem(None, too_big())], status=413)
    if not valid:
        if "csrf_token" in form.errors:
            return _upload_page(form, [RowProblem(None, str(EXPIRED))], status=400)
        return _upload_page(form, [RowProblem(None, str(form.file.errors[0]))], status=400)
    try:
        result = import_actions(form.file.data.read(MAX_BYTES + 1), current_user.email,
                                filename=form.file.data.filename or "")
    except CsvRefused as refused:
        db.session.rollback()
        return _upload_page(form, refused.problems, status=400)
    db.session.commit()
    flash(describe_result(result))
    return redirect(url_for("staff.actions_list"))
