"""`.venv/bin/python -m benchmarks [--skip-gunicorn]`: measure, then print each number next to its bar."""

from __future__ import annotations

import argparse
import os
import sys

from . import page_weight, server_time
from .local_app import another_round, sqlite_app

SURVEY = "priorities-2018"
YOUNGER = "younger-children"  # the 8-11 survey: its pictures make it the heaviest


def _kb(size: int) -> str:
    return f"{size / page_weight.KB:.1f} KB"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "OVER"


def _table(rows: list[tuple[str, str, str, str]]) -> str:
    header = ("Measure", "Value", "Bar", "")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def page_weight_rows(weight: page_weight.PageWeight) -> list[tuple[str, str, str, str]]:
    first, following = weight.first, weight.next
    bar_kb = _kb(page_weight.BAR_BYTES)
    longest = min((asset.cached_for for asset in weight.assets), default=0)
    return [
        ("First question page, new visitor: bytes", f"{_kb(first.total_bytes)} ({first.total_bytes} B)",
         f"<= {bar_kb}", _verdict(first.total_bytes <= page_weight.BAR_BYTES)),
        ("First question page, new visitor: requests", str(first.requests), f"<= {page_weight.BAR_REQUESTS}",
         _verdict(first.requests <= page_weight.BAR_REQUESTS)),
        ("Static files cached long (Cache-Control max-age)", f"{longest // 86400} days (shortest)",
         f">= {page_weight.MIN_CACHE_SECONDS // 86400} days", _verdict(weight.assets_cached_long)),
        ("Next question page: bytes", f"{_kb(following.total_bytes)} ({following.total_bytes} B)", "-", ""),
        ("Next question page: requests", f"{following.requests} ({len(following.from_cache)} from cache)", "-", ""),
    ]


def language_rows(survey: str, weights: list[page_weight.LanguageWeight]) -> list[tuple[str, str, str, str]]:
    bar = page_weight.BAR_BYTES
    return [
        (f"{name} ({survey}, {weight.language}), new visitor: bytes",
         f"{_kb(load.total_bytes)} ({load.total_bytes} B, {load.requests} requests)", f"<= {_kb(bar)}",
         _verdict(load.total_bytes <= bar))
        for weight in weights for name, load in (("Start page", weight.start), ("First question page", weight.question))
    ]


