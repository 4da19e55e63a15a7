"""Staff sessions and sign-in limits: signing out ends the session on the server; wrong passwords are
counted exactly however many arrive at once; one device guessing can't lock a real person out."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import redis
from sqlalchemy import select

from survey_app.accounts import operations as accounts
from survey_app.accounts.operations import ACCOUNT_LOCK_AFTER, MAX_FAILURES
from survey_app.extensions import db, limiter
from survey_app.models import AuditEvent, StaffSession, StaffUser
from survey_app.questionnaire.loader import load_file
from survey_app.questionnaire.schema import RATHER_NOT_SAY
from survey_app.questionnaire.store import shipped_files

from .conftest import REDIS_TEST_URL, missing
from .journey import CSRF, Journey


def device(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def try_sign_in(client, email: str, password: str):
    token = CSRF.search(client.get("/staff/sign-in").get_data(as_text=True)).group(1)
    return client.post("/staff/sign-in", data={"csrf_token": token, "email": email, "password": password})


def user(app, email: str) -> StaffUser:
    with app.app_context():
        found = db.session.scalar(select(StaffUser).filter_by(email=email))
        db.session.expunge(found)
        return found


SIGN_OUT_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def sign_out(client):
    token = SIGN_OUT_TOKEN.search(client.get("/staff/").get_data(as_text=True)).group(1)
    return client.post("/staff/sign-out", data={"csrf_token": token})


def audit_actions(app) -> list[str]:
    with app.app_context():
        return [event.action for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def wrong_at_once(app, email: str, addresses: list[str]) -> list[int]:
    """One wrong password from each address, all sent at the same moment (one thread and test client each)."""
    clients = [device(app, address) for address in addresses]
    tokens = [CSRF.search(client.get("/staff/sign-in").get_data(as_text=True)).group(1) for client in clients]
    barrier = threading.Barrier(len(clients))
    statuses = []

    def wrong(client, token):
        barrier.wait()
        response = client.post("/staff/sign-in", data={"csrf_token": token, "email": email, "password": "nope nope"})
        statuses.append(response.status_code)

    threads = [threading.Thread(target=wrong, args=pair) for pair in zip(clients, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(statuses)


def limiter_keys() -> list[str]:
    return list(limiter.storage.storage)  # memory:// in the test app


# -- signing out ----------------------------------------------------------------------------------------------

def test_a_copied_cookie_stops_working_when_its_owner_signs_out(app, make_staff):
    email, password = make_staff("safeguarding")
    owner = device(app, "198.51.100.1")
    assert try_sign_in(owner, email, password).status_code == 302
    thief = device(app, "198.51.100.66")
    thief.set_cookie("vic", owner.get_cookie("vic").value)
    assert thief.get("/staff/safeguarding").status_code == 200  # the copy works while the owner is signed in
    assert sign_out(owner).status_code == 302
    replay = thief.get("/staff/safeguarding")
    assert replay.status_code == 302 and replay.location.startswith("/staff/sign-in")


def test_signing_out_in_one_browser_leaves_another_signed_in(app, make_staff):
    email, password = make_staff("worker")
    first, second = device(app, "198.51.100.2"), device(app, "198.51.100.3")
    assert try_sign_in(first, email, password).status_code == 302
    assert try_sign_in(second, email, password).status_code == 302
    sign_out(first)
    assert first.get("/staff/").status_code == 302
    assert second.get("/staff/").status_code == 200
    with app.app_context():
        assert len(db.session.scalars(select(StaffSession)).all()) == 1


def test_the_server_keeps_only_a_hash_of_the_session_token(app, make_staff):
    email, password = make_staff("worker")
    browser = device(app, "198.51.100.4")
    try_sign_in(browser, email, password)
    with browser.session_transaction() as session:
        token = session["staff_session"]
    with app.app_context():
        [kept] = db.session.scalars(select(StaffSession)).all()
    assert token not in kept.token_hash and len(kept.token_hash) == 64


# -- wrong passwords -------------------------------------------------------------------------------------------

def test_five_wrong_passwords_stop_that_device_but_not_the_real_person_elsewhere(app, make_staff):
    email, password = make_staff("safeguarding")
    attacker = device(app, "203.0.113.50")
    for _ in range(MAX_FAILURES):
        assert try_sign_in(attacker, email, "wrong wrong wrong").status_code == 400
    refused = try_sign_in(attacker, email, password)
    assert refused.status_code == 429
    assert "too many tries to sign in from this device" in refused.get_data(as_text=True)
    assert try_sign_in(device(app, "192.0.2.10"), email, password).status_code == 302  # the lead, at work
    assert user(app, email).locked_until is None and "locked out" not in audit_actions(app)


def test_wrong_passwords_from_many_places_lock_the_account_for_everyone(app, make_staff):
    email, password = make_staff("worker")
    places = ACCOUNT_LOCK_AFTER // MAX_FAILURES
    for place in range(places):
        attacker = device(app, f"203.0.113.{place + 1}")
        for _ in range(MAX_FAILURES):
            assert try_sign_in(attacker, email, "wrong wrong wrong").status_code == 400
    locked = user(app, email)
    assert locked.locked_until is not None and locked.failed_sign_ins == ACCOUNT_LOCK_AFTER
    assert try_sign_in(device(app, "192.0.2.11"), email, password).status_code == 400  # locked, even right
    assert audit_actions(app).count("locked out") == 1
    with app.app_context():
        db.session.get(StaffUser, locked.id).locked_until = dt.datetime(2000, 1, 1)  # the lock has run out
        db.session.commit()
    assert try_sign_in(device(app, "192.0.2.11"), email, password).status_code == 302


@pytest.mark.postgres_only
def test_eight_wrong_passwords_at_once_are_all_counted(app, make_staff):
    email, _ = make_staff("worker")
    assert wrong_at_once(app, email, [f"203.0.113.{100 + n}" for n in range(8)]) == [400] * 8
    assert user(app, email).failed_sign_ins == 8


@pytest.mark.postgres_only
def test_wrong_passwords_at_once_lock_the_account_once_they_reach_the_limit(app, make_staff, monkeypatch):
    monkeypatch.setattr(accounts, "ACCOUNT_LOCK_AFTER", 5)
    email, password = make_staff("worker")
    assert wrong_at_once(app, email, [f"203.0.113.{110 + n}" for n in range(8)]) == [400] * 8
    locked = user(app, email)
    assert locked.failed_sign_ins == 8 and locked.locked_until is not None
    assert audit_actions(app).count("locked out") == 1
    assert try_sign_in(device(app, "192.0.2.12"), email, password).status_code == 400


def test_wrong_passwords_at_once_from_one_device_stop_at_five(app, make_staff):
    email, password = make_staff("safeguarding")
    assert wrong_at_once(app, email, ["203.0.113.120"] * 8) == [400] * MAX_FAILURES + [429] * (8 - MAX_FAILURES)
    assert user(app, email).failed_sign_ins == MAX_FAILURES
    assert try_sign_in(device(app, "203.0.113.120"), email, password).status_code == 429


def test_a_right_password_forgets_that_devices_wrong_ones(app, make_staff):
    email, password = make_staff("worker")
    laptop = device(app, "198.51.100.20")
    for _ in range(MAX_FAILURES - 1):
        assert try_sign_in(laptop, email, "typo typo typo").status_code == 400
    assert try_sign_in(laptop, email, password).status_code == 302
    sign_out(laptop)
    for _ in range(MAX_FAILURES - 1):
        assert try_sign_in(laptop, email, "typo typo typo").status_code == 400
    assert try_sign_in(laptop, email, password).status_code == 302


def test_the_limiter_keeps_no_address_and_no_email_typed(app, make_staff):
    email, _ = make_staff("worker")
    address = "203.0.113.121"
    try_sign_in(device(app, address), email, "wrong wrong wrong")
    keys = " ".join(limiter_keys())
    assert keys
    for kept in (address, hashlib.sha256(address.encode()).hexdigest()[:20], email):
        assert kept not in keys


def test_one_device_is_limited_however_many_accounts_it_tries(app, make_staff, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_LIMIT", "3 per minute")
    browser = device(app, "203.0.113.200")
    emails = [make_staff("worker")[0] for _ in range(4)]
    statuses = [try_sign_in(browser, email, "wrong wrong wrong").status_code for email in emails]
    assert statuses == [400, 400, 400, 429]


def test_young_peoples_pages_are_never_limited_and_leave_nothing_in_the_limiter(app, make_round, monkeypatch):
    monkeypatch.setitem(app.config, "SIGN_IN_LIMIT", "1 per minute")
    slug = make_round("younger-children")
    survey = load_file(next(path for path in shipped_files() if path.stem == "younger-children"))
    phone = device(app, "203.0.113.201")
    assert all(phone.get(f"/r/{slug}").status_code == 200 for _ in range(30))
    for _ in range(3):  # three young people on one shared phone, each answering and sending
        child = Journey(phone, slug)
        where = child.begin()
        while where != "check":
            required = survey.question(where).required
            where = child.answer_and_go(RATHER_NOT_SAY) if required else child.answer_and_go(skip=True)
        child.send()
    assert limiter_keys() == []


# -- sessions run out ------------------------------------------------------------------------------------------

def test_a_busy_session_still_ends_staff_session_hours_after_signing_in(app, make_staff):
    email, password = make_staff("safeguarding")
    browser = device(app, "198.51.100.30")
    try_sign_in(browser, email, password)
    assert browser.get("/staff/safeguarding").status_code == 200  # each request re-signs the cookie
    with app.app_context():
        [kept] = db.session.scalars(select(StaffSession)).all()
        kept.started_at -= app.permanent_session_lifetime
        db.session.commit()
    ended = browser.get("/staff/safeguarding")
    assert ended.status_code == 302 and ended.location.startswith("/staff/sign-in")


def test_sessions_that_ran_out_are_deleted_at_the_next_sign_in(app, make_staff):
    email, password = make_staff("worker")
    closed_browser, current = device(app, "198.51.100.31"), device(app, "198.51.100.32")
    try_sign_in(closed_browser, email, password)
    with app.app_context():
        for kept in db.session.scalars(select(StaffSession)):
            kept.started_at -= app.permanent_session_lifetime + dt.timedelta(minutes=1)
        db.session.commit()
    try_sign_in(current, email, password)
    with app.app_context():
        assert len(db.session.scalars(select(StaffSession)).all()) == 1


SHARED_COUNT = """
import sys
from survey_app import create_app
from tests.journey import CSRF

