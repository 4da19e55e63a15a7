"""One way to show what was typed wrong: a FormInvalid (a rule's, or a form's own checks) becomes the page's
error summary and a message at each field (survey_app/staff/form_page.py, templates/forms.html)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from survey_app.extensions import db
from survey_app.form_problems import FormInvalid
from survey_app.models import SafeguardingFlag, SurveyRound
from survey_app.rounds.access_code import WRONG_CODE_TO_PRINT, code_to_print, hash_code
from survey_app.rounds.operations import round_by_slug
from survey_app.staff.form_page import invalid_form, shown


def token(client, url: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def summary_of(page: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', page, re.S)
    assert match, "no error summary"
    return match.group(0)


# -- the helper ------------------------------------------------------------------------------------------------
def test_a_problem_with_the_whole_form_goes_where_the_page_says_or_stays_at_the_top():
    refused = FormInvalid({"": "Nothing has been entered", "title": "Enter a title"})
    assert shown(refused) == {"": "Nothing has been entered", "title": "Enter a title"}
    assert shown(refused, whole_form="reason") == {"reason": "Nothing has been entered", "title": "Enter a title"}
    assert shown(FormInvalid("Say why"), whole_form="reason") == {"reason": "Say why"}
    assert shown(None) == {}


def test_a_rules_field_names_can_be_the_pages_field_ids():
    refused = FormInvalid({"feel_safe": "Use one of: yes, no", "": "Check the form"})
    assert shown(refused, field_id=lambda name: f"answer-{name}") == {"answer-feel_safe": "Use one of: yes, no",
                                                                        "": "Check the form"}


def test_a_forms_own_checks_become_a_form_invalid_with_the_csrf_problem_for_the_whole_form(app):
    class Form(FlaskForm):
        title = StringField("Title", validators=[DataRequired("Enter a title")])

    with app.test_request_context("/", method="POST", data={"title": ""}):
        form = Form()
        assert not form.validate_on_submit()
        refused = invalid_form(form)
    assert isinstance(refused, FormInvalid)
    assert refused.problems["title"] == "Enter a title"
    assert "csrf_token" not in refused.problems and refused.problems[""]  # a token problem has no field to link


# -- pages ------------------------------------------------------------------------------------------------------
def test_an_account_problem_is_shown_at_its_field(client, make_staff, sign_in):
    sign_in(*make_staff("admin"))
    taken, _ = make_staff("worker")
    response = client.post("/staff/users/new", data={
        "csrf_token": token(client, "/staff/users/new"), "email": taken,
        "password": "first password given in person", "roles": ["worker"]})
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    assert '<a href="#email">There is already an account with that email address</a>' in summary_of(page)
    assert 'id="email-error"' in page and "<title>Error: " in page


def test_a_wrong_password_is_about_the_whole_form_so_its_summary_item_has_no_link(client, make_staff, sign_in):
    email, _ = make_staff("worker")
    page = unescape(sign_in(email, "not the right one at all").get_data(as_text=True))
    summary = summary_of(page)
    assert "<li>Enter a correct email address and password" in summary and "href" not in summary
    assert 'class="error-message"' not in page


def test_the_forms_own_checks_list_every_empty_field(client):
    response = client.post("/staff/sign-in", data={"csrf_token": token(client, "/staff/sign-in"),
                                                   "email": "", "password": ""})
    assert response.status_code == 400
    summary = summary_of(response.get_data(as_text=True))
    assert '<a href="#email">Enter your email address</a>' in summary
    assert '<a href="#password">Enter your password</a>' in summary


def test_a_refused_phrase_has_a_summary_and_marks_its_field(client, make_staff, sign_in):
    sign_in(*make_staff("safeguarding"))
    response = client.post("/staff/safeguarding/phrases", data={
        "csrf_token": token(client, "/staff/safeguarding/phrases"), "phrase": "x"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'href="#phrase"' in summary_of(page) and 'class="field field-error"' in page
    assert page.count("<title>Error: ") == 1 and "Error: Error:" not in page


def test_a_refused_note_on_the_queue_is_linked_from_the_summary(app, client, make_staff, sign_in, make_round):
    sign_in(*make_staff("safeguarding"))
    slug = make_round("younger-children")
    with app.app_context():
        flag = SafeguardingFlag(round_id=round_by_slug(slug).id, question_id="feel_safe_home",
                                reason="trigger_answer", answer_text="No", raised_on=dt.date.today())
        db.session.add(flag)
        db.session.commit()
        flag_id = flag.id
    response = client.post(f"/staff/safeguarding/{flag_id}", data={
        "csrf_token": token(client, "/staff/safeguarding"), "outcome": "escalated",
        "note": "Rang the carer on 07700 900123"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'href="#note-{flag_id}"' in summary_of(page) and f'id="note-{flag_id}-error"' in page


# -- the code typed again to print on cards ----------------------------------------------------------------------
def test_the_code_to_print_is_checked_against_the_rounds_hash(app, make_round):
    slug = make_round("younger-children")
    with app.app_context():
        survey_round = db.session.query(SurveyRound).filter_by(slug=slug).one()
        assert code_to_print(survey_round, "") == ""
        with pytest.raises(FormInvalid) as refused:
            code_to_print(survey_round, "sun 42")
        assert refused.value.problems == {"code": "This round has no access code"}
        survey_round.access_code_hash = hash_code("SUN42")
        assert code_to_print(survey_round, "sun-42") == "SUN42"
        with pytest.raises(FormInvalid) as refused:
            code_to_print(survey_round, "MOON7")
        assert refused.value.problems == {"code": WRONG_CODE_TO_PRINT}
        db.session.rollback()
