"""Staff pages: the codebook of themes (admin and participation workers). Add, rename, retire and
bring back themes; the rules live in survey_app/moderation/themes.py; each view commits once."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import Theme
from ..moderation.themes import (
    ThemeInput,
    add_theme,
    change_theme,
    priority_choices,
    restore_theme,
    retire_theme,
    theme_rows,
)
from ..text_scores import recode_later
from . import bp
from .form_page import form_page


def _typed() -> ThemeInput:
    return ThemeInput(title=request.form.get("title", ""), priority_code=request.form.get("priority_code", ""),
                      words=request.form.get("words", ""), code=request.form.get("code", ""))


@bp.route("/themes")
@requires(ADMIN, WORKER)
def themes():
    return render_template("staff/themes.html", rows=theme_rows())


@bp.route("/themes/new", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def theme_new():
    typed = ThemeInput("", "", "")
    refused = None
    if request.method == "POST":
        typed = _typed()
        try:
            theme = add_theme(typed, current_user.email)
        except FormInvalid as problem:
            refused = problem
        else:
            db.session.commit()
            recode_later(current_user.email)
            flash(_("Theme “%(title)s” added (code %(code)s).", title=theme.title, code=theme.code))
            return redirect(url_for("staff.themes"))
    return form_page("staff/theme_form.html", refused, whole_form="title", theme=None, typed=typed,
                     priorities=priority_choices())


@bp.route("/themes/<int:theme_id>", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def theme_edit(theme_id: int):
    theme = db.session.get(Theme, theme_id) or abort(404)
    typed = ThemeInput(theme.title, theme.priority_code, theme.words, theme.code)
    refused = None
    if request.method == "POST":
        typed = _typed()
        try:
            change_theme(theme, typed, current_user.email)
        except FormInvalid as problem:
            refused = problem
        else:
            db.session.commit()
            recode_later(current_user.email)
            flash(_("Theme “%(title)s” saved.", title=theme.title))
            return redirect(url_for("staff.themes"))
    row = next(row for row in theme_rows() if row.theme.id == theme.id)
    return form_page("staff/theme_form.html", refused, whole_form="title", theme=theme, row=row, typed=typed,
                     priorities=priority_choices())


@bp.route("/themes/<int:theme_id>/retire", methods=["POST"])
@requires(ADMIN, WORKER)
def theme_retire(theme_id: int):
    theme = db.session.get(Theme, theme_id) or abort(404)
    kept = retire_theme(theme, current_user.email)
    db.session.commit()
    recode_later(current_user.email)
    retired = _("Theme “%(title)s” retired: it is no longer offered for coding and no longer found automatically.",
                title=theme.title)
    if kept:
        retired += " " + ngettext("%(num)s answer coded with it by hand keep it and still count.",
                                  "%(num)s answers coded with it by hand keep it and still count.", kept)
    flash(retired)
    return redirect(url_for("staff.themes"))


@bp.route("/themes/<int:theme_id>/restore", methods=["POST"])
@requires(ADMIN, WORKER)
def theme_restore(theme_id: int):
    theme = db.session.get(Theme, theme_id) or abort(404)
    restore_theme(theme, current_user.email)
    db.session.commit()
    recode_later(current_user.email)
    flash(_("Theme “%(title)s” is back in use.", title=theme.title))
    return redirect(url_for("staff.themes"))
