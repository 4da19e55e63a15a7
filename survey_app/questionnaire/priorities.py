"""The council's strategy priorities: every question, finding and action carries one."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

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
    return _read(path or priorities_file())


def default_priority_codes() -> set[str]:
    return {priority.code for priority in load_priorities()}
