"""200 young people finish the younger children's survey at once, from separate phones, against a
real threaded HTTP server on 127.0.0.1; some press "Send my answers" twice (one after the other, or
both at once with the same cookie, as a double tap does). Every child's answers are stored exactly
once and no draft is left behind."""

from __future__ import annotations

import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import func, select
from werkzeug.serving import make_server

from survey_app.extensions import db
from survey_app.models import Answer, Draft, SurveyResponse

CHILDREN = 200
WORKERS = 16
DOUBLE_SENDERS = range(0, CHILDREN, 10)  # 20 children press Send twice
TIMEOUT = 15  # seconds, per request
MAX_PAGES = 40  # the survey has 14 questions; a loop past this is a bug, not a slow server

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
CHOICE = re.compile(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"')
TEXT_BOX = re.compile(r'<(?:input class="text"|textarea)[^>]*name="answer"')


@pytest.fixture(scope="module")
def live_url(app):
    """The app behind a real threaded werkzeug server in a daemon thread, on 127.0.0.1 only."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _csrf(html: str) -> str:
    match = CSRF.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)


def _get(phone: requests.Session, url: str) -> str:
    response = phone.get(url, timeout=TIMEOUT, allow_redirects=False)
    assert response.status_code == 200, (url, response.status_code, response.text[:500])
    return response.text


def _post(phone: requests.Session, url: str, data: dict) -> str:
    """POST as a form would; returns the path it redirects to."""
    response = phone.post(url, data=data, timeout=TIMEOUT, allow_redirects=False)
    assert response.status_code == 302, (url, response.status_code, response.text[:500])
    location = urlsplit(response.headers["Location"])
    return location.path + (f"?{location.query}" if location.query else "")


def _complete(base: str, slug: str, child: int) -> int:
    """One child's whole journey on their own phone (own cookies). Returns how many questions they
    answered, which is how many answer rows their response must have (one choice or text each)."""
    with requests.Session() as phone:
        start = _get(phone, f"{base}/r/{slug}")
        where = _post(phone, f"{base}/r/{slug}/start", {"csrf_token": _csrf(start)})
        answered: set[str] = set()
        for _ in range(MAX_PAGES):
            path = urlsplit(where).path
            if path == "/help/now":  # an answer that shows help first; carry on where it says
                where = unescape(parse_qs(urlsplit(where).query)["next"][0])
                continue
            if path.endswith("/check"):
                break
            assert "/q/" in path, where
            page = _get(phone, base + where)
            choices = CHOICE.findall(page)
            if choices:  # vary the answers between children, never "I'd rather not say"
                usable = [value for value in choices if value != "rather_not_say"]
                answer = usable[child % len(usable)]
            else:
                assert TEXT_BOX.search(page), f"question page {where} has no answer field"
                answer = f"Child {child} says hello"
            where = _post(phone, base + where, {"csrf_token": _csrf(page), "answer": answer})
            answered.add(path.split("/q/")[1])
        else:
            pytest.fail(f"child {child} never reached the check page")

        check = _get(phone, f"{base}/r/{slug}/check")
        send = f"{base}/r/{slug}/send"
        data = {"csrf_token": _csrf(check)}
        if child not in DOUBLE_SENDERS:
            assert _post(phone, send, data) == f"/r/{slug}/sent"
        else:
            # Send pressed twice, on a page that still holds the cookie it had before the first
            # went through: every other one a double tap (both POSTs leave together), the rest a
            # second press after the first was answered.
            before = phone.cookies.copy()
            together = threading.Barrier(2 if child % 20 == 0 else 1, timeout=TIMEOUT)

            def press(_: int) -> tuple[str, requests.cookies.RequestsCookieJar]:
                with requests.Session() as tab:
                    tab.cookies = before.copy()
                    together.wait()
                    return _post(tab, send, data), tab.cookies

            if child % 20 == 0:
                with ThreadPoolExecutor(max_workers=2) as taps:
                    presses = list(taps.map(press, range(2)))
            else:
                presses = [press(0), press(1)]
            assert [where for where, _ in presses] == [f"/r/{slug}/sent"] * 2, presses
            phone.cookies = presses[-1][1]
        assert "sent" in _get(phone, f"{base}/r/{slug}/sent").lower()
        return len(answered)


def test_200_children_sending_at_once_are_each_stored_exactly_once(app, make_round, live_url):
    slug = make_round("younger-children")
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answered = list(pool.map(lambda child: _complete(live_url, slug, child), range(CHILDREN)))

    assert set(answered) == {14}, Counter(answered)  # every question of younger-children, no skips
    with app.app_context():
        db.session.remove()
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == CHILDREN
        rows_per_response = db.session.execute(
            select(SurveyResponse.id, func.count(Answer.question_id))
            .outerjoin(Answer, Answer.response_id == SurveyResponse.id)
            .group_by(SurveyResponse.id)
        ).all()
        assert len(rows_per_response) == CHILDREN
        assert Counter(count for _, count in rows_per_response) == Counter({14: CHILDREN})
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 14 * CHILDREN
        assert db.session.scalar(select(func.count()).select_from(Draft)) == 0
        # Each child wrote their own words once: the text answers tell the 200 responses apart.
        texts = db.session.scalars(select(Answer.text).where(Answer.question_id == "grow_up_to_be")).all()
        assert Counter(texts) == Counter(f"Child {child} says hello" for child in range(CHILDREN))
