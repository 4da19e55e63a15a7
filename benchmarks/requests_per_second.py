"""Question-page requests per second, beside a minimal Flask app measured in the same run.

Both are served by gunicorn with the same settings (throughput.GUNICORN_SETTINGS: gunicorn.conf.py,
the production setup): the app on PostgreSQL (`voices_bench`, prepared as throughput.py does), and
benchmarks/hello_app.py. A young person starts the 2018 survey; its session cookie is sent with
every request, so the page loaded is the first question page of a survey in progress, with
`Accept-Encoding: gzip` as phones send. Load comes from `wrk` (Debian package `wrk`) with 8
connections; without wrk, from 8 Python threads (slower: the client then competes for the CPU).
The two apps are loaded in turn (hello, app, hello, app, ...) and each figure is the mean of its
turns, so both see the same machine. Any non-2xx answer makes the run fail."""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass

import requests

from . import throughput
from .survey_client import csrf_token

BAR_RATIO = 0.3
CONNECTIONS = 8


@dataclass
class Load:
    requests_per_second: float
    failures: int
    p50_ms: float | None
    client_cpu_seconds: float
    seconds: float


@dataclass
class Comparison:
    tool: str
    app: list[Load]
    hello: list[Load]

    @property
    def app_rps(self) -> float:
        return statistics.mean(load.requests_per_second for load in self.app)

    @property
    def hello_rps(self) -> float:
        return statistics.mean(load.requests_per_second for load in self.hello)

    @property
    def ratio(self) -> float:
        return self.app_rps / self.hello_rps if self.hello_rps else 0.0

    @property
    def failures(self) -> int:
        return sum(load.failures for load in [*self.app, *self.hello])

    @property
    def client_cpu_share(self) -> float:
        """The load generator's CPU as a share of the machine's CPU during the runs."""
        loads = [*self.app, *self.hello]
        return (sum(load.client_cpu_seconds for load in loads)
                / (sum(load.seconds for load in loads) * (os.cpu_count() or 1)))


def survey_in_progress(base: str, slug: str) -> tuple[str, str]:
    """(path of the first question page, Cookie header) of a young person who has just pressed Start."""
    with requests.Session() as phone:
        start = phone.get(f"{base}/r/{slug}", timeout=10)
        begun = phone.post(f"{base}/r/{slug}/start", data={"csrf_token": csrf_token(start.text)},
                           allow_redirects=False, timeout=10)
        path = begun.headers["Location"].replace(base, "")
        if "/q/" not in path or phone.get(base + path, timeout=10).status_code != 200:
            raise RuntimeError(f"could not start a survey: {begun.status_code} {path}")
        cookie = "; ".join(f"{name}={value}" for name, value in phone.cookies.items())
    return path, cookie


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wrk(url: str, headers: dict[str, str], seconds: int) -> Load:
    command = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    cpu = _children_cpu()
    began = time.perf_counter()
    done = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True)
    elapsed, cpu = time.perf_counter() - began, _children_cpu() - cpu
    rps, failures = wrk_figures(done.stdout)
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", done.stdout, re.MULTILINE)
    p50_ms = float(p50.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p50.group(2)] if p50 else None
    return Load(rps, failures, p50_ms, cpu, elapsed)


def wrk_figures(out: str) -> tuple[float, int]:
    """(requests per second, failures: non-2xx/3xx answers and socket errors) from wrk's printout."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return rps, (int(bad.group(1)) if bad else 0) + (sum(int(n) for n in errors.groups()) if errors else 0)


def _threads(url: str, headers: dict[str, str], seconds: int) -> Load:
    """8 Python threads, each a requests.Session, as fast as they can, when wrk is not installed."""
    counts, failures, lock = [0], [0], threading.Lock()
    stop = time.monotonic() + seconds
    cpu = time.process_time()

    def run() -> None:
        with requests.Session() as session:
            while time.monotonic() < stop:
                ok = session.get(url, headers=headers, timeout=10).status_code == 200
                with lock:
                    counts[0] += 1
                    failures[0] += not ok

    began = time.perf_counter()
    workers = [threading.Thread(target=run) for _ in range(CONNECTIONS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    return Load(counts[0] / elapsed, failures[0], None, time.process_time() - cpu, elapsed)


def measure(questionnaire_key: str = "priorities-2018", seconds: int = 10, turns: int = 2) -> Comparison:
    load = _wrk if shutil.which("wrk") else _threads
    slug = throughput.prepare(questionnaire_key)
    app_loads: list[Load] = []
    hello_loads: list[Load] = []
    try:
        with throughput.serving() as app_base, throughput.serving("benchmarks.hello_app:app") as hello_base:
            path, cookie = survey_in_progress(app_base, slug)
            app_headers = {"Cookie": cookie, "Accept-Encoding": "gzip"}
            hello_headers = {"Accept-Encoding": "gzip"}
            load(app_base + path, app_headers, 2)  # warm up: templates compiled, pools connected
            load(hello_base + "/", hello_headers, 2)
            for _ in range(turns):
                hello_loads.append(load(hello_base + "/", hello_headers, seconds))
                app_loads.append(load(app_base + path, app_headers, seconds))
    finally:
        throughput.delete_round(slug)
    return Comparison("wrk" if load is _wrk else "python threads", app_loads, hello_loads)
