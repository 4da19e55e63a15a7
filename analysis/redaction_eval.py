"""How well ``analysis.redaction`` does on a labelled set, word by word.

The labelled set (default ``analysis/data/redaction_labelled.yaml``, shipped in the wheel) is a list of ``text`` and
``expected`` (the text with placeholders such as ``[name]``; no ``expected`` means the text must come
back unchanged). The words each placeholder stands for are found by lining ``expected`` up with
``text``. A word is a run of letters or digits of the original text; it counts as redacted when any
replacement covers part of it.

- recall of a kind: of the words that should be hidden as that kind, the share hidden (as any kind);
- precision of a kind: of the words hidden as that kind, the share that should have been hidden;
- "all" is the same over every kind.

Run ``python -m analysis.redaction_eval [path]`` to print the scores, the counts and every sentence
where the output differs from ``expected``. The set was written by the same people as the rules,
so the scores are an upper bound on what to expect from real answers: it guards against
regressions, it does not prove the redaction is good enough to skip a person's review."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from .redaction import KINDS, PLACEHOLDERS, redact

LABELLED = Path(__file__).with_name("data") / "redaction_labelled.yaml"
SCORE_COLUMNS = ["kind", "should_hide", "hidden", "hidden_right", "missed", "recall", "precision"]
_WORD = re.compile(r"[^\W_]+")
_PLACEHOLDER = re.compile("|".join(re.escape(placeholder) for placeholder in PLACEHOLDERS.values()))
_KIND_OF = {placeholder: kind for kind, placeholder in PLACEHOLDERS.items()}


@dataclass(frozen=True)
class Example:
    text: str
    expected: str


@dataclass(frozen=True)
class Miss:
    text: str
    expected: str
    got: str


def load_examples(path: Path | str = LABELLED) -> list[Example]:
    items = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    return [Example(str(item["text"]), str(item.get("expected", item["text"]))) for item in items]


def gold_spans(text: str, expected: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` in ``text`` of what each placeholder in ``expected`` replaces."""
    pieces = _PLACEHOLDER.split(expected)
    placeholders = _PLACEHOLDER.findall(expected)
    found = []
    for group in ("(.+?)", "(.+)"):
        pattern = "".join(
            re.escape(piece) + (group if index < len(placeholders) else "") for index, piece in enumerate(pieces)
        )
        match = re.fullmatch(pattern, text, flags=re.DOTALL)
        if match is None:
            raise ValueError(f"expected does not line up with text: {text!r} -> {expected!r}")
        found.append([(_KIND_OF[p], match.start(i + 1), match.end(i + 1)) for i, p in enumerate(placeholders)])
    if found[0] != found[1]:
        raise ValueError(f"placeholders could stand for different words, add punctuation between: {expected!r}")
    return found[0]


def _word_kinds(text: str, spans: Sequence[tuple[str, int, int]]) -> list[str | None]:
    """For each word of ``text``, the kind of the span that covers it (or None)."""
    kinds: list[str | None] = []
    for word in _WORD.finditer(text):
        covering = [kind for kind, start, end in spans if start < word.end() and word.start() < end]
        kinds.append(covering[0] if covering else None)
    return kinds


def evaluate(examples: Sequence[Example]) -> tuple[pd.DataFrame, list[Miss]]:
    """Scores per kind (and "all") and the examples whose output differs from what was expected."""
    rows: list[tuple[str | None, str | None]] = []
    misses: list[Miss] = []
    for example in examples:
        result = redact(example.text)
        predicted = [(item.kind, item.start, item.end) for item in result.replacements]
        gold = _word_kinds(example.text, gold_spans(example.text, example.expected))
        rows.extend(zip(gold, _word_kinds(example.text, predicted), strict=True))
        if result.text != example.expected:
            misses.append(Miss(example.text, example.expected, result.text))
    words = pd.DataFrame(rows, columns=["gold", "predicted"], dtype=object)
    return pd.DataFrame([_score(words, kind) for kind in [*KINDS, "all"]], columns=SCORE_COLUMNS), misses


def _score(words: pd.DataFrame, kind: str) -> tuple:
    gold = words["gold"].notna() if kind == "all" else words["gold"] == kind
    predicted = words["predicted"].notna() if kind == "all" else words["predicted"] == kind
    should_hide, hidden = int(gold.sum()), int(predicted.sum())
    caught = int((gold & words["predicted"].notna()).sum())
    right = int((predicted & words["gold"].notna()).sum())
    return (
        kind, should_hide, hidden, right, should_hide - caught,
        round(caught / should_hide, 3) if should_hide else None,
        round(right / hidden, 3) if hidden else None,
    )


def report(scores: pd.DataFrame, misses: Sequence[Miss], examples: int) -> str:
    lines = [
        f"{examples} sentences, {examples - len(misses)} redacted exactly as expected",
        "",
        scores.to_string(index=False, na_rep="-"),
        "",
        f"Differences ({len(misses)}):",
    ]
    for miss in misses:
        lines += [f"  text:     {miss.text}", f"  expected: {miss.expected}", f"  got:      {miss.got}", ""]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    examples = load_examples(args[0] if args else LABELLED)
    scores, misses = evaluate(examples)
    print(report(scores, misses, len(examples)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