url, email, address, tries, redis_url = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
app = create_app({"TESTING": True, "SECRET_KEY": "limits", "SQLALCHEMY_DATABASE_URI": url,
                  "RATELIMIT_STORAGE_URI": redis_url})
client = app.test_client()
client.environ_base["REMOTE_ADDR"] = address
for _ in range(tries):
    token = CSRF.search(client.get("/staff/sign-in").get_data(as_text=True)).group(1)
    answer = client.post("/staff/sign-in", data={"csrf_token": token, "email": email, "password": "wrong wrong"})
    print(answer.status_code)
"""


def test_workers_share_sign_in_counts_through_redis(app, make_staff):
    try:
        store = redis.Redis.from_url(REDIS_TEST_URL)
        store.flushdb()
    except redis.RedisError as error:
        missing(f"Redis at 127.0.0.1:6379 is not reachable: {error}")
    email, _ = make_staff("worker")
    root = Path(__file__).resolve().parent.parent
    url = app.config["SQLALCHEMY_DATABASE_URI"]

    def worker(tries: int) -> list[str]:
        done = subprocess.run([sys.executable, "-c", SHARED_COUNT, url, email, "203.0.113.99", str(tries),
                               REDIS_TEST_URL],
                              cwd=root, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout.split()

    try:
        assert worker(3) == ["400"] * 3
        assert worker(3) == ["400", "400", "429"]  # a second process sees the first one's count
        keys = b" ".join(store.keys("*"))
        plain_hash = hashlib.sha256(b"203.0.113.99").hexdigest()[:20].encode()
        assert keys and b"203.0.113.99" not in keys and plain_hash not in keys  # addresses are hashed with a key
        assert email.encode() not in keys
    finally:
        store.flushdb()


@pytest.mark.parametrize("path", ["/staff/sign-in"])
def test_a_sign_in_page_get_is_not_counted(app, path):
    browser = device(app, "203.0.113.202")
    assert all(browser.get(path).status_code == 200 for _ in range(30))
