"""Seed 002 (Swindon, 2018): 28 young people answered the priorities survey; the council reported
27/28 happy where they live, 26/28 knowing who to talk to, 16/28 with a health passport, and
happiness 1–5 as 12, 7, 6, 2, 1. Replay those 28 answers through the survey pages, then check that
the staff report shows exactly those figures, and that the board report and its JSON (CLI) show
them with the two small counts of the happiness scale hidden as "c" (the suppression rule wins for
anything a board or a child sees)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from survey_app.extensions import db
from survey_app.models import AuditEvent
from survey_app.reporting.build import build_report

from .journey import Journey
from .prepared_files import prepared_file

PEOPLE = 28
# The seed's figures, spread over 28 young people (person 0 … 27).
HAPPY_WHERE_LIVING = ["yes"] * 27 + ["no"]
KNOW_WHO_TO_TALK_TO = ["yes"] * 26 + ["no"] * 2
HEALTH_PASSPORT = ["yes"] * 16 + ["no"] * 12
HAPPY_OR_SAD = ["5"] * 12 + ["4"] * 7 + ["3"] * 6 + ["2"] * 2 + ["1"]
CARE_STATUS = ["in_care"] * 18 + ["care_leaver"] * 10
LIVING_WITH = ["foster_family"] * 12 + ["childrens_home"] * 6 + ["own_flat"] * 10
WHAT_IS_IMPORTANT = {0: "school and my exams", 3: "seeing my brother more", 7: "college next year"}


def answers_of(person: int) -> dict[str, list[str]]:
    answers = {
        "care_status": [CARE_STATUS[person]],
        "living_with": [LIVING_WITH[person]],
        "happy_where_living": [HAPPY_WHERE_LIVING[person]],
        "happy_or_sad": [HAPPY_OR_SAD[person]],
        "health_passport": [HEALTH_PASSPORT[person]],
        "know_who_to_talk_to": [KNOW_WHO_TO_TALK_TO[person]],
        # required questions of the care leavers' section
        "in_sixth_form_or_college": ["no"], "in_apprenticeship_or_work": ["no"], "unemployed": ["no"],
    }
    if person in WHAT_IS_IMPORTANT:
        answers["what_is_important"] = [WHAT_IS_IMPORTANT[person]]
    return answers


def replay(child: Journey, answers: dict[str, list[str]]) -> None:
    where = child.begin()
    while where != "check":
        values = answers.get(where)
        where = child.answer_and_go(*values) if values else child.answer_and_go(skip=True)
    child.send()


@pytest.fixture(scope="module")
def replayed(app):
    """One round of priorities-2018 with the 28 young people's answers sent through the pages.
    Module-scoped for speed; the tables are cleaned after the module by the last test's teardown."""
    from survey_app.questionnaire.store import latest
    from survey_app.rounds.operations import open_round

    with app.app_context():
        survey_round = open_round(latest("priorities-2018"))
        db.session.commit()
        slug, round_id = survey_round.slug, survey_round.id
    for person in range(PEOPLE):
        replay(Journey(app.test_client(), slug), answers_of(person))
    yield slug, round_id
    with app.app_context():
        db.session.remove()
        for table in CLEANED:
            db.session.execute(text(f"DELETE FROM {table}"))
        db.session.commit()


CLEANED = ("jobs", "stored_reports", "action_findings", "action_updates", "actions", "quotes", "manual_codings",
           "round_reports", "answers", "responses", "drafts", "safeguarding_flags", "round_cohorts", "survey_rounds",
           "audit_events", "staff_sessions", "staff_users")


@pytest.fixture(autouse=True)
def _clean_tables():
    """Keep the replayed round for every test of this module: ``replayed`` cleans up after the module."""
    yield


def question(report: dict, question_id: str) -> dict:
    for priority in report["priorities"]:
        for entry in priority["questions"]:
            if entry["id"] == question_id:
                return entry
    raise AssertionError(f"{question_id} not in the report")


def headline(report: dict, question_id: str) -> dict:
    for priority in report["priorities"]:
        for entry in priority["headlines"]:
            if entry["question_id"] == question_id:
                return entry
    raise AssertionError(f"no headline for {question_id}")


