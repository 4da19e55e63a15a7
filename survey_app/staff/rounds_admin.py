"""Staff pages: survey rounds. Open a round, see its link, QR code and counts, print invitation
cards, close and reopen it. Checks and changes live in survey_app/rounds/; each view commits once."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from analysis.suppression import Thresholds

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..extensions import db
from ..form_problems import FormInvalid
from ..forms import ConfirmForm, choices
from ..models import SurveyRound
from ..questionnaire.store import definition
from ..reporting.counts import by_language, language_counts
from ..reporting.present import answered_in
from ..rounds.access_code import code_to_print
from ..rounds.counts import counts_for_round, response_rate_of, rounds_with_counts
from ..rounds.operations import get_or_404
from ..rounds.qr import qr_png, qr_svg
from ..rounds.removal import removals
from ..rounds.setup import (
    AUDIENCES,
    COHORT_GROUPS,
    GROUP_LABELS,
    SetupInvalid,
    check_cohorts,
    check_setup,
    close_round,
    cohort_groups_of,
    has_ended,
    open_configured_round,
    published_versions,
    reopen_round,
    round_state,
    set_cohorts,
)
from . import bp
from .form_page import check, form_page
from .rounds_forms import CloseRoundForm, CohortsForm, OpenRoundForm


def public_link(survey_round: SurveyRound) -> str:
    """The address young people open: on the public site, never the staff one."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        return url_for("survey.start", slug=survey_round.slug, _external=True)


@bp.route("/rounds")
@requires(ADMIN, WORKER)
def rounds_list():
    rows = rounds_with_counts()
    return render_template("staff/rounds_list.html", rows=rows,
                           states={row["round"].id: round_state(row["round"]) for row in rows})


@bp.route("/rounds/new", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def rounds_new():
    form = OpenRoundForm()
    versions = published_versions()
    form.questionnaire.choices = choices((str(stored.id), f"{stored.title} (version {stored.version})")
                                         for stored in versions)
    refused = None
    if request.method == "POST":
        try:
            check(form)  # the form only carries what was typed (and the CSRF token): check_setup checks it
            setup = check_setup(form.typed())
        except FormInvalid as problem:
            refused = problem
        else:
            survey_round = open_configured_round(setup, current_user.email)
            db.session.commit()
            flash("The round is open. Share the link or QR code, or print invitation cards.")
            return redirect(url_for("staff.rounds_show", slug=survey_round.slug))
    add_question_to = refused.add_question_to if isinstance(refused, SetupInvalid) else None
    return form_page("staff/rounds_new.html", refused, form=form, versions=versions, cohort_groups=COHORT_GROUPS,
                     add_question_to=add_question_to)


@bp.route("/rounds/<slug>")
@requires(ADMIN, WORKER)
def rounds_show(slug: str):
    survey_round = get_or_404(slug)
    counts = counts_for_round(survey_round)
    return render_template(
        "staff/rounds_show.html", survey_round=survey_round, link=public_link(survey_round),
        state=round_state(survey_round), counts=counts, rates=response_rate_of(survey_round, counts["sent"]),
        audiences=AUDIENCES, answered_in=_answered_in(survey_round), min_cell=Thresholds().min_cell,
        group_labels=GROUP_LABELS, ended=has_ended(survey_round), form=ConfirmForm(), removals=removals(survey_round),
    )


def _answered_in(survey_round: SurveyRound) -> list[dict]:
    """How many sent answers in each language, small numbers hidden as on the board report: a language is
    something few share, so it could point at one young person."""
    return answered_in(by_language(language_counts(survey_round.id), exact=False))


@bp.route("/rounds/<slug>/numbers", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def rounds_cohorts(slug: str):
    """How many young people could answer, entered (or corrected) after the round opened: the response rate
    needs it."""
    survey_round = get_or_404(slug)
    entered = {cohort.group: str(cohort.expected) for cohort in survey_round.cohorts}
    form = CohortsForm() if request.method == "POST" else CohortsForm(data=entered)
    refused = None
    if request.method == "POST":
        try:
            check(form)
            cohorts = check_cohorts(survey_round, form.typed())
        except FormInvalid as problem:
            refused = problem
        else:
            set_cohorts(survey_round, cohorts, current_user.email)
            db.session.commit()
            flash("The numbers are saved: the response rate uses them.")
            return redirect(url_for("staff.rounds_show", slug=slug, _anchor="response-rate"))
    return form_page("staff/rounds_cohorts.html", refused, form=form, survey_round=survey_round,
                     groups=cohort_groups_of(survey_round))


@bp.route("/rounds/<slug>/qr.svg")
@requires(ADMIN, WORKER)
def rounds_qr_svg(slug: str):
    survey_round = get_or_404(slug)
    svg = qr_svg(public_link(survey_round), title=f"QR code for {survey_round.title}")
    return current_app.response_class(svg, mimetype="image/svg+xml", headers={
        "Content-Disposition": f'inline; filename="round-{survey_round.slug}-qr.svg"'})


@bp.route("/rounds/<slug>/qr.png")
@requires(ADMIN, WORKER)
def rounds_qr_png(slug: str):
    survey_round = get_or_404(slug)
    return current_app.response_class(qr_png(public_link(survey_round)), mimetype="image/png", headers={
        "Content-Disposition": f'inline; filename="round-{survey_round.slug}-qr.png"'})


@bp.route("/rounds/<slug>/card")
@requires(ADMIN, WORKER)
def rounds_card(slug: str):
    """A printable A5 invitation. The access code is typed again to print it (only its hash is kept);
    it is checked against the hash and never stored."""
    survey_round = get_or_404(slug)
    code, refused = None, None
    try:
        code = code_to_print(survey_round, request.args.get("code"))
    except FormInvalid as problem:
        refused = problem
    return form_page("staff/rounds_card.html", refused, survey_round=survey_round, link=public_link(survey_round),
                     questionnaire=definition(survey_round.questionnaire_version), code=code)


@bp.route("/rounds/<slug>/close", methods=["POST"])
@requires(ADMIN, WORKER)
def rounds_close(slug: str):
    survey_round = get_or_404(slug)
    form = CloseRoundForm()  # CSRF is checked for every POST before this view runs
    waiting = counts_for_round(survey_round)["in_progress"]
    if waiting and form.confirm.data != "yes":
        return render_template("staff/rounds_close.html", survey_round=survey_round, waiting=waiting,
                               form=CloseRoundForm(confirm="yes"))
    close_round(survey_round, current_user.email, in_progress=waiting)
    db.session.commit()
    flash("The round is closed. Anyone who opens the link sees that it has closed.")
    return redirect(url_for("staff.rounds_show", slug=slug))


@bp.route("/rounds/<slug>/reopen", methods=["POST"])
@requires(ADMIN, WORKER)
def rounds_reopen(slug: str):
    survey_round = get_or_404(slug)
    ended_on = survey_round.closes_on
    date_removed = reopen_round(survey_round, current_user.email)
    db.session.commit()
    if date_removed:
        flash(f"The round is open again. Its close date ({ended_on:%-d %B %Y}) had passed, so it has been removed: "
              "the round stays open until you close it.")
    else:
        flash("The round is open again.")
    return redirect(url_for("staff.rounds_show", slug=slug))
