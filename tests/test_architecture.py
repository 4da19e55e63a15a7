"""Imports run one way: web (blueprints) → domain → models. Read from the source with `ast`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .import_graph import build

ROOT = Path(__file__).resolve().parents[1]


def test_no_domain_package_imports_a_blueprint_package():
    graph = build(ROOT)
    assert {"survey_app.survey", "survey_app.staff", "survey_app.reports", "survey_app.pages"} <= graph.blueprints
    assert graph.domain_importing_blueprints() == []


def test_no_two_packages_import_each_other_even_through_others():
    assert build(ROOT).cycles() == []


def test_analysis_imports_no_flask_and_runs_without_it():
    graph = build(ROOT)
    assert graph.flask_users.get("analysis", []) == []
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, analysis.extract, analysis.headlines, analysis.themes, "
         "analysis.redaction, analysis.trends, survey_app.question_types; "
         "print(sorted({m.split('.')[0] for m in sys.modules} & {'flask', 'werkzeug', 'flask_sqlalchemy'}))"],
        cwd=ROOT, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_the_checker_sees_a_domain_package_importing_a_blueprint_and_a_cycle(tmp_path):
    app = tmp_path / "app"
    for name, text in {
        "__init__.py": "",
        "web/__init__.py": "from flask import Blueprint\nbp = Blueprint('web', __name__)\n",
        "web/views.py": "from ..rules import check\n",
        "rules/__init__.py": "def check():\n    from ..web import views  # lazy, still an import\n",
        "a.py": "from . import b\n",
        "b.py": "from .c import x\n",
        "c.py": "import app.a\nx = 1\n",
    }.items():
        (app / name).parent.mkdir(parents=True, exist_ok=True)
        (app / name).write_text(text)
    graph = build(tmp_path, app_package="app", others=())
    assert graph.blueprints == {"app.web"}
    assert [line.split(" (")[0] for line in graph.domain_importing_blueprints()] == ["app.rules imports app.web"]
    assert graph.cycles() == [["app.a", "app.b", "app.c"], ["app.rules", "app.web"]]


def test_the_audit_log_is_written_by_domain_operations_never_by_a_view():
    graph = build(ROOT)
    writers = sorted(unit for unit in graph.blueprints if "survey_app.audit" in graph.edges.get(unit, ()))
    assert writers == [], [graph.where[unit, "survey_app.audit"] for unit in writers]


def test_every_refusal_of_typed_input_is_one_form_problem():
    """One convention: each domain exception about what someone typed is a FormInvalid (problems by field)."""
    from survey_app.accounts.operations import AccountError
    from survey_app.actions.rules import ActionInvalid
    from survey_app.form_problems import FormInvalid
    from survey_app.moderation.coding import CodingRefused
    from survey_app.moderation.quotes import QuoteRefused
    from survey_app.moderation.themes import ThemeInvalid
    from survey_app.paper.rules import PaperProblem, PaperRefused
    from survey_app.priorities import PriorityRefused
    from survey_app.questionnaire.editing import EditRefused
    from survey_app.responses.answers import AnswerRefused
    from survey_app.reviewing.comments import CommentRefused
    from survey_app.rounds.removal import RemovalRefused
    from survey_app.rounds.setup import SetupInvalid
    from survey_app.safeguarding.lead_phrases import PhraseRefused
    from survey_app.safeguarding.queue import NoteRefused

    refusals = [AccountError("Choose at least one role"), ActionInvalid({"title": "Give the action a title"}),
                CodingRefused("Choose a theme"), QuoteRefused("Choose a theme"), ThemeInvalid({"title": "A title"}),
                PaperRefused([PaperProblem("q1", "Choose one"), PaperProblem(None, "Nothing entered")]),
                PriorityRefused("Give it a title", "title"), EditRefused("Enter the question", "text"),
                AnswerRefused("Choose an answer"), RemovalRefused("Say why"), SetupInvalid({"title": "A title"}),
                PhraseRefused("Too short"), NoteRefused("No names"), CommentRefused("Write your comment")]
    for refusal in refusals:
        assert isinstance(refusal, FormInvalid)
        assert refusal.problems and all(isinstance(message, str) for message in refusal.problems.values())
        assert str(refusal) == "; ".join(refusal.problems.values())
    assert EditRefused("Enter the question", "text").by_field() == {"text": "Enter the question"}
    paper = PaperRefused([PaperProblem("q1", "Choose one"), PaperProblem(None, "Nothing entered")])
    assert paper.by_field() == {"q1": "Choose one"} and paper.general() == ["Nothing entered"]
