"""The app installs from a wheel with everything it needs, and refuses to start without a secret."""

from __future__ import annotations

import functools
import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import flask
import pytest

from survey_app import create_app
from survey_app.config import ConfigError

from .conftest import missing

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    if importlib.util.find_spec("hatchling") is None:
        missing("hatchling is not installed (pip install hatchling); it builds the wheel")
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [wheel] = out.glob("voices_in_care-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.parametrize("name", [
    "survey_app/_templates/base.html",
    "survey_app/_templates/survey/question.html",
    "survey_app/_questionnaires/priorities-2018.yaml",
    "survey_app/_questionnaires/priorities.yaml",
    "survey_app/_migrations/env.py",
    "survey_app/_migrations/alembic.ini",
    "survey_app/static/app.css",
    "survey_app/safeguarding/worrying_patterns.txt",
    "survey_app/safeguarding/eval_set.tsv",
    "survey_app/responses/carry_on_words.txt",
    "analysis/data/sentiment_labelled.tsv",
    "analysis/sentiment_eval.py",
])
def test_the_wheel_carries_what_the_app_reads_at_run_time(wheel_names, name):
    assert name in wheel_names


def test_the_wheel_carries_every_questionnaire_template_and_migration(wheel_names):
    expected = (
        {f"survey_app/_templates/{p.relative_to(ROOT / 'templates')}" for p in (ROOT / "templates").rglob("*.html")}
        | {f"survey_app/_questionnaires/{p.name}" for p in (ROOT / "questionnaires").glob("*.yaml")}
        | {f"survey_app/_migrations/versions/{p.name}" for p in (ROOT / "migrations" / "versions").glob("*.py")}
    )
    assert expected <= wheel_names, sorted(expected - wheel_names)


@pytest.fixture
def fresh_environment(monkeypatch, tmp_path):
    """No settings from the outside world, and an instance folder of our own."""
    for name in ("SECRET_KEY", "VOICES_DEMO", "DATABASE_URL", "COUNCIL_PHONE", "COUNCIL_NAME"):
        monkeypatch.delenv(name, raising=False)
    # create_app imports Flask when it runs, so this stands in for it there
    monkeypatch.setattr(flask, "Flask", functools.partial(flask.Flask, instance_path=str(tmp_path / "instance")))
    return tmp_path / "instance"


def test_the_app_refuses_to_start_without_a_secret_key(fresh_environment):
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app()


@pytest.mark.parametrize("off", ["0", "", "no"])
def test_demo_mode_must_really_be_switched_on(fresh_environment, monkeypatch, off):
    monkeypatch.setenv("VOICES_DEMO", off)
    with pytest.raises(ConfigError):
        create_app()


def test_the_app_starts_with_a_secret_key_and_is_not_in_demo_mode(fresh_environment, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-secret")
    app = create_app()
    assert app.config["SECRET_KEY"] == "a-long-random-secret"
    assert app.config["DEMO_MODE"] is False
    assert app.config["COUNCIL_PHONE"] == ""
    assert "(demo)" not in app.config["COUNCIL_NAME"]


def test_demo_mode_starts_without_a_secret_key_and_keeps_the_one_it_made(fresh_environment, monkeypatch):
    monkeypatch.setenv("VOICES_DEMO", "1")
    app = create_app()
    assert app.config["DEMO_MODE"] is True
    key_file = fresh_environment / "demo-secret-key"
    assert len(app.config["SECRET_KEY"]) >= 32
    assert key_file.read_text().strip() == app.config["SECRET_KEY"]
    assert key_file.stat().st_mode & 0o077 == 0
    assert "(demo)" in app.config["COUNCIL_PHONE"]
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{fresh_environment / 'voices.sqlite'}"
    assert create_app().config["SECRET_KEY"] == app.config["SECRET_KEY"]


@pytest.mark.parametrize(("given", "used"), [
    ("postgres://u:p@db/voices", "postgresql+psycopg://u:p@db/voices"),
    ("postgresql://u:p@db/voices", "postgresql+psycopg://u:p@db/voices"),
    ("sqlite:////tmp/x.sqlite", "sqlite:////tmp/x.sqlite"),
])
def test_hosting_database_urls_are_used_with_psycopg_3(fresh_environment, monkeypatch, given, used):
    monkeypatch.setenv("SECRET_KEY", "s")
    monkeypatch.setenv("DATABASE_URL", given)
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == used


def test_the_app_serves_pages_where_no_instance_folder_can_be_made(fresh_environment, monkeypatch, tmp_path):
    # Tests run as root, which ignores a read-only folder's mode: a folder inside a regular file can't
    # be made by anyone, as on a read-only image.
    blocked = tmp_path / "read-only"
    blocked.write_text("not a folder")
    instance = blocked / "instance"
    monkeypatch.setattr(flask, "Flask", functools.partial(flask.Flask, instance_path=str(instance)))
    monkeypatch.setenv("SECRET_KEY", "a-long-random-secret")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'voices.sqlite'}")
    with pytest.raises(NotADirectoryError):
        instance.mkdir(parents=True)
    app = create_app()
    response = app.test_client().get("/help")
    assert response.status_code == 200
    assert not instance.exists()


def test_the_default_sqlite_database_gets_its_instance_folder(fresh_environment, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "a-long-random-secret")
    create_app()
    assert fresh_environment.is_dir()
