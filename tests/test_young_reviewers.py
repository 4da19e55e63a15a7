"""Young reviewers: a worker gives a Children in Care Council member a review link to a draft questionnaire or
an unpublished "You said, we did" page; they go through it as a child would, nothing is stored as a response,
and their comments reach the worker's page."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from html import unescape

import pytest
from sqlalchemy import DateTime, func, inspect, select

from survey_app.extensions import db
from survey_app.models import (
    Answer,
    AuditEvent,
    Draft,
    HeldFlag,
    ReviewComment,
    ReviewLink,
    SafeguardingFlag,
    SurveyResponse,
)
from survey_app.reviewing import links
from survey_app.reviewing.answers import as_journey, kept, shown_again
from survey_app.reviewing.comments import MAX_COMMENT, CommentRefused, add_comment, checked
from survey_app.rounds.operations import round_by_slug

from .journey import CSRF
from .report_sample import use_sample_reports

KEY = "younger-children"
WORRYING = "my carer hurts me when nobody is looking"


# -- helpers ---------------------------------------------------------------------------------------------------
def token_for(app, *, key: str | None = KEY, slug: str | None = None, days: int = 14, now=None) -> str:
    with app.app_context():
        survey_round = round_by_slug(slug) if slug else None
        _link, token = links.make_link(actor="worker@council.example", days=days, now=now,
                                       questionnaire_key=None if slug else key, survey_round=survey_round)
        db.session.commit()
        return token


def csrf_of(page: str) -> str:
    match = CSRF.search(page) or re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "page has no CSRF token"
    return match.group(1)


def stored_rows(app) -> dict[str, int]:
    """Everything a young person's answers could leave behind."""
    with app.app_context():
        return {model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
                for model in (Draft, SurveyResponse, Answer, HeldFlag, SafeguardingFlag)}


def comments_in(app) -> list[ReviewComment]:
    with app.app_context():
        rows = db.session.scalars(select(ReviewComment)).all()
        db.session.expunge_all()
        return list(rows)


class Reviewer:
    """A young reviewer with the test client: opens the link, answers, comments."""

    def __init__(self, client, token: str):
        self.client = client
        self.token = token
        self.page = ""
        self.url = ""

    def open(self, url: str, status: int = 200):
        response = self.client.get(url)
        assert response.status_code == status, (url, response.status_code)
        self.url, self.page = url, response.get_data(as_text=True)
        return response

    def open_link(self):
        response = self.client.get(f"/review?t={self.token}")
        assert response.status_code == 302, response.status_code
        return self.open(response.location)

    def post(self, data: dict, url: str | None = None):
        return self.client.post(url or self.url, data={"csrf_token": csrf_of(self.page), **data})

    def answer(self, *values: str, skip: bool = False) -> str:
        response = self.post({"answer": list(values), **({"skip": "1"} if skip else {})})
        assert response.status_code == 302, (response.status_code, response.get_data(as_text=True)[:1500])
        return response.location

    def comment(self, words: str):
        return self.post({"form": "comment", "comment": words})


def start_reviewing(client, token: str) -> Reviewer:
    reviewer = Reviewer(client, token)
    reviewer.open_link()
    assert reviewer.url == "/review/start"
    location = reviewer.post({}, "/review/begin").location
    reviewer.open(location)
    return reviewer


# -- rules ------------------------------------------------------------------------------------------------------
def test_it_keeps_only_a_hash_of_a_long_random_token(app):
    token = token_for(app)
    assert len(token) >= 26 and re.fullmatch(r"[A-Za-z0-9_-]+", token)  # token_urlsafe(20): 160 bits
    with app.app_context():
        link = db.session.scalars(select(ReviewLink)).one()
        assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in str([getattr(link, column.key) for column in inspect(ReviewLink).columns])
        assert len(link.id) == 32 and not link.id.isdigit()  # a random id, never a count
        assert links.open_by_token(token).link.id == link.id
        assert links.open_by_token(token[:-1] + ("A" if token[-1] != "A" else "B")).problem == "unknown"
        assert links.open_by_token("../etc/passwd").problem == "unknown"


def test_a_link_expires_after_its_days_and_can_be_revoked(app):
    made = dt.datetime(2026, 12, 1, 12, 0)
    token = token_for(app, days=14, now=made)
    with app.app_context():
        link = links.open_by_token(token, now=made).link
        assert links.problem_of(link, made + dt.timedelta(days=13, hours=23)) is None
        assert links.problem_of(link, made + dt.timedelta(days=14)) == "expired"
        assert links.state_words(link, made) == "Works until 15 December 2026"
        links.revoke(link, "worker@council.example", today=dt.date(2026, 12, 2))
        db.session.commit()
        assert links.problem_of(link, made) == "revoked"
        assert links.state_words(link, made) == "Revoked on 2 December 2026"
        actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions == ["review link made", "review link revoked"]


