"""Forms of the "Survey rounds" staff pages. They only carry what was typed (and the CSRF token);
survey_app/rounds/setup.py checks it, so every message reads the same wherever it comes from."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField

from ..forms import choices
from ..rounds.setup import AUDIENCES, COHORT_GROUPS


class OpenRoundForm(FlaskForm):
    questionnaire = RadioField("Questionnaire", choices=[], validate_choice=False)
    title = StringField("Title young people will see")
    audience = RadioField("Who is the round for?", choices=choices(AUDIENCES.items()), validate_choice=False)
    opens_day = StringField("Day")
    opens_month = StringField("Month")
    opens_year = StringField("Year")
    closes_day = StringField("Day")
    closes_month = StringField("Month")
    closes_year = StringField("Year")
    access_code = StringField("Access code (optional)")
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
