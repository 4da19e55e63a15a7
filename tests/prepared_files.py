"""Downloads are prepared as jobs: press the button (a POST), follow to the job page, fetch the file."""

from __future__ import annotations

import re

FILE_LINK = re.compile(r'href="(/staff/jobs/[0-9a-f]{32}/file)"')
# Any form's token on the page (the sign-out form in the staff layout has one on every page).
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_of(client, page: str) -> str:
    return TOKEN.search(client.get(page).get_data(as_text=True)).group(1)


def prepare(client, action: str, page: str):
    """POST the form at `action` (with the CSRF token from `page`) and return the job page it leads to."""
    asked = client.post(action, data={"csrf_token": csrf_token_of(client, page)})
    assert asked.status_code == 303, asked.status_code
    assert re.fullmatch(r"/staff/jobs/[0-9a-f]{32}", asked.headers["Location"]), asked.headers["Location"]
    return client.get(asked.headers["Location"])


def prepared_file(client, action: str, page: str):
    """The file a download button makes (the job page itself when there is no file to fetch)."""
    job_page = prepare(client, action, page)
    link = FILE_LINK.search(job_page.get_data(as_text=True))
    return client.get(link.group(1)) if link else job_page
