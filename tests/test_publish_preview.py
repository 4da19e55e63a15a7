"""Publishing with confidence: the worker edits the children's points (and can go back to the ones made from
the answers), previews the board report and the children's page exactly as they will be published, and
publishes only with the confirm POST; unpublishing asks first. Board members and children never see a
preview. Real reports (survey_app/reporting/build.py), not the sample."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import Answer, RoundReport, SurveyResponse
from survey_app.rounds.operations import round_by_slug

from .journey import CSRF
from .test_children_wording import page_points

PREVIEW_BAR = "Preview — not published yet"


@pytest.fixture
def answered(app, make_round):
    """A younger-children round 20 young people answered: 12 feel safe where they live, 6 don't, 2 not sure."""
    slug = make_round("younger-children")
    with app.app_context():
        round_id = round_by_slug(slug).id
        for choice in ["yes"] * 12 + ["no"] * 6 + ["not_sure"] * 2:
            db.session.add(SurveyResponse(round_id=round_id, week_of=dt.date(2026, 11, 16), channel="online",
                                          answers=[Answer(question_id="feel_safe_home", position=0, choice=choice)]))
        db.session.commit()
    return slug


@pytest.fixture
def worker(client, make_staff, sign_in):
    assert sign_in(*make_staff("worker")).status_code == 302
    return client


def csrf(client, url: str) -> str:
    return CSRF.search(client.get(url).get_data(as_text=True)).group(1)


def region(page: str, pattern: str) -> str:
    found = re.search(pattern, page, re.DOTALL)
    assert found, pattern
    return found.group(0)


def main_of(page: str) -> str:
    return region(page, r'<main id="main".*?</main>')


def board_body_of(page: str) -> str:
    return region(page, r'<article class="report".*?</article>')


def row_of(app, slug: str) -> RoundReport | None:
    with app.app_context():
        row = db.session.get(RoundReport, round_by_slug(slug).id)
        if row is not None:
            db.session.expunge(row)
        return row


def save(client, slug: str, **fields) -> object:
    url = f"/staff/reports/{slug}/publish"
    data = {"csrf_token": csrf(client, url), "board_summary": "", **fields}
    return client.post(url, data=data)


def test_the_publish_page_starts_with_the_points_made_from_the_answers(worker, answered):
    page = html.unescape(worker.get(f"/staff/reports/{answered}/publish").get_data(as_text=True))
    assert "Most of you feel safe where you live." in page  # 12 of 20
    assert "Some of you don't feel safe where you live." in page  # 6 of 20; the 2 "not sure" are neither
    assert "These points are made from the answers" in page


def test_the_preview_is_exactly_what_board_members_and_children_then_see(app, worker, answered):
    response = save(worker, answered, preview="1", board_summary="Thank you all.",
                    children_good="You feel safe where you live, most of you.",
                    children_change="Some of you don't feel safe where you live.")
    assert response.status_code == 302 and response.location == f"/staff/reports/{answered}/preview/children"

    children_preview = worker.get(f"/staff/reports/{answered}/preview/children").get_data(as_text=True)
    board_preview = worker.get(f"/staff/reports/{answered}/preview/board").get_data(as_text=True)
    for preview in (children_preview, board_preview):
        assert PREVIEW_BAR in preview and PREVIEW_BAR not in main_of(preview)  # marked outside the content
    assert page_points(children_preview, "good-title") == ["You feel safe where you live, most of you."]
    assert "Thank you all." in board_body_of(board_preview)
    assert not row_of(app, answered).published

    token = CSRF.search(children_preview).group(1)
    response = worker.post(f"/staff/reports/{answered}/publish/confirm", data={"csrf_token": token})
    assert response.status_code == 302 and row_of(app, answered).published

    published_children = app.test_client().get(f"/r/{answered}/you-said-we-did").get_data(as_text=True)
    published_board = worker.get(f"/staff/board/reports/{answered}").get_data(as_text=True)
    assert main_of(published_children) == main_of(children_preview)
    assert board_body_of(published_board) == board_body_of(board_preview)
    assert PREVIEW_BAR not in published_children and PREVIEW_BAR not in published_board


