"""scripts/backup and scripts/restore: a backup restored into another database holds every response."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from .conftest import TEST_DATABASE_URL

ROOT = Path(__file__).resolve().parent.parent


def send_responses(journey, how_many: int) -> None:
    """Young people answer the whole survey (written answers numbered) and send it."""
    for number in range(how_many):
        child = journey("younger-children")
        where = child.begin()
        while where != "check":
            choices = child.choices_on_page()
            where = child.answer_and_go(choices[number % len(choices)]) if choices else child.answer_and_go(
                f"Something nice, number {number}")
        child.send()


def everything_sent(url: str) -> tuple[set[str], set[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            responses = set(connection.scalars(text("SELECT id FROM responses")))
            answers = set(map(tuple, connection.execute(text(
                "SELECT response_id, question_id, position, choice, text, skipped FROM answers"))))
    finally:
        engine.dispose()
    return responses, answers


def run_script(name: str, url: str, *args: str) -> None:
    result = subprocess.run([str(ROOT / "scripts" / name), *args], env={**os.environ, "DATABASE_URL": url},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.postgres_only
def test_backup_restored_into_another_postgresql_database_finds_every_response(app, journey, tmp_path):
    send_responses(journey, 4)
    sent = everything_sent(TEST_DATABASE_URL)
    assert len(sent[0]) == 4 and any("number 3" in (answer[4] or "") for answer in sent[1])
    dump = tmp_path / "voices.dump"
    run_script("backup", TEST_DATABASE_URL, str(dump))
    name = f"restore_{uuid.uuid4().hex[:12]}"
    admin = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        other = make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
        run_script("restore", other, str(dump))
        assert everything_sent(other) == sent
        run_script("restore", other, str(dump))  # again over itself: --clean replaces, never doubles
        assert everything_sent(other) == sent
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_backup_of_sqlite_restored_into_another_file_finds_every_response(app, journey, database_url, tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite only: the PostgreSQL run backs up PostgreSQL above")
    send_responses(journey, 3)
    sent = everything_sent(database_url)
    assert len(sent[0]) == 3
    copy = tmp_path / "voices-backup.sqlite"
    run_script("backup", database_url, str(copy))
    other = f"sqlite:///{tmp_path / 'restored.sqlite'}"
    run_script("restore", other, str(copy))
    assert everything_sent(other) == sent
    assert everything_sent(f"sqlite:///{copy}") == sent
