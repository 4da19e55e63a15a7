"""Published reports are built once and stored; pages read the stored report, and every change to what a
report reads marks it old (reporting/freshness.py, reporting/stored.py)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import (
    Action,
    Answer,
    DataVersion,
    Quote,
    RoundCohort,
    RoundReport,
    StoredReport,
    SurveyResponse,
    Theme,
)
from survey_app.reporting import build, stored
from survey_app.rounds.operations import round_by_slug

from .journey import Journey
from .test_safeguarding_every_ending import answer_everything


def publish(app, slug: str) -> None:
    with app.app_context():
        survey_round = round_by_slug(slug)
        db.session.add(RoundReport(round_id=survey_round.id, published=True, published_on=dt.date(2026, 12, 1)))
        db.session.commit()


def send_one(app, slug: str) -> None:
    child = Journey(app.test_client(), slug)
    answer_everything(child, {})
    child.send()


def versions(app, slug: str) -> tuple[int, int]:
    with app.app_context():
        survey_round = round_by_slug(slug)
        return survey_round.data_version, db.session.scalar(select(DataVersion.version))


def test_the_childrens_page_reads_the_stored_report_and_never_builds_it_again(app, client, make_round, monkeypatch):
    slug = make_round("younger-children")
    send_one(app, slug)
    publish(app, slug)
    first = client.get(f"/r/{slug}/you-said-we-did")
    assert first.status_code == 200 and "You said, we did" in first.get_data(as_text=True)

    def no_building(*_args, **_kwargs):
        raise AssertionError("a page built the report")

    monkeypatch.setattr(build, "build", no_building)
    for _ in range(3):
        again = client.get(f"/r/{slug}/you-said-we-did")
        assert again.status_code == 200 and again.data == first.data
    with app.app_context():
        assert db.session.scalar(select(StoredReport.for_staff).where(
            StoredReport.round_id == round_by_slug(slug).id)) is False


def help_link_of(page: str) -> str:
    return page.split('class="talk" href="', 1)[1].split('"', 1)[0]


def test_a_childrens_page_kept_in_memory_still_changes_with_its_address_title_round_and_report(
        app, client, make_round):
    slug = make_round("younger-children")
    send_one(app, slug)
    publish(app, slug)
    page = client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)
    assert help_link_of(page) == f"/help?next=/r/{slug}/you-said-we-did"
    with app.app_context():
        round_by_slug(slug).title = "Our autumn survey"
        db.session.commit()
    page = client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)
    assert "Our autumn survey" in page
    with app.app_context():
        round_by_slug(slug).status = "closed"
        db.session.commit()
    assert help_link_of(client.get(f"/r/{slug}/you-said-we-did").get_data(as_text=True)).endswith("we-did")
    same_page_at_the_link = client.get(f"/r/{slug}").get_data(as_text=True)  # the QR code's address
    assert "You said, we did" in same_page_at_the_link
    assert help_link_of(same_page_at_the_link) == f"/help?next=/r/{slug}"
    assert "More time with social workers" not in same_page_at_the_link
    with app.app_context():
        survey_round = round_by_slug(slug)
        db.session.add(Action(reference="14.9", title="More time with social workers", priority_code="placement",
                              round_id=survey_round.id))
        db.session.commit()
        assert stored.read(survey_round, for_staff=False, wait=60).fresh  # rebuilt with the action
    assert "More time with social workers" in client.get(f"/r/{slug}").get_data(as_text=True)


def test_a_new_answer_shows_at_once_the_stored_report_then_the_rebuilt_one(app, client, make_round):
    slug = make_round("younger-children")
    send_one(app, slug)
    publish(app, slug)
    client.get(f"/r/{slug}/you-said-we-did")
    before_versions = versions(app, slug)
    send_one(app, slug)
    assert versions(app, slug)[0] == before_versions[0] + 1
    with app.app_context():
        survey_round = round_by_slug(slug)
        reading = stored.read(survey_round, for_staff=False, wait=None)
        assert reading.fresh is False and reading.job is not None  # the old report at once, a rebuild queued
        assert reading.report is not None
        assert stored.read(survey_round, for_staff=False, wait=60).fresh
        row = db.session.get(StoredReport, (survey_round.id, False), populate_existing=True)
        assert (row.round_version, row.shared_version) == versions(app, slug) != before_versions


CHANGES = {
    "a response": lambda round_id: SurveyResponse(round_id=round_id, week_of=dt.date(2026, 12, 1), answers=[
        Answer(question_id="happy_home", choice="yes")]),
    "an approved quote": None,
    "the report texts": lambda round_id: RoundReport(round_id=round_id, board_summary="Thank you"),
    "a cohort": lambda round_id: RoundCohort(round_id=round_id, group="all", expected=30),
}


@pytest.mark.parametrize("what", [name for name, make in CHANGES.items() if make])
def test_a_change_to_a_rounds_own_data_counts_on_that_round_only(app, make_round, what):
    slug, other = make_round("younger-children"), make_round("care-leavers")
    before, other_before = versions(app, slug), versions(app, other)
    with app.app_context():
        db.session.add(CHANGES[what](round_by_slug(slug).id))
        db.session.commit()
    after = versions(app, slug)
    assert after[0] == before[0] + 1 and after[1] == before[1]  # an open round: only its own version
    assert versions(app, other)[0] == other_before[0]


def test_a_quote_changed_or_a_round_closed_counts_on_the_round(app, make_round):
    slug = make_round("younger-children")
    send_one(app, slug)
    with app.app_context():
        survey_round = round_by_slug(slug)
        response_id = db.session.scalar(select(SurveyResponse.id).where(SurveyResponse.round_id == survey_round.id))
        db.session.add(Quote(round_id=survey_round.id, response_id=response_id, question_id="grow_up_to_be",
                             text="a vet"))
        db.session.commit()
    before = versions(app, slug)
    with app.app_context():
        db.session.scalar(select(Quote)).status = "approved"
        db.session.commit()
    assert versions(app, slug)[0] == before[0] + 1
    with app.app_context():
        round_by_slug(slug).status = "closed"
        db.session.commit()
    assert versions(app, slug)[0] == before[0] + 2


@pytest.mark.parametrize("make", [
    lambda: Action(reference="14.9", title="More time with social workers", priority_code="placement"),
    lambda: Theme(code="pets", title="Pets", priority_code="voice", words="dog\ncat"),
], ids=["an action", "a theme"])
def test_a_change_every_report_reads_counts_on_the_shared_version(app, make_round, make):
    slug = make_round("younger-children")
    before = versions(app, slug)
    with app.app_context():
        added = make()
        db.session.add(added)
        db.session.commit()
    try:
        assert versions(app, slug)[1] == before[1] + 1
    finally:
        with app.app_context():
            db.session.delete(db.session.merge(added))
            db.session.commit()
    assert versions(app, slug)[1] == before[1] + 2


def test_an_answer_added_to_a_closed_round_changes_later_rounds_trends_so_counts_as_shared(app, make_round):
    slug = make_round("younger-children", status="closed")
    before = versions(app, slug)
    with app.app_context():
        db.session.add(CHANGES["a response"](round_by_slug(slug).id))
        db.session.commit()
    after = versions(app, slug)
    assert after == (before[0] + 1, before[1] + 1)


def test_a_change_rolled_back_counts_nothing(app, make_round):
    slug = make_round("younger-children")
    before = versions(app, slug)
    with app.app_context():
        db.session.add(CHANGES["a response"](round_by_slug(slug).id))
        db.session.flush()
        db.session.rollback()
    assert versions(app, slug) == before


def test_a_bulk_delete_of_answers_counts_as_a_shared_change(app, make_round):
    from sqlalchemy import delete

    slug = make_round("younger-children")
    send_one(app, slug)
    before = versions(app, slug)
    with app.app_context():
        db.session.execute(delete(Answer).where(Answer.question_id == "nothing-matches"))
        db.session.commit()
    assert versions(app, slug)[1] == before[1] + 1


def test_staff_see_progress_while_a_slow_preview_builds_then_the_report(app, make_round, make_staff, sign_in,
                                                                        client, monkeypatch):
    slug = make_round("younger-children")
    send_one(app, slug)
    sign_in(*make_staff("worker"))
    release = threading.Event()
    real_build = build.build

    def slow_build(*args, **kwargs):
        kwargs["progress"](40, "Counting the answers")
        release.wait(30)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(build, "build", slow_build)
    monkeypatch.setitem(app.config, "JOB_WAIT_SECONDS", 0.2)
    try:
        waiting = client.get(f"/staff/reports/{slug}")
        page = waiting.get_data(as_text=True)
        assert waiting.status_code == 503
        assert "Preparing the report" in page and 'http-equiv="refresh"' in page
    finally:
        release.set()
    monkeypatch.setitem(app.config, "JOB_WAIT_SECONDS", 60)
    ready = client.get(f"/staff/reports/{slug}")
    assert ready.status_code == 200 and "Preparing the report" not in ready.get_data(as_text=True)


def test_a_report_build_asked_for_by_hand_finishes_and_is_stored(app, make_round):
    from survey_app.jobs import queue

    slug = make_round("younger-children")
    with app.app_context():
        survey_round = round_by_slug(slug)
        job = stored.refresh(survey_round, for_staff=False)
        finished = queue.wait(job.id, 60)
        assert finished.status == "done" and finished.progress == 100
        assert db.session.get(StoredReport, (survey_round.id, False)) is not None
