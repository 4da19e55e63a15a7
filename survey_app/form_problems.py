"""What someone typed is wrong: the one exception every rule raises about typed input, and views show.

`problems` maps each form field's name to what is wrong with it, in plain words, in the order of the
form; the key "" holds a problem with the form as a whole. A rule with one thing to say raises
`FormInvalid("message", field)`; one that checks a whole form raises `FormInvalid({field: message, ...})`.
Rules give their refusals names of their own (EditRefused, SetupInvalid, ...) as subclasses. Staff pages
show every one the same way: survey_app/staff/form_page.py makes it the page's error summary and a message
at each field (templates/forms.html), and turns a form's own checks (WTForms validators) into one too.

Problems in a file (a questionnaire, a CSV upload) are listed by line instead: QuestionnaireInvalid and
CsvRefused carry those."""

from __future__ import annotations

from collections.abc import Mapping


class FormInvalid(ValueError):
    def __init__(self, problems: Mapping[str, str] | str, field: str | None = None):
        self.problems: dict[str, str] = {field or "": problems} if isinstance(problems, str) else dict(problems)
        super().__init__("; ".join(self.problems.values()))

    @property
    def message(self) -> str:
        """The first problem (a rule with one thing to say says only that)."""
        return next(iter(self.problems.values()), "")

    @property
    def field(self) -> str | None:
        """The field the first problem belongs to; None for the form as a whole."""
        return next(iter(self.problems), "") or None

    def by_field(self) -> dict[str, str]:
        """Problems that belong to a field, for the message beside it."""
        return {name: message for name, message in self.problems.items() if name}

    def general(self) -> list[str]:
        """Problems with the form as a whole, for the top of the page."""
        return [message for name, message in self.problems.items() if not name]
