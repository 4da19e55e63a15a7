from flask_babel import lazy_gettext as _l
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
    email = EmailField(_l("Email address"), validators=[DataRequired(_l("Enter your email address"))])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password"))])


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password"))])
    new = PasswordField(_l("New password"), validators=[DataRequired(_l("Enter a new password"))])


class NewUserForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[
        DataRequired(_l("Enter an email address")), Length(max=254),
    ])
    password = StringField(_l("First password (they must change it when they first sign in)"),
                           validators=[DataRequired(_l("Enter a first password"))])
    roles = MultiCheckboxField(_l("Roles"), choices=choices((role, ROLE_TITLES[role]) for role in ALL_ROLES),
                               validators=[DataRequired(_l("Choose at least one role"))])


class RolesForm(FlaskForm):
    roles = MultiCheckboxField(_l("Roles"), choices=choices((role, ROLE_TITLES[role]) for role in ALL_ROLES),
                               validators=[DataRequired(_l("Choose at least one role"))])


class FlagOutcomeForm(FlaskForm):
    outcome = RadioField(_l("What was done"), choices=choices([
        (FlagStatus.REVIEWED, _l("Reviewed: no further action needed")),
        (FlagStatus.ESCALATED, _l("Escalated (for example to the child's team or the LADO)")),
        (FlagStatus.NO_ACTION, _l("No action possible (for example, nothing to go on)")),
    ]), validators=[DataRequired(_l("Choose what was done"))])
    note = TextAreaField(_l("Note (what you did and why; no names)"), validators=[Length(max=2000)])
