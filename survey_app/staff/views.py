"""Staff pages: signing in, accounts, the dashboard and the safeguarding queue."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from ..accounts.operations import (
    authenticate,
    change_password,
    create_user,
    end_session,
    set_roles,
    start_session,
)
from ..accounts.operations import sign_out as sign_out_account
from ..accounts.permissions import public, requires, signed_in
from ..accounts.roles import ADMIN, ROLE_TITLES, SAFEGUARDING, WORKER
from ..accounts.sign_in_limits import forget_tries, take_a_try
from ..extensions import db, limiter
from ..form_problems import FormInvalid
from ..forms import ConfirmForm
from ..models import AuditEvent, SafeguardingFlag, StaffUser
from ..rounds.counts import rounds_with_counts
from ..safeguarding.flags import release_and_notify
from ..safeguarding.notify import email_configured
from ..safeguarding.queue import (
    NoteRefused,
    days_waiting,
    outstanding_flags,
    recently_reviewed,
    record_outcome,
    waited,
)
from . import bp
from .form_page import check, form_page
from .forms import FlagOutcomeForm, NewUserForm, PasswordForm, RolesForm, SignInForm

SIGN_IN_FAILED = _l("Enter a correct email address and password. After 5 wrong tries, this device can't sign in to "
                    "that account for 15 minutes.")
TOO_MANY_SIGN_INS = _l("There have been too many tries to sign in from this device. Wait 15 minutes and try again, "
                       "or ask an admin to check your account.")


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/staff") and not value.startswith("//"):
        return value
    return url_for("staff.dashboard")


def _start_staff_session(user: StaffUser) -> None:
    """Signs this browser in; the view commits."""
    end_session(session.get("staff_session"))
    session.clear()  # a fresh session: nothing from before signing in carries over
    session.permanent = True
    session["staff_session"] = start_session(user, current_app.permanent_session_lifetime)
    login_user(user)


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT"], methods=["POST"], scope="sign-in")
def sign_in():
    form = SignInForm()
    refused = None
    if request.method == "POST":
        try:
            check(form)
            if not take_a_try(form.email.data):
                abort(429)
            user = authenticate(form.email.data, form.password.data)
            if user is not None:
                forget_tries(form.email.data)
                _start_staff_session(user)
            db.session.commit()  # the sign-in (or the wrong password counted), once
            if user is None:
                raise FormInvalid(str(SIGN_IN_FAILED))
        except FormInvalid as problem:
            refused = problem
        else:
            return redirect(_safe_next(request.args.get("next")))
    return form_page("staff/sign_in.html", refused, form=form)


@bp.errorhandler(429)
def too_many_sign_ins(_error):
    return form_page("staff/sign_in.html", FormInvalid(str(TOO_MANY_SIGN_INS)), status=429, form=SignInForm())


@bp.route("/sign-out", methods=["POST"])
@signed_in
def sign_out():
    if ConfirmForm().validate_on_submit():
        sign_out_account(current_user, session.get("staff_session"))
        db.session.commit()
        logout_user()
        session.clear()
    return redirect(url_for("staff.sign_in"))


@bp.route("/")
@signed_in
def dashboard():
    show_rounds = current_user.has_any(ADMIN, WORKER)
    return render_template(
        "staff/dashboard.html",
        rounds=rounds_with_counts() if show_rounds else [],
        show_rounds=show_rounds,
        flags_waiting=len(outstanding_flags()) if current_user.has_any(SAFEGUARDING) else None,
        # Admins can't open the queue, but they are the ones who can get email set up.
        email_warning=current_user.has_any(ADMIN, SAFEGUARDING) and not email_configured(),
    )


@bp.route("/password", methods=["GET", "POST"])
@signed_in
def password():
    form = PasswordForm()
    refused = None
    if request.method == "POST":
        try:
            check(form)
            change_password(current_user, form.current.data, form.new.data)
        except FormInvalid as problem:
            refused = problem
        else:
            _start_staff_session(current_user)  # this browser stays signed in with a new session
            db.session.commit()
            flash(_("Your password has been changed. You have been signed out everywhere else."))
            return redirect(url_for("staff.dashboard"))
    return form_page("staff/password.html", refused, form=form)


@bp.route("/users")
@requires(ADMIN)
def users():
    people = db.session.scalars(select(StaffUser).order_by(StaffUser.email)).all()
    return render_template("staff/users.html", people=people, role_titles=ROLE_TITLES)


@bp.route("/users/new", methods=["GET", "POST"])
@requires(ADMIN)
def user_new():
    form = NewUserForm()
    refused = None
    if request.method == "POST":
        try:
            check(form)
            create_user(form.email.data, form.password.data, form.roles.data, current_user.email, must_change=True)
        except FormInvalid as problem:
            refused = problem
        else:
            db.session.commit()
            flash(_("Account made for %(email)s. Give them the first password in person.",
                    email=form.email.data.strip().lower()))
            return redirect(url_for("staff.users"))
    return form_page("staff/user_new.html", refused, form=form)


@bp.route("/users/<int:user_id>/roles", methods=["GET", "POST"])
@requires(ADMIN)
def user_roles(user_id: int):
    person = db.session.get(StaffUser, user_id) or abort(404)
    form = RolesForm(roles=sorted(person.role_set)) if request.method == "GET" else RolesForm()
    refused = None
    if request.method == "POST":
        try:
            check(form)
            set_roles(person, form.roles.data, current_user.email)
        except FormInvalid as problem:
            refused = problem
        else:
            db.session.commit()
            flash(_("Roles changed for %(email)s.", email=person.email))
            return redirect(url_for("staff.users"))
    return form_page("staff/user_roles.html", refused, form=form, person=person)


@bp.route("/audit")
@requires(ADMIN)
def audit_log():
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(500)).all()
    return render_template("staff/audit.html", events=events)


@bp.route("/safeguarding")
@requires(SAFEGUARDING)
def safeguarding():
    # Answers held since the last release reach the queue now (the scheduled purge-drafts does it too).
    release_and_notify()
    return _queue_page()


def _queue_page(flag_id: str = "", refused: NoteRefused | None = None):
    """The queue; a refused note is shown beside its flag (the field note-<flag id>), with what was typed kept."""
    waiting = [(flag, survey_round, waited(days_waiting(flag))) for flag, survey_round in outstanding_flags()]
    note = f"note-{flag_id}"
    return form_page("staff/safeguarding.html", refused, whole_form=note, field_id=lambda _name: note,
                     waiting=waiting, done=recently_reviewed(), form=FlagOutcomeForm(),
                     email_configured=email_configured())


@bp.route("/safeguarding/<flag_id>", methods=["POST"])
@requires(SAFEGUARDING)
def safeguarding_record(flag_id: str):
    flag = db.session.get(SafeguardingFlag, flag_id) or abort(404)
    form = FlagOutcomeForm()
    if not form.validate_on_submit():
        flash(_("Choose what was done before you press “Record”."), "error")
        return redirect(url_for("staff.safeguarding"))
    try:
        record_outcome(flag, form.outcome.data, form.note.data or "", current_user.email)
    except NoteRefused as refused:
        return _queue_page(flag.id, refused)
    db.session.commit()
    flash(_("Recorded."))
    return redirect(url_for("staff.safeguarding"))


def init_login(app) -> None:
    from flask_login import LoginManager

    from ..accounts.operations import load_session_user

    manager = LoginManager()
    manager.login_view = "staff.sign_in"
    manager.session_protection = "basic"
    manager.user_loader(lambda session_id: load_session_user(session_id, session.get("staff_session"),
                                                             app.permanent_session_lifetime))
    manager.init_app(app)
