"""Bad input gets a clear message, never a traceback: broken questionnaire files on the web and the
command line, and a child-friendly page (with help) when something breaks on our side, logged as JSON
with no address and no answer text."""

from __future__ import annotations

import io
import json
from html import unescape

import pytest

from survey_app import create_app
from survey_app.logging_setup import JsonFormatter
from survey_app.questionnaire.loader import MAX_FILE_BYTES

from .journey import CSRF, Journey

NESTED = "[" * 10_000
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{','.join(['*' + previous] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True))
BAD_FILES = {
    "a NUL byte": (b"id: broken\nversion: 1\ntitle: A\x00B\n", ":3: the file holds a control character (code 0)"),
    "deep nesting": (NESTED.encode(), ":1: lists and sections are nested more than 30 deep"),
    "a billion laughs": (BOMB.encode(), ":1: anchors and aliases (& and *) can't be used"),
    "bytes that are not UTF-8": (b"id: x\ntitle: caf\xe9\n", ":2: the file is not plain text (UTF-8)"),
    "a DEL character": (b"id: x\x7f\n", ":1: the file holds a character that can't be used (code 127)"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
@pytest.mark.parametrize("command", ["check", "load"])
def test_the_cli_names_the_file_and_line_of_a_broken_questionnaire(runner, tmp_path, kind, command):
    content, expected = BAD_FILES[kind]
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    result = runner.invoke(args=["questionnaires", command, str(path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert f"{path}{expected}" in result.output
    assert "Traceback" not in result.output


def test_the_cli_refuses_a_huge_file_and_a_missing_one(runner, tmp_path):
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    missing = tmp_path / "missing.yaml"
    result = runner.invoke(args=["questionnaires", "check", str(huge), str(missing)])
    assert result.exit_code == 1
    assert f"{huge}: the file is {huge.stat().st_size:,} bytes" in result.output
    assert f"{missing}: there is no such file" in result.output


@pytest.fixture
def worker(client, make_staff, sign_in):
    sign_in(*make_staff("worker"))
    return client


@pytest.mark.parametrize("kind", BAD_FILES)
def test_the_builder_import_refuses_a_broken_file_with_its_line(app, worker, kind):
    content, expected = BAD_FILES[kind]
    token = CSRF.search(worker.get("/staff/questionnaires/import").get_data(as_text=True)).group(1)
    response = worker.post("/staff/questionnaires/import", content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(content), "broken.yaml")})
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    line, message = expected[1:].split(": ", 1)
    assert message in page, page[-3000:]


@pytest.fixture
def errors_not_propagated(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    yield
    app.config["PROPAGATE_EXCEPTIONS"] = None


def test_a_child_who_meets_a_server_error_sees_kind_words_help_and_the_exit(
        app, journey, monkeypatch, errors_not_propagated):
    marker = "my secret words 4829"

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"could not keep {marker}")

    monkeypatch.setattr("survey_app.survey.views.save_answer", broken)
    [handler] = [handler for handler in app.logger.handlers if isinstance(handler.formatter, JsonFormatter)]
    log = io.StringIO()
    monkeypatch.setattr(handler, "stream", log)
    child: Journey = journey("younger-children")
    child.client.environ_base.update(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="203.0.113.9")
    child.begin()
    response = child.client.post(child.url, data={"csrf_token": child.csrf(), "answer": ["3"]})
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 500
    assert "It isn’t your fault" in page and "Childline" in page and "0800 1111" in page
    assert "Exit this page" in page and "Traceback" not in page and marker not in page
    lines = [json.loads(text) for text in log.getvalue().splitlines()]  # every line is JSON
    [line] = [line for line in lines if "exception" in line]
    assert line["exception"] == "RuntimeError" and line["rule"] == "/r/<slug>/q/<question_id>"
    assert any("survey/views.py" in frame for frame in line["traceback"])
    text = json.dumps(lines)
    assert marker not in text and "203.0.113.9" not in text and "127.0.0.1" not in text


def test_the_app_logger_writes_json_lines_through_one_handler_however_many_apps_are_made(app):
    create_app({"SECRET_KEY": "another", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert [type(handler.formatter) for handler in app.logger.handlers] == [JsonFormatter]
