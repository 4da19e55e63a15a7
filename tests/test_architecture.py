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
