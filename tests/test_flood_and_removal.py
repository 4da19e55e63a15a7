"""A round's link can't be used to flood it (a per-round send brake, never per person), and a worker can
remove responses that should not count, with a reason, never silently."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from survey_app.extensions import db
from survey_app.models import AuditEvent, Draft, ResponseRemoval, SurveyResponse
from survey_app.rounds import access_code
from survey_app.rounds.operations import round_by_slug

from .journey import Journey
from .moderation import QUESTION, add_written_answers
from .test_safeguarding_every_ending import answer_everything


@pytest.fixture
def window(monkeypatch):
    """The 15-minute window number, set by the test."""
    class Window:
        now = 1_000_000

    monkeypatch.setattr(access_code, "current_window", lambda: Window.now)
    monkeypatch.setattr("survey_app.rounds.send_brake.current_window", lambda: Window.now)
    return Window


@pytest.fixture
def worker(client, make_staff, sign_in):
    sign_in(*make_staff("worker"))
    return client


def count(app, slug: str) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SurveyResponse)
                                 .where(SurveyResponse.round_id == round_by_slug(slug).id))


def ready_to_send(app, slug: str) -> Journey:
    child = Journey(app.test_client(), slug)
    answer_everything(child, {})
    return child


def press_send(child: Journey):
    child.open(f"/r/{child.slug}/check")
    return child.client.post(f"/r/{child.slug}/send", data={"csrf_token": child.csrf()})


def text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def test_the_brake_holds_sends_back_kindly_and_keeps_the_answers(app, make_round, window, monkeypatch):
    monkeypatch.setitem(app.config, "ROUND_SENDS_PER_WINDOW", 2)
    slug = make_round("younger-children")
    children = [ready_to_send(app, slug) for _ in range(3)]
    assert [press_send(child).status_code for child in children[:2]] == [302, 302]
    held = press_send(children[2])
    assert held.status_code == 429
    assert "Your answers are saved" in text(held) and "Go back to your answers" in text(held)
    assert count(app, slug) == 2
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 1
        assert round_by_slug(slug).sends_held_back == 1
    window.now += 1  # 15 minutes later
    assert press_send(children[2]).location == f"/r/{slug}/sent"
    assert count(app, slug) == 3


def test_the_brake_is_per_round(app, make_round, window, monkeypatch):
    monkeypatch.setitem(app.config, "ROUND_SENDS_PER_WINDOW", 1)
    flooded, other = make_round("younger-children"), make_round("younger-children")
    assert press_send(ready_to_send(app, flooded)).status_code == 302
    assert press_send(ready_to_send(app, flooded)).status_code == 429
    assert press_send(ready_to_send(app, other)).status_code == 302


def test_workers_see_that_the_brake_held_sends_back(app, worker, make_round, window, monkeypatch):
    monkeypatch.setitem(app.config, "ROUND_SENDS_PER_WINDOW", 1)
    slug = make_round("younger-children")
    press_send(ready_to_send(app, slug))
    press_send(ready_to_send(app, slug))
    page = text(worker.get(f"/staff/rounds/{slug}"))
    assert "Answers arrived faster than real groups send them" in page and "1 time young people were asked" in page


def test_a_fake_response_found_through_its_written_answer_is_removed_with_a_reason(app, worker, make_round):
    slug = make_round("younger-children")
    fake, *_ = add_written_answers(app, slug, ["lol this survey is fake fake fake", "more trips out", "a dog"])
    page = worker.get(f"/staff/rounds/{slug}/free-text/{QUESTION}").get_data(as_text=True)
    link = f"/staff/rounds/{slug}/responses/{fake}/remove"
    assert f'href="{link}"' in page
    confirm = worker.get(link)
    assert "lol this survey is fake fake fake" in text(confirm)
    token = re.search(r'name="csrf_token" value="([^"]+)"', confirm.get_data(as_text=True)).group(1)
    done = worker.post(link, data={"csrf_token": token, "reason": "A joke answer typed during a staff demo"})
    assert done.status_code == 302
    assert count(app, slug) == 2
    round_page = text(worker.get(f"/staff/rounds/{slug}"))
    assert "Responses removed" in round_page and "A joke answer typed during a staff demo" in round_page
    with app.app_context():
        [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "responses removed")).all()
        assert event.detail == f"{slug}: 1 paper" and "fake" not in event.detail
        [removal] = db.session.scalars(select(ResponseRemoval)).all()
        assert (removal.count, removal.channel) == (1, "paper")


@pytest.mark.parametrize(("reason", "problem"), [
    ("", "Say why"), ("oops", "Say why"), ("Kayleigh Smith typed it as a joke", "Take out names")])
def test_a_removal_without_a_proper_reason_removes_nothing_and_keeps_what_was_typed(
        app, worker, make_round, reason, problem):
    slug = make_round("younger-children")
    fake, *_ = add_written_answers(app, slug, ["fake one"])
    link = f"/staff/rounds/{slug}/responses/{fake}/remove"
    token = re.search(r'name="csrf_token" value="([^"]+)"', worker.get(link).get_data(as_text=True)).group(1)
    refused = worker.post(link, data={"csrf_token": token, "reason": reason})
    assert refused.status_code == 400 and problem in text(refused) and reason in text(refused)
    assert count(app, slug) == 1


def test_all_paper_responses_entered_by_mistake_are_removed_and_online_ones_stay(app, worker, make_round):
    slug = make_round("younger-children")
    add_written_answers(app, slug, ["paper one", "paper two", "paper three"])
    press_send(ready_to_send(app, slug))
    link = f"/staff/rounds/{slug}/paper/remove"
    page = worker.get(link)
    assert "Remove all 3 paper responses" in text(page)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    assert worker.post(link, data={"csrf_token": token, "reason": "Entered into the wrong round"}).status_code == 302
    with app.app_context():
        channels = db.session.scalars(select(SurveyResponse.channel)
                                      .where(SurveyResponse.round_id == round_by_slug(slug).id)).all()
    assert channels == ["online"]
