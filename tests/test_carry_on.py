"""Save and come back later: a young person gets a carry-on code on one device and carries on on another
(a second test client, with its own cookies). Wrong, expired and sent codes are refused kindly; wrong
codes are counted per round; the code is never stored, logged or put in a URL; two devices on one draft
never lose an answer."""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html import unescape

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from survey_app.clock import utc_now
from survey_app.extensions import db
from survey_app.models import Draft, SurveyRound
from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.store import shipped_files
from survey_app.responses import carry_on as carry_on_rules
from survey_app.responses import drafts
from survey_app.responses.carry_on import GUESSES_PER_WINDOW
from survey_app.responses.carry_on_code import code_hash, code_key, normalise
from survey_app.responses.drafts import save_answer
from survey_app.rounds import access_code
from survey_app.survey.carry_on import CODE_MISSING, CODE_RESTING, code_expired, code_wrong

from .journey import CSRF, Journey

SURVEY = next(load_file(path) for path in shipped_files() if path.stem == "younger-children")
SHOWN_CODE = re.compile(r'<p class="carry-on-code" id="carry-on-code"[^>]*>(.*?)</p>', re.S)


def get_code(child: Journey) -> str:
    """Press "Save and come back later" on the current page, then "Get my code"; return the code shown."""
    link = re.search(r'<p class="save-later"><a href="([^"]+)">Save and come back later</a>', child.page)
    assert link, "no Save and come back later link on " + child.url
    child.open(unescape(link.group(1)))
    response = child.client.post(child.url, data={"csrf_token": child.csrf()})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert "We can’t show it to you again" in page
    return " ".join(re.findall(r"<span>([a-z0-9]+)</span>", SHOWN_CODE.search(page).group(1)))


def type_code(client, slug: str, code: str):
    page = client.get(f"/r/{slug}").get_data(as_text=True)
    assert "Got a code to carry on?" in page
    return client.post(f"/r/{slug}/carry-on", data={"csrf_token": CSRF.search(page).group(1), "carry_on_code": code})


def answers_in_draft(app) -> list[dict]:
    with app.app_context():
        return [draft.answers for draft in db.session.scalars(select(Draft))]


@pytest.fixture
def child(journey) -> Journey:
    """A young person two questions into the younger children's survey, on device A."""
    child = journey("younger-children")
    assert child.begin() == "feel_about_home"
    assert child.answer_and_go("3") == "feel_safe_home"
    return child


@pytest.fixture
def device_b(app):
    return app.test_client()


def test_it_carries_on_on_another_device_at_the_first_unanswered_question(app, child, device_b):
    code = get_code(child)
    assert re.fullmatch(r"[a-z]+ [a-z]+ [a-z]+ \d\d", code)
    response = type_code(device_b, child.slug, code.upper().replace(" ", "-"))
    assert response.status_code == 303
    assert response.location.endswith(f"/r/{child.slug}/q/feel_safe_home")
    b = Journey(device_b, child.slug)
    b.open(response.location)
    assert b.answer_and_go("yes") == "grown_ups_look_after_you"
    assert answers_in_draft(app) == [{"feel_about_home": {"choices": ["3"]}, "feel_safe_home": {"choices": ["yes"]}}]
    # Device A carries on with the same answers: one draft, two devices.
    child.open(f"/r/{child.slug}/q/grown_ups_look_after_you")
    assert child.answer_and_go("3") == "seeing_family"
    assert answers_in_draft(app)[0].keys() == {"feel_about_home", "feel_safe_home", "grown_ups_look_after_you"}


def test_a_child_who_answered_everything_carries_on_at_the_check_page(child, device_b):
    where = "feel_safe_home"
    while where != "check":
        question = SURVEY.question(where)
        where = child.answer_and_go(skip=True) if not question.required else child.answer_and_go("rather_not_say")
    code = get_code(child)
    response = type_code(device_b, child.slug, code)
    assert response.location.endswith(f"/r/{child.slug}/check")


def test_the_code_page_says_how_long_it_works_and_that_a_new_code_replaces_the_old(child, device_b):
    child.open(f"/r/{child.slug}/save")
    assert "The code works until this time tomorrow" in child.page
    assert "a new code replaces it" in child.page
    child.open(f"/r/{child.slug}/q/feel_safe_home")
    first = get_code(child)
    child.open(f"/r/{child.slug}/q/feel_safe_home")
    second = get_code(child)
    assert first != second
    assert type_code(device_b, child.slug, first).status_code == 400
    assert type_code(device_b, child.slug, second).status_code == 303


