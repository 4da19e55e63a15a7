"""The safeguarding lead's own worrying phrases (safeguarding/lead_phrases.py): list, add, remove."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, SAFEGUARDING
from ..extensions import db
from ..form_problems import FormInvalid
from ..safeguarding.lead_phrases import PhraseRefused, add_phrase, lead_phrases, remove_phrase
from . import bp
from .form_page import form_page


@bp.route("/safeguarding/phrases", methods=["GET", "POST"])
@requires(SAFEGUARDING, ADMIN)
def safeguarding_phrases():
    refused = None
    if request.method == "POST":
        try:
            row, already = add_phrase(request.form.get("phrase", ""), current_user.email)
        except FormInvalid as problem:
            db.session.rollback()
            refused = problem
        else:
            db.session.commit()
            flash(f"Added “{row.phrase}”." + (f" The built-in patterns already find it ({already}); it is on your "
                                             "list too." if already else ""))
            return redirect(url_for("staff.safeguarding_phrases"))
    return form_page("staff/safeguarding_phrases.html", refused, whole_form="phrase", phrases=lead_phrases(),
                     typed=request.form.get("phrase", ""))


@bp.route("/safeguarding/phrases/<int:phrase_id>/remove", methods=["POST"])
@requires(SAFEGUARDING, ADMIN)
def safeguarding_phrase_remove(phrase_id: int):
    try:
        remove_phrase(phrase_id, current_user.email)
    except PhraseRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash("Removed.")
    return redirect(url_for("staff.safeguarding_phrases"))
