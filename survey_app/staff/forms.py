from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.roles import ALL_ROLES, ROLE_TITLES
from ..forms import choices
from ..models.statuses import FlagStatus


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SignInForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired("Enter your email address")])
    password = PasswordField("Password", validators=[DataRequired("Enter your password")])


class PasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired("Enter your current password")])
    new = PasswordField("New password", validators=[DataRequired("Enter a new password")])


class NewUserForm(FlaskForm):
    email = EmailField("Email address", validators=[
        DataRequired("Enter an email address"), Length(max=254),
    ])
    password = StringField("First password (they must change it when they first sign in)",
                           validators=[DataRequired("Enter a first password")])
    roles = MultiCheckboxField("Roles", choices=choices((role, ROLE_TITLES[role]) for role in ALL_ROLES),
                               validators=[DataRequired("Choose at least one role")])


class RolesForm(FlaskForm):
    roles = MultiCheckboxField("Roles", choices=choices((role, ROLE_TITLES[role]) for role in ALL_ROLES),
                               validators=[DataRequired("Choose at least one role")])


class FlagOutcomeForm(FlaskForm):
    outcome = RadioField("What was done", choices=choices([
        (FlagStatus.REVIEWED, "Reviewed: no further action needed"),
        (FlagStatus.ESCALATED, "Escalated (for example to the child's team or the LADO)"),
        (FlagStatus.NO_ACTION, "No action possible (for example, nothing to go on)"),
    ]), validators=[DataRequired("Choose what was done")])
    note = TextAreaField("Note (what you did and why; no names)", validators=[Length(max=2000)])
