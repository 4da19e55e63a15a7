"""The report pages: staff preview, publishing (and what it changes for board members and children),
downloads, the board report and its PDF, and the children's "You said, we did" page at the round's link.
The report comes from tests/report_sample.py (the published JSON, read with Report.from_json), so these
tests check the pages, not the figures; the builder has its own tests."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import AuditEvent, RoundReport
from survey_app.reporting import present
from survey_app.reporting.publication import ReportTexts, has_hidden_number, points, problems_with
from survey_app.reporting.report import Report
from survey_app.rounds.operations import round_by_slug

from .journey import CSRF
from .prepared_files import csrf_token_of, prepared_file
from .report_sample import APPROVED_QUOTES, RAW_FREE_TEXT, UNAPPROVED_QUOTE, sample_report, use_sample_reports


@pytest.fixture(autouse=True)
def sample_reports(monkeypatch):
    calls: list = []
    use_sample_reports(monkeypatch, calls=calls)
    return calls


@pytest.fixture
def worker(client, make_staff, sign_in):
    assert sign_in(*make_staff("worker")).status_code == 302
    return client


@pytest.fixture
def board(client, make_staff, sign_in):
    assert sign_in(*make_staff("board")).status_code == 302
    return client


def publish_directly(app, slug: str, published: bool = True, **texts) -> None:
    with app.app_context():
        survey_round = round_by_slug(slug)
        row = db.session.get(RoundReport, survey_round.id) or RoundReport(round_id=survey_round.id)
        row.published = published
        row.published_on = None
        for name, value in texts.items():
            setattr(row, name, value)
        db.session.add(row)
        db.session.commit()


def text_of(html: str) -> str:
    """What a reader sees: the page without tags, scripts or attributes."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def audit_actions() -> list[tuple[str, str]]:
    return [(event.action, event.detail) for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def token(client, url: str) -> str:
    return CSRF.search(client.get(url).get_data(as_text=True)).group(1)


# -- board members --------------------------------------------------------------------------------------

def test_board_members_see_only_published_reports_in_their_list(app, board, make_round):
    published, draft = make_round("younger-children"), make_round("care-leavers")
    publish_directly(app, published)
    publish_directly(app, draft, published=False)
    page = board.get("/staff/board/reports").get_data(as_text=True)
    with app.app_context():
        assert round_by_slug(published).title in page
        assert f"/staff/board/reports/{draft}" not in page
        assert f"/staff/board/reports/{published}" in page


def test_a_board_member_gets_not_found_for_an_unpublished_report_and_its_pdf(app, board, make_round):
    slug = make_round("younger-children")
    assert board.get(f"/staff/board/reports/{slug}").status_code == 404
    token = csrf_token_of(board, "/staff/board/reports")
    assert board.post(f"/staff/board/reports/{slug}/pdf", data={"csrf_token": token}).status_code == 404
    publish_directly(app, slug, published=False)
    assert board.get(f"/staff/board/reports/{slug}").status_code == 404


def test_the_board_report_shows_every_part_with_c_and_the_footnote(app, board, make_round, sample_reports):
    slug = make_round("younger-children")
    publish_directly(app, slug, board_summary="Most young people are happy where they live.")
    response = board.get(f"/staff/board/reports/{slug}")
    assert response.status_code == 200
    assert sample_reports == [(slug, False)]  # the board gets the suppressed report, never for_staff
    text = text_of(response.get_data(as_text=True))
    assert "Most young people are happy where they live." in text  # the worker's summary
    assert "28 young people answered: 25 online, c on paper." in text
    assert "In care, aged 12 to 17 12 c c" in text  # response rate row with a hidden count
    assert "Almost all young people (27 of 28) said yes to ‘Are you happy where you’re living?’" in text
    assert "Unhappy c c" in text and "Very unhappy c c" in text  # 2 and 1: hidden
    assert "c = fewer than 5 young people, or hidden so that a small number can’t be worked out." in text
    assert "Your life, your care 2016 25 88% This round 28 96%" in text  # trend table with both bases
    assert "up 8 percentage points" in text
    assert "Up 8 percentage points since Your life, your care 2016: could be chance: the numbers are small" in text
    assert "Too few answers last time to compare." in text
    assert "Not shown by age: fewer than 10 young people in a group." in text
    for quote in APPROVED_QUOTES:
        assert quote["text"] in text
    # the action table: status and the latest update only
    assert "In progress" in text and "1 November 2026: Weekend contact pilot started." in text
    assert "Contact plans checked for 12 children." not in text
    assert "Why: Banks will not open accounts for under-13s." in text
    assert "Staff figures" not in text


def test_a_question_nobody_answered_says_so_instead_of_an_empty_chart(app, board, make_round, monkeypatch):
    def unanswered(survey_round, for_staff):
        report = sample_report(slug=survey_round.slug)
        question = report["priorities"][1]["questions"][0]
        question.update(answered=0, skipped=28, distribution=[{**row, "count": 0, "percent": None}
                                                              for row in question["distribution"]])
        return report

    use_sample_reports(monkeypatch, unanswered)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    text = text_of(board.get(f"/staff/board/reports/{slug}").get_data(as_text=True))
    assert "Nobody answered: ‘Do you have a health passport?’" in text
    assert "Answers to “Do you have a health passport?”" not in text


def test_the_board_report_has_no_inline_styles_scripts_or_outside_links(app, board, make_round):
    slug = make_round("younger-children")
    publish_directly(app, slug)
    html = board.get(f"/staff/board/reports/{slug}").get_data(as_text=True)
    assert " style=" not in html and "<style" not in html
    ours = html.replace('<script src="/static/app.js', "").replace('<script src="/static/staff.js', "")
    assert "<script>" not in html and "<script " not in ours
    assert not re.search(r'(src|href)="(https?:)?//', html)
    # every chart is a table of the same numbers, the bars hidden from screen readers
    assert html.count('<svg class="bar"') == html.count('aria-hidden="true" focusable="false"><rect class="bar-track"')
    assert '<rect class="bar-fill" x="0" y="0" width="96.4" height="10" fill="#2e2a6b"/>' in html


def test_the_board_report_pdf_is_a_pdf_with_the_headlines_and_is_audited(app, board, make_round):
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF's text (pip install pypdf)")
    slug = make_round("younger-children")
    publish_directly(app, slug)
    response = prepared_file(board, f"/staff/board/reports/{slug}/pdf", f"/staff/board/reports/{slug}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert f'filename="board-report-{slug}.pdf"' in response.headers["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    words = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Almost all young people (27 of 28) said yes" in words
    assert "Placement and stability" in words
    assert len(reader.pages) >= 4  # a new page for each of the 3 priorities
    with app.app_context():
        assert ("report_export", f"{slug} report pdf") in audit_actions()


def test_a_pdf_that_cannot_be_made_gives_a_clear_page(app, board, make_round, monkeypatch):
    from survey_app.reporting import pdf

    def broken():
        raise pdf.PdfUnavailable("WeasyPrint can't load its system libraries")

    monkeypatch.setattr(pdf, "_weasyprint", broken)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    response = prepared_file(board, f"/staff/board/reports/{slug}/pdf", f"/staff/board/reports/{slug}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "The file could not be made" in page and "print button" in page


# -- workers: preview, publish, downloads -----------------------------------------------------------------

def test_a_worker_previews_exact_figures_clearly_labelled_and_can_see_the_board_view(app, worker, make_round,
                                                                                       sample_reports):
    slug = make_round("younger-children")
    text = text_of(worker.get(f"/staff/reports/{slug}").get_data(as_text=True))
    assert "Staff figures: not for the board." in text
    assert "Unhappy 2 7%" in text  # exact
    assert "Feeling in the answers" in text  # sentiment is for staff only
    board_view = text_of(worker.get(f"/staff/reports/{slug}?view=board").get_data(as_text=True))
    assert "Unhappy c c" in board_view and "Staff figures" not in board_view
    assert "Feeling in the answers" not in board_view
    assert sample_reports == [(slug, True), (slug, False)]


def test_the_reports_list_shows_each_rounds_report_state(app, worker, make_round):
    first, second = make_round("younger-children"), make_round("care-leavers")
    publish_directly(app, second)
    text = text_of(worker.get("/staff/reports").get_data(as_text=True))
    assert "Not started" in text and "Published" in text
    assert f"/staff/reports/{first}" in worker.get("/staff/reports").get_data(as_text=True)


def test_the_publish_page_is_prefilled_with_the_generated_points(app, worker, make_round):
    slug = make_round("younger-children")
    page = worker.get(f"/staff/reports/{slug}/publish").get_data(as_text=True)
    good = re.search(r'<textarea[^>]*name="children_good"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert unescape(good) == "\n".join(sample_report()["children"]["good"])


def test_publishing_keeps_the_workers_words_and_shows_the_report_to_board_and_children(
        app, worker, make_round, client):
    slug = make_round("younger-children", status="closed")
    url = f"/staff/reports/{slug}/publish"
    csrf = token(worker, url)
    response = worker.post(url, data={
        "csrf_token": csrf, "preview": "1", "board_summary": "  Thank you to everyone.  ",
        "children_good": "• You like your carers.\n\nYou feel safe.", "children_change": "",
    })
    assert response.status_code == 302 and response.location == f"/staff/reports/{slug}/preview/children"
    assert client.get(f"/r/{slug}/you-said-we-did").status_code == 404  # saved, not published
    response = worker.post(f"/staff/reports/{slug}/publish/confirm", data={"csrf_token": csrf})
    assert response.status_code == 302 and response.location == f"/staff/reports/{slug}"
    with app.app_context():
        row = db.session.get(RoundReport, round_by_slug(slug).id)
        assert row.published and row.published_on is not None and row.published_by.startswith("worker-")
        assert row.board_summary == "Thank you to everyone."
        assert row.children_good == "You like your carers.\nYou feel safe."
        assert row.children_change == ""  # left empty: the generated points are used
        assert [action for action, _ in audit_actions()][-2:] == ["report texts saved", "report published"]
    children = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
    assert "You like your carers." in children and "You feel safe." in children
    assert "Lots of you want to see your brothers and sisters more." in children  # generated "change"


def test_points_left_as_generated_keep_following_the_answers(app, worker, make_round):
    slug = make_round("younger-children")
    url = f"/staff/reports/{slug}/publish"
    generated = sample_report()["children"]
    worker.post(url, data={"csrf_token": token(worker, url), "board_summary": "",
                           "children_good": "\n".join(generated["good"]),
                           "children_change": "\n".join(generated["change"])})
    with app.app_context():
        row = db.session.get(RoundReport, round_by_slug(slug).id)
        assert (row.children_good, row.children_change, row.published) == ("", "", False)


def test_a_point_with_a_c_in_it_is_refused_and_nothing_typed_is_lost(app, worker, make_round):
    slug = make_round("younger-children")
    url = f"/staff/reports/{slug}/publish"
    response = worker.post(url, data={"csrf_token": token(worker, url), "preview": "1",
                                      "board_summary": "My careful summary",
                                      "children_good": "c of you feel unsafe", "children_change": "More trips"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is a problem" in page and "has a “c” in it" in page
    assert "My careful summary" in page and "c of you feel unsafe" in page and "More trips" in page
    with app.app_context():
        assert db.session.get(RoundReport, round_by_slug(slug).id) is None


def test_unpublishing_hides_the_report_from_board_members_and_children(app, client, make_staff, sign_in,
                                                                       make_round):
    slug = make_round("younger-children")
    publish_directly(app, slug)
    sign_in(*make_staff("worker", "board"))
    preview = f"/staff/reports/{slug}"
    response = client.post(f"/staff/reports/{slug}/unpublish", data={"csrf_token": token(client, preview)})
    assert response.status_code == 302 and response.location == preview
    assert client.get(f"/r/{slug}/you-said-we-did").status_code == 404
    assert f"/staff/board/reports/{slug}" not in client.get("/staff/board/reports").get_data(as_text=True)
    with app.app_context():
        assert not db.session.get(RoundReport, round_by_slug(slug).id).published
        assert audit_actions()[-1] == ("report unpublished", round_by_slug(slug).title)


@pytest.mark.parametrize(("name", "what", "staff", "mimetype"), [
    ("tallies.csv", "tallies", True, "text/csv"),
    ("tallies.xlsx", "tallies", True, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("tallies-board.csv", "tallies", False, "text/csv"),
    ("responses.csv", "responses", True, "text/csv"),
    ("responses.xlsx", "responses", True, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("report.json", "report", False, "application/json"),
])
def test_each_download_comes_from_the_exporter_and_is_audited(app, worker, make_round, name, what, staff, mimetype):
    slug = make_round("younger-children")
    fmt = name.rsplit(".", 1)[1]
    with app.app_context():
        round_id = round_by_slug(slug).id
    page = worker.get(f"/staff/reports/{slug}").get_data(as_text=True)
    assert f'action="/staff/reports/{slug}/download/{name}"' in page
    response = prepared_file(worker, f"/staff/reports/{slug}/download/{name}", f"/staff/reports/{slug}")
    assert response.status_code == 200 and response.mimetype == mimetype
    assert response.data == f"{what} {fmt} of round {round_id}, staff={staff}".encode()
    assert response.headers["Content-Disposition"] == f'attachment; filename="round-{round_id}-{what}.{fmt}"'
    with app.app_context():
        assert audit_actions()[-1] == ("report_export", f"{slug} {what} {fmt}{' staff' if staff else ''}")


def test_an_unknown_download_format_is_not_found(worker, make_round):
    slug = make_round("younger-children")
    token = csrf_token_of(worker, f"/staff/reports/{slug}")
    assert worker.post(f"/staff/reports/{slug}/download/report.docx", data={"csrf_token": token}).status_code == 404
    assert worker.post(f"/staff/reports/{slug}/download/responses.json", data={"csrf_token": token}).status_code == 404


# -- young people: "You said, we did" ---------------------------------------------------------------------

def test_the_childrens_page_is_there_only_once_the_report_is_published(app, client, make_round):
    slug = make_round("younger-children")
    assert client.get(f"/r/{slug}/you-said-we-did").status_code == 404
    publish_directly(app, slug, published=False)
    assert client.get(f"/r/{slug}/you-said-we-did").status_code == 404
    publish_directly(app, slug)
    assert client.get(f"/r/{slug}/you-said-we-did").status_code == 200


def test_the_childrens_page_in_plain_words_with_actions_quotes_and_help(app, client, make_round):
    slug = make_round("younger-children")
    publish_directly(app, slug)
    html = client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)
    text = text_of(html)
    headings = [text_of(h2) for h2 in re.findall(r"<h2\b.*?</h2>", html, re.S)]
    assert headings == ["What’s good", "What needs to change", "Some things you said", "You said… so we…",
                        "More we will do",  # the actions not already shown beside what they answer
                        "Who you can talk to"]
    assert "Almost all of you are happy where you live." in text
    assert "More time with brothers and sisters We have started doing this" in text
    assert "Who will do it: Head of Children in Care" in text
    assert "(by March 2027)" in text
    assert "Pocket money paid by app We can’t do this This is why: Banks will not open accounts" in text
    assert "28 young people answered." in text
    for quote in APPROVED_QUOTES:  # each once: a quote beside its action is not repeated above
        assert text.count(quote["text"]) == 1, quote["text"]
    assert text.count("More time with brothers and sisters") == 1  # beside its finding, not again below
    assert "Childline" in text and "01632 960100" in text  # help contacts from the config
    assert "Exit this page" in text and "data-read-aloud" in html  # quick exit and read aloud
    assert "14.9" not in text and "Planned" not in text  # no council numbering or board labels


def test_the_childrens_page_never_shows_c_or_small_numbers(app, client, make_round, monkeypatch):
    def small_round(survey_round, for_staff):
        report = sample_report(slug=survey_round.slug)
        report["responses"]["total"] = "c"
        report["children"]["good"].append("Most of you (c of 9) like school.")
        report["children"]["change"].append("c")
        return report

    use_sample_reports(monkeypatch, small_round)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    text = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
    assert not re.search(r"(?<![\w’'])c(?![\w’'])", text), text
    assert "young people answered" not in text  # the total was hidden, so it is left out
    assert "like school" not in text
    assert "Almost all of you are happy where you live." in text


def test_the_childrens_page_shows_no_unapproved_or_raw_free_text(app, client, make_round, monkeypatch):
    def with_staff_only_bits(survey_round, for_staff):
        report = sample_report(slug=survey_round.slug)
        # Even if a staff-only figure or field is in the dict, the children's page doesn't print it.
        report["priorities"][0]["questions"][1]["sentiment"] = {"answers": 21, "mean_polarity": 0.1,
                                                                "label": RAW_FREE_TEXT}
        report["actions"][0]["updates"].append({"written_on": "2026-11-02", "text": UNAPPROVED_QUOTE})
        return report

    use_sample_reports(monkeypatch, with_staff_only_bits)
    slug = make_round("younger-children")
    publish_directly(app, slug)
    text = text_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True))
    assert RAW_FREE_TEXT not in text and UNAPPROVED_QUOTE not in text
    assert APPROVED_QUOTES[0]["text"] in text


def test_the_rounds_link_shows_you_said_we_did_once_closed_and_published(app, client, make_round):
    slug = make_round("younger-children", status="closed")
    closed = client.get(f"/r/{slug}")
    assert closed.status_code == 410 and "This survey has closed" in closed.get_data(as_text=True)
    publish_directly(app, slug)
    reply = client.get(f"/r/{slug}")
    assert reply.status_code == 200
    page = reply.get_data(as_text=True)
    assert "<h1>You said, we did</h1>" in page and "Go to the survey" not in page


def test_an_open_rounds_start_page_keeps_the_survey_and_links_to_you_said_we_did(app, client, make_round):
    slug = make_round("younger-children")
    assert "you-said-we-did" not in client.get(f"/r/{slug}").get_data(as_text=True)
    publish_directly(app, slug)
    start = client.get(f"/r/{slug}").get_data(as_text=True)
    assert f'href="/r/{slug}/you-said-we-did"' in start and ">Start</button>" in start
    reply = client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)
    assert f'href="/r/{slug}"' in reply  # back to the survey while it is open


# -- the standalone HTML (CLI) and the pure helpers -------------------------------------------------------

def test_the_standalone_board_html_carries_its_styles_and_loads_nothing(app):
    from survey_app.reporting.render import render_board_html

    with app.app_context(), app.test_request_context():
        html = render_board_html(Report.from_json(sample_report()))
    assert html.startswith("<!doctype html>") and "<style>" in html and "@page" in html
    assert "<link" not in html and "<script" not in html and "<img" not in html
    assert "Almost all young people (27 of 28)" in html


def test_dates_statuses_and_points_in_plain_words():
    assert present.by_month("2027-03-31") == "by March 2027"
    assert present.date_words("2026-11-01") == "1 November 2026"
    assert present.by_month(None) == "" and present.date_words("") == ""
    assert present.percent(96.43) == "96%" and present.percent("c") == "c" and present.percent(None) == "–"
    assert present.bar(130) == 100.0 and present.bar("c") == 0.0
    assert present.change(-3.2) == "down 3 percentage points" and present.change(1.0) == "up 1 percentage point"
    assert points(" - one\n\n• two \n") == ["one", "two"]
    assert has_hidden_number("Unhappy c") and has_hidden_number("(c of 9)")
    assert not has_hidden_number("cats can’t come, can they?") and not has_hidden_number("c’mon")
    words = [row["status_words"] for row in present.children_actions(Report.from_json(sample_report()))]
    assert words == ["We have started doing this", "We are getting ready to do this", "We have done this",
                     "We can’t do this"]


def test_too_many_or_too_long_points_are_refused_with_a_reason():
    many = ReportTexts("", [f"point {n}" for n in range(13)], [])
    assert "at most 12 points" in problems_with(many)["children_good"]
    long = ReportTexts("", [], ["x" * 201])
    assert "200 characters or fewer" in problems_with(long)["children_change"]
    assert problems_with(ReportTexts("fine", ["Good"], ["Better"])) == {}


def test_the_childrens_page_has_no_inline_styles_or_scripts(app, client, make_round):
    slug = make_round("younger-children")
    publish_directly(app, slug)
    response = client.get(f"/r/{slug}/you-said-we-did")
    html = response.get_data(as_text=True)
    assert " style=" not in html and "<style" not in html and "<script>" not in html
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"
