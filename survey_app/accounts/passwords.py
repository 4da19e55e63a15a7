"""Password rules: long enough to resist guessing, no arbitrary composition rules (NCSC guidance)."""

from __future__ import annotations

from flask_babel import gettext as _

MIN_LENGTH = 12
_COMMON = {
    "password1234", "123456789012", "qwertyuiopas", "passwordpassword", "iloveyou1234", "letmein12345",
    "welcome12345", "changeme1234", "football1234", "administrator", "voicesincare", "corporateparent",
}


def password_problem(password: str, email: str = "") -> str | None:
    """Why a password is too weak, in plain words, or None."""
    if len(password) < MIN_LENGTH:
        return _("Use at least %(count)s characters. Three random words work well.", count=MIN_LENGTH)
    lowered = password.lower()
    if lowered in _COMMON or len(set(lowered)) < 5:
        return _("That password is too easy to guess. Three random words work well.")
    if email and email.split("@")[0].lower() in lowered:
        return _("Don’t use your email address in your password.")
    return None
