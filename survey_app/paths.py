"""Where the shipped folders are, in a checkout and when the package is installed from a wheel.

In a checkout `templates/` and `questionnaires/` sit beside the package; the wheel carries copies
inside the package (see `[tool.hatch.build.targets.wheel.force-include]` in pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def templates_dir() -> Path:
    return _first_existing(PACKAGE_DIR / "_templates", PACKAGE_DIR.parent / "templates")


def questionnaires_dir() -> Path:
    return _first_existing(PACKAGE_DIR / "_questionnaires", PACKAGE_DIR.parent / "questionnaires")
