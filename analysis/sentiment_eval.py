"""How well each sentiment scorer labels short answers written like children in care write.

The labelled set (default ``analysis/data/sentiment_labelled.tsv``, shipped in the wheel) has one
answer a line: ``label<TAB>text``, label positive, negative or neutral; ``#`` lines are comments.
Each scorer in ``analysis.sentiment.SCORERS`` gives a polarity, turned into a label with the same
cut-offs the app uses (``analysis.sentiment.label``); printed per scorer: accuracy (share labelled
right), recall per class (of the answers with that label, the share the scorer gave it) and a
confusion table (rows: the label written, columns: the scorer's).

    python -m analysis.sentiment_eval [path]

The set was written by the same people who chose the scorer, so its numbers are an upper bound on
real answers: it compares scorers and guards against regressions, nothing more."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .sentiment import LABELS, SCORER, SCORERS, label

LABELLED = Path(__file__).with_name("data") / "sentiment_labelled.tsv"


@dataclass(frozen=True)
class Evaluation:
    scorer: str
    accuracy: float
    recall: dict[str, float]
    confusion: pd.DataFrame
    wrong: list[tuple[str, str, str, float]]  # text, label written, label given, polarity


def load_labelled(path: Path | str = LABELLED) -> pd.DataFrame:
    """``label, text`` of the labelled set."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        written, _tab, text = line.partition("\t")
        if written not in LABELS or not text.strip():
            raise ValueError(f"{path}:{number}: expected 'positive|negative|neutral<TAB>text'")
        rows.append((written, text.strip()))
    return pd.DataFrame(rows, columns=["label", "text"])


def evaluate(scorer: str, labelled: pd.DataFrame) -> Evaluation:
    score = SCORERS[scorer]
    polarities = [score(text) for text in labelled["text"]]
    given = pd.Series([label(value) for value in polarities], index=labelled.index)
    right = given == labelled["label"]
    recall = {name: float(right[labelled["label"] == name].mean()) if (labelled["label"] == name).any()
              else float("nan") for name in LABELS}
    confusion = (pd.crosstab(labelled["label"].rename("written"), given.rename("given"))
                 .reindex(index=list(LABELS), columns=list(LABELS), fill_value=0))
    wrong = [(text, written, got, value) for text, written, got, value, ok
             in zip(labelled["text"], labelled["label"], given, polarities, right, strict=True) if not ok]
    return Evaluation(scorer, float(right.mean()), recall, confusion, wrong)


def report(evaluation: Evaluation, with_misses: bool = False) -> str:
    lines = [f"{evaluation.scorer}{' (the app uses this one)' if evaluation.scorer == SCORER else ''}: "
             f"accuracy {evaluation.accuracy:.1%}",
             "  recall: " + ", ".join(f"{name} {value:.0%}" for name, value in evaluation.recall.items()),
             "  confusion (rows: label written, columns: label given):"]
    lines += ["    " + line for line in evaluation.confusion.to_string().splitlines()]
    if with_misses:
        lines.append("  labelled wrong:")
        lines += [f"    {written:>8} -> {got:<8} {value:+.2f}  {text}"
                  for text, written, got, value in evaluation.wrong]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    misses = "--misses" in args
    paths = [arg for arg in args if arg != "--misses"]
    labelled = load_labelled(paths[0] if paths else LABELLED)
    counts = labelled["label"].value_counts()
    print(f"{len(labelled)} labelled answers: " + ", ".join(f"{counts.get(name, 0)} {name}" for name in LABELS))
    for scorer in SCORERS:
        print()
        print(report(evaluate(scorer, labelled), with_misses=misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
