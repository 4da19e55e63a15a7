"""Forms of the questionnaire builder. The question form's repeating parts (options, face words) are
read from the request in builder.py; these give CSRF protection and the simple fields."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import choices
from .forms import MultiCheckboxField

GROUP_CHOICES = [("in_care", "Children in care"), ("care_leaver", "Care leavers")]


class NewQuestionnaireForm(FlaskForm):
    key = StringField("Key", validators=[DataRequired("Enter a key, for example summer-2025"), Length(max=63)])
    title = StringField("Title young people will see", validators=[
        DataRequired("Enter a title young people will see"), Length(max=200)])


class DuplicateForm(FlaskForm):
    key = StringField("Key of the copy", validators=[DataRequired("Enter a key for the copy"), Length(max=63)])
    title = StringField("Title of the copy", validators=[Optional(), Length(max=200)])


class ImportForm(FlaskForm):
    file = FileField("A questionnaire file (.yaml)")
    text = TextAreaField("Or paste the YAML here", validators=[Optional(), Length(max=60_000)])


class DetailsForm(FlaskForm):
    title = StringField("Title young people will see", validators=[Length(max=200)])
    intro = TextAreaField("What it is for, in plain words", validators=[Length(max=2000)])
    ages = StringField("Ages", validators=[Length(max=5)])
    groups = MultiCheckboxField("Who it is for", choices=choices(GROUP_CHOICES))
    minutes = StringField("Roughly how many minutes it takes", validators=[Length(max=3)])


class SectionForm(FlaskForm):
    title = StringField("Section title", validators=[Length(max=200)])
    intro = TextAreaField("Words shown above its first question (optional)", validators=[Length(max=1000)])


class NewSectionForm(FlaskForm):
    title = StringField("Title of a new section", validators=[Length(max=200)])


class PublishForm(FlaskForm):
    intro = TextAreaField("What it is for, in plain words", validators=[Length(max=2000)])
    ages_choice = RadioField("Ages it is for", choices=choices([("keep", "keep"), ("other", "other")]),
                             validate_choice=False)
    ages = StringField("Other ages", validators=[Length(max=5)])
    minutes_choice = RadioField("How long it takes", choices=choices([("estimate", "estimate"), ("own", "own")]),
                                validate_choice=False)
    minutes = StringField("Minutes", validators=[Length(max=3)])