def counts(report: dict, question_id: str) -> dict:
    return {row["choice"]: row["count"] for row in question(report, question_id)["distribution"]}


def test_staff_report_shows_the_seed_figures_exactly(app, replayed):
    _, round_id = replayed
    with app.app_context():
        report = build_report(round_id, for_staff=True)
    assert report["responses"]["total"] == 28
    for question_id, yes in (("happy_where_living", 27), ("know_who_to_talk_to", 26), ("health_passport", 16)):
        assert (headline(report, question_id)["count"], headline(report, question_id)["base"]) == (yes, 28)
        assert counts(report, question_id)["yes"] == yes
        assert question(report, question_id)["answered"] == 28
    happiness = counts(report, "happy_or_sad")
    assert [happiness[point] for point in ("5", "4", "3", "2", "1")] == [12, 7, 6, 2, 1]
    assert question(report, "happy_or_sad")["mean"] == round((60 + 28 + 18 + 4 + 1) / 28, 2)


def board_figures(report: dict) -> dict:
    happiness = counts(report, "happy_or_sad")
    return {
        "happy_where_living": (headline(report, "happy_where_living")["count"],
                               headline(report, "happy_where_living")["base"]),
        "know_who_to_talk_to": (headline(report, "know_who_to_talk_to")["count"],
                                headline(report, "know_who_to_talk_to")["base"]),
        "health_passport": (headline(report, "health_passport")["count"], headline(report, "health_passport")["base"]),
        "happy_or_sad": [happiness[point] for point in ("5", "4", "3", "2", "1")],
    }


SEED_ON_THE_BOARD = {
    "happy_where_living": (27, 28),
    "know_who_to_talk_to": (26, 28),
    "health_passport": (16, 28),
    "happy_or_sad": [12, 7, 6, "c", "c"],
}


def test_board_report_shows_the_seed_figures_with_small_numbers_hidden(app, replayed):
    _, round_id = replayed
    with app.app_context():
        report = build_report(round_id)
    assert board_figures(report) == SEED_ON_THE_BOARD
    # The one "no" to happy-where-living cannot be read off the distribution next to the 27/28 headline.
    assert counts(report, "happy_where_living") == {"yes": 27, "no": "c", "not_sure": "c", "rather_not_say": 0}
    assert question(report, "happy_or_sad")["mean"] is None  # the mean would give the hidden 2 and 1 back
    assert headline(report, "happy_where_living")["text"] == (
        "Almost all young people (27 of 28) said yes to ‘Are you happy where you’re living?’")


def test_board_json_from_the_cli_shows_the_same_figures_and_is_audited(app, replayed, runner):
    slug, _ = replayed
    result = runner.invoke(args=["report", slug, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["schema"] == "voices-in-care/round-report/1"
    assert board_figures(report) == SEED_ON_THE_BOARD
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.actor == "cli").order_by(AuditEvent.id)).all()
    assert [(event.action, event.detail) for event in events][-1] == ("report_export", f"{slug} report json")


def test_no_written_answer_reaches_either_report(app, replayed):
    _, round_id = replayed
    with app.app_context():
        dumped = [json.dumps(build_report(round_id, for_staff=staff), ensure_ascii=False) for staff in (False, True)]
    for written in WHAT_IS_IMPORTANT.values():
        assert all(written not in body for body in dumped)


def test_children_points_come_from_the_seed_figures(app, replayed):
    _, round_id = replayed
    with app.app_context():
        children = build_report(round_id)["children"]
    assert "Nearly all of you are happy where you're living." in children["good"]
    assert "Some of you don't have your health passport." in children["change"]
    assert not any(character.isdigit() for line in children["good"] + children["change"] for character in line)


