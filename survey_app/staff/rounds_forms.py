"""Forms of the "Survey rounds" staff pages. They only carry what was typed (and the CSRF token);
survey_app/rounds/setup.py checks it, so every message reads the same wherever it comes from."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField

from ..forms import choices
from ..rounds.setup import AUDIENCES, COHORT_GROUPS


class OpenRoundForm(FlaskForm):
    questionnaire = RadioField(_l("Questionnaire"), choices=[], validate_choice=False)
    title = StringField(_l("Title young people will see"))
    audience = RadioField(_l("Who is the round for?"), choices=choices(AUDIENCES.items()), validate_choice=False)
    opens_day = StringField(_l("Day"))
    opens_month = StringField(_l("Month"))
    opens_year = StringField(_l("Year"))
    closes_day = StringField(_l("Day"))
    closes_month = StringField(_l("Month"))
    closes_year = StringField(_l("Year"))
    access_code = StringField(_l("Access code (optional)"))
    in_care_8_11 = StringField(COHORT_GROUPS[0][1])
    in_care_12_17 = StringField(COHORT_GROUPS[1][1])
    care_leavers = StringField(COHORT_GROUPS[2][1])

    def typed(self) -> dict[str, str | None]:
        return {name: value for name, value in self.data.items() if name != "csrf_token"}


class CohortsForm(FlaskForm):
    """The numbers of young people who could answer, entered or changed after a round is open."""

    in_care_8_11 = StringField(COHORT_GROUPS[0][1])
    in_care_12_17 = StringField(COHORT_GROUPS[1][1])
    care_leavers = StringField(COHORT_GROUPS[2][1])

    def typed(self) -> dict[str, str | None]:
        return {name: value for name, value in self.data.items() if name != "csrf_token"}


class CloseRoundForm(FlaskForm):
    confirm = HiddenField()