def test_a_link_opens_one_thing_a_questionnaire_or_a_rounds_page(app, make_round):
    with app.app_context(), pytest.raises(ValueError):
        links.make_link(actor="w", days=1)
    slug = make_round(KEY)
    with app.app_context():
        survey_round = round_by_slug(slug)
        # The database refuses a link that names both (or neither).
        with pytest.raises(Exception, match="(?i)check|constraint"):
            db.session.add(ReviewLink(token_hash="x" * 64, kind="questionnaire", questionnaire_key=KEY,
                                      round_id=survey_round.id, made_by="w", made_on=dt.date.today(),
                                      expires_at=dt.datetime(2030, 1, 1)))
            db.session.flush()
        db.session.rollback()


def test_a_comment_is_checked_in_words_a_child_understands():
    assert checked("  Too many words\r\non this page ") == "Too many words\non this page"
    with pytest.raises(CommentRefused, match="Write your comment in the box first"):
        checked("   ")
    with pytest.raises(CommentRefused) as refused:
        checked("a" * (MAX_COMMENT + 1))
    assert "a bit too long" in refused.value.message and f"it has {MAX_COMMENT + 1} now" in refused.value.message
    assert refused.value.kept_text == "a" * (MAX_COMMENT + 1)


def test_a_comment_keeps_the_day_only_and_nothing_about_the_device():
    columns = {column.key: column for column in inspect(ReviewComment).columns}
    assert not [name for name, column in columns.items() if isinstance(column.type, DateTime)]
    assert not {"ip", "address", "user_agent", "agent", "created_at"} & set(columns)


def test_written_answers_are_kept_as_written_something_only():
    assert kept({"text": "my secret"}) == {"wrote": True}
    assert kept({"choices": ["yes"]}) == {"choices": ["yes"]}
    assert as_journey({"a": {"wrote": True}, "b": {"skipped": True}}) == {"a": {"text": "(written)"},
                                                                         "b": {"skipped": True}}
    assert shown_again({"wrote": True}) == {} and shown_again({"choices": ["1"]}) == {"choices": ["1"]}


def test_a_worrying_comment_is_marked(app):
    with app.app_context():
        link, _ = links.make_link(questionnaire_key=KEY, actor="w", days=1)
        assert add_comment(link, "start", "The start page", WORRYING).worrying
        assert not add_comment(link, "start", "The start page", "The pictures are nice").worrying
        db.session.rollback()


# -- the reviewer's journey --------------------------------------------------------------------------------------
def test_it_a_reviewer_goes_through_a_questionnaire_and_nothing_is_stored(app, client):
    before = stored_rows(app)
    reviewer = start_reviewing(client, token_for(app))
    pages = [reviewer.page]
    assert reviewer.url == "/review/q/feel_about_home"
    assert "How do you feel about where you live?" in reviewer.page and "Question 1 of" in reviewer.page
    reviewer.open(reviewer.answer("3"))
    pages.append(reviewer.page)
    assert reviewer.url == "/review/q/feel_safe_home"
    location = reviewer.answer(skip=True)
    while location.startswith("/review/q/"):
        reviewer.open(location)
        pages.append(reviewer.page)
        location = reviewer.answer(skip=True)
    assert location == "/review/check"
    reviewer.open(location)
    pages.append(reviewer.page)
    assert "Skipped" in reviewer.page
    # grouped by section, as a child's check page is
    sections = re.findall(r'<h2 class="section-heading[^"]*">.*?<span>([^<]+)</span></h2>', reviewer.page, re.S)
    assert sections == ["Where you live", "How you feel", "School", "When you grow up", "Having your say"]
    response = reviewer.post({}, "/review/send")
    assert response.location == "/review/end"
    reviewer.open("/review/end")
    pages.append(reviewer.page)
    assert "nothing was sent" in reviewer.page
    for page in pages:
        assert "Review copy: your answers are not saved" in page
        assert '<meta name="robots" content="noindex">' in page
        assert "Tell the worker what you think of this page" in page
    assert client.get("/review/start").headers["X-Robots-Tag"] == "noindex, nofollow"
    assert stored_rows(app) == before