def print_page_weight_detail(weight: page_weight.PageWeight) -> None:
    for load in (weight.first, weight.next):
        print(f"  {load.name}:")
        for item in load.fetched:
            print(f"    {item.url}  body {item.body_bytes} B ({item.content_encoding or 'not compressed'})"
                  f" + headers {item.header_bytes} B; Cache-Control: {item.cache_control or '(none)'}")
        for url in load.from_cache:
            print(f"    {url}  from the browser cache")
        for url in load.external:
            print(f"    {url}  on another site (not fetched)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--skip-gunicorn", action="store_true",
                        help="skip what needs PostgreSQL at 127.0.0.1:5432 (throughput, report on PostgreSQL)")
    parser.add_argument("--requests", type=int, default=200, help="GETs timed for server time (default 200)")
    parser.add_argument("--completions", type=int, default=200, help="surveys completed for throughput (200)")
    parser.add_argument("--threads", type=int, default=8, help="parallel clients for throughput (default 8)")
    parser.add_argument("--report-responses", type=int, default=100_000,
                        help="responses in the synthetic round for the board report (default 100000)")
    parser.add_argument("--skip-report", action="store_true", help="skip the board report benchmark")
    args = parser.parse_args(argv)

    rows: list[tuple[str, str, str, str]] = []
    with sqlite_app(SURVEY) as (app, slug):
        print(f"Page weight ({SURVEY}, gzip, in-process)...", flush=True)
        weight = page_weight.measure(app, slug)
        print_page_weight_detail(weight)
        rows += page_weight_rows(weight)

        for survey, survey_slug in ((SURVEY, slug), (YOUNGER, another_round(app, YOUNGER))):
            print(f"Page weight in each language ({survey}, {', '.join(page_weight.LANGUAGES)})...", flush=True)
            rows += language_rows(survey, page_weight.measure_languages(app, survey_slug))

        print(f"Server time ({args.requests} GETs of a question page, in-process, SQLite)...", flush=True)
        timing = server_time.measure(app, slug, args.requests)
        rows += [
            ("Server time per question page: median", f"{timing.median_ms:.2f} ms",
             f"<= {server_time.BAR_MEDIAN_MS:g} ms", _verdict(timing.median_ms <= server_time.BAR_MEDIAN_MS)),
            ("Server time per question page: p95", f"{timing.p95_ms:.2f} ms", "-", ""),
        ]

    if args.skip_gunicorn:
        rows.append(("Throughput (gunicorn, PostgreSQL)", "skipped (--skip-gunicorn)", "-", ""))
    else:
        from . import throughput

        print(f"Throughput ({args.completions} completions of {SURVEY}, {args.threads} client threads, "
              f"{throughput.describe_settings()}, PostgreSQL {throughput.DATABASE})...", flush=True)
        result = throughput.measure(SURVEY, args.completions, args.threads)
        rows += [
            ("Throughput: completed surveys per second", f"{result.per_second:.1f}/s", ">= 20/s",
             _verdict(result.per_second >= 20)),
            ("Throughput: the clients' own CPU share", f"{result.client_cpu_share:.0%}", "-", ""),
            ("Throughput: HTTP requests per second", f"{result.requests_per_second:.0f}/s", "-", ""),
            ("Throughput: completions stored / failed", f"{result.stored} / {result.failed} "
             f"in {result.seconds:.1f} s", f"{args.completions} / 0",
             _verdict(result.stored == args.completions and result.failed == 0)),
        ]
        print("Throughput ceiling: the same journey from a survey with nothing behind it (benchmarks/hello_app.py)...",
              flush=True)
        ceiling = throughput.measure_ceiling(args.completions, args.threads)
        per_completion = result.http_requests / result.completions if result.completions else 0
        at_app_length = ceiling.requests_per_second / per_completion if per_completion else 0.0
        rows.append(("Throughput ceiling: same journey, empty Flask survey",
                     f"{ceiling.per_second:.1f}/s ({ceiling.requests_per_second:.0f} requests/s; "
                     f"{at_app_length:.1f}/s at the app's {per_completion:.1f} requests a completion)", "-", ""))

    if args.skip_gunicorn:
        rows.append(("Question page req/s vs minimal Flask", "skipped (--skip-gunicorn)", "-", ""))
    else:
        from . import requests_per_second as rps

        print(f"Requests per second: question page vs minimal Flask app, {rps.CONNECTIONS} connections, "
              "same gunicorn settings...", flush=True)
        compared = rps.measure(SURVEY)
        rows += [
            ("Question page requests/s (gunicorn, PostgreSQL)", f"{compared.app_rps:.0f}/s", "-", ""),
            ("Minimal Flask app requests/s, same run", f"{compared.hello_rps:.0f}/s", "-", ""),
            ("Question page / minimal Flask", f"{compared.ratio:.2f}x ({compared.tool}, load generator "
             f"{compared.client_cpu_share:.0%} CPU, {compared.failures} failures)",
             f">= {rps.BAR_RATIO}x", _verdict(compared.ratio >= rps.BAR_RATIO and compared.failures == 0)),
        ]

    if args.skip_report:
        rows.append(("Board report for a big round", "skipped (--skip-report)", "-", ""))
    else:
        from . import report_scale

        databases = [("SQLite", report_scale.sqlite_database)]
        if not args.skip_gunicorn:  # same rule: --skip-gunicorn means "no PostgreSQL here"
            databases.append(("PostgreSQL", report_scale.postgres_database))
        for name, make in databases:
            print(f"Board report ({args.report_responses:,} synthetic responses x 25 questions, {name})...", flush=True)
            url, slug = make(args.report_responses)
            rows += report_scale.rows(report_scale.measure(name, url, slug))
            if name == "PostgreSQL":
                from . import page_times, stored_reports

                print("Stored report pages and the responses export as jobs (PostgreSQL)...", flush=True)
                rows += stored_reports.rows(stored_reports.measure(name, url, slug))
                print("Every staff and children's page on the big round (PostgreSQL)...", flush=True)
                rows += page_times.rows(page_times.measure(url, slug))
                from . import help_under_load

                print(f"'Who can I talk to?' while {help_under_load.LOAD_CONNECTIONS} clients load the report "
                      "pages (gunicorn, PostgreSQL)...", flush=True)
                rows += help_under_load.rows(help_under_load.measure(url, slug))

    print()
    print(_table(rows))
    print("Load average (1, 5, 15 min): " + ", ".join(f"{value:.2f}" for value in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
