"""Forms of the "Survey rounds" staff pages. They only carry what was typed (and the CSRF token);
survey_app/rounds/setup.py checks it, so every message reads the same wherever it comes from."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField

from ..forms import choices
from ..rounds.setup import AUDIENCES, COHORT_GROUPS

# The words of rounds/setup.py's AUDIENCES and COHORT_GROUPS in the page's language (the same keys and English:
# tests/test_staff_pages_in_languages_2.py checks they have not drifted apart).
AUDIENCE_WORDS = {
    "in_care": _l("Children in care"),
    "care_leavers": _l("Care leavers"),
    "both": _l("Both children in care and care leavers"),
}
COHORT_WORDS = {
    "in_care_8_11": _l("Children in care aged 8 to 11"),
    "in_care_12_17": _l("Children in care aged 12 to 17"),
    "care_leavers": _l("Care leavers aged 16 to 25"),
}


class OpenRoundForm(FlaskForm):
    questionnaire = RadioField(_l("Questionnaire"), choices=[], validate_choice=False)
    title = StringField(_l("Title young people will see"))
    audience = RadioField(_l("Who is the round for?"), validate_choice=False,
                          choices=choices((key, AUDIENCE_WORDS.get(key, words)) for key, words in AUDIENCES.items()))
    opens_day = StringField(_l("Day"))
    opens_month = StringField(_l("Month"))
    opens_year = StringField(_l("Year"))
    closes_day = StringField(_l("Day"))
    closes_month = StringField(_l("Month"))
    closes_year = StringField(_l("Year"))
    access_code = StringField(_l("Access code (optional)"))
    in_care_8_11 = StringField(COHORT_WORDS[COHORT_GROUPS[0][0]])
    in_care_12_17 = StringField(COHORT_WORDS[COHORT_GROUPS[1][0]])
    care_leavers = StringField(COHORT_WORDS[COHORT_GROUPS[2][0]])

    def typed(self) -> dict[str, str | None]:
        return {name: value for name, value in self.data.items() if name != "csrf_token"}


class CohortsForm(FlaskForm):
    """The numbers of young people who could answer, entered or changed after a round is open."""

    in_care_8_11 = StringField(COHORT_WORDS[COHORT_GROUPS[0][0]])
    in_care_12_17 = StringField(COHORT_WORDS[COHORT_GROUPS[1][0]])
    care_leavers = StringField(COHORT_WORDS[COHORT_GROUPS[2][0]])

    def typed(self) -> dict[str, str | None]:
        return {name: value for name, value in self.data.items() if name != "csrf_token"}


class CloseRoundForm(FlaskForm):
    confirm = HiddenField()
