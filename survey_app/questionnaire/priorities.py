"""The council's strategy priorities: every question, finding and action carries one.

Two sources, one rule for choosing between them:
- The database table `strategy_priorities` (edited by admins at /staff/priorities) is the council's list.
  Inside the app (any Flask app context) questionnaires are checked against it: `council_priorities()`.
- The YAML file (PRIORITIES_FILE, default questionnaires/priorities.yaml) holds the defaults. The first
  migration copies it into the table; after that, editing the file changes nothing in a database. It is
  used only without an app (a questionnaire checked by plain Python code) or before the database has been
  set up (`flask questionnaires check` on a fresh checkout says so). `load_priorities()` reads the file.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy import inspect, select

from ..paths import questionnaires_dir
from .schema import Priority


def priorities_file() -> Path:
    configured = os.environ.get("PRIORITIES_FILE")
    return Path(configured) if configured else questionnaires_dir() / "priorities.yaml"


@lru_cache(maxsize=8)
def _read(path: Path) -> tuple[Priority, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Priority(
            code=str(item["code"]),
            title=str(item["title"]),
            description=str(item.get("description", "")),
            source=str(item.get("source", "")),
        )
        for item in data
    )


def load_priorities(path: Path | None = None) -> tuple[Priority, ...]:
    """The default priorities from the YAML file (they seed the database on the first migration)."""
    return _read(path or priorities_file())


def default_priority_codes() -> set[str]:
    """Codes in the YAML file; the app itself uses council_priority_codes()."""
    return {priority.code for priority in load_priorities()}


def database_has_priorities() -> bool:
    """True inside an app whose database has been migrated (the table exists)."""
    from flask import has_app_context  # here: analysis/ loads questionnaires without Flask

    if not has_app_context():
        return False
    from ..extensions import db

    return inspect(db.engine).has_table("strategy_priorities")


def council_priorities() -> tuple[Priority, ...]:
    """The council's priorities: from the database inside the app, else the YAML file's defaults."""
    from flask import has_app_context  # here: analysis/ loads questionnaires without Flask

    if not has_app_context():
        return load_priorities()
    from ..extensions import db
    from ..models import StrategyPriority

    rows = db.session.scalars(select(StrategyPriority).order_by(StrategyPriority.position, StrategyPriority.id))
    return tuple(Priority(code=row.code, title=row.title, description=row.description, source=row.source)
                 for row in rows)


def council_priority_codes() -> set[str]:
    return {priority.code for priority in council_priorities()}
