"""The safeguarding lead's own worrying phrases (safeguarding/lead_phrases.py): list, add, remove."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, SAFEGUARDING
from ..extensions import db
from ..safeguarding.lead_phrases import PhraseRefused, add_phrase, lead_phrases, remove_phrase
from . import bp


@bp.route("/safeguarding/phrases", methods=["GET", "POST"])
@requires(SAFEGUARDING, ADMIN)
def safeguarding_phrases():
    error = None
    if request.method == "POST":
        try:
            row, already = add_phrase(request.form.get("phrase", ""), current_user.email)
        except PhraseRefused as refused:
            db.session.rollback()
            error = str(refused)
        else:
            db.session.commit()
            flash(f"Added “{row.phrase}”." + (f" The built-in patterns already find it ({already}); it is on your "
                                             "list too." if already else ""))
            return redirect(url_for("staff.safeguarding_phrases"))
    return render_template("staff/safeguarding_phrases.html", phrases=lead_phrases(), error=error,
                           typed=request.form.get("phrase", "")), 400 if error else 200


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
