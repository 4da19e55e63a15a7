"""People who want to get involved (survey_app/involvement/batches.py): nobody is shown until a batch of
INVOLVEMENT_BATCH is waiting, then the whole batch is released at once, shuffled."""

from __future__ import annotations

import datetime as dt

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..extensions import db
from ..forms import ConfirmForm
from ..involvement.batches import release_batch, released_batches, waiting_count
from ..involvement.details import INTEREST_TITLES
from . import bp


@bp.route("/involvement")
@requires(ADMIN, WORKER)
def involvement():
    batch = current_app.config["INVOLVEMENT_BATCH"]
    keep = dt.timedelta(days=current_app.config["INVOLVEMENT_KEEP_DAYS"])
    return render_template("staff/involvement.html", batch=batch, ready=waiting_count() >= batch,
                           batches=[(day, day + keep, rows) for day, rows in released_batches()],
                           interest_titles=INTEREST_TITLES, form=ConfirmForm())


@bp.route("/involvement/release", methods=["POST"])
@requires(ADMIN, WORKER)
def involvement_release():
    if ConfirmForm().validate_on_submit():
        released = release_batch(current_app.config["INVOLVEMENT_BATCH"], current_user.email)
        db.session.commit()
        flash(_("%(count)s people’s details are below.", count=released) if released
              else _("Nobody’s details can be shown yet: not enough people are waiting."))
    return redirect(url_for("staff.involvement"))