def test_it_the_review_start_page_is_laid_out_like_the_survey_start_page(app, client, journey):
    """Start near the top, the longer explanations folded: what a child sees (survey/start.html), so the
    reviewer comments on the real page."""
    reviewer = Reviewer(client, token_for(app))
    reviewer.open_link()
    survey = journey(KEY)
    survey.open(f"/r/{survey.slug}")
    for page in (reviewer.page, survey.page):
        main = page.split("<main", 1)[1]
        assert main.index('class="button start"') < main.index('class="lead"') < main.index('<details class="more"')
        assert re.findall(r"<summary>([^<]+)</summary>", main)[-3:] == [
            "It’s anonymous: what that means", "Who sees the answers", "Who you can talk to"]


def test_it_written_answers_are_not_even_in_the_cookie(app, client):
    reviewer = start_reviewing(client, token_for(app))
    reviewer.open("/review/q/make_things_better")
    assert reviewer.answer("my very secret words") == "/review/check"
    cookie = client.get_cookie("vic")
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert "my very secret words" not in str(session)
    assert session["review"]["answers"]["make_things_better"] == {"wrote": True}
    reviewer.open("/review/check")
    assert "You wrote an answer. A review copy doesn’t keep it." in unescape(reviewer.page)


def test_it_a_worrying_answer_shows_help_at_once_and_holds_no_flag(app, client):
    reviewer = start_reviewing(client, token_for(app))
    reviewer.open("/review/q/feel_safe_home")
    location = reviewer.answer("no")
    assert location.startswith("/help/now?next=/review/q/")
    assert "You can get help now" in client.get(location).get_data(as_text=True)
    assert stored_rows(app)["held_flags"] == 0


def test_it_a_too_long_comment_is_refused_kindly_and_kept_in_the_box(app, client):
    reviewer = start_reviewing(client, token_for(app))
    response = reviewer.comment("x" * (MAX_COMMENT + 5))
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "Your comment is a bit too long" in page and 'href="#comment"' in page
    assert "x" * (MAX_COMMENT + 5) in page
    empty = reviewer.comment("  ")
    assert empty.status_code == 400 and "Write your comment in the box first" in unescape(empty.get_data(as_text=True))
    assert comments_in(app) == []


def test_it_a_comment_reaches_the_builder_page_by_question_and_can_be_marked_done(app, client, make_staff, sign_in):
    reviewer = start_reviewing(client, token_for(app))
    response = reviewer.comment("I don’t know what this face means")
    assert response.status_code == 302 and response.location == "/review/q/feel_about_home#review-comment"
    reviewer.open("/review/q/feel_about_home")
    assert "Thank you! Your comment has gone to the worker." in reviewer.page
    [comment] = comments_in(app)
    assert (comment.page, comment.page_title, comment.worrying) == (
        "feel_about_home", "Question: How do you feel about where you live?", False)
    assert comment.written_on == dt.date.today()

    sign_in(*make_staff("worker"))
    page = unescape(client.get(f"/staff/questionnaires/{KEY}").get_data(as_text=True))
    section = page[page.index("Young reviewers"):]
    assert "Question: How do you feel about where you live?" in section
    assert "I don’t know what this face means" in section and "(1 not done)" in section
    csrf = csrf_of(page)
    done = client.post(f"/staff/review-comments/{comment.id}/done", data={"csrf_token": csrf, "done": "1"})
    assert done.status_code == 303 and done.location.endswith(f"/staff/questionnaires/{KEY}#young-reviewers")
    page = unescape(client.get(f"/staff/questionnaires/{KEY}").get_data(as_text=True))
    assert "(0 not done)" in page and "Mark not done" in page
    assert comments_in(app)[0].done_on == dt.date.today()


def test_it_a_worrying_comment_shows_help_and_is_marked_for_the_worker(app, client, make_staff, sign_in):
    reviewer = start_reviewing(client, token_for(app))
    response = reviewer.comment(WORRYING)
    assert response.location == "/help/now?next=/review/q/feel_about_home"
    assert [comment.worrying for comment in comments_in(app)] == [True]
    assert stored_rows(app)["held_flags"] == 0 and stored_rows(app)["safeguarding_flags"] == 0
    sign_in(*make_staff("worker"))
    page = client.get(f"/staff/questionnaires/{KEY}").get_data(as_text=True)
    assert "1 comment with worrying words" in page and "Worrying words</strong>" in page


