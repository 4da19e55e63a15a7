"""Forms of the questionnaire builder. The question form's repeating parts (options, face words) are
read from the request in builder.py; these give CSRF protection and the simple fields."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import choices
from .forms import MultiCheckboxField

GROUP_CHOICES = [("in_care", _l("Children in care")), ("care_leaver", _l("Care leavers"))]


class NewQuestionnaireForm(FlaskForm):
    key = StringField(_l("Key"), validators=[DataRequired(_l("Enter a key, for example summer-2025")), Length(max=63)])
    title = StringField(_l("Title young people will see"), validators=[
        DataRequired(_l("Enter a title young people will see")), Length(max=200)])


class DuplicateForm(FlaskForm):
    key = StringField(_l("Key of the copy"), validators=[DataRequired(_l("Enter a key for the copy")), Length(max=63)])
    title = StringField(_l("Title of the copy"), validators=[Optional(), Length(max=200)])


class ImportForm(FlaskForm):
    file = FileField(_l("A questionnaire file (.yaml)"))
    text = TextAreaField(_l("Or paste the YAML here"), validators=[Optional(), Length(max=60_000)])


class DetailsForm(FlaskForm):
    title = StringField(_l("Title young people will see"), validators=[Length(max=200)])
    intro = TextAreaField(_l("What it is for, in plain words"), validators=[Length(max=2000)])
    ages = StringField(_l("Ages"), validators=[Length(max=5)])
    groups = MultiCheckboxField(_l("Who it is for"), choices=choices(GROUP_CHOICES))
    minutes = StringField(_l("Roughly how many minutes it takes"), validators=[Length(max=3)])


class SectionForm(FlaskForm):
    title = StringField(_l("Section title"), validators=[Length(max=200)])
    intro = TextAreaField(_l("Words shown above its first question (optional)"), validators=[Length(max=1000)])


class NewSectionForm(FlaskForm):
    title = StringField(_l("Title of a new section"), validators=[Length(max=200)])


class PublishForm(FlaskForm):
    intro = TextAreaField(_l("What it is for, in plain words"), validators=[Length(max=2000)])
    ages_choice = RadioField(_l("Ages it is for"), choices=choices([("keep", "keep"), ("other", "other")]),
                             validate_choice=False)
    ages = StringField(_l("Other ages"), validators=[Length(max=5)])
    minutes_choice = RadioField(_l("How long it takes"), choices=choices([("estimate", "estimate"), ("own", "own")]),
                                validate_choice=False)
    minutes = StringField(_l("Minutes"), validators=[Length(max=3)])
