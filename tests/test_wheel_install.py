"""The wheel, installed outside the checkout, runs the whole recipe: migrate, load questionnaires, open a
round, a young person's journey, a report, and the redaction evaluation."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import site
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import missing

ROOT = Path(__file__).resolve().parent.parent

JOURNEY = r'''
import re, sys
from html import unescape
from survey_app import create_app

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
slug = sys.argv[1]
client = create_app().test_client()
token = lambda page: CSRF.search(page).group(1)
page = client.get(f"/r/{slug}").get_data(as_text=True)
response = client.post(f"/r/{slug}/start", data={"csrf_token": token(page)})
while "/check" not in response.location:
    if response.location.startswith("/help/now"):
        page = client.get(response.location).get_data(as_text=True)
        location = unescape(re.search(r'<a class="button" href="([^"]+)">Carry on', page).group(1))
    else:
        location = response.location
    page = client.get(location).get_data(as_text=True)
    choices = re.findall(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"', page)
    response = client.post(location, data={"csrf_token": token(page),
                                           "answer": choices[:1] or ["Written from the wheel"]})
    assert response.status_code == 302, (location, response.status_code)
page = client.get(f"/r/{slug}/check").get_data(as_text=True)
sent = client.post(f"/r/{slug}/send", data={"csrf_token": token(page)})
assert sent.status_code == 302, sent.status_code
print("sent")
'''

WHERE = r'''
import json, analysis, survey_app
print(json.dumps({"survey_app": survey_app.__file__, "analysis": analysis.__file__}))
'''


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A new virtual environment outside the checkout with only the wheel installed (its dependencies are
    the checkout environment's, reached by a .pth file: which never runs the checkout's editable hook)."""
    if importlib.util.find_spec("hatchling") is None:
        missing("hatchling is not installed (pip install hatchling); it builds the wheel")
    where = tmp_path_factory.mktemp("installed")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(where / "dist"), str(ROOT)], check=True, capture_output=True, timeout=300)
    [wheel] = (where / "dist").glob("voices_in_care-*.whl")
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    [purelib] = (venv / "lib").glob("python3*/site-packages")
    (purelib / "zz_checkout_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return python


@pytest.fixture
def run_installed(installed, tmp_path):
    """run_installed("-m", "flask", ...) runs the installed app's Python from a folder outside the checkout."""
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key not in ("VOICES_DEMO", "PYTHONPATH", "FLASK_APP", "PRIORITIES_FILE", "VIRTUAL_ENV")}
    env.update(SECRET_KEY="wheel-test-secret", DATABASE_URL=f"sqlite:///{tmp_path / 'voices.sqlite'}",
               PUBLIC_URL="https://voices.example")

    def run(*args: str) -> str:
        done = subprocess.run([str(installed), *args], cwd=work, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
        return done.stdout

    return run


def test_the_installed_wheel_runs_the_whole_recipe_away_from_the_checkout(installed, run_installed, tmp_path):
    where = json.loads(run_installed("-c", WHERE))
    venv = installed.parent.parent
    for package in ("survey_app", "analysis"):
        assert Path(where[package]).is_relative_to(venv), where
    # The build compiled the interface's catalogues into the wheel (.mo files are never committed).
    for language in ("cy", "ar"):
        assert (Path(where["survey_app"]).parent / "translations" / language / "LC_MESSAGES" / "messages.mo").is_file()
    flask = ("-m", "flask", "--app", "survey_app")
    run_installed(*flask, "db", "upgrade")
    run_installed(*flask, "questionnaires", "load")
    opened = run_installed(*flask, "rounds", "open", "younger-children", "--title", "From the wheel")
    slug = re.search(r"https://voices\.example/r/([\w-]+)", opened).group(1)
    assert run_installed("-c", JOURNEY, slug).strip() == "sent"
    report = json.loads(run_installed(*flask, "report", slug, "--format", "json", "--staff"))
    assert report["round"]["title"] == "From the wheel" and report["responses"]["total"] == 1
    pdf = tmp_path / "board.pdf"
    run_installed(*flask, "report", slug, "--format", "pdf", "--output", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    scores = run_installed("-m", "analysis.redaction_eval")
    assert "recall" in scores and "precision" in scores
