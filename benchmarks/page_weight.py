"""Page weight: what a phone downloads for a question page, compressed, as a new visitor (nothing
cached) and on the next question (static files cached, if their Cache-Control allows it); and, in each
language pages are shown in (English, Welsh, Arabic), the start page and the first question page as a
new visitor.

Measured in-process with the Flask test client, sending `Accept-Encoding: gzip` as phones do:
the bytes counted are the response bodies exactly as the app sends them plus the response
headers (status line and header lines). Resources are found by parsing the HTML (link href,
script src, img src/srcset, and anything else with src) and the CSS (url(), @import);
`data:` URLs cost no request and are counted inside the page that holds them."""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .survey_client import csrf_token, pick_answer

KB = 1024
BAR_BYTES = 20 * KB
LANGUAGES = ("en", "cy", "ar")  # survey_app/languages.py
BAR_REQUESTS = 3
MIN_CACHE_SECONDS = 7 * 24 * 3600  # "long max-age": a week or more
ACCEPT = {"Accept-Encoding": "gzip"}


@dataclass
class Fetched:
    url: str
    status: int
    body_bytes: int  # as sent (compressed if the app compressed it)
    header_bytes: int
    content_encoding: str
    cache_control: str

    @property
    def total(self) -> int:
        return self.body_bytes + self.header_bytes

    @property
    def cached_for(self) -> int:
        """Seconds a browser may reuse this without asking again (0 if it must not)."""
        directives = [part.strip().lower() for part in self.cache_control.split(",") if part.strip()]
        if any(d in ("no-store", "no-cache") for d in directives):
            return 0
        for directive in directives:
            if directive.startswith("max-age="):
                try:
                    return int(directive.split("=", 1)[1])
                except ValueError:
                    return 0
        return 0


@dataclass
class PageLoad:
    name: str
    fetched: list[Fetched] = field(default_factory=list)
    from_cache: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)  # other hosts: counted as requests, not fetched

    @property
    def requests(self) -> int:
        return len(self.fetched) + len(self.external)

    @property
    def total_bytes(self) -> int:
        return sum(item.total for item in self.fetched)

    @property
    def body_bytes(self) -> int:
        return sum(item.body_bytes for item in self.fetched)


@dataclass
class PageWeight:
    first: PageLoad
    next: PageLoad
    assets: list[Fetched]  # the static files of the first load, with their caching headers

    @property
    def assets_cached_long(self) -> bool:
        return all(asset.cached_for >= MIN_CACHE_SECONDS for asset in self.assets)


