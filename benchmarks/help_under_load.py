""""Who can I talk to?" while report pages are under load.

The app runs under gunicorn with the production settings (throughput.GUNICORN_SETTINGS) on the big
synthetic round's database, its report published and stored (stored_reports.py does that first).
`wrk` (Debian package `wrk`) keeps 8 connections busy on the round's two public report pages, in
turn (`/r/<slug>` and `/r/<slug>/you-said-we-did`), as fast as the app answers them. Meanwhile one
young person opens the help page every 50 ms on their own connection; each time is wall clock from
sending the request to having the whole page. The help page is timed first with no load, for
comparison. Bar: p95 under load <= 50 ms. Any answer that is not 200 fails the run."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

from . import throughput
from .requests_per_second import wrk_figures
from .server_time import percentile

BAR_P95_MS = 50.0
LOAD_CONNECTIONS = 8
PROBE_EVERY = 0.05  # seconds between two help-page requests
HELP_PATH = "/help"


@dataclass
class HelpUnderLoad:
    quiet_median_ms: float
    quiet_p95_ms: float
    loaded_median_ms: float
    loaded_p95_ms: float
    loaded_max_ms: float
    help_requests: int
    report_requests_per_second: float
    failures: int
    tool: str
    load_average: float


def _probe(base: str, seconds: float, failures: list[int]) -> list[float]:
    """Open the help page every PROBE_EVERY seconds for `seconds`; the times in ms."""
    times: list[float] = []
    stop = time.monotonic() + seconds
    with requests.Session() as phone:
        while time.monotonic() < stop:
            began = time.perf_counter()
            response = phone.get(base + HELP_PATH, headers={"Accept-Encoding": "gzip"}, timeout=10)
            times.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200 or "Who can I talk to?" not in response.text:
                failures[0] += 1
            time.sleep(max(0.0, PROBE_EVERY - (time.perf_counter() - began)))
    return times


_ROTATE = """local paths = {%s}
local turn = 0
request = function()
  turn = turn %% #paths + 1
  return wrk.format("GET", paths[turn], {["Accept-Encoding"] = "gzip"})
end
"""


def _wrk_load(base: str, paths: list[str], seconds: int, result: dict) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_ROTATE % ", ".join(json.dumps(path) for path in paths))
    try:
        done = subprocess.run(["wrk", "-t", "2", "-c", str(LOAD_CONNECTIONS), "-d", f"{seconds}s",
                               "--timeout", "10s", "-s", script.name, base], capture_output=True, text=True,
                              timeout=seconds + 60, check=True)
    finally:
        Path(script.name).unlink()
    result["rps"], result["failures"] = wrk_figures(done.stdout)


def _thread_load(base: str, paths: list[str], seconds: int, result: dict) -> None:
    """Without wrk: 8 Python threads (they then compete with the app for the CPU)."""
    counts, failures, lock = [0], [0], threading.Lock()
    stop = time.monotonic() + seconds

    def run(offset: int) -> None:
        with requests.Session() as session:
            turn = offset
            while time.monotonic() < stop:
                ok = session.get(base + paths[turn % len(paths)], timeout=10).status_code == 200
                turn += 1
                with lock:
                    counts[0] += 1
                    failures[0] += not ok

    began = time.perf_counter()
    workers = [threading.Thread(target=run, args=(number,)) for number in range(LOAD_CONNECTIONS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result["rps"], result["failures"] = counts[0] / (time.perf_counter() - began), failures[0]


def measure(url: str, slug: str, seconds: int = 12) -> HelpUnderLoad:
    """The round `slug` in database `url` must have its public report stored (stored_reports.measure)."""
    env = {**throughput._environment(), "DATABASE_URL": url}
    paths = [f"/r/{slug}", f"/r/{slug}/you-said-we-did"]
    load = _wrk_load if shutil.which("wrk") else _thread_load
    failures = [0]
    with throughput.serving(env=env) as base:
        for path in paths:  # each report page answers, and every worker has it warm
            for _ in range(2 * throughput.WORKERS):
                response = requests.get(base + path, timeout=30)
                if response.status_code != 200:
                    raise RuntimeError(f"{path} answered {response.status_code}: is the report published and stored?")
        quiet = _probe(base, 3, failures)
        result: dict = {}
        loader = threading.Thread(target=load, args=(base, paths, seconds + 2, result))
        loader.start()
        time.sleep(1)  # the load is running before the first timed help page
        loaded = _probe(base, seconds, failures)
        loader.join()
    return HelpUnderLoad(
        quiet_median_ms=percentile(quiet, 0.5), quiet_p95_ms=percentile(quiet, 0.95),
        loaded_median_ms=percentile(loaded, 0.5), loaded_p95_ms=percentile(loaded, 0.95),
        loaded_max_ms=max(loaded), help_requests=len(loaded), report_requests_per_second=result.get("rps", 0.0),
        failures=failures[0] + result.get("failures", 0), tool="wrk" if load is _wrk_load else "python threads",
        load_average=os.getloadavg()[0])


def rows(run: HelpUnderLoad) -> list[tuple[str, str, str, str]]:
    ok = run.loaded_p95_ms <= BAR_P95_MS and run.failures == 0
    return [
        ("'Who can I talk to?' with no load: median / p95", f"{run.quiet_median_ms:.1f} / {run.quiet_p95_ms:.1f} ms",
         "-", ""),
        (f"'Who can I talk to?' p95 while {LOAD_CONNECTIONS} clients load report pages",
         f"{run.loaded_p95_ms:.1f} ms (median {run.loaded_median_ms:.1f}, max {run.loaded_max_ms:.1f}, "
         f"{run.help_requests} requests, {run.failures} failures)", f"<= {BAR_P95_MS:g} ms",
         "PASS" if ok else "OVER"),
        ("Report pages served meanwhile", f"{run.report_requests_per_second:.0f}/s ({run.tool})", "-", ""),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.help_under_load", description=__doc__)
    parser.add_argument("url", help="SQLAlchemy URL of the database holding the round")
    parser.add_argument("slug", help="the round, its report published and stored")
    parser.add_argument("--seconds", type=int, default=12)
    args = parser.parse_args(argv)
    run = measure(args.url, args.slug, args.seconds)
    for row in rows(run):
        print("  ".join(cell for cell in row if cell))
    print(json.dumps(asdict(run)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
