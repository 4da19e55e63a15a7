"""Signing in, lockout, password changes and the audit log. Changes flush; views commit."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from flask_babel import gettext as _
from sqlalchemy import case, delete, func, or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from ..audit import audit
from ..clock import utc_now, window_number
from ..extensions import db
from ..form_problems import FormInvalid
from ..models import StaffSession, StaffUser
from .passwords import password_problem
from .roles import ALL_ROLES

# Wrong passwords for one account from one client (device/address) in 15 minutes before that client is
# refused for that account (staff/sign_in_limits.py). Someone else elsewhere can still sign in.
MAX_FAILURES = 5
# Wrong passwords for one account from anywhere in one 15-minute window before the account itself is
# locked for LOCKOUT: a guess spread over many addresses. One script at one address can't reach it, so
# locking out a real person (say, the safeguarding lead) needs more than a script.
ACCOUNT_LOCK_AFTER = 25
LOCKOUT = dt.timedelta(minutes=15)
WINDOW_MINUTES = 15
# Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password-at-all")


class AccountError(FormInvalid):
    pass



def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def create_user(email: str, password: str, roles: list[str], actor: str, must_change: bool = False) -> StaffUser:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError(_("Enter an email address, like name@council.gov.uk"), "email")
    if find_user(email) is not None:
        raise AccountError(_("There is already an account with that email address"), "email")
    unknown = set(roles) - set(ALL_ROLES)
    if unknown or not roles:
        raise AccountError(_("Choose at least one role"), "roles")
    problem = password_problem(password, email)
    if problem:
        raise AccountError(problem, "password")
    user = StaffUser(
        email=email, password_hash=generate_password_hash(password), roles=" ".join(sorted(roles)),
        must_change_password=must_change, session_version=1, failed_sign_ins=0, active=True,
    )
    db.session.add(user)
    audit(actor, "user created", f"{email} with roles {', '.join(sorted(roles))}")
    db.session.flush()
    return user


def _count_wrong_password(user: StaffUser, now: dt.datetime) -> None:
    """Count a wrong password in one UPDATE … RETURNING, so parallel attempts are each counted; lock the
    account (once: audited once) when the window's count reaches ACCOUNT_LOCK_AFTER."""
    window = window_number(now, WINDOW_MINUTES)
    count = db.session.execute(
        update(StaffUser).where(StaffUser.id == user.id)
        .values(failed_sign_ins=case((StaffUser.failed_window == window, StaffUser.failed_sign_ins + 1), else_=1),
                failed_window=window)
        .returning(StaffUser.failed_sign_ins)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    if count < ACCOUNT_LOCK_AFTER:
        return
    locked = db.session.execute(
        update(StaffUser).where(StaffUser.id == user.id,
                                or_(StaffUser.locked_until.is_(None), StaffUser.locked_until <= now))
        .values(locked_until=now + LOCKOUT)
        .execution_options(synchronize_session=False)
    ).rowcount
    if locked:
        audit(user.email, "locked out", f"after {count} wrong passwords in {WINDOW_MINUTES} minutes")


def authenticate(email: str, password: str) -> StaffUser | None:
    """The user if the password is right and the account is not locked; counts wrong passwords."""
    user = find_user(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    now = utc_now()
    if user.locked_until and user.locked_until > now:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.active or not check_password_hash(user.password_hash, password):
        _count_wrong_password(user, now)
        return None
    user.failed_sign_ins = 0
    user.locked_until = None
    audit(user.email, "signed in")
    return user


def start_session(user: StaffUser, lifetime: dt.timedelta) -> str:
    """A new signed-in browser: returns the token for its cookie; only the token's hash is kept. Sessions
    that have run out (browsers closed without signing out) are deleted on the way."""
    now = utc_now()
    db.session.execute(delete(StaffSession).where(StaffSession.started_at <= now - lifetime))
    token = secrets.token_urlsafe(32)
    db.session.add(StaffSession(token_hash=_token_hash(token), user_id=user.id, started_at=now))
    return token


def sign_out(user: StaffUser, token: str | None) -> None:
    """End this sign-in: its server-side session goes, so a copy of the cookie stops working too."""
    audit(user.email, "signed out")
    end_session(token)


def end_session(token: str | None) -> None:
    if token:
        db.session.execute(delete(StaffSession).where(StaffSession.token_hash == _token_hash(token)))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _end_every_session(user: StaffUser) -> None:
    user.session_version += 1
    db.session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))


def change_password(user: StaffUser, current: str, new: str) -> None:
    if not check_password_hash(user.password_hash, current):
        raise AccountError(_("Your current password is not right"), "current")
    problem = password_problem(new, user.email)
    if problem:
        raise AccountError(problem, "new")
    user.password_hash = generate_password_hash(new)
    user.must_change_password = False
    _end_every_session(user)  # every signed-in browser is signed out (the view starts this one again)
    audit(user.email, "password changed", "signed out everywhere")


def set_roles(user: StaffUser, roles: list[str], actor: str) -> None:
    if not roles or set(roles) - set(ALL_ROLES):
        raise AccountError(_("Choose at least one role"), "roles")
    before = user.roles
    user.roles = " ".join(sorted(roles))
    _end_every_session(user)
    audit(actor, "roles changed", f"{user.email}: {before or 'none'} → {user.roles}")


def load_session_user(session_id: str, token: str | None, lifetime: dt.timedelta) -> StaffUser | None:
    """The signed-in user, if this browser's session still exists on the server and started less than
    `lifetime` ago. The signed cookie alone would not end it: Flask re-signs it on every request, so a
    copy kept busy would live on."""
    try:
        user_id, version = (int(part) for part in session_id.split(":"))
    except ValueError:
        return None
    if not token:
        return None
    user = db.session.get(StaffUser, user_id)
    if user is None or user.session_version != version or not user.active:
        return None
    kept = db.session.get(StaffSession, _token_hash(token))
    if kept is None or kept.user_id != user.id or kept.started_at <= utc_now() - lifetime:
        return None
    return user


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(StaffUser)) or 0
