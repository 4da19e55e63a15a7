"""A young person filling in a survey, as a phone does: read each page, send its CSRF token,
choose an answer from the choices on the page (or write a few words), follow redirects.

Works with a `requests.Session` against a real server (throughput) and with the Flask test client
in-process (page weight), through the two tiny adapters below."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qs, urlsplit

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
CHOICE = re.compile(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"')
MAX_PAGES = 100  # the longest shipped survey has well under this many questions


class JourneyError(RuntimeError):
    pass


@dataclass
class Page:
    status: int
    location: str  # path?query of a redirect, else ""
    text: str


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    if not match:
        raise JourneyError("page has no CSRF token")
    return match.group(1)


def pick_answer(html: str, child: int) -> str:
    """One of the choices on the page (never "I'd rather not say"), varied by child; else words."""
    choices = [value for value in CHOICE.findall(html) if value != "rather_not_say"]
    return choices[child % len(choices)] if choices else f"Benchmark answer {child}"


def _local(location: str) -> str:
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def requests_fetcher(session, base_url: str, timeout: float) -> tuple[Callable, Callable]:
    """get(path) and post(path, data) for a requests.Session against base_url."""

    def get(path: str) -> Page:
        response = session.get(base_url + path, timeout=timeout, allow_redirects=False)
        return Page(response.status_code, _local(response.headers.get("Location", "")), response.text)

    def post(path: str, data: dict) -> Page:
        response = session.post(base_url + path, data=data, timeout=timeout, allow_redirects=False)
        return Page(response.status_code, _local(response.headers.get("Location", "")), response.text)

    return get, post


def complete(get: Callable[[str], Page], post: Callable[[str, dict], Page], slug: str, child: int) -> int:
    """Start, answer every question shown, send. Returns the number of HTTP requests made."""
    requests_made = 0

    def expect(page: Page, status: int, what: str) -> Page:
        if page.status != status:
            raise JourneyError(f"{what}: HTTP {page.status}, expected {status}")
        return page

    start = expect(get(f"/r/{slug}"), 200, "start page")
    where = expect(post(f"/r/{slug}/start", {"csrf_token": csrf_token(start.text)}), 302, "start").location
    requests_made += 2
    for _ in range(MAX_PAGES):
        path = urlsplit(where).path
        if path == "/help/now":  # an answer that shows help first: carry on where it points
            where = unescape(parse_qs(urlsplit(where).query)["next"][0])
            continue
        if path.endswith("/check"):
            break
        if "/q/" not in path:
            raise JourneyError(f"unexpected page {where}")
        page = expect(get(where), 200, where)
        answer = pick_answer(page.text, child)
        where = expect(post(where, {"csrf_token": csrf_token(page.text), "answer": answer}), 302, where).location
        requests_made += 2
    else:
        raise JourneyError("never reached the check page")
    check = expect(get(f"/r/{slug}/check"), 200, "check page")
    sent = expect(post(f"/r/{slug}/send", {"csrf_token": csrf_token(check.text)}), 302, "send")
    if not sent.location.endswith("/sent"):
        raise JourneyError(f"send went to {sent.location}")
    return requests_made + 2
