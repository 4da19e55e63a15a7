"""Between rounds: meetings, visits and group sessions as findings an action answers; the board's challenge
log (a board member asks, a worker answers; both audited, both in the next standing report and the next
round report); the standing action report (open actions by priority, progress since the last issued one,
overdue marked) as a page and a PDF."""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.actions import standing
from survey_app.extensions import db
from survey_app.models import (
    Action,
    ActionFinding,
    ActionUpdate,
    Answer,
    AuditEvent,
    Challenge,
    MeetingFinding,
    Quote,
    RoundReport,
    StandingReport,
    SurveyResponse,
    SurveyRound,
)
from survey_app.questionnaire.store import latest
from survey_app.rounds.operations import open_round

TOKEN = re.compile(r'csrf_token"[^>]*value="([^"]+)"')
TODAY = dt.date.today()


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def signed_in(app, make_staff, *roles: str):
    client = app.test_client()
    email, password = make_staff(*roles)
    page = client.get("/staff/sign-in").get_data(as_text=True)
    assert client.post("/staff/sign-in", data={"csrf_token": TOKEN.search(page).group(1), "email": email,
                                               "password": password}).status_code == 302
    return client


def post(client, page_url: str, data: dict, to: str | None = None, follow: bool = False):
    token = TOKEN.search(client.get(page_url).get_data(as_text=True)).group(1)
    return client.post(to or page_url, data={"csrf_token": token, **data}, follow_redirects=follow)


@pytest.fixture
def worker(app, make_staff):
    return signed_in(app, make_staff, "worker")


@pytest.fixture
def board(app, make_staff):
    return signed_in(app, make_staff, "board")