def test_the_link_is_on_every_question_page_and_the_check_page_and_a_code_needs_a_draft(app, child, client):
    assert "Save and come back later" in child.page  # a question page
    child.open(f"/r/{child.slug}/check")
    assert "Save and come back later" in child.page
    other = app.test_client()
    response = other.get(f"/r/{child.slug}/save")
    assert response.status_code == 302 and response.location.endswith(f"/r/{child.slug}")


def test_a_wrong_code_is_refused_kindly_and_counted_for_the_round(app, child, device_b):
    get_code(child)
    response = type_code(device_b, child.slug, "kite lemon otter 27")
    assert response.status_code == 400
    page = unescape(response.get_data(as_text=True))
    assert code_wrong(24) in page and "There is a problem" in page
    assert 'href="#carry_on_code"' in page
    with app.app_context():
        assert db.session.scalar(select(SurveyRound.carry_on_wrong_guesses)) == 1
    assert device_b.get(f"/r/{child.slug}/q/feel_safe_home").status_code == 302  # not let in


def test_nothing_typed_is_refused_without_counting(app, child, device_b):
    response = type_code(device_b, child.slug, "  - ")
    assert response.status_code == 400 and CODE_MISSING in unescape(response.get_data(as_text=True))
    with app.app_context():
        assert db.session.scalar(select(SurveyRound.carry_on_wrong_guesses)) == 0


def test_after_too_many_wrong_codes_even_the_right_one_rests_until_the_next_window(app, child, device_b, monkeypatch):
    code = get_code(child)
    now = dt.datetime(2026, 11, 23, 12, 1)
    monkeypatch.setattr(carry_on_rules, "utc_now", lambda: now)
    monkeypatch.setattr(access_code, "utc_now", lambda: now)  # the brake's window
    for number in range(GUESSES_PER_WINDOW):
        assert type_code(device_b, child.slug, f"kite lemon otter {number + 10}").status_code == 400
    response = type_code(device_b, child.slug, code)
    assert response.status_code == 429 and CODE_RESTING in unescape(response.get_data(as_text=True))
    # Someone else on another device, same round: the brake is per round, never per person.
    assert type_code(app.test_client(), child.slug, code).status_code == 429
    # The child already on device A keeps going.
    child.open(f"/r/{child.slug}/q/feel_safe_home")
    assert child.answer_and_go("yes") == "grown_ups_look_after_you"
    now = dt.datetime(2026, 11, 23, 12, 16)
    assert type_code(device_b, child.slug, code).status_code == 303


def test_wrong_codes_in_one_round_do_not_rest_another(app, child, device_b, make_round, monkeypatch):
    for number in range(GUESSES_PER_WINDOW):
        type_code(device_b, child.slug, f"kite lemon otter {number + 10}")
    other = Journey(app.test_client(), make_round("younger-children"))
    other.begin()
    code = get_code(other)
    assert type_code(device_b, other.slug, code).status_code == 303


def test_a_code_only_works_in_its_own_round(app, child, device_b, make_round):
    code = get_code(child)
    assert type_code(device_b, make_round("younger-children"), code).status_code == 400


def test_an_expired_drafts_code_says_the_answers_were_deleted(app, child, device_b):
    code = get_code(child)
    with app.app_context():
        db.session.execute(update(Draft).values(expires_at=utc_now() - dt.timedelta(minutes=1)))
        db.session.commit()
    response = type_code(device_b, child.slug, code)
    assert response.status_code == 410
    assert code_expired(24) in unescape(response.get_data(as_text=True))
    assert "deleted, because nobody added to them for 24 hours" in code_expired(24)


def test_a_sent_drafts_code_no_longer_works(app, child, device_b):
    code = get_code(child)
    child.send()
    assert type_code(device_b, child.slug, code).status_code == 400


def test_starting_again_kills_the_code(app, child, device_b):
    code = get_code(child)
    child.open(f"/r/{child.slug}")
    child.client.post(f"/r/{child.slug}/start", data={"csrf_token": child.csrf(), "again": "1"})
    assert type_code(device_b, child.slug, code).status_code == 400


