""""Because you said, we did": each action beside the finding it answers on the board report and the children's
page, the change in its question next round, small numbers kept hidden, and the index of published
children's pages at / and /you-said-we-did."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Action, ActionFinding, Answer, Quote, RoundReport, SurveyResponse, SurveyRound
from survey_app.questionnaire.store import latest
from survey_app.reporting import answered
from survey_app.reporting.report import Report
from survey_app.rounds.operations import open_round

from .report_sample import sample_report, use_sample_reports

WEEK = dt.date(2026, 11, 16)


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def add(round_id: int, people: list[dict]) -> None:
    for person in people:
        answers = []
        for question_id, value in person.items():
            if question_id == "grow_up_to_be":
                answers.append(Answer(question_id=question_id, position=0, text=value))
            else:
                answers.append(Answer(question_id=question_id, position=0, choice=value))
        db.session.add(SurveyResponse(round_id=round_id, week_of=WEEK, channel="online", answers=answers))
    db.session.commit()


def new_round(title: str, created_on: dt.date) -> SurveyRound:
    survey_round = open_round(latest("younger-children"), title)
    survey_round.created_on = created_on
    db.session.commit()
    return survey_round


def publish(survey_round: SurveyRound, on: dt.date | None = dt.date(2026, 11, 20)) -> None:
    db.session.add(RoundReport(round_id=survey_round.id, published=True, published_on=on))
    db.session.commit()


@pytest.fixture
def board(client, make_staff, sign_in):
    assert sign_in(*make_staff("board")).status_code == 302
    return client


def section(html: str, start: str, end: str) -> str:
    page = text_of(html)
    return page[page.index(start):page.index(end, page.index(start))]


# -- a question --------------------------------------------------------------------------------------------

def test_an_action_is_shown_beside_the_headline_of_the_question_it_answers(app, client, board):
    with app.app_context():
        spring = new_round("Spring", dt.date(2026, 3, 1))
        add(spring.id, [{"feel_safe_home": "yes"}] * 9 + [{"feel_safe_home": "no"}] * 6)
        db.session.add(Action(reference="15.8", title="Check every home for safety", priority_code="placement",
                              round_id=spring.id, owner="Head of Care", status="in_progress",
                              findings=[ActionFinding(kind="question", ref="feel_safe_home")]))
        publish(spring)
        slug = spring.slug
    board_page = board.get(f"/staff/board/reports/{slug}").get_data(as_text=True)
    actions = section(board_page, "Actions: what we will do", "Groups with fewer")
    assert re.search(r"15\.8 Check every home for safety .*Because young people said "
                     r"Most young people \(9 of 15\) said yes to ‘Do you feel safe where you live\?’", actions)
    assert "Actions: 15.8" not in text_of(board_page)  # the priority names the action by its title
    placement = section(board_page, "Placement and stability Suitable", "Health and wellbeing Emotional")
    assert "What we are doing 15.8 Check every home for safety" in placement
    children = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
    assert re.search(r"You said Most young people \(9 of 15\) said yes to ‘Do you feel safe where you live\?’ "
                     r"So we Check every home for safety We have started doing this", children)


def test_a_question_with_too_few_answers_shows_no_figures_beside_its_action(app, client, board):
    with app.app_context():
        spring = new_round("Spring", dt.date(2026, 3, 1))
        add(spring.id, [{"feel_safe_home": "yes"}] * 3 + [{"feel_safe_home": "no"}] * 2)
        db.session.add(Action(reference="1", title="Ask more young people", priority_code="placement",
                              round_id=spring.id, status="planned",
                              findings=[ActionFinding(kind="question", ref="feel_safe_home")]))
        publish(spring)
        slug = spring.slug
    actions = section(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True), "Actions: what we",
                      "Groups with fewer")
    assert "Fewer than 10 young people answered ‘Do you feel safe where you live?’, so the result is not shown" \
        in actions
    assert "3 of 5" not in actions and "60%" not in actions
    children = section(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True), "You said… so we…",
                       "Who you can talk to")
    assert "We asked you: “Do you feel safe where you live?” So we Ask more young people" in children
    assert not re.search(r"\d", children.replace("you-said", ""))


# -- next round: the same question's change ----------------------------------------------------------------

def two_rounds(app, spring_yes: int, spring_no: int, autumn_yes: int, autumn_no: int) -> str:
    with app.app_context():
        spring = new_round("Spring", dt.date(2026, 3, 1))
        add(spring.id, [{"feel_safe_home": "yes"}] * spring_yes + [{"feel_safe_home": "no"}] * spring_no)
        db.session.add(Action(reference="15.8", title="Check every home for safety", priority_code="placement",
                              round_id=spring.id, status="done",
                              findings=[ActionFinding(kind="question", ref="feel_safe_home")]))
        autumn = new_round("Autumn", dt.date(2026, 10, 1))
        add(autumn.id, [{"feel_safe_home": "yes"}] * autumn_yes + [{"feel_safe_home": "no"}] * autumn_no)
        publish(autumn)
        return autumn.slug


def test_next_round_the_action_shows_its_questions_figure_then_and_now(app, client, board):
    slug = two_rounds(app, 12, 8, 15, 5)
    actions = section(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True), "Actions: what we",
                      "Groups with fewer")
    assert "15.8 Check every home for safety" in actions and "from the last round, Spring" in actions
    assert "Since then: “Do you feel safe where you live?” then (Spring) 60%, now 75%" in actions
    children = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
    assert "We asked again: “Do you feel safe where you live?” Last time: 60%. This time: 75%." in children


def test_the_change_hides_a_figure_that_would_give_a_small_number_back(app, client, board):
    slug = two_rounds(app, 3, 9, 15, 5)  # 3 of 12 in spring is a small number
    actions = section(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True), "Actions: what we",
                      "Groups with fewer")
    assert "then (Spring) –, now 75%" in actions and "25%" not in actions
    children = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
    assert "Last time: –. This time: 75%." in children and "25%" not in children


def test_an_earlier_rounds_action_on_a_question_not_asked_again_is_not_carried_forward(app, board):
    with app.app_context():
        spring = new_round("Spring", dt.date(2026, 3, 1))
        db.session.add(Action(reference="3.1", title="Only a theme", priority_code="placement", round_id=spring.id,
                              status="planned", findings=[ActionFinding(kind="theme", ref="education")]))
        autumn = new_round("Autumn", dt.date(2026, 10, 1))
        add(autumn.id, [{"feel_safe_home": "yes"}] * 12)
        publish(autumn)
        slug = autumn.slug
    assert "Only a theme" not in board.get(f"/staff/board/reports/{slug}").get_data(as_text=True)


# -- a quote -------------------------------------------------------------------------------------------------

def test_an_action_is_shown_beside_the_approved_quote_it_answers_and_never_an_unapproved_one(app, client, board):
    with app.app_context():
        spring = new_round("Spring", dt.date(2026, 3, 1))
        add(spring.id, [{"grow_up_to_be": f"I want to be a vet number {n}", "feel_safe_home": "yes"}
                        for n in range(10)])
        ids = db.session.scalars(select(SurveyResponse.id).where(SurveyResponse.round_id == spring.id)
                                 .order_by(SurveyResponse.id)).all()
        approved = Quote(round_id=spring.id, response_id=ids[0], question_id="grow_up_to_be",
                         text="I want to be a [job] when I grow up", status="approved")
        pending = Quote(round_id=spring.id, response_id=ids[1], question_id="grow_up_to_be",
                        text="PENDING words", status="pending")
        db.session.add_all([approved, pending])
        db.session.flush()
        db.session.add(Action(reference="4.2", title="Careers days with real vets", priority_code="education",
                              round_id=spring.id, status="planned",
                              findings=[ActionFinding(kind="quote", ref=str(approved.id)),
                                        ActionFinding(kind="quote", ref=str(pending.id))]))
        publish(spring)
        slug = spring.slug
    actions = section(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True), "Actions: what we",
                      "Groups with fewer")
    assert "4.2 Careers days with real vets" in actions
    assert "Because young people said “I want to be a [job] when I grow up”" in actions
    assert "PENDING" not in actions and "not published" not in actions
    children = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
    assert "You said “I want to be a [job] when I grow up” So we Careers days with real vets" in children
    assert "PENDING" not in children


# -- a theme (the sample report: a theme of 9 answers, another hidden as "c") -------------------------------

def sample_with_theme_actions(survey_round, for_staff):
    report = sample_report(for_staff=for_staff, slug=survey_round.slug, title=survey_round.title)
    report["actions"][1]["findings"] = [{"kind": "theme", "ref": "placement", "label": "Where I live"}]
    return report


def test_an_action_is_shown_beside_the_theme_it_answers_with_its_count_unless_small(app, client, board,
                                                                                      monkeypatch, make_round):
    use_sample_reports(monkeypatch, sample_with_theme_actions)
    slug = make_round("younger-children")
    with app.app_context():
        publish(db.session.scalar(select(SurveyRound).filter_by(slug=slug)))
    actions = section(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True), "Actions: what we",
                      "Groups with fewer")
    assert "14.9 More time with brothers and sisters" in actions
    assert "Because young people said They wrote about Family contact (9 answers)." in actions
    assert "They wrote about Where I live (fewer than 5 answers)." in actions
    children = section(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True), "You said… so we…",
                       "More we will do")
    assert "You said Lots of you wrote about “Family contact”. So we More time with brothers and sisters" in children
    assert "Some of you wrote about “Where I live”." in children
    assert "A youth council meeting every month" not in children  # answers no finding: not paired


def test_the_pairs_follow_the_report_and_leave_out_what_the_council_is_not_doing():
    report = Report.from_json(sample_report())
    board = answered.pairings(report)
    assert [pair.action.reference for pair in board] == ["14.9", "15.2", "16.1", "16.2"]
    assert [said.words for said in board[1].said][0].startswith("Most young people")  # the headline, not the text
    assert board[0].latest_update is not None and board[0].latest_update.text == "Weekend contact pilot started."
    assert [pair.action.reference for pair in answered.for_children(report)] == ["14.9", "15.2"]


# -- the index of published children's pages ---------------------------------------------------------------

def test_the_index_lists_only_published_pages_newest_first(app, client):
    with app.app_context():
        older = new_round("Winter survey", dt.date(2025, 12, 1))
        newer = new_round("Summer survey", dt.date(2026, 6, 1))
        draft = new_round("Draft survey", dt.date(2026, 9, 1))
        publish(older, dt.date(2026, 1, 10))
        publish(newer, dt.date(2026, 7, 2))
        db.session.add(RoundReport(round_id=draft.id, published=False))
        db.session.commit()
        links = [f"/r/{newer.slug}/you-said-we-did", f"/r/{older.slug}/you-said-we-did"]
    for address in ("/", "/you-said-we-did"):
        html = client.get(address).get_data(as_text=True)
        found = re.findall(r'href="(/r/[^"]+/you-said-we-did)"', html)
        assert found == links
        page = text_of(html)
        assert "Summer survey (2 July 2026) Winter survey (10 January 2026)" in page
        assert "Draft survey" not in page
        assert "Exit this page" in page and "Who can I talk to?" in page
    assert "To take part, open the link" in text_of(client.get("/").get_data(as_text=True))


def test_the_index_says_when_nothing_is_published_yet(client):
    page = text_of(client.get("/you-said-we-did").get_data(as_text=True))
    assert "When a survey’s results are ready, you will find them here." in page


def sample_with_an_unwritten_theme(survey_round, for_staff):
    report = sample_report(for_staff=for_staff, slug=survey_round.slug, title=survey_round.title)
    report["actions"][0]["findings"] = [{"kind": "theme", "ref": "money", "label": "Money"}]
    return report


def test_a_theme_nobody_wrote_about_this_round_is_not_said_to_be_written_about(app, client, board, monkeypatch,
                                                                              make_round):
    use_sample_reports(monkeypatch, sample_with_an_unwritten_theme)
    slug = make_round("younger-children")
    with app.app_context():
        publish(db.session.scalar(select(SurveyRound).filter_by(slug=slug)))
    actions = section(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True), "Actions: what we",
                      "Groups with fewer")
    assert "Theme: Money (not in this round’s written answers)." in actions
    children = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
    assert "You said You told us about “Money”. So we More time with brothers and sisters" in children
    assert "wrote about “Money”" not in children
