"""The throughput benchmark's scripted phone (benchmarks.survey_client.Phone) behaves like a browser:
it sends back the cookies it was given, forgets a deleted one, unzips gzip, and keeps one connection
open between pages; so the lighter client measures the same journey `requests` did."""

from __future__ import annotations

import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from benchmarks.survey_client import Phone, phone_fetcher


class Site(BaseHTTPRequestHandler):
    """A tiny HTTP/1.1 site that keeps connections open (as gunicorn's gthread workers do)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *_args) -> None:
        pass

    def _answer(self, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(200)
        for name, value in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _seen(self, answer: str = "") -> None:
        cookie = (self.headers.get("Cookie") or "-").removeprefix("vic=")
        self._answer(f"{cookie}|{self.client_address[1]}|{answer}".encode())

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/set":
            self._answer(b"set", {"Set-Cookie": "vic=first; HttpOnly; Path=/; SameSite=Lax"})
        elif self.path == "/forget":
            self._answer(b"gone", {"Set-Cookie": 'vic=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'})
        elif self.path == "/zipped":
            assert "gzip" in self.headers.get("Accept-Encoding", "")
            self._answer(gzip.compress("unzipped – ✓".encode()), {"Content-Encoding": "gzip"})
        else:
            self._seen()

    def do_POST(self) -> None:  # noqa: N802
        form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        self._seen(form["answer"][0])


def test_the_benchmark_phone_keeps_cookies_and_its_connection_like_a_browser():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with Phone(f"http://127.0.0.1:{server.server_port}", timeout=5) as phone:
            get, post = phone_fetcher(phone)
            assert get("/set").text == "set"
            cookie, first_port, _ = get("/seen").text.split("|")
            assert cookie == "first"
            cookie, second_port, answer = post("/seen", {"answer": "Yes – happy"}).text.split("|")
            assert (cookie, answer) == ("first", "Yes – happy")
            assert second_port == first_port  # the same connection, kept alive
            assert get("/forget").text == "gone"
            assert get("/seen").text.split("|")[0] == "-"
            assert get("/zipped").text == "unzipped – ✓"
            assert phone.requests == 6
    finally:
        server.shutdown()
        server.server_close()