def test_the_code_is_never_stored_logged_or_in_a_url(app, child, device_b, caplog):
    caplog.set_level(logging.DEBUG)
    code = get_code(child)
    response = type_code(device_b, child.slug, code)
    assert "carry-on" in response.request.path and not response.request.query_string
    pieces = [code, code.replace(" ", ""), code.replace(" ", "-"), normalise(code), " ".join(code.split()[:3])]
    with app.app_context():
        rows = [dict(row._mapping) for row in db.session.execute(select(Draft.__table__))]
    assert rows and rows[0]["carry_on_hash"]
    stored = repr(rows)
    assert not [piece for piece in pieces if piece in stored]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not [piece for piece in pieces if piece in logged]
    assert not [piece for piece in pieces if piece in response.location]


def test_a_closed_round_takes_no_code(app, child, device_b):
    code = get_code(child)
    page = device_b.get(f"/r/{child.slug}").get_data(as_text=True)
    with app.app_context():
        db.session.execute(update(SurveyRound).values(status="closed"))
        db.session.commit()
    response = device_b.post(f"/r/{child.slug}/carry-on",
                             data={"csrf_token": CSRF.search(page).group(1), "carry_on_code": code})
    assert response.status_code == 410


def test_two_devices_answering_at_once_lose_no_answer(app, child):
    """Device A read the draft; device B saved an answer; then A saves what it read plus its answer."""
    with app.app_context():
        draft = db.session.scalar(select(Draft))
        as_a_read_it = {"answers": dict(draft.answers), "raised": list(draft.raised), "version": draft.version}
        save_answer(draft, SURVEY.question("feel_safe_home"), {"choices": ["yes"]}, 24)  # device B
        db.session.commit()
        for name, value in as_a_read_it.items():
            set_committed_value(draft, name, value)
        save_answer(draft, SURVEY.question("grown_ups_look_after_you"), {"choices": ["2"]}, 24)  # device A
        db.session.commit()
    assert answers_in_draft(app) == [{"feel_about_home": {"choices": ["3"]},
                                      "feel_safe_home": {"choices": ["yes"]},
                                      "grown_ups_look_after_you": {"choices": ["2"]}}]


@pytest.mark.postgres_only
def test_four_devices_answering_at_the_same_moment_lose_no_answer(app, child, monkeypatch):
    """The same, for real: four devices on one draft (three joined with the code) each send a different
    answer at the same moment, twice over. Each request waits a moment after reading the draft, so all
    four have read it before any writes (without that, requests rarely overlap in a test)."""
    code = get_code(child)
    real_hold = drafts.hold_if_worrying

    def slow_hold(*args):
        time.sleep(0.2)
        return real_hold(*args)

    monkeypatch.setattr(drafts, "hold_if_worrying", slow_hold)
    devices = [child.client]
    for _ in range(3):
        device = app.test_client()
        assert type_code(device, child.slug, code).status_code == 303
        devices.append(device)
    questions = [q.id for q in SURVEY.questions if q.id != "feel_about_home" and not q.is_text][:8]
    for batch in (questions[0:4], questions[4:8]):
        pages = [device.get(f"/r/{child.slug}/q/{question_id}").get_data(as_text=True)
                 for device, question_id in zip(devices, batch, strict=True)]
        together = threading.Barrier(len(devices))

        def answer(device, question_id, page, together=together):
            together.wait()
            value = re.search(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"', page).group(1)
            return device.post(f"/r/{child.slug}/q/{question_id}",
                               data={"csrf_token": CSRF.search(page).group(1), "answer": value}).status_code

        with ThreadPoolExecutor(len(devices)) as pool:
            statuses = list(pool.map(answer, devices, batch, pages))
        assert statuses == [302] * len(devices)
    assert answers_in_draft(app)[0].keys() == {"feel_about_home", *questions}


def test_the_stored_hash_is_keyed_with_the_secret_key(app, child, device_b, monkeypatch):
    code = get_code(child)
    with app.app_context():
        draft = db.session.scalar(select(Draft))
        assert draft.carry_on_hash == code_hash(code_key(app.config["SECRET_KEY"]), draft.round_id, normalise(code))
        assert draft.carry_on_hash != code_hash(code_key("another key"), draft.round_id, normalise(code))
    monkeypatch.setitem(app.config, "SECRET_KEY", "a new secret key")
    assert type_code(device_b, child.slug, code).status_code == 400


def test_the_carry_on_page_can_be_opened_on_its_own(child, device_b):
    response = device_b.get(f"/r/{child.slug}/carry-on")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert "Carry on with your code" in page and 'name="carry_on_code"' in page and "There is a problem" not in page
