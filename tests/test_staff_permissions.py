"""Every staff URL × every role (and signed out) gets exactly the expected outcome.
A staff route without a line in EXPECTED fails the first test."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from flask import url_for
from sqlalchemy import delete, select

from survey_app.extensions import db
from survey_app.jobs import queue
from survey_app.models import (
    Action,
    ActionFinding,
    Challenge,
    Draft,
    Job,
    Quote,
    RoundReport,
    SafeguardingFlag,
    StaffUser,
    StrategyPriority,
    Theme,
)
from survey_app.questionnaire.store import definition, latest
from survey_app.responses.drafts import store_response
from survey_app.reviewing.comments import add_comment
from survey_app.reviewing.links import make_link
from survey_app.rounds.operations import round_by_slug

from .conftest import _restore
from .journey import CSRF
from .report_sample import use_sample_reports

PERSONAS = ("signed_out", "admin", "worker", "safeguarding", "board")
ALL_STAFF = {"admin", "worker", "safeguarding", "board"}
# endpoint -> (method, personas who get in); everyone else gets 403, signed-out people the sign-in page
EXPECTED = {
    "staff.sign_in": ("GET", set(PERSONAS)),
    "staff.sign_out": ("POST", ALL_STAFF),
    "staff.dashboard": ("GET", ALL_STAFF),
    "staff.password": ("GET", ALL_STAFF),
    "staff.users": ("GET", {"admin"}),
    "staff.user_new": ("GET", {"admin"}),
    "staff.user_roles": ("GET", {"admin"}),
    "staff.audit_log": ("GET", {"admin"}),
    "staff.safeguarding": ("GET", {"safeguarding"}),
    "staff.safeguarding_record": ("POST", {"safeguarding"}),
    "staff.safeguarding_phrases": ("GET", {"safeguarding", "admin"}),
    "staff.safeguarding_phrase_remove": ("POST", {"safeguarding", "admin"}),
    "staff.builder_list": ("GET", {"admin", "worker"}),
    "staff.builder_new": ("GET", {"admin", "worker"}),
    "staff.builder_import": ("GET", {"admin", "worker"}),
    "staff.builder_duplicate": ("GET", {"admin", "worker"}),
    "staff.builder_edit": ("GET", {"admin", "worker"}),
    "staff.builder_details": ("GET", {"admin", "worker"}),
    "staff.builder_section_edit": ("GET", {"admin", "worker"}),
    "staff.builder_section_delete": ("GET", {"admin", "worker"}),
    "staff.builder_section_condition": ("GET", {"admin", "worker"}),
    "staff.builder_question_add": ("GET", {"admin", "worker"}),
    "staff.builder_question_edit": ("GET", {"admin", "worker"}),
    "staff.builder_question_delete": ("GET", {"admin", "worker"}),
    "staff.builder_condition": ("GET", {"admin", "worker"}),
    "staff.builder_export": ("GET", {"admin", "worker"}),
    "staff.builder_preview": ("GET", {"admin", "worker"}),
    "staff.builder_preview_question": ("GET", {"admin", "worker"}),
    "staff.builder_section_add": ("POST", {"admin", "worker"}),
    "staff.builder_section_move": ("POST", {"admin", "worker"}),
    "staff.builder_question_move": ("POST", {"admin", "worker"}),
    "staff.builder_publish": ("GET", {"admin", "worker"}),
    "staff.builder_bank": ("GET", {"admin", "worker"}),
    "staff.builder_question_copy": ("POST", {"admin", "worker"}),
    "staff.builder_section_copy": ("POST", {"admin", "worker"}),
    "staff.builder_translations": ("GET", {"admin", "worker"}),
    "staff.builder_translation_download": ("GET", {"admin", "worker"}),
    "staff.builder_translation_upload": ("GET", {"admin", "worker"}),
    "staff.builder_translation_checked": ("POST", {"admin", "worker"}),
    "staff.paper_rounds": ("GET", {"admin", "worker"}),
    "staff.paper_round": ("GET", {"admin", "worker"}),
    "staff.paper_entry": ("GET", {"admin", "worker"}),
    "staff.paper_template": ("GET", {"admin", "worker"}),
    "staff.paper_upload": ("GET", {"admin", "worker"}),
    "staff.paper_remove": ("GET", {"admin", "worker"}),
    "staff.response_remove": ("GET", {"admin", "worker"}),
    "staff.rounds_list": ("GET", {"admin", "worker"}),
    "staff.rounds_new": ("GET", {"admin", "worker"}),
    "staff.rounds_show": ("GET", {"admin", "worker"}),
    "staff.rounds_qr_svg": ("GET", {"admin", "worker"}),
    "staff.rounds_qr_png": ("GET", {"admin", "worker"}),
    "staff.rounds_card": ("GET", {"admin", "worker"}),
    "staff.rounds_cohorts": ("GET", {"admin", "worker"}),
    "staff.rounds_close": ("POST", {"admin", "worker"}),
    "staff.rounds_reopen": ("POST", {"admin", "worker"}),
    # the action register ("You said, we did"); board members see actions only in published reports
    "staff.actions_list": ("GET", {"admin", "worker"}),
    "staff.actions_new": ("GET", {"admin", "worker"}),
    "staff.actions_show": ("GET", {"admin", "worker"}),
    "staff.actions_edit": ("GET", {"admin", "worker"}),
    "staff.actions_delete": ("GET", {"admin", "worker"}),
    "staff.actions_update_add": ("GET", {"admin", "worker"}),
    "staff.actions_finding_add": ("GET", {"admin", "worker"}),
    "staff.actions_finding_remove": ("POST", {"admin", "worker"}),
    "staff.actions_export": ("GET", {"admin", "worker"}),
    "staff.actions_import": ("GET", {"admin", "worker"}),
    # between rounds: the board reads the standing report and asks in the challenge log; workers answer,
    # issue the standing report and record meetings
    "staff.standing": ("GET", {"admin", "worker", "board"}),
    "staff.standing_pdf": ("POST", {"admin", "worker", "board"}),
    "staff.standing_issue": ("POST", {"admin", "worker"}),
    "staff.challenges": ("GET", {"admin", "worker", "board"}),
    "staff.challenges_new": ("GET", {"admin", "board"}),
    "staff.challenges_show": ("GET", {"admin", "worker", "board"}),
    "staff.meetings_list": ("GET", {"admin", "worker"}),
    "staff.meetings_new": ("GET", {"admin", "worker"}),
    "staff.priorities": ("GET", {"admin"}),  # the council's strategy priorities
    "staff.priority_new": ("GET", {"admin"}),
    "staff.priority_edit": ("GET", {"admin"}),
    "staff.priority_delete": ("GET", {"admin"}),
    "staff.priority_move": ("POST", {"admin"}),
    # round reports (survey_app/reports/views.py); board members see published reports only
    "reports.staff_list": ("GET", {"admin", "worker"}),
    "reports.staff_preview": ("GET", {"admin", "worker"}),
    "reports.publish_page": ("GET", {"admin", "worker"}),
    "reports.unpublish_report": ("POST", {"admin", "worker"}),
    "reports.preview_board": ("GET", {"admin", "worker"}),
    "reports.preview_children": ("GET", {"admin", "worker"}),
    "reports.confirm_publish": ("POST", {"admin", "worker"}),
    "reports.download": ("POST", {"admin", "worker"}),  # prepares the file as a job
    "reports.board_list": ("GET", {"admin", "worker", "board"}),
    "reports.board_report": ("GET", {"admin", "worker", "board"}),
    "reports.board_report_pdf": ("POST", {"admin", "worker", "board"}),
    # a prepared file's page and the file: only whoever asked for it (anyone else: not found)
    "reports.job_page": ("GET", {"admin", "worker", "board"}),
    "reports.job_file": ("GET", {"admin", "worker", "board"}),
    "staff.free_text": ("GET", {"admin", "worker"}),  # free text: raw answers, staff pages only
    "staff.free_text_question": ("GET", {"admin", "worker"}),
    "staff.free_text_recode": ("POST", {"admin", "worker"}),
    "staff.written_answers": ("GET", {"admin", "worker"}),  # the table of written answers
    "staff.written_answers_code": ("POST", {"admin", "worker"}),
    "staff.quote_put_forward": ("POST", {"admin", "worker"}),
    "staff.quotes": ("GET", {"admin", "worker"}),
    "staff.quote": ("GET", {"admin", "worker"}),
    "staff.quote_withdraw": ("POST", {"admin", "worker"}),
    "staff.themes": ("GET", {"admin", "worker"}),
    "staff.theme_new": ("GET", {"admin", "worker"}),
    "staff.theme_edit": ("GET", {"admin", "worker"}),
    "staff.theme_retire": ("POST", {"admin", "worker"}),
    "staff.theme_restore": ("POST", {"admin", "worker"}),
    # young reviewers (survey_app/review/manage.py): who can use the builder or publish a report
    "review.make_questionnaire_link": ("POST", {"admin", "worker"}),
    "review.make_reply_link": ("POST", {"admin", "worker"}),
    "review.link_made": ("GET", {"admin", "worker"}),
    "review.revoke_link": ("POST", {"admin", "worker"}),
    "review.comment_done": ("POST", {"admin", "worker"}),
    # people who want to get involved: participation workers only, never a board member
    "staff.involvement": ("GET", {"admin", "worker"}),
    "staff.involvement_release": ("POST", {"admin", "worker"}),
}
# Free-text endpoints take a written-answer question (the builder's question_id is a smiley one).
FREE_TEXT_ENDPOINTS = {"staff.free_text_question", "staff.free_text_recode", "staff.quote_put_forward"}


def staff_endpoints(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules()
            if rule.endpoint.startswith("staff.") or rule.rule.startswith("/staff/")}


def test_every_staff_route_has_a_permission_rule_here_and_in_code(app):
    assert staff_endpoints(app) == set(EXPECTED)
    for endpoint in staff_endpoints(app):
        assert hasattr(app.view_functions[endpoint], "required_roles"), f"{endpoint} has no @requires/@public"


@pytest.fixture
def url_for_endpoint(app, make_round, monkeypatch):
    slug = make_round("younger-children")
    with app.app_context():  # an action with one linked theme, for the action register's pages
        action = Action(reference="14.9", title="Launch the Local Offer", priority_code="eet", owner="Head of Service",
                        findings=[ActionFinding(kind="theme", ref="money")])
        db.session.add(action)
        db.session.commit()
        challenge = Challenge(action_id=action.id, about="Action 14.9", question="Why?", asked_by="board",
                              asked_on=dt.date.today())
        db.session.add(challenge)
        db.session.commit()
        action_ids = {"action_id": action.id, "finding_id": action.findings[0].id, "challenge_id": challenge.id}
    use_sample_reports(monkeypatch)  # the report pages render a contract-shaped report
    with app.app_context():
        db.session.add(RoundReport(round_id=round_by_slug(slug).id, published=True))  # so board members may see it
        db.session.commit()
    with app.app_context():  # a written answer, a quote of it and a theme of our own (themes are not cleaned)
        survey_round = round_by_slug(slug)
        response = store_response(survey_round, definition(survey_round.questionnaire_version),
                                  {"make_things_better": {"text": "more trips to the park"}}, channel="paper")
        quote = Quote(round_id=survey_round.id, response_id=response.id, question_id="make_things_better",
                      text="more trips to the park", status="pending")
        theme = Theme(code="permissions_test", title="Permissions test", priority_code="voice", words="")
        db.session.add_all([quote, theme])
        db.session.commit()
        moderation_args = {"response_id": response.id, "quote_id": quote.id, "theme_id": theme.id}
    with app.app_context():  # a young reviewer's link to a questionnaire, with a comment
        link, _token = make_link(questionnaire_key="younger-children", actor="test", days=14)
        comment = add_comment(link, "feel_about_home", "Question: How do you feel about home?", "Too many words")
        db.session.commit()
        review_args = {"link_id": link.id, "comment_id": comment.id}

    built: list[str] = []

    def build(endpoint: str) -> str:
        built.append(endpoint)
        with app.app_context():
            user = db.session.query(StaffUser).first()
            flag = SafeguardingFlag(round_id=round_by_slug(slug).id, question_id="feel_safe_home",
                                    reason="trigger_answer", answer_text="x", raised_on=dt.date.today())
            db.session.add(flag)
            db.session.commit()
            args = {"user_id": user.id, "flag_id": flag.id, "slug": slug, "phrase_id": 1}
            args |= {"key": "younger-children", "version_id": latest("younger-children").id, "section_id": "home",
                     "question_id": "feel_about_home", "number": 1}  # the questionnaire builder
            args |= {"code": "cy", "fmt": "csv"}  # the builder's Languages page
            args |= action_ids
            args["priority_id"] = db.session.scalar(select(StrategyPriority.id).order_by(StrategyPriority.id.desc()))
            args |= {"name": "report.json"}  # report downloads
            job = Job(id=secrets.token_hex(16), kind="download", requested_by=user.email, status="done",
                      created_at=queue.now(), expires_at=queue.now() + dt.timedelta(hours=1), file=b"{}",
                      filename="report.json", mimetype="application/json")
            db.session.add(job)
            db.session.commit()
            args["job_id"] = job.id
            args |= moderation_args
            args |= review_args
            if endpoint in FREE_TEXT_ENDPOINTS:
                args["question_id"] = "make_things_better"
        rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
        with app.test_request_context():
            return url_for(endpoint, **{name: args[name] for name in rule.arguments})

    yield build
    with app.app_context():
        db.session.execute(delete(Theme).where(Theme.code == "permissions_test"))
        db.session.commit()
    if any(endpoint.startswith("staff.builder") for endpoint in built):  # a copy or an edit made a draft
        _restore(app)


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_gets_exactly_the_expected_answer(app, client, make_staff, sign_in, url_for_endpoint,
                                                     endpoint, persona):
    if persona != "signed_out":
        email, password = make_staff(persona)
        assert sign_in(email, password).status_code == 302
    else:
        make_staff("admin")  # so user ids exist for URLs
    url = url_for_endpoint(endpoint)
    method, allowed = EXPECTED[endpoint]
    if method == "POST":
        token = CSRF.search(client.get("/staff/sign-in").get_data(as_text=True)).group(1)
        response = client.post(url, data={"csrf_token": token})
    else:
        response = client.get(url)

    if persona in allowed:
        if method == "GET":
            assert response.status_code == 200, (endpoint, persona, response.status_code)
        else:
            assert response.status_code in (302, 303) and "/staff/" in response.location
    elif persona == "signed_out":
        assert response.status_code == 302 and response.location.startswith("/staff/sign-in")
    else:
        assert response.status_code == 403, (endpoint, persona, response.status_code)


def post_endpoints(app) -> list[str]:
    """Every endpoint of any blueprint whose rule accepts POST: a new POST route is checked automatically."""
    return sorted({rule.endpoint for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())})


def _app_for_collection():
    from survey_app import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "collect", "SQLALCHEMY_DATABASE_URI": "sqlite://"})


STATE_CHANGING = post_endpoints(_app_for_collection())


def test_the_csrf_list_is_every_post_route(app):
    assert post_endpoints(app) == STATE_CHANGING
    assert {"staff.sign_in", "staff.builder_publish", "survey.begin", "survey.send"} <= set(STATE_CHANGING)


@pytest.mark.parametrize("endpoint", STATE_CHANGING)
def test_a_post_without_a_csrf_token_is_refused(app, client, make_staff, sign_in, url_for_endpoint, endpoint):
    email, password = make_staff("admin", "safeguarding")
    sign_in(email, password)
    url = url_for_endpoint(endpoint)
    with app.app_context():
        before = db.session.query(StaffUser).count(), db.session.query(SafeguardingFlag).filter_by(
            status="outstanding").count(), db.session.query(Draft).count()
    response = client.post(url, data={"email": "x@council.example", "password": "correct horse battery staple",
                                      "roles": ["admin"], "outcome": "reviewed", "current": password,
                                      "new": "another long passphrase"})
    assert response.status_code == 400
    with app.app_context():
        after = db.session.query(StaffUser).count(), db.session.query(SafeguardingFlag).filter_by(
            status="outstanding").count(), db.session.query(Draft).count()
    assert before == after
    assert client.get("/staff/").status_code == 200  # still signed in: the password did not change