def test_saving_never_publishes_and_publishing_needs_the_confirm_post_with_its_token(app, worker, answered):
    save(worker, answered, publish="1", children_good="", children_change="")  # the old one-step button
    assert not row_of(app, answered).published
    assert worker.get(f"/staff/reports/{answered}/publish/confirm").status_code == 405
    worker.post(f"/staff/reports/{answered}/publish/confirm", data={})  # no CSRF token
    assert not row_of(app, answered).published
    assert app.test_client().get(f"/r/{answered}/you-said-we-did").status_code == 404


def test_unpublishing_asks_first(app, worker, answered):
    token = csrf(worker, f"/staff/reports/{answered}/preview/children")
    worker.post(f"/staff/reports/{answered}/publish/confirm", data={"csrf_token": token})
    assert row_of(app, answered).published
    report_page = worker.get(f"/staff/reports/{answered}").get_data(as_text=True)
    assert f'href="/staff/reports/{answered}/unpublish"' in report_page
    question = worker.get(f"/staff/reports/{answered}/unpublish").get_data(as_text=True)
    assert "Unpublish this report?" in question and row_of(app, answered).published
    worker.post(f"/staff/reports/{answered}/unpublish", data={"csrf_token": CSRF.search(question).group(1)})
    assert not row_of(app, answered).published


def test_the_worker_changes_a_point_and_can_go_back_to_the_ones_made_from_the_answers(app, worker, answered):
    save(worker, answered, children_good="You told us you feel safe at home.",
         children_change="Some of you don't feel safe where you live.")
    row = row_of(app, answered)
    assert row.children_good == "You told us you feel safe at home."
    assert row.children_change == ""  # left as made: keeps following the answers
    page = worker.get(f"/staff/reports/{answered}/publish").get_data(as_text=True)
    assert "You changed these points." in page and "You told us you feel safe at home." in page
    preview = worker.get(f"/staff/reports/{answered}/preview/children").get_data(as_text=True)
    assert page_points(preview, "good-title") == ["You told us you feel safe at home."]

    response = save(worker, answered, children_good="You told us you feel safe at home.",
                    children_change="Some of you don't feel safe where you live.", use_generated="children_good")
    assert response.status_code == 302 and row_of(app, answered).children_good == ""
    page = worker.get(f"/staff/reports/{answered}/publish").get_data(as_text=True)
    assert "You told us you feel safe at home." not in page and "Most of you feel safe where you live." in page


def test_not_sure_is_never_read_as_no_on_the_page_children_see(app, worker, make_round):
    slug = make_round("younger-children")
    with app.app_context():
        round_id = round_by_slug(slug).id
        # 22% No and 25% Not sure: "Some of you …", never "About half of you …".
        for choice in ["yes"] * 24 + ["no"] * 11 + ["not_sure"] * 13 + ["rather_not_say"] * 6:
            db.session.add(SurveyResponse(round_id=round_id, week_of=dt.date(2026, 11, 16), channel="online",
                                          answers=[Answer(question_id="feel_safe_home", position=0, choice=choice)]))
        db.session.commit()
    token = csrf(worker, f"/staff/reports/{slug}/preview/children")
    worker.post(f"/staff/reports/{slug}/publish/confirm", data={"csrf_token": token})
    page = app.test_client().get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)
    assert page_points(page, "good-title") == []  # 24 of 48 is about half: no good point
    assert page_points(page, "change-title") == ["Some of you don't feel safe where you live."]


@pytest.mark.parametrize("persona", ["board", "signed_out"])
def test_board_members_and_children_never_see_a_preview(app, client, make_staff, sign_in, answered, persona):
    if persona == "board":
        sign_in(*make_staff("board"))
    for page in ("preview/children", "preview/board", "unpublish"):
        response = client.get(f"/staff/reports/{answered}/{page}")
        assert response.status_code in (302, 403) and PREVIEW_BAR not in response.get_data(as_text=True)
    assert client.post(f"/staff/reports/{answered}/publish/confirm", data={}).status_code in (302, 400, 403)
    with app.app_context():
        assert db.session.scalars(select(RoundReport)).first() is None
