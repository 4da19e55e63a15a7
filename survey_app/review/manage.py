"""The worker's part of young reviewers: make a link (shown once, with a QR code), revoke it, mark a comment
done. The links and comments are listed on the builder page and on the round's publish page."""

from __future__ import annotations

import base64

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..extensions import db
from ..models import ReviewLink, SurveyRound
from ..models.statuses import ReviewKind
from ..questionnaire.versions import latest_version
from ..reviewing import comments, links
from ..rounds.operations import get_or_404
from ..rounds.qr import qr_svg
from . import bp

# The token of a link just made, for the one page that shows it (then forgotten): {"id": ..., "token": ...}.
SHOWN_ONCE = "review_link_shown_once"


def _made(link: ReviewLink, token: str):
    db.session.commit()
    session[SHOWN_ONCE] = {"id": link.id, "token": token}
    return redirect(url_for(".link_made", link_id=link.id), 303)


@bp.route("/staff/questionnaires/<key>/review-links", methods=["POST"])
@requires(ADMIN, WORKER)
def make_questionnaire_link(key: str):
    if latest_version(key) is None:
        abort(404)
    return _made(*links.make_link(questionnaire_key=key, actor=current_user.email,
                                  days=current_app.config["REVIEW_LINK_DAYS"]))


@bp.route("/staff/reports/<slug>/review-links", methods=["POST"])
@requires(ADMIN, WORKER)
def make_reply_link(slug: str):
    return _made(*links.make_link(survey_round=get_or_404(slug), actor=current_user.email,
                                  days=current_app.config["REVIEW_LINK_DAYS"]))


def _link_or_404(link_id: str) -> ReviewLink:
    return db.session.get(ReviewLink, link_id) or abort(404)


def _back_url(link: ReviewLink) -> str:
    """The worker's page the link belongs to, at its young reviewers' part."""
    if link.kind == ReviewKind.QUESTIONNAIRE:
        return url_for("staff.builder_edit", key=link.questionnaire_key, _anchor="young-reviewers")
    survey_round = db.session.get(SurveyRound, link.round_id)
    if survey_round is None:
        abort(404)
    return url_for("reports.publish_page", slug=survey_round.slug, _anchor="young-reviewers")


def reviewer_address(token: str) -> str:
    """The address the reviewer opens: on the public site, never the staff one."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        return url_for("review.open_link", t=token, _external=True)


@bp.route("/staff/review-links/<link_id>")
@requires(ADMIN, WORKER)
def link_made(link_id: str):
    link = _link_or_404(link_id)
    shown = session.pop(SHOWN_ONCE, None)
    address = reviewer_address(shown["token"]) if shown and shown.get("id") == link.id else None
    qr = None
    if address:
        svg = qr_svg(address, title=_("QR code of the review link"))
        qr = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    if link.kind == ReviewKind.QUESTIONNAIRE:
        stored = latest_version(link.questionnaire_key or "")
        what = _("the questionnaire “%(title)s”", title=stored.title) if stored else _("a questionnaire")
    else:
        survey_round = db.session.get(SurveyRound, link.round_id)
        what = (_("the “You said, we did” page of %(title)s", title=survey_round.title) if survey_round
                else _("a round’s page"))
    return render_template("review/link_made.html", link=link, address=address, qr=qr, what=what,
                           state=links.state_words(link), back_url=_back_url(link))


@bp.route("/staff/review-links/<link_id>/revoke", methods=["POST"])
@requires(ADMIN, WORKER)
def revoke_link(link_id: str):
    link = _link_or_404(link_id)
    links.revoke(link, current_user.email)
    db.session.commit()
    flash(_("The review link is revoked: it doesn’t open any more. Comments already made stay here."))
    return redirect(_back_url(link), 303)


@bp.route("/staff/review-comments/<comment_id>/done", methods=["POST"])
@requires(ADMIN, WORKER)
def comment_done(comment_id: str):
    comment = comments.comment_by_id(comment_id) or abort(404)
    done = request.form.get("done", "1") != "0"
    comments.set_done(comment, current_user.email, done)
    back = _back_url(comment.link)
    db.session.commit()
    flash(_("Comment marked done.") if done else _("Comment marked not done."))
    return redirect(back, 303)
