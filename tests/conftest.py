"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL
is set (README's test command runs both). In CI a missing PostgreSQL or Chromium is a failure."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, delete, event, inspect, select, text
from werkzeug.security import generate_password_hash

from survey_app import create_app
from survey_app.accounts import operations as accounts
from survey_app.accounts.operations import create_user
from survey_app.catalogues import compile_catalogues
from survey_app.extensions import db, limiter
from survey_app.models import QuestionnaireTranslation, StoredQuestionnaire
from survey_app.questionnaire.loader import load_file, load_text
from survey_app.questionnaire.store import latest, shipped_files, store
from survey_app.questionnaire.translations import checksum, shipped_translation_files, store_shipped
from survey_app.rounds.operations import open_round

from .journey import CSRF, Journey

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
# The SQLite and PostgreSQL runs go at the same time (scripts/test): each keeps its Redis keys apart.
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL") or f"redis://127.0.0.1:6379/{13 if TEST_DATABASE_URL else 14}"
MUST_RUN_EVERYTHING = os.environ.get("CI", "").lower() in ("1", "true") or os.environ.get("VOICES_REQUIRE_ALL") == "1"


def missing(reason: str):
    """Fail in CI, skip on a developer's machine that lacks the part."""
    if MUST_RUN_EVERYTHING:
        pytest.fail(f"{reason} (CI must run every test)", pytrace=False)
    pytest.skip(reason)


def pytest_sessionstart(session):
    """Tests read the interface's catalogues as they are now, even if a .po changed since the install."""
    compile_catalogues()


def pytest_runtest_setup(item):
    """@pytest.mark.postgres_only: the test needs what only PostgreSQL does (writers at the same moment);
    the SQLite run skips it and the PostgreSQL run (TEST_DATABASE_URL) runs it."""
    if item.get_closest_marker("postgres_only") and not TEST_DATABASE_URL.startswith("postgresql"):
        pytest.skip("PostgreSQL only: set TEST_DATABASE_URL to run it")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if not TEST_DATABASE_URL:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    engine = create_engine(TEST_DATABASE_URL)
    try:
        with engine.begin() as connection:
            for table in reversed(inspect(connection).get_table_names()):
                connection.execute(text(f'DROP TABLE IF EXISTS "{table}" CASCADE'))
    except Exception as error:  # noqa: BLE001 - any connection problem means no PostgreSQL
        missing(f"PostgreSQL at {TEST_DATABASE_URL} is not reachable: {error}")
    finally:
        engine.dispose()
    return TEST_DATABASE_URL


class ClosingClient(FlaskClient):
    """The test client, closing the body it sent: a large upload is spooled to a temporary file that the
    test client never closes (found open later as a ResourceWarning, an error under filterwarnings)."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        sent = response.request.environ.get("wsgi.input")
        if sent is not None:
            sent.close()
        return response


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "COUNCIL_NAME": "Testshire Council",
        "COUNCIL_PHONE": "01632 960100",
        "COUNCIL_OUT_OF_HOURS_PHONE": "01632 960101",
        "LEAVING_CARE_PHONE": "01632 960102",
        "PUBLIC_URL": "http://localhost",
        # Pages wait for the (small) report builds and files of a test rather than show their progress.
        "JOB_WAIT_SECONDS": 60,
    })
    app.test_client_class = ClosingClient
    with app.app_context():
        upgrade()
        for path in shipped_files():
            store(path.read_text(encoding="utf-8"), str(path))
        for path in shipped_translation_files():  # as `questionnaires load` does
            store_shipped(path)
        db.session.commit()
    yield app
    with app.app_context():  # close the pool's connections, or they are found open at exit
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture(autouse=True)
def _clean_tables(request):
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        for table in ("action_languages", "round_report_languages",
                      "jobs", "stored_reports", "challenges", "standing_reports", "meeting_findings",
                      "action_findings", "action_updates", "actions", "quotes",
                      "manual_codings", "round_reports", "review_comments", "review_links",
                      "answers", "responses", "drafts", "held_flags", "safeguarding_flags", "round_cohorts",
                      "response_removals", "staff_sessions", "survey_rounds", "audit_events", "staff_users",
                      "safeguarding_phrases", "involvement_requests"):
            db.session.execute(text(f"DELETE FROM {table}"))
        db.session.commit()
        limiter.reset()  # sign-in counts start again with each test


def _restore(app) -> None:
    with app.app_context():
        for table in ("answers", "responses", "drafts", "safeguarding_flags", "round_cohorts", "survey_rounds"):
            db.session.execute(text(f"DELETE FROM {table}"))
        shipped = {path.read_text(encoding="utf-8"): path for path in shipped_files()}
        by_key = {(loaded.id, loaded.version): source
                  for source, loaded in ((source, load_file(path)) for source, path in shipped.items())}
        for stored in db.session.scalars(select(StoredQuestionnaire)).all():
            if (stored.key, stored.version) in by_key:
                source = by_key[stored.key, stored.version]
                stored.source, stored.status = source, "published"
                stored.checksum = hashlib.sha256(source.encode()).hexdigest()
                stored.title = load_text(source).title
            else:
                db.session.delete(stored)
        _restore_translations()
        db.session.commit()


def _restore_translations() -> None:
    """Just the shipped translation files' texts, as loaded (a test's own or uploaded ones go)."""
    shipped = {path.name: path.read_text(encoding="utf-8") for path in shipped_translation_files()}
    for row in db.session.scalars(select(QuestionnaireTranslation)).all():
        if shipped.get(row.origin) is None or row.checksum != checksum(shipped[row.origin]):
            db.session.delete(row)
    db.session.flush()
    for path in shipped_translation_files():
        store_shipped(path)


@pytest.fixture
def shipped_questionnaires_only(app):
    """Each test starts and ends with just the shipped questionnaires, at their files' versions, published."""
    _restore(app)
    yield
    _restore(app)


