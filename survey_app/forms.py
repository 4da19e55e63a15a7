"""Forms shared by more than one area of the site."""

from __future__ import annotations

from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice


class ConfirmForm(FlaskForm):
    """A button and a CSRF token, for actions with nothing to fill in."""


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """A choice field's options from (value, words) pairs (WTForms 3.3 deprecates bare tuples).
    Templates read them as `option.value` and `option.label`."""
    return [SelectChoice(value, label) for value, label in pairs]