class _Links(HTMLParser):
    """Every URL an HTML page makes the browser fetch (not <a href>, which is a link to follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and values.get("href"):
            rel = values.get("rel", "").lower().split()
            if not set(rel) & {"canonical", "alternate", "next", "prev", "author", "help", "license"}:
                self.urls.append(values["href"])
        for name in ("src", "poster") + (("data",) if tag == "object" else ()):
            if values.get(name):
                self.urls.append(values[name])
        for name in ("srcset", "imagesrcset"):
            for candidate in values.get(name, "").split(","):
                if candidate.strip():
                    self.urls.append(candidate.strip().split()[0])
        if values.get("style"):
            self.urls.extend(_css_urls(values["style"]))

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style":
            self.urls.extend(_css_urls(data))


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def _css_urls(css: str) -> list[str]:
    return [first or second for first, second in _CSS_URL.findall(css)]


def _decoded(body: bytes, encoding: str) -> str:
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "deflate":
        body = zlib.decompress(body)
    elif encoding:
        raise ValueError(f"unexpected Content-Encoding {encoding}")
    return body.decode("utf-8", "replace")


def _fetch(client, url: str) -> tuple[Fetched, str]:
    with client.get(url, headers=ACCEPT) as response:  # a static file's response holds the file open
        body = response.get_data()
    header_lines = [f"HTTP/1.1 {response.status}"] + [f"{name}: {value}" for name, value in response.headers.items()]
    encoding = response.headers.get("Content-Encoding", "")
    fetched = Fetched(
        url=url, status=response.status_code, body_bytes=len(body),
        header_bytes=sum(len(line) + 2 for line in header_lines) + 2,
        content_encoding=encoding, cache_control=response.headers.get("Cache-Control", ""),
    )
    return fetched, _decoded(body, encoding)


def load_page(client, url: str, name: str, cache: dict[str, Fetched]) -> tuple[PageLoad, str]:
    """Fetch a page and everything it needs, like a browser with `cache` as its HTTP cache."""
    load = PageLoad(name)
    page, html = _fetch(client, url)
    if page.status != 200:
        raise RuntimeError(f"{url}: HTTP {page.status}")
    load.fetched.append(page)
    parser = _Links()
    parser.feed(html)
    queue, seen = [(url, found) for found in parser.urls], set()
    while queue:
        base, found = queue.pop(0)
        if found.startswith("data:") or found.startswith("#"):
            continue
        absolute = urljoin(base, found)
        if absolute in seen:
            continue
        seen.add(absolute)
        parts = urlsplit(absolute)
        if parts.scheme or parts.netloc:
            if parts.netloc not in ("", "localhost"):
                load.external.append(absolute)
                continue
            absolute = parts.path + (f"?{parts.query}" if parts.query else "")
        if absolute in cache and cache[absolute].cached_for >= MIN_CACHE_SECONDS:
            load.from_cache.append(absolute)
            continue
        asset, text = _fetch(client, absolute)
        if asset.status != 200:
            raise RuntimeError(f"{absolute} (needed by {url}): HTTP {asset.status}")
        load.fetched.append(asset)
        cache[absolute] = asset
        if absolute.split("?")[0].endswith(".css"):
            queue.extend((absolute, inner) for inner in _css_urls(text))
    return load, html


def measure(app, slug: str) -> PageWeight:
    """First question page as a new visitor, then the second question page."""
    client = app.test_client()
    start = client.get(f"/r/{slug}", headers=ACCEPT)
    begun = client.post(f"/r/{slug}/start", data={"csrf_token": csrf_token(_decoded(
        start.get_data(), start.headers.get("Content-Encoding", "")))})
    if begun.status_code != 302 or "/q/" not in begun.location:
        raise RuntimeError(f"pressing Start gave HTTP {begun.status_code} to {begun.location!r}")
    first_url = urlsplit(begun.location).path

    cache: dict[str, Fetched] = {}  # a new visitor: nothing cached yet
    first, html = load_page(client, first_url, "first question page (new visitor)", cache)
    assets = list(first.fetched[1:])

    answered = client.post(first_url, data={"csrf_token": csrf_token(html), "answer": pick_answer(html, 0)})
    if answered.status_code != 302 or "/q/" not in answered.location:
        raise RuntimeError(f"answering the first question gave HTTP {answered.status_code} to {answered.location!r}")
    second, _ = load_page(client, urlsplit(answered.location).path, "next question page", cache)
    return PageWeight(first=first, next=second, assets=assets)


@dataclass
class LanguageWeight:
    language: str
    start: PageLoad
    question: PageLoad


def _html_lang(html: str) -> str:
    found = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html)
    return found.group(1) if found else ""


def measure_languages(app, slug: str, languages: tuple[str, ...] = LANGUAGES) -> list[LanguageWeight]:
    """In each language (`?lang=`): the start page and then the first question page, each as a new visitor
    (its own empty cache), so each is the whole download of a phone opening that page first."""
    weights = []
    for code in languages:
        client = app.test_client()
        start, html = load_page(client, f"/r/{slug}?lang={code}", f"start page ({code}, new visitor)", {})
        begun = client.post(f"/r/{slug}/start", data={"csrf_token": csrf_token(html)})
        if begun.status_code != 302 or "/q/" not in begun.location:
            raise RuntimeError(f"pressing Start ({code}) gave HTTP {begun.status_code} to {begun.location!r}")
        # ?lang= again: Start begins a fresh session (the page language is asked for on the page itself).
        question, question_html = load_page(client, f"{urlsplit(begun.location).path}?lang={code}",
                                            f"first question page ({code}, new visitor)", {})
        for page, shown in ((start, html), (question, question_html)):
            if _html_lang(shown) != code:
                raise RuntimeError(f"{page.fetched[0].url} is in {_html_lang(shown)!r}, not {code!r}")
        weights.append(LanguageWeight(code, start, question))
    return weights