def audit_actions() -> list[str]:
    return [event.action for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def published_round(app, people: int = 12) -> tuple[int, str]:
    with app.app_context():
        survey_round = open_round(latest("younger-children"), "Spring")
        for _ in range(people):
            db.session.add(SurveyResponse(round_id=survey_round.id, week_of=dt.date(2026, 11, 16), channel="online",
                                          answers=[Answer(question_id="feel_safe_home", position=0, choice="yes")]))
        db.session.add(RoundReport(round_id=survey_round.id, published=True, published_on=TODAY))
        db.session.commit()
        return survey_round.id, survey_round.slug


# -- meetings, visits and group sessions ---------------------------------------------------------------------

MEETING = {"occasion": "meeting", "group_name": "Children in Care Council", "held_day": "", "held_month": "3",
           "held_year": "2026", "said": "We want more say in who our social worker is."}


def test_a_worker_records_what_a_group_said_at_a_meeting_with_the_month_it_was_held(app, worker):
    response = post(worker, "/staff/meetings/new", MEETING)
    assert response.status_code == 302
    page = text_of(worker.get("/staff/meetings").get_data(as_text=True))
    assert "Children in Care Council, meeting, March 2026" in page
    assert "“We want more say in who our social worker is.”" in page
    with app.app_context():
        meeting = db.session.scalar(select(MeetingFinding))
        assert (meeting.held_on, meeting.day_known) == (dt.date(2026, 3, 1), False)
        assert "meeting recorded" in audit_actions()


@pytest.mark.parametrize(("field", "typed", "message"), [
    ("group_name", "Ask jo@example.com", "without an email address or phone number"),
    ("group_name", "", "Enter the group’s name"),
    ("held_month", "", "Enter the month and year it was held"),
    ("held_year", str(TODAY.year + 1), "It must have been held already"),
    ("said", "Ring me on 07700 900123", "Take out the email address or phone number"),
    ("occasion", "party", "Choose a meeting, a visit or a group session"),
])
def test_a_meeting_without_what_the_rules_need_is_refused_with_the_reason(app, worker, field, typed, message):
    response = post(worker, "/staff/meetings/new", MEETING | {field: typed})
    assert response.status_code == 400
    assert message in text_of(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.scalar(select(MeetingFinding)) is None


def test_an_action_answers_a_meeting_like_a_question_and_shows_it_on_the_board_and_childrens_pages(
        app, client, worker, board):
    round_id, slug = published_round(app)
    post(worker, "/staff/meetings/new", MEETING | {"held_day": "4"})
    with app.app_context():
        meeting_id = db.session.scalar(select(MeetingFinding.id))
        action = Action(reference="14.9", title="Young people help choose their social worker",
                        priority_code="voice", round_id=round_id, status="in_progress", owner="Head of Service")
        db.session.add(action)
        db.session.commit()
        action_id = action.id
    response = post(worker, f"/staff/actions/{action_id}", {"kind": "meeting", "meeting": str(meeting_id)},
                    to=f"/staff/actions/{action_id}/findings/new")
    assert response.status_code == 302
    shown = text_of(worker.get(f"/staff/actions/{action_id}").get_data(as_text=True))
    assert "Meeting, visit or group session: “We want more say in who our social worker is.” " \
           "(Children in Care Council, meeting, 4 March 2026)" in shown
    board_page = text_of(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True))
    assert ("14.9 Young people help choose their social worker Voice and participation Because young people said "
            "“We want more say in who our social worker is.” Children in Care Council, meeting, 4 March 2026"
            ) in board_page
    children = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
    assert ("You said “We want more say in who our social worker is.” Children in Care Council, meeting, "
            "4 March 2026 So we Young people help choose their social worker") in children


def test_a_meeting_that_is_not_recorded_cannot_be_linked(app, worker):
    with app.app_context():
        action = Action(reference="1", title="Something", priority_code="voice", status="planned")
        db.session.add(action)
        db.session.commit()
        action_id = action.id
    response = post(worker, f"/staff/actions/{action_id}", {"kind": "meeting", "meeting": "999"},
                    to=f"/staff/actions/{action_id}/findings/new")
    assert response.status_code == 400
    assert "That meeting is not recorded" in text_of(response.get_data(as_text=True))


# -- the challenge log ------------------------------------------------------------------------------------------

def an_action(app, **fields) -> int:
    with app.app_context():
        action = Action(**({"reference": "15.2", "title": "Health passports for all", "priority_code": "health",
                            "status": "in_progress", "owner": "Designated nurse"} | fields))
        db.session.add(action)
        db.session.commit()
        return action.id


def test_a_board_member_challenges_an_action_but_cannot_change_it_and_a_worker_answers(app, board, worker):
    action_id = an_action(app)
    assert board.get(f"/staff/actions/{action_id}/edit").status_code == 403
    assert board.get(f"/staff/actions/{action_id}").status_code == 403
    response = post(board, "/staff/challenges/new", {"about": "action:15.2",
                                                     "question": "Why has nobody got one yet?"})
    assert response.status_code == 302
    log = text_of(board.get("/staff/challenges").get_data(as_text=True))
    assert "Waiting for an answer (1) Action 15.2: Health passports for all Why has nobody got one yet?" in log
    with app.app_context():
        challenge_id = db.session.scalar(select(Challenge.id))
    refused = post(board, f"/staff/challenges/{challenge_id}", {"answer": "Because"})
    assert refused.status_code == 403
    answered = post(worker, f"/staff/challenges/{challenge_id}", {"answer": "The nurse starts in January."})
    assert answered.status_code == 302
    log = text_of(board.get("/staff/challenges").get_data(as_text=True))
    assert "Waiting for an answer (0)" in log
    assert "Answered (1) Action 15.2: Health passports for all Why has nobody got one yet? Answer (" in log
    assert "The nurse starts in January." in log
    with app.app_context():
        challenge = db.session.get(Challenge, challenge_id)
        assert challenge.action_id == action_id and challenge.answered_on == TODAY
        assert {"challenge recorded", "challenge answered"} <= set(audit_actions())


def test_the_board_report_links_each_action_to_asking_about_it(app, board):
    round_id, slug = published_round(app)
    an_action(app, round_id=round_id)
    page = board.get(f"/staff/board/reports/{slug}").get_data(as_text=True)
    assert 'href="/staff/challenges/new?about=action:15.2"' in page
    form = board.get("/staff/challenges/new?about=action:15.2").get_data(as_text=True)
    assert '<option value="action:15.2" selected>' in form


def test_a_board_member_challenges_a_finding_of_a_published_round(app, board):
    round_id, _slug = published_round(app)
    page = board.get("/staff/challenges/new").get_data(as_text=True)
    assert f'value="question:{round_id}:feel_safe_home"' in page
    response = post(board, "/staff/challenges/new", {"about": f"question:{round_id}:feel_safe_home",
                                                     "question": "How does this compare with other councils?"})
    assert response.status_code == 302
    with app.app_context():
        challenge = db.session.scalar(select(Challenge))
        assert (challenge.finding_kind, challenge.finding_ref, challenge.round_id) == ("question", "feel_safe_home",
                                                                                       round_id)
        assert challenge.about == "Spring: Do you feel safe where you live?"


def test_a_challenge_needs_a_subject_and_a_question(board):
    response = post(board, "/staff/challenges/new", {"about": "action:nope", "question": ""})
    assert response.status_code == 400
    page = text_of(response.get_data(as_text=True))
    assert "Choose the action or finding your question is about" in page and "Enter your question" in page


def test_a_worker_cannot_ask_and_a_nobody_cannot_read_the_log(app, worker, make_staff):
    assert worker.get("/staff/challenges/new").status_code == 403
    safeguarding = signed_in(app, make_staff, "safeguarding")
    assert safeguarding.get("/staff/challenges").status_code == 403
    assert safeguarding.get("/staff/standing-report").status_code == 403


def test_challenges_appear_open_and_answered_in_the_next_round_report(app, board, worker):
    round_id, slug = published_round(app)
    an_action(app, round_id=round_id)
    post(board, "/staff/challenges/new", {"about": "action:15.2", "question": "Who checks this?"})
    post(board, "/staff/challenges/new", {"about": f"question:{round_id}:feel_safe_home",
                                          "question": "Is 12 enough to go on?"})
    with app.app_context():
        first = db.session.scalar(select(Challenge.id).order_by(Challenge.id))
    post(worker, f"/staff/challenges/{first}", {"answer": "The board's health lead."})
    page = text_of(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True))
    challenges = page[page.index("The board’s challenges"):]
    assert "Spring: Do you feel safe where you live?" in challenges and "Waiting for an answer." in challenges
    assert "Who checks this?" in challenges and "The board's health lead." in challenges
    assert challenges.index("Is 12 enough") < challenges.index("Who checks this?")  # open first


