"""How well the worrying-words patterns find what children write:
`python -m survey_app.safeguarding.eval` (English) and `python -m survey_app.safeguarding.eval --language cy`
(Welsh, eval_set_cy.tsv).

Reads eval_set.tsv (label, category, sentence): worrying sentences in every category of Working Together
to Safeguard Children 2023 and the extra-familial harms, and harmless look-alikes that share the words.
Prints recall per category and overall, false alarms per look-alike group and overall, and every miss;
exits 1 when recall is under 97% overall or in any category, or more than 5% of harmless sentences alarm.
The lead's in-app phrases are not used: this measures the shipped patterns, every language's at once as the
app reads an answer; for Welsh it also prints what the Welsh patterns alone find."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .phrases import PHRASE_LANGUAGES, find_worrying

EVAL_SET = Path(__file__).with_name("eval_set.tsv")
EVAL_SETS = {"en": EVAL_SET, "cy": Path(__file__).with_name("eval_set_cy.tsv")}
MIN_RECALL = 0.97
MAX_FALSE_ALARMS = 0.05
CATEGORIES = {
    "physical": "physical abuse", "emotional": "emotional abuse", "sexual": "sexual abuse",
    "neglect": "neglect (food, clothes, left alone)", "domestic": "domestic abuse at home",
    "online": "online grooming, requests for pictures", "cse": "child sexual exploitation",
    "cce": "child criminal exploitation, county lines", "selfharm": "self-harm and suicide",
    "bullying": "bullying", "missing": "going missing", "trafficking": "trafficking, modern slavery",
    "radical": "radicalisation", "forced": "forced marriage and FGM", "drugs": "drugs and alcohol",
    "notsafe": "not feeling safe, asking for help",
}


@dataclass
class Result:
    found: Counter
    total: Counter
    alarms: Counter
    harmless: Counter
    misses: list[tuple[str, str]]
    false_alarms: list[tuple[str, str, str]]

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / max(1, sum(self.total.values()))

    @property
    def false_alarm_rate(self) -> float:
        return sum(self.alarms.values()) / max(1, sum(self.harmless.values()))

    def meets_the_bar(self) -> bool:
        return (self.recall >= MIN_RECALL and self.false_alarm_rate <= MAX_FALSE_ALARMS
                and all(self.found[c] / self.total[c] >= MIN_RECALL for c in self.total))


def read_set(path: Path = EVAL_SET) -> list[tuple[str, str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        label, category, sentence = line.split("\t")
        if label not in ("worrying", "harmless") or (label == "worrying" and category not in CATEGORIES):
            raise ValueError(f"{path.name}:{number}: unknown label or category")
        rows.append((label, category, sentence))
    return rows


def evaluate(rows: list[tuple[str, str, str]], languages: Iterable[str] = PHRASE_LANGUAGES) -> Result:
    result = Result(Counter(), Counter(), Counter(), Counter(), [], [])
    languages = tuple(languages)
    for label, category, sentence in rows:
        found = find_worrying(sentence, languages=languages)
        if label == "worrying":
            result.total[category] += 1
            if found:
                result.found[category] += 1
            else:
                result.misses.append((category, sentence))
        else:
            result.harmless[category] += 1
            if found:
                result.alarms[category] += 1
                result.false_alarms.append((category, sentence, found.words))
    return result


def report(result: Result) -> str:
    lines = [f"{'category':44} found / sentences  recall"]
    for code, title in CATEGORIES.items():
        found, total = result.found[code], result.total[code]
        lines.append(f"{title:44} {found:5} / {total:<9} {found / max(1, total):7.1%}")
    lines.append(f"{'all worrying sentences':44} {sum(result.found.values()):5} / "
                 f"{sum(result.total.values()):<9} {result.recall:7.1%}   (bar {MIN_RECALL:.0%} overall and each)")
    lines.append("")
    lines.append(f"{'harmless look-alikes':44} alarmed / sentences")
    for group in sorted(result.harmless):
        lines.append(f"{group:44} {result.alarms[group]:7} / {result.harmless[group]}")
    lines.append(f"{'all harmless sentences':44} {sum(result.alarms.values()):7} / {sum(result.harmless.values())}"
                 f"   {result.false_alarm_rate:.1%} (bar at most {MAX_FALSE_ALARMS:.0%})")
    lines += [f"MISSED ({category}): {sentence}" for category, sentence in result.misses]
    lines += [f"FALSE ALARM ({group}, on “{words}”): {sentence}" for group, sentence, words in result.false_alarms]
    lines.append("meets the bar" if result.meets_the_bar() else "BELOW THE BAR")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m survey_app.safeguarding.eval")
    parser.add_argument("--language", choices=sorted(EVAL_SETS), default="en",
                        help="which labelled set (default en: eval_set.tsv; cy: eval_set_cy.tsv)")
    language = parser.parse_args(argv).language
    rows = read_set(EVAL_SETS[language])
    result = evaluate(rows)
    print(report(result))
    if language != "en":
        alone = evaluate(rows, languages=(language,))
        print(f"the {language} patterns alone: {sum(alone.found.values())} / {sum(alone.total.values())} found "
              f"({alone.recall:.1%}), {sum(alone.alarms.values())} / {sum(alone.harmless.values())} harmless alarm")
    return 0 if result.meets_the_bar() else 1


if __name__ == "__main__":
    sys.exit(main())
