"""Staff pages: the council's strategy priorities, edited by admins. Rules in survey_app/priorities.py."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from .. import priorities as rules
from ..accounts.permissions import requires
from ..accounts.roles import ADMIN
from ..extensions import db
from ..form_problems import FormInvalid
from ..forms import ConfirmForm
from . import bp
from .form_page import check, form_page


class PriorityForm(FlaskForm):
    code = StringField(_l("Code"), validators=[Length(max=40, message=_l("The code must be 40 characters or fewer"))])
    title = StringField(_l("Title"),
                        validators=[Length(max=200, message=_l("The title must be 200 characters or fewer"))])
    description = TextAreaField(_l("What it means (optional)"), validators=[Length(max=2000)])
    source = StringField(_l("Where it comes from (optional)"), validators=[Length(max=200)])


def _priority(priority_id: int):
    return rules.find(priority_id) or abort(404)


def _form_page(form: PriorityForm, priority=None, refused: FormInvalid | None = None, use=None):
    return form_page("staff/priority_form.html", refused, whole_form="code", form=form, priority=priority, use=use)


def _fields(form: PriorityForm) -> dict[str, str]:
    return {"code": form.code.data or "", "title": form.title.data or "", "description": form.description.data or "",
            "source": form.source.data or ""}


@bp.route("/priorities")
@requires(ADMIN)
def priorities():
    return render_template("staff/priorities.html", priorities=rules.all_priorities(), uses=rules.uses(),
                           form=ConfirmForm())


@bp.route("/priorities/new", methods=["GET", "POST"])
@requires(ADMIN)
def priority_new():
    form = PriorityForm()
    if request.method == "GET":
        return _form_page(form)
    try:
        check(form)
        added = rules.add(current_user.email, **_fields(form))
    except FormInvalid as refused:
        db.session.rollback()
        return _form_page(form, refused=refused)
    db.session.commit()
    flash(_("Priority “%(title)s” added. Questions can now name it as '%(code)s'.", title=added.title, code=added.code))
    return redirect(url_for("staff.priorities"))


@bp.route("/priorities/<int:priority_id>", methods=["GET", "POST"])
@requires(ADMIN)
def priority_edit(priority_id: int):
    priority = _priority(priority_id)
    use = rules.use_of(priority.code)
    form = PriorityForm(obj=priority if request.method == "GET" else None)
    if request.method == "GET":
        return _form_page(form, priority, use=use)
    try:
        check(form)
        rules.update(current_user.email, priority, **_fields(form))
    except FormInvalid as refused:
        db.session.rollback()
        return _form_page(form, _priority(priority_id), refused, use)
    db.session.commit()
    flash(_("Priority “%(title)s” saved.", title=priority.title))
    return redirect(url_for("staff.priorities"))


@bp.route("/priorities/<int:priority_id>/delete", methods=["GET", "POST"])
@requires(ADMIN)
def priority_delete(priority_id: int):
    priority = _priority(priority_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            rules.delete(current_user.email, priority)
        except rules.PriorityRefused as refused:
            db.session.rollback()
            flash(refused.message, "error")
            return redirect(url_for("staff.priorities"))
        db.session.commit()
        flash(_("Priority “%(title)s” deleted.", title=priority.title))
        return redirect(url_for("staff.priorities"))
    return render_template("staff/priority_delete.html", priority=priority, use=rules.use_of(priority.code),
                           form=form)


@bp.route("/priorities/<int:priority_id>/move", methods=["POST"])
@requires(ADMIN)
def priority_move(priority_id: int):
    priority = _priority(priority_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        rules.move(current_user.email, priority, request.form.get("direction", ""))
    except rules.PriorityRefused as refused:
        db.session.rollback()
        flash(refused.message, "error")
        return redirect(url_for("staff.priorities"))
    db.session.commit()
    return redirect(url_for("staff.priorities", _anchor=f"priority-{priority.id}"))
