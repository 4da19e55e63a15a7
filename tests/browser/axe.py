"""axe-core in the page under test. axe-core comes from npm (package.json, `npm ci`); the copy inside
axe-selenium-python is axe-core 3.1 (2018), which knows no WCAG 2.1 AA, 2.2 or target-size rules."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..conftest import missing

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {
    "runOnly": {"type": "tag", "values": TAGS},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
# `region` (all content inside landmarks) is a best-practice rule, outside the WCAG tags: pages that pass it
# ask for it with assert_accessible(..., region=True).
REGION = {"region": {"enabled": True}}
RUN = """
const done = arguments[arguments.length - 1];
const context = arguments[1].length ? {exclude: arguments[1].map(selector => [selector])} : document;
axe.run(context, arguments[0]).then(
  results => done({violations: results.violations, version: axe.version}),
  error => done({error: String(error)}));
"""


@cache
def _source() -> str:
    if not AXE_JS.is_file():
        missing(f"axe-core is not installed ({AXE_JS} is missing): run `npm ci` in the repository")
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(driver, region: bool = False, exclude: tuple[str, ...] = (),
                   rules: dict | None = None) -> list[dict]:
    """Run axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, target-size, `region` when asked and any other
    `rules` switched on, like {"landmark-unique": {"enabled": True}}) on the page the driver shows, leaving
    out the elements matching the `exclude` selectors."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(_source())
    options = {**OPTIONS, "rules": {**OPTIONS["rules"], **(REGION if region else {}), **(rules or {})}}
    result = driver.execute_async_script(RUN, options, list(exclude))
    assert "error" not in result, f"axe-core failed to run: {result['error']}"
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node.get('failureSummary', '')!r}")
    return "\n".join(lines)


def assert_accessible(driver, where: str = "", region: bool = False, exclude: tuple[str, ...] = (),
                      rules: dict | None = None) -> None:
    violations = axe_violations(driver, region, exclude, rules)
    place = where or driver.current_url
    assert not violations, f"axe-core found accessibility problems on {place}:\n{describe(violations)}"