@pytest.fixture
def no_translations(app):
    """No questionnaire translations stored during the test; the shipped ones come back after it, so the
    tests that follow find the shipped languages."""
    with app.app_context():
        db.session.execute(delete(QuestionnaireTranslation))
        db.session.commit()
    yield
    with app.app_context():
        db.session.rollback()
        _restore_translations()
        db.session.commit()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_round(app):
    """make_round("younger-children") opens a round of a shipped questionnaire; returns its slug."""

    def make(key: str, status: str = "open") -> str:
        with app.app_context():
            survey_round = open_round(latest(key))
            survey_round.status = status
            db.session.commit()
            return survey_round.slug

    return make


@functools.cache
def _hashed(password: str) -> str:
    return generate_password_hash(password)


@pytest.fixture
def make_staff(app, monkeypatch):
    """make_staff("worker", "board") creates a staff account with those roles; returns (email, password).
    The scrypt hash of each test password is made once per run (it is slow on purpose); signing in still
    checks the password against it the real way."""
    counter = iter(range(1, 10_000))
    monkeypatch.setattr(accounts, "generate_password_hash", _hashed)

    def make(*roles: str, password: str = "correct horse battery staple") -> tuple[str, str]:
        email = f"{'-'.join(roles) or 'nobody'}-{next(counter)}@council.example"
        with app.app_context():
            create_user(email, password, list(roles), actor="test")
            db.session.commit()
        return email, password

    return make


@pytest.fixture
def sign_in(client):
    """sign_in(email, password) signs the test client in through the real form."""

    def do(email: str, password: str, follow: bool = False):
        page = client.get("/staff/sign-in").get_data(as_text=True)
        token = CSRF.search(page).group(1)
        return client.post("/staff/sign-in", data={"csrf_token": token, "email": email, "password": password},
                           follow_redirects=follow)

    return do


@pytest.fixture
def journey(client, make_round):
    """journey("younger-children") starts a young person's journey through a new round."""

    def start(key: str) -> Journey:
        return Journey(client, make_round(key))

    return start


@pytest.fixture
def release_flags(app):
    """release_flags() releases held worrying answers to the safeguarding queue, as the scheduled
    `flask survey purge-drafts` does; returns how many."""

    def release() -> int:
        from survey_app.safeguarding.flags import release_and_notify

        with app.app_context():
            return release_and_notify()

    return release


@pytest.fixture
def sql_statements(app, monkeypatch):
    """`with sql_statements() as sent:` lists every SQL statement the app sends to the database inside the
    block (a `before_cursor_execute` listener), and the connection pool's `SELECT 1` pings, if any."""
    with app.app_context():
        engine = db.engine
    recording: list[list[str]] = []
    ping = engine.dialect.do_ping

    def record(_connection, _cursor, statement, _parameters, _context, _executemany):
        for sent in recording:
            sent.append(" ".join(statement.split()))

    def recorded_ping(dbapi_connection):
        for sent in recording:
            sent.append("SELECT 1 (pool_pre_ping)")
        return ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", recorded_ping)
    event.listen(engine, "before_cursor_execute", record)

    @contextlib.contextmanager
    def watch():
        sent: list[str] = []
        recording.append(sent)
        try:
            yield sent
        finally:
            recording.remove(sent)

    yield watch
    event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def translate(app, shipped_questionnaires_only):
    """translate("younger-children", "cy") keeps a complete translation of the questionnaire's latest
    version (each string "CY " + its English), as a worker's upload would; leave_out="title" leaves one
    string untranslated, so the survey is not ready in that language. Shipped translations come back after."""
    from survey_app.questionnaire import translations
    from survey_app.questionnaire.store import definition
    from survey_app.questionnaire.strings import sources

    def keep(key: str, language: str, leave_out: str | None = None) -> None:
        with app.app_context():
            questionnaire = definition(latest(key))
            texts = {source.context: f"{language.upper()} {source.english}" for source in sources(questionnaire)
                     if source.context != leave_out}
            translations.save(key, translations.po_text(questionnaire, language, texts), "test")
            db.session.commit()

    return keep
