"""Hatchling build hook: compile the gettext catalogues when the package is built or installed
(`pip install .`, `pip install -e .`), so compiled .mo files are never committed."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):
    PLUGIN_NAME = "compile-catalogues"

    def initialize(self, version: str, build_data: dict) -> None:
        # Loaded by path: importing the survey_app package here would need its dependencies installed.
        path = Path(self.root) / "survey_app" / "catalogues.py"
        spec = importlib.util.spec_from_file_location("_voices_catalogues", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.compile_catalogues(Path(self.root) / "survey_app" / "translations")
        # .mo files are in .gitignore, which hatchling follows: name them so the wheel carries them.
        build_data["artifacts"].append("survey_app/translations/*/LC_MESSAGES/*.mo")
