"""Signing in, lockout, password changes and the audit log. Changes flush; views commit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..clock import utc_now
from ..extensions import db
from ..models import AuditEvent, StaffUser
from .passwords import password_problem
from .roles import ALL_ROLES

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
# Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password-at-all")


class AccountError(ValueError):
    pass



def normalise_email(email: str) -> str:
    return email.strip().lower()


def audit(actor: str, action: str, detail: str = "") -> None:
    db.session.add(AuditEvent(at=utc_now(), actor=actor, action=action, detail=detail))


def find_user(email: str) -> StaffUser | None:
    return db.session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def create_user(email: str, password: str, roles: list[str], actor: str, must_change: bool = False) -> StaffUser:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise AccountError("Enter an email address, like name@council.gov.uk")
    if find_user(email) is not None:
        raise AccountError("There is already an account with that email address")
    unknown = set(roles) - set(ALL_ROLES)
    if unknown or not roles:
        raise AccountError("Choose at least one role")
    problem = password_problem(password, email)
    if problem:
        raise AccountError(problem)
    user = StaffUser(
        email=email, password_hash=generate_password_hash(password), roles=" ".join(sorted(roles)),
        must_change_password=must_change, session_version=1, failed_sign_ins=0, active=True,
    )
    db.session.add(user)
    audit(actor, "user created", f"{email} with roles {', '.join(sorted(roles))}")
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> StaffUser | None:
    """The user if the password is right and the account is not locked; records failures."""
    user = find_user(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    now = utc_now()
    if user.locked_until and user.locked_until > now:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.active or not check_password_hash(user.password_hash, password):
        user.failed_sign_ins = (user.failed_sign_ins or 0) + 1
        if user.failed_sign_ins >= MAX_FAILURES:
            user.locked_until = now + LOCKOUT
            user.failed_sign_ins = 0
            audit(user.email, "locked out", f"after {MAX_FAILURES} failed sign-ins")
        return None
    user.failed_sign_ins = 0
    user.locked_until = None
    audit(user.email, "signed in")
    return user


def change_password(user: StaffUser, current: str, new: str) -> None:
    if not check_password_hash(user.password_hash, current):
        raise AccountError("Your current password is not right")
    problem = password_problem(new, user.email)
    if problem:
        raise AccountError(problem)
    user.password_hash = generate_password_hash(new)
    user.must_change_password = False
    user.session_version += 1  # every other signed-in browser is signed out
    audit(user.email, "password changed", "signed out everywhere")


def set_roles(user: StaffUser, roles: list[str], actor: str) -> None:
    if not roles or set(roles) - set(ALL_ROLES):
        raise AccountError("Choose at least one role")
    before = user.roles
    user.roles = " ".join(sorted(roles))
    user.session_version += 1
    audit(actor, "roles changed", f"{user.email}: {before or 'none'} → {user.roles}")


def load_session_user(session_id: str) -> StaffUser | None:
    try:
        user_id, version = (int(part) for part in session_id.split(":"))
    except ValueError:
        return None
    user = db.session.get(StaffUser, user_id)
    if user is None or user.session_version != version or not user.active:
        return None
    return user


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(StaffUser)) or 0
