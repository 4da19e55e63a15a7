"""A young person going through the survey with the Flask test client, as a phone would:
reading each page, sending the CSRF token, following redirects."""

from __future__ import annotations

import re
from html import unescape

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Journey:
    def __init__(self, client, slug: str):
        self.client = client
        self.slug = slug
        self.page = ""
        self.url = f"/r/{slug}"

    def csrf(self, html: str | None = None) -> str:
        match = CSRF.search(html or self.page)
        assert match, "page has no CSRF token"
        return match.group(1)

    def open(self, url: str):
        response = self.client.get(url)
        self.url, self.page = url, response.get_data(as_text=True)
        return response

    def begin(self) -> str:
        """Open the start page, press Start; return the first question's id."""
        self.open(f"/r/{self.slug}")
        response = self.client.post(f"/r/{self.slug}/start", data={"csrf_token": self.csrf()})
        assert response.status_code == 302, response.status_code
        return self.follow(response.location)

    def follow(self, location: str) -> str:
        """Go to a location; return the question id there, 'check', 'help' or the path."""
        self.open(location)
        path = location.split("?")[0]
        if path == "/help/now":
            return "help"
        if "/q/" in path:
            return path.split("/q/")[1]
        if path.endswith("/check"):
            return "check"
        return path

    def answer(self, *values: str, skip: bool = False, expect_status: int = 302):
        """Answer the question on the current page; returns the response."""
        data: dict = {"csrf_token": self.csrf(), "answer": list(values)}
        if skip:
            data["skip"] = "1"
        response = self.client.post(self.url, data=data)
        assert response.status_code == expect_status, (response.status_code, response.get_data(as_text=True)[:2000])
        if response.status_code != 302:
            self.page = response.get_data(as_text=True)
        return response

    def answer_and_go(self, *values: str, skip: bool = False) -> str:
        response = self.answer(*values, skip=skip)
        where = self.follow(response.location)
        if where == "help":
            where = self.follow(self.carry_on_link())
        return where

    def carry_on_link(self) -> str:
        match = re.search(r'<a class="button" href="([^"]+)">Carry on with the survey', self.page)
        assert match, "help page has no way to carry on"
        return unescape(match.group(1))

    def send(self):
        self.open(f"/r/{self.slug}/check")
        response = self.client.post(f"/r/{self.slug}/send", data={"csrf_token": self.csrf()})
        assert response.status_code == 302
        return response

    def choices_on_page(self) -> list[str]:
        return re.findall(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"', self.page)
