"""Forms shared by more than one area of the site."""

from __future__ import annotations

from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """A button and a CSRF token, for actions with nothing to fill in."""
