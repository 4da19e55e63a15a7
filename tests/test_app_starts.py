"""The app starts in a fresh Python process, as `flask --app survey_app ...` and gunicorn start it.
Inside the test run the modules are already imported in a friendly order, which can hide an import cycle."""

from __future__ import annotations

import subprocess
import sys


def test_a_fresh_process_can_create_the_app_and_list_its_commands():
    code = ("from survey_app import create_app\n"
            "app = create_app({'SECRET_KEY': 'x', 'SQLALCHEMY_DATABASE_URI': 'sqlite://'})\n"
            "print(sorted(app.cli.commands))\n")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    for command in ("actions", "questionnaires", "report", "rounds"):
        assert f"'{command}'" in completed.stdout