# -- the standing action report -----------------------------------------------------------------------------------

def test_the_standing_report_lists_open_actions_by_priority_with_progress_since_the_last_one(app, board, worker):
    with app.app_context():
        db.session.add_all([
            Action(reference="15.2", title="Health passports for all", priority_code="health", status="in_progress",
                   due_on=TODAY - dt.timedelta(days=3),
                   updates=[ActionUpdate(written_on=TODAY - dt.timedelta(days=40), text="Old news"),
                            ActionUpdate(written_on=TODAY - dt.timedelta(days=2), text="Nurse appointed")]),
            Action(reference="14.9", title="Weekend contact", priority_code="placement", status="planned"),
            Action(reference="9.1", title="Finished already", priority_code="placement", status="done"),
        ])
        db.session.add(StandingReport(issued_on=TODAY - dt.timedelta(days=30), issued_by="someone"))
        db.session.commit()
    page = text_of(board.get("/staff/standing-report").get_data(as_text=True))
    since = (TODAY - dt.timedelta(days=30))
    assert f"Progress since the last standing report, issued on {since.day} {since:%B %Y}." in page
    assert "2 open actions, 1 overdue." in page
    assert page.index("Placement and stability") < page.index("Health and wellbeing")  # the council's order
    assert "Finished already" not in page
    health = page[page.index("15.2 Health passports for all"):]
    assert "In progress Overdue" in health and "Nurse appointed" in health and "Old news" not in health
    assert "14.9 Weekend contact Status Planned" in page and "No progress recorded since" in page
    assert "Record that it was issued today" not in page  # the board reads it; workers issue it
    assert post(board, "/staff/standing-report", {}, to="/staff/standing-report/issue").status_code == 403
    assert post(worker, "/staff/standing-report", {}, to="/staff/standing-report/issue").status_code == 302
    page = text_of(board.get("/staff/standing-report").get_data(as_text=True))
    assert f"issued on {TODAY.day} {TODAY:%B %Y}" in page and "Nurse appointed" not in page
    with app.app_context():
        assert "standing report issued" in audit_actions()
        assert standing.last_issued().issued_on == TODAY