def test_the_published_board_page_and_pdf_show_the_seed_figures_and_the_childrens_page_no_hidden_numbers(
        app, client, make_staff, sign_in, replayed):
    import datetime as dt
    import re

    from survey_app.models import RoundReport

    from .test_reports_pages import text_of

    slug, round_id = replayed
    sign_in(*make_staff("board"))
    assert client.get(f"/staff/board/reports/{slug}").status_code == 404  # not published yet
    with app.app_context():
        db.session.add(RoundReport(round_id=round_id, published=True, published_on=dt.date(2026, 11, 20)))
        db.session.commit()
    try:
        board = text_of(client.get(f"/staff/board/reports/{slug}").get_data(as_text=True))
        for figure in ("27 of 28", "26 of 28", "16 of 28"):
            assert figure in board
        assert "c = fewer than 5 young people" in board
        pdf = prepared_file(client, f"/staff/board/reports/{slug}/pdf", f"/staff/board/reports/{slug}")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        children = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
        assert "happy where you're living" in children
        assert not re.search(r"(?<![\w’'])c(?![\w’'])", children)
        assert not any(written in children or written in board for written in WHAT_IS_IMPORTANT.values())
    finally:
        with app.app_context():
            db.session.execute(text("DELETE FROM round_reports"))
            db.session.commit()


TEAM_SUMMARY = (
    "Twenty-eight young people answered the survey this spring. Almost all are happy where they live and know "
    "who to talk to, but fewer than six in ten have their health passport.\n\nNone of the care leavers who "
    "answered is in college or work; the leaving care team will bring a plan to the next board.")


def test_the_2018_board_report_prints_on_four_a4_pages_or_fewer(app, replayed):
    """A small round wastes no pages: the summary alone on page 1, then the priorities one after another."""
    import io

    from pypdf import PdfReader

    from survey_app.models import RoundReport
    from survey_app.reporting.build import build
    from survey_app.reporting.pdf import board_pdf

    _, round_id = replayed
    with app.app_context():
        # as published: with the participation team's summary on page 1
        db.session.add(RoundReport(round_id=round_id, board_summary=TEAM_SUMMARY))
        db.session.commit()
        try:
            report = build(round_id)
            pdf = board_pdf(report)
        finally:
            db.session.execute(text("DELETE FROM round_reports"))
            db.session.commit()
    assert report.publication.board_summary == TEAM_SUMMARY
    pages = PdfReader(io.BytesIO(pdf)).pages
    sizes = {(round(float(page.mediabox.width)), round(float(page.mediabox.height))) for page in pages}
    assert sizes == {(595, 842)}  # A4 in points
    assert len(pages) <= 4, f"{len(pages)} pages"
    first, second = pages[0].extract_text(), pages[1].extract_text()
    assert "Strongest results" in first and "Actions overdue and due" in first and TEAM_SUMMARY[:40] in first
    assert "Headlines" not in first and second.startswith("Placement and stability")  # the summary is alone
    # no page left nearly empty (before: a page holding a single "c" row)
    short = [number for number, page in enumerate(pages[:-1], 1) if len(page.extract_text().splitlines()) < 12]
    assert short == []


# The 2018 replay's points for children, strongest first: 27, 26, 19 (faces 4 and 5) and 16 of 28 said
# the good thing; 12 of 28 have no health passport. 3 of 28 sad faces is too few for a point.
REPLAY_GOOD = [
    "Nearly all of you are happy where you're living.",
    "Nearly all of you would know where to go if you needed to talk to someone about something troubling you.",
    "Most of you are happy.",
    "Most of you have your health passport.",
]
REPLAY_CHANGE = ["Some of you don't have your health passport."]


def test_the_published_childrens_page_of_the_replay_says_the_points_written_here(app, client, replayed):
    import datetime as dt

    from survey_app.models import RoundReport
    from survey_app.reporting import stored

    from .test_children_wording import page_points

    slug, round_id = replayed
    with app.app_context():
        db.session.add(RoundReport(round_id=round_id, published=True, published_on=dt.date(2026, 11, 20)))
        db.session.commit()
        stored.rebuild(round_id, for_staff=False)  # fresh, so reading the page queues no rebuild
        db.session.commit()
    try:
        page = client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)
        assert page_points(page, "good-title") == REPLAY_GOOD
        assert page_points(page, "change-title") == REPLAY_CHANGE
    finally:
        with app.app_context():
            db.session.execute(text("DELETE FROM round_reports"))
            db.session.commit()
