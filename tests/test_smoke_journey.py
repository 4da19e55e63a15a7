from sqlalchemy import func, select

from survey_app.extensions import db
from survey_app.models import SurveyResponse


def test_child_who_answers_everything_first_choice_sends_one_response(app, journey):
    child = journey("younger-children")
    where = child.begin()
    while where != "check":
        choices = child.choices_on_page()
        where = child.answer_and_go(choices[0]) if choices else child.answer_and_go("Something nice")
    child.send()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 1
