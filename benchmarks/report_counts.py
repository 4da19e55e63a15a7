"""Time and peak memory of the board report's counting, stage by stage, on a big synthetic round.

    .venv/bin/python -m benchmarks.report_counts DATABASE_URL [DATABASE_URL ...]

The database must hold a round made by ``benchmarks.synthetic`` (the latest round is used). Each URL
is measured in a fresh Python process; stages run one after the other in it and print the time
each took (wall clock, and this process's CPU time: on a busy machine the wall clock goes up; the
database server's own time is in the wall clock only) and the process's peak resident memory so
far (VmHWM, benchmarks/memory.py):

1. ``extract.round_distribution`` (care status, placement; channel) — the one pass over the answers;
2. every tally and every breakdown from it (``analysis.aggregates``): bases, choice counts, scale
   summaries, and 25 questions × 3 groupings (care status, placement, channel) with suppression;
3. ``extract.text_answers_frame`` and ``analysis.themes.code_answers`` + ``theme_counts`` on the
   shipped codebook (and again with every text made different, the worst case for coding).

No bar is asserted here; the numbers are for the report's 5 s / 1 GB budget."""

from __future__ import annotations

import json
import subprocess
import sys
import time


def _child(url: str) -> None:
    import sqlalchemy as sa

    from analysis import aggregates
    from analysis.breakdowns import CARE_STATUS, PLACEMENT_TYPES
    from analysis.extract import options_frame, questionnaire_of_round, round_distribution, text_answers_frame
    from analysis.themes import code_answers, load_codebook, theme_counts

    from .memory import peak_mb

    stages = []

    def stage(name, work):
        started, cpu = time.perf_counter(), time.process_time()
        result = work()
        peak = peak_mb()
        stages.append((name, time.perf_counter() - started, time.process_time() - cpu, peak, len(result)))
        return result

    def tallies_and_breakdowns(distribution, questionnaire, options):
        scales = [question.id for question in questionnaire.questions if question.is_smiley]
        tables = [aggregates.question_bases(distribution), aggregates.choice_counts(distribution),
                  aggregates.scale_summary(distribution, scales)]
        for by, mapping in (("care_status", CARE_STATUS), ("living_with", PLACEMENT_TYPES), ("channel", None)):
            tables += [aggregates.breakdown(distribution, question.id, by, mapping, options=options)
                       for question in questionnaire.questions]
        return tables

    def coded(texts, codebook):
        result = code_answers(texts, codebook)
        theme_counts(result, codebook)
        return result

    engine = sa.create_engine(url)
    with engine.connect() as connection:
        round_id = connection.execute(sa.text("SELECT max(id) FROM survey_rounds")).scalar_one()
        questionnaire = questionnaire_of_round(connection, round_id)
        options = options_frame(questionnaire)
        codebook = load_codebook()
        distribution = stage("round_distribution",
                             lambda: round_distribution(connection, round_id, ["care_status", "living_with"]))
        stage("tallies + 75 breakdowns", lambda: tallies_and_breakdowns(distribution, questionnaire, options))
        texts = stage("text_answers_frame", lambda: text_answers_frame(connection, round_id))
        stage("code_answers + theme_counts", lambda: coded(texts, codebook))
    # worst case for coding: every answer different (the synthetic round repeats ~100 sentences)
    different = texts.assign(text=texts["text"] + " " + texts.index.astype(str))
    stage("  the same, every text different", lambda: coded(different, codebook))
    print(json.dumps(stages))


def main(argv: list[str] | None = None) -> int:
    urls = sys.argv[1:] if argv is None else argv
    if not urls:
        print(__doc__)
        return 2
    for url in urls:
        started, cpu = time.perf_counter(), time.process_time()
        output = subprocess.run([sys.executable, "-m", "benchmarks.report_counts", "--child", url],
                                capture_output=True, text=True, check=True).stdout
        total = time.perf_counter() - started
        print(url)
        for name, seconds, cpu, peak, size in json.loads(output.strip().splitlines()[-1]):
            print(f"  {name:30} {seconds:6.2f} s (CPU {cpu:5.2f} s)   peak {peak:6.0f} MB   ({size:,} rows)")
        print(f"  {'whole child process':30} {total:6.2f} s (Python start and imports included)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(sys.argv[2])
        sys.exit(0)
    sys.exit(main())
