"""How a staff page shows what was typed wrong, the same way on every page.

A rule refuses typed input with a FormInvalid (survey_app/form_problems.py); a form's own checks (WTForms
validators, the CSRF token) are turned into one by `check`. `form_page` renders the page with `problems`,
{field id: message} in the order of the form, which templates/forms.html shows as the error summary at the
top and a message at each field, and answers 400 (the page title then starts "Error:")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import render_template
from flask_wtf import FlaskForm

from ..form_problems import FormInvalid


def invalid_form(form: FlaskForm) -> FormInvalid:
    """What the form's own checks found, by field; a CSRF problem is the form's as a whole."""
    return FormInvalid({"" if name == "csrf_token" else name: str(messages[0])
                        for name, messages in form.errors.items()})


def check(form: FlaskForm) -> None:
    """For a POST: raises FormInvalid when the form's own checks fail."""
    if not form.validate_on_submit():
        raise invalid_form(form)


def shown(refused: FormInvalid | None, whole_form: str = "",
          field_id: Callable[[str], str] | None = None) -> dict[str, str]:
    """The problems as the page shows them, {field id: message}. A problem with the form as a whole is
    shown at `whole_form` when the page names the field it is about ("": at the top, without a link);
    `field_id` turns a rule's field names into the page's ids."""
    problems: dict[str, str] = {}
    for name, message in (refused.problems.items() if refused is not None else ()):
        problems.setdefault((field_id(name) if field_id else name) if name else whole_form, message)
    return problems


def form_page(template: str, refused: FormInvalid | None = None, *, whole_form: str = "",
              field_id: Callable[[str], str] | None = None, status: int = 400, **context: Any):
    """The page with what was typed wrong, if anything (then answering `status`)."""
    problems = shown(refused, whole_form, field_id)
    return render_template(template, problems=problems, error=bool(problems), **context), \
        status if problems else 200
