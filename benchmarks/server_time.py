"""Server time: how long the app takes to produce a question page, in-process (Flask test client,
so no network and no HTTP server), on SQLite. The page is the first question of a survey in
progress, fetched with `Accept-Encoding: gzip` as a phone does, so compressing it is included."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from .survey_client import csrf_token

BAR_MEDIAN_MS = 5.0
WARM_UP = 20


@dataclass
class ServerTime:
    requests: int
    median_ms: float
    p95_ms: float
    max_ms: float


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def measure(app, slug: str, requests: int = 200) -> ServerTime:
    client = app.test_client()
    start = client.get(f"/r/{slug}")
    begun = client.post(f"/r/{slug}/start", data={"csrf_token": csrf_token(start.get_data(as_text=True))})
    url = urlsplit(begun.location).path
    headers = {"Accept-Encoding": "gzip"}
    for _ in range(WARM_UP):  # compile templates, fill caches, open the pool's connection
        client.get(url, headers=headers)
    timings = []
    for _ in range(requests):
        began = time.perf_counter()
        response = client.get(url, headers=headers)
        response.get_data()
        timings.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return ServerTime(requests, statistics.median(timings), percentile(timings, 0.95), max(timings))
