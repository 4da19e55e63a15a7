"""/healthz says whether the database and the job queue answer, and nothing about anyone."""

from __future__ import annotations

import redis

from survey_app import create_app
from survey_app.extensions import db

from .conftest import REDIS_TEST_URL, missing


def test_it_is_ok_when_the_database_answers_and_no_queue_is_configured(client, monkeypatch, app):
    monkeypatch.setitem(app.config, "REDIS_URL", "")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "queue": "not configured"}


def test_it_is_ok_when_redis_answers_too(client, monkeypatch, app):
    store = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        store.ping()
    except redis.RedisError as error:
        missing(f"Redis at {REDIS_TEST_URL} is not reachable: {error}")
    finally:
        store.close()
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_TEST_URL)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "queue": "ok"}


def test_a_stopped_redis_gives_503_naming_the_queue(client, monkeypatch, app):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "failing", "database": "ok", "queue": "failing", "failing": ["queue"]}


def test_a_database_that_cannot_be_opened_gives_503_naming_the_database(tmp_path):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    broken = create_app({"TESTING": True, "SECRET_KEY": "s", "REDIS_URL": "",
                         "SQLALCHEMY_DATABASE_URI": f"sqlite:///{not_a_folder / 'voices.sqlite'}"})
    try:
        response = broken.test_client().get("/healthz")
    finally:
        with broken.app_context():
            db.session.remove()
            db.engine.dispose()
    assert response.status_code == 503
    assert response.get_json() == {"status": "failing", "database": "failing", "queue": "not configured",
                                   "failing": ["database"]}


def test_it_sets_no_cookie_is_never_cached_and_is_not_rate_limited(client):
    for _ in range(50):
        response = client.get("/healthz")
        assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"
