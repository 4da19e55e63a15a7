"""A young person filling in a survey, as a phone does: read each page, send its CSRF token,
choose an answer from the choices on the page (or write a few words), follow redirects.

Works against a real server (throughput) through `Phone` (one kept-alive HTTP/1.1 connection and the
cookies, as a phone's browser keeps them) or a `requests.Session`, and with the Flask test client
in-process (page weight), through the small adapters below."""

from __future__ import annotations

import gzip
import http.client
import re
import select
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode, urlsplit

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


class Phone:
    """One young person's browser against a real server, made to cost the machine little: one HTTP/1.1
    connection kept alive between pages (a phone's browser keeps its connection open too), the cookies
    the server sets (sent back, replaced, deleted), `Accept-Encoding: gzip` with the body unzipped, and
    nothing else. Much cheaper than `requests` per request, so the clients' own CPU takes less of the
    machine the server runs on; what each page holds is read from it exactly as before."""

    def __init__(self, base_url: str, timeout: float) -> None:
        parts = urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname or "127.0.0.1", parts.port or 80, timeout
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None
        self.requests = 0

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def __enter__(self) -> Phone:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _connection(self) -> tuple[http.client.HTTPConnection, bool]:
        """The open connection (reused: True), or a new one when there is none or the server closed it
        while it was idle (readable with nothing asked means end of file), as browsers and urllib3 check."""
        if self.connection is not None and self.connection.sock is not None:
            readable, _, _ = select.select([self.connection.sock], [], [], 0)
            if not readable:
                return self.connection, True
            self.close()
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.connection, False

    def _send(self, method: str, path: str, body: str | None) -> http.client.HTTPResponse:
        headers = {"Accept-Encoding": "gzip"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection, reused = self._connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            return connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            self.close()
            if not reused:
                raise
            # The server closed a kept-alive connection just as it was reused, before reading the request
            # (a worker replaced after max_requests): nothing was done, so ask again on a new one.
            connection, _ = self._connection()
            connection.request(method, path, body=body, headers=headers)
            return connection.getresponse()

    def fetch(self, method: str, path: str, data: dict | None = None) -> Page:
        response = self._send(method, path, urlencode(data) if data is not None else None)
        body = response.read()
        self.requests += 1
        if response.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        if response.will_close:
            self.close()
        text = body.decode(response.headers.get_content_charset() or "utf-8")
        return Page(response.status, _local(response.getheader("Location", "")), text)


def client_fetcher(client) -> tuple[Callable, Callable]:
    """get(path) and post(path, data) for a Flask test client (in-process)."""

    def page(response) -> Page:
        return Page(response.status_code, _local(response.headers.get("Location", "")), response.get_data(as_text=True))

    return (lambda path: page(client.get(path))), (lambda path, data: page(client.post(path, data=data)))


def phone_fetcher(phone: Phone) -> tuple[Callable, Callable]:
    """get(path) and post(path, data) for a Phone."""
    return (lambda path: phone.fetch("GET", path)), (lambda path, data: phone.fetch("POST", path, data))


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
