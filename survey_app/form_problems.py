"""A form refused as a whole: every problem by field name, in plain words, in the order of the form."""

from __future__ import annotations


class FormInvalid(ValueError):
    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(problems.values()))
        self.problems = problems