def test_the_standing_report_shows_open_challenges_and_those_answered_since_the_last_one(app, board, worker):
    an_action(app)
    post(board, "/staff/challenges/new", {"about": "action:15.2", "question": "Still waiting?"})
    page = text_of(board.get("/staff/standing-report").get_data(as_text=True))
    assert "Waiting for an answer Action 15.2: Health passports for all" in page
    with app.app_context():
        db.session.add(StandingReport(issued_on=TODAY + dt.timedelta(days=1)))  # issued after the answer
        db.session.commit()
        challenge_id = db.session.scalar(select(Challenge.id))
    post(worker, f"/staff/challenges/{challenge_id}", {"answer": "Yes, until March."})
    page = text_of(board.get("/staff/standing-report").get_data(as_text=True))
    assert "Yes, until March." not in page and "No challenges waiting or answered since" in page


def test_the_standing_report_pdf_is_a_pdf_a_board_member_can_download(app, board):
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF's text (pip install pypdf)")
    an_action(app)
    response = post(board, "/staff/standing-report", {}, to="/staff/standing-report/pdf", follow=True)
    link = re.search(r'href="(/staff/jobs/[^"]+/file)"', response.get_data(as_text=True))
    assert link, text_of(response.get_data(as_text=True))
    assert "not young people’s answers" in response.get_data(as_text=True)  # the file page says what it holds
    pdf = board.get(link.group(1))
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Health passports for all" in text
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.detail == "standing action report pdf"))


def test_a_round_without_a_published_report_offers_no_findings_to_challenge(app, board):
    with app.app_context():
        survey_round = open_round(latest("younger-children"), "Unpublished")
        db.session.commit()
        round_id = survey_round.id
    assert f"question:{round_id}:" not in board.get("/staff/challenges/new").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(SurveyRound, round_id) is not None
        assert db.session.scalar(select(ActionFinding)) is None


def test_a_challenge_on_a_quote_names_the_quote_without_keeping_its_words(app, board):
    round_id, _slug = published_round(app, people=0)
    with app.app_context():
        responses = [SurveyResponse(round_id=round_id, week_of=dt.date(2026, 11, 16), channel="online",
                                    answers=[Answer(question_id="grow_up_to_be", position=0, text=f"A vet {n}")])
                     for n in range(10)]
        db.session.add_all(responses)
        db.session.flush()
        quote = Quote(round_id=round_id, response_id=responses[0].id, question_id="grow_up_to_be",
                      text="I want to be a vet", status="approved")
        db.session.add(quote)
        db.session.commit()
        quote_id = quote.id
    form = board.get("/staff/challenges/new").get_data(as_text=True)
    assert f'<option value="quote:{quote_id}">Spring: “I want to be a vet”</option>' in form
    post(board, "/staff/challenges/new", {"about": f"quote:{quote_id}", "question": "Is this typical?"})
    with app.app_context():
        assert db.session.scalar(select(Challenge.about)) == f"Spring: approved quote {quote_id}"