@pytest.mark.parametrize(("change", "status", "words"), [
    ("expired", 410, "This review link has run out"),
    ("revoked", 410, "This review link has been switched off"),
    ("unknown", 404, "We couldn’t find that review link"),
])
def test_it_an_expired_revoked_or_unknown_link_gets_a_friendly_page(app, client, change, status, words):
    token = token_for(app, now=dt.datetime(2020, 1, 1) if change == "expired" else None)
    if change == "revoked":
        with app.app_context():
            links.revoke(links.open_by_token(token).link, "w")
            db.session.commit()
    response = client.get(f"/review?t={token if change != 'unknown' else 'x' * 27}")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == status and words in page
    assert "Childline" in page  # who to talk to, as on every young person's page
    assert client.get("/review/start").status_code == 400  # nothing was let in


def test_it_revoking_stops_a_reviewer_at_once(app, client, make_staff, sign_in):
    reviewer = start_reviewing(client, token_for(app))
    with app.app_context():
        link = db.session.scalars(select(ReviewLink)).one()
        links.revoke(link, "w")
        db.session.commit()
    response = client.get("/review/q/feel_about_home")
    assert response.status_code == 410 and "switched off" in response.get_data(as_text=True)
    assert reviewer.comment("still here?").status_code == 410
    assert comments_in(app) == []


def test_it_without_the_link_there_is_no_review(client):
    response = client.get("/review/q/feel_about_home")
    assert response.status_code == 400 and "open the link the worker gave you again" in response.get_data(as_text=True)


# -- the worker's side -------------------------------------------------------------------------------------------
def test_it_a_worker_makes_a_link_shown_once_with_a_qr_code(app, client, make_staff, sign_in):
    sign_in(*make_staff("worker"))
    page = client.get(f"/staff/questionnaires/{KEY}").get_data(as_text=True)
    response = client.post(f"/staff/questionnaires/{KEY}/review-links", data={"csrf_token": csrf_of(page)})
    assert response.status_code == 303
    shown = unescape(client.get(response.location).get_data(as_text=True))
    address = re.search(r'<code class="review-address"[^>]*>([^<]+)</code>', shown).group(1)
    assert address.startswith("http://localhost/review?t=")
    assert 'src="data:image/svg+xml;base64,' in shown and "It is shown only now" in shown
    token = address.split("t=")[1]
    with app.app_context():
        assert links.open_by_token(token).problem is None
    again = client.get(response.location).get_data(as_text=True)
    assert token not in again and "can’t be shown again" in unescape(again)
    # the reviewer (another phone: a new client) opens it
    other = app.test_client()
    assert other.get(f"/review?t={token}").location == "/review/start"
    assert "Your life, your say" in other.get("/review/start").get_data(as_text=True)


def test_it_a_reviewer_reads_an_unpublished_you_said_we_did_page_and_comments_reach_the_publish_page(
        app, client, make_round, make_staff, sign_in, monkeypatch):
    use_sample_reports(monkeypatch)
    slug = make_round(KEY)
    assert client.get(f"/r/{slug}/you-said-we-did").status_code == 404  # not published
    reviewer = Reviewer(client, token_for(app, slug=slug))
    assert client.get(f"/review?t={reviewer.token}").location == "/review/start"
    response = client.get("/review/start")
    assert response.location == "/review/you-said-we-did"
    reviewer.open("/review/you-said-we-did")
    assert "You said, we did" in reviewer.page and "Review copy: your answers are not saved" in reviewer.page
    assert f"/r/{slug}" not in reviewer.page  # no way into the real survey from a review copy
    assert reviewer.comment("What does owner mean?").status_code == 302
    assert client.get("/review/q/feel_about_home").location == "/review/start"  # a page link opens that page only

    sign_in(*make_staff("worker"))
    page = unescape(client.get(f"/staff/reports/{slug}/publish").get_data(as_text=True))
    section = page[page.index('id="young-reviewers"'):]
    assert "The “You said, we did” page" in section and "What does owner mean?" in section
    # comments are for staff only: never on the public page, even once published
    client.post(f"/staff/reports/{slug}/publish", data={"csrf_token": csrf_of(page), "preview": "1",
                                                      "board_summary": "", "children_good": "",
                                                      "children_change": ""})
    client.post(f"/staff/reports/{slug}/publish/confirm", data={"csrf_token": csrf_of(page)})
    public = app.test_client().get(f"/r/{slug}/you-said-we-did")
    assert public.status_code == 200 and "What does owner mean?" not in public.get_data(as_text=True)


