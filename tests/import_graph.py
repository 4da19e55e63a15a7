"""The package import graph of the source tree, read with `ast` (every import, lazy ones included).

A *unit* is a top-level package or module of survey_app (survey_app.rounds, survey_app.audit, ...) or the
analysis package. A unit that creates a flask Blueprint is a *blueprint* unit (web); every other unit of
survey_app is *domain*. The package root survey_app/__init__.py is the composition root (create_app) and
is left out: it imports everything on purpose."""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

FLASK_MODULES = ("flask", "flask_wtf", "flask_login", "flask_sqlalchemy", "flask_migrate", "flask_limiter",
                 "flask_compress", "werkzeug", "wtforms")


@dataclass
class ImportGraph:
    edges: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    where: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    blueprints: set[str] = field(default_factory=set)
    flask_users: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    units: set[str] = field(default_factory=set)

    def domain_importing_blueprints(self) -> list[str]:
        return sorted(f"{source} imports {target} ({', '.join(self.where[source, target])})"
                      for source, targets in self.edges.items() if source not in self.blueprints
                      for target in targets if target in self.blueprints)

    def cycles(self) -> list[list[str]]:
        """Strongly connected groups of more than one unit (Tarjan)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        stack: list[str] = []
        on_stack: set[str] = set()
        found: list[list[str]] = []

        def visit(unit: str) -> None:
            index[unit] = low[unit] = len(index)
            stack.append(unit)
            on_stack.add(unit)
            for target in sorted(self.edges.get(unit, ())):
                if target not in index:
                    visit(target)
                    low[unit] = min(low[unit], low[target])
                elif target in on_stack:
                    low[unit] = min(low[unit], index[target])
            if low[unit] == index[unit]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == unit:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

        for unit in sorted(self.units):
            if unit not in index:
                visit(unit)
        return found


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _unit(module: str, app_package: str) -> str | None:
    parts = module.split(".")
    if parts[0] == app_package:
        return ".".join(parts[:2]) if len(parts) > 1 else None
    return parts[0]


def build(root: Path, app_package: str = "survey_app", others: tuple[str, ...] = ("analysis",)) -> ImportGraph:
    graph = ImportGraph()
    ours = (app_package, *others)
    files = [path for name in ours for path in sorted((root / name).rglob("*.py"))]
    modules = {_module_name(path, root) for path in files}
    for path in files:
        module = _module_name(path, root)
        source_unit = _unit(module, app_package)
        if source_unit is None:
            continue
        graph.units.add(source_unit)
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".")[: None if is_package else -1]
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                # "from package import module" imports the module
                targets = [f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target
                           for alias in node.names]
            elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Blueprint":
                graph.blueprints.add(source_unit)
            for target in targets:
                if target.split(".")[0] in FLASK_MODULES:
                    graph.flask_users[source_unit].append(f"{path.relative_to(root)}:{node.lineno}")
                if target.split(".")[0] not in ours:
                    continue
                target_unit = _unit(target, app_package)
                if target_unit is None or target_unit == source_unit:
                    continue
                graph.edges[source_unit].add(target_unit)
                graph.where[source_unit, target_unit].append(f"{path.relative_to(root)}:{node.lineno}")
    return graph
