"""Who may open which staff page. Every staff view says so with @requires(...) or @public;
tests/test_staff_permissions.py walks every staff URL with every role and fails on a view that says neither."""

from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user


def requires(*roles: str):
    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("staff.sign_in", next=request.full_path.rstrip("?")))
            if current_user.must_change_password and request.endpoint != "staff.password":
                return redirect(url_for("staff.password"))
            if roles and not current_user.has_any(*roles):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = roles  # type: ignore[attr-defined]
        return wrapped

    return decorate


def signed_in(view):
    """Any signed-in member of staff, whatever their role."""
    return requires()(view)


def public(view):
    view.required_roles = None  # type: ignore[attr-defined]
    return view
