"""The production recipe holds together: compose.yaml, .env.example, constraints.txt and the Dockerfile.
(No Docker engine runs the tests: scripts/try-image builds and runs the image where one is.)"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def environment_variables_read() -> set[str]:
    """Every name the app reads with os.environ.get / os.environ[...] / "X" in os.environ / _flag("X")."""
    names = set()
    for path in [*(ROOT / "survey_app").rglob("*.py"), *(ROOT / "analysis").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                called = ast.unparse(node.func)
                if called in ("os.environ.get", "os.getenv", "_flag"):
                    names.add(node.args[0].value)
            elif (isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ"
                  and isinstance(node.slice, ast.Constant)):
                names.add(node.slice.value)
            elif (isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant)
                  and any(ast.unparse(c) == "os.environ" for c in node.comparators)):
                names.add(node.left.value)
    return names


def test_every_setting_the_app_reads_is_in_env_example():
    read = environment_variables_read()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "COUNCIL_OUT_OF_HOURS_PHONE", "PRIORITIES_FILE"} <= read
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read - listed == set()


def test_env_example_holds_no_secret():
    settings = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", (ROOT / ".env.example").read_text(), re.MULTILINE))
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "SMTP_PASSWORD"):
        assert settings[name] == "", name


def test_compose_runs_migrations_then_web_worker_and_scheduler_with_healthchecks():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"db", "redis", "migrate", "web", "worker", "scheduler"} <= set(services)
    assert services["db"]["image"] == "postgres:15" and services["redis"]["image"] == "redis:7"
    assert "db upgrade" in " ".join(services["migrate"]["command"])
    assert "questionnaires load" in " ".join(services["migrate"]["command"])
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["web"]["command"] == ["gunicorn", "-c", "gunicorn.conf.py", "survey_app:create_app()"]
    assert "survey purge-drafts" in " ".join(services["scheduler"]["command"])
    for name in ("web", "worker", "scheduler"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["read_only"] is True
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgresql://")


def test_compose_commands_name_cli_commands_the_app_has(app):
    groups = app.cli.commands  # `jobs worker` (the worker service) comes with the job queue's own change
    assert "purge-drafts" in groups["survey"].commands
    assert "upgrade" in groups["db"].commands
    assert "load" in groups["questionnaires"].commands


def test_constraints_pin_every_dependency_of_the_app_and_its_tests():
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not pinned: {line}"
            pinned[re.sub(r"[-_.]+", "-", name).lower()] = version
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *(d for extra in project["optional-dependencies"].values() for d in extra)]
    for requirement in wanted:
        name = re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", requirement).group(0)).lower()
        assert name in pinned, requirement


def test_the_image_installs_pinned_versions_and_runs_gunicorn_as_a_user_not_root():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install -c constraints.txt '.[postgres,server]'" in dockerfile
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "survey_app:create_app()"]' in dockerfile