@pytest.mark.parametrize("persona", ["signed_out", "board", "safeguarding"])
def test_it_only_those_who_build_or_publish_make_links_or_read_comments(app, client, make_staff, sign_in,
                                                                       make_round, persona):
    token = token_for(app)
    with app.app_context():
        link = db.session.scalars(select(ReviewLink)).one()
        comment = add_comment(link, "start", "The start page", "hello")
        db.session.commit()
        link_id, comment_id = link.id, comment.id
    slug = make_round(KEY)
    if persona != "signed_out":
        sign_in(*make_staff(persona))
    csrf = csrf_of(client.get("/staff/sign-in").get_data(as_text=True))
    answers = [client.post(f"/staff/questionnaires/{KEY}/review-links", data={"csrf_token": csrf}),
               client.post(f"/staff/reports/{slug}/review-links", data={"csrf_token": csrf}),
               client.get(f"/staff/review-links/{link_id}"),
               client.post(f"/staff/review-links/{link_id}/revoke", data={"csrf_token": csrf}),
               client.post(f"/staff/review-comments/{comment_id}/done", data={"csrf_token": csrf}),
               client.get(f"/staff/questionnaires/{KEY}"), client.get(f"/staff/reports/{slug}/publish")]
    for response in answers:
        if persona == "signed_out":
            assert response.status_code == 302 and response.location.startswith("/staff/sign-in")
        else:
            assert response.status_code == 403
        assert "hello" not in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReviewLink)) == 1
        assert db.session.get(ReviewLink, link_id).revoked_on is None
        assert db.session.get(ReviewComment, comment_id).done_on is None
    assert links.TOKEN_SHAPE.fullmatch(token)


# -- the migration -----------------------------------------------------------------------------------------------
def _migrate_down_and_up(url: str) -> None:
    from flask_migrate import downgrade, upgrade

    from survey_app import create_app

    other = create_app({"SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url})
    with other.app_context():
        upgrade()
        assert {"review_links", "review_comments"} <= set(inspect(db.engine).get_table_names())
        downgrade(revision="e3a1lz4file1")
        assert not {"review_links", "review_comments"} & set(inspect(db.engine).get_table_names())
        upgrade()
        checks = {check["name"] for check in inspect(db.engine).get_check_constraints("review_links")}
        assert {"ck_review_links_kind_known", "ck_review_links_one_target"} <= checks
        db.session.remove()
        db.engine.dispose()


def test_the_migration_goes_down_and_up_on_sqlite(tmp_path):
    _migrate_down_and_up(f"sqlite:///{tmp_path / 'review.sqlite'}")


def test_the_migration_goes_down_and_up_on_postgresql(app, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: set TEST_DATABASE_URL to run it")
    _migrate_down_and_up(database_url)


def test_it_a_comment_from_a_phone_keeps_nothing_about_the_phone_or_the_time(app):
    phone = app.test_client()
    phone.environ_base.update(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="ZebraPhone/9.1",
                              HTTP_X_FORWARDED_FOR="203.0.113.77")
    reviewer = start_reviewing(phone, token_for(app))
    assert reviewer.comment("The smiley faces are too small").status_code == 302
    with app.app_context():
        rows = db.session.execute(select(ReviewComment.__table__)).mappings().all()
    assert len(rows) == 1
    for column, value in rows[0].items():
        assert "203.0.113.77" not in str(value) and "ZebraPhone" not in str(value), column
        assert not isinstance(value, dt.datetime | dt.time), column


def test_it_a_question_not_in_the_survey_gets_a_friendly_page_with_a_way_back(app, client):
    reviewer = start_reviewing(client, token_for(app))
    response = client.get("/review/q/no_such_question")
    page = unescape(response.get_data(as_text=True))
    assert response.status_code == 404 and "We couldn’t find that question" in page
    assert 'href="/review/start"' in page and "Review copy" not in page
    assert reviewer.url == "/review/q/feel_about_home"


def test_it_a_reviewer_sees_only_the_questions_a_child_with_their_answers_would(app, client):
    reviewer = Reviewer(client, token_for(app, key="priorities-2018"))
    reviewer.open_link()
    reviewer.open(reviewer.post({}, "/review/begin").location)
    reviewer.open("/review/q/living_with")
    assert reviewer.answer("own_flat").startswith("/review/q/")
    hidden = client.get("/review/q/feel_part_of_family")
    assert hidden.status_code == 409 and "because of an earlier answer" in hidden.get_data(as_text=True)
    assert client.get("/review/q/help_to_manage").status_code == 200
