"""Someone is told: when flagged answers are released, every safeguarding lead gets one email through a
real SMTP server (aiosmtpd, started here) that says only which rounds have new answers to look at."""

from __future__ import annotations

import re
import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from survey_app.extensions import db
from survey_app.models import SafeguardingFlag, StaffUser
from survey_app.rounds.operations import round_by_slug
from survey_app.safeguarding.notify import notify_leads

from .test_safeguarding_every_ending import WORRY, worried_child


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(app, monkeypatch):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    for key, value in {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": controller.port, "SMTP_STARTTLS": False,
                       "MAIL_FROM": "voices@council.example"}.items():
        monkeypatch.setitem(app.config, key, value)
    yield handler
    controller.stop()


def body_of(message) -> str:
    return message.get_payload(decode=True).decode("utf-8")


def test_every_lead_is_told_once_with_a_link_and_nothing_a_child_wrote(app, client, make_round, make_staff,
                                                                         runner, inbox):
    leads = sorted(make_staff("safeguarding")[0] for _ in range(2))
    make_staff("worker")
    inactive, _ = make_staff("safeguarding")
    with app.app_context():
        db.session.scalar(select(StaffUser).filter_by(email=inactive)).active = False
        db.session.commit()
    slug = make_round("younger-children")
    worried_child(client, slug).send()
    result = runner.invoke(args=["survey", "purge-drafts"])
    assert result.exit_code == 0, result.output
    assert sorted(recipient for recipients, _message in inbox.messages for recipient in recipients) == leads
    with app.app_context():
        title = round_by_slug(slug).title
    for _recipients, message in inbox.messages:
        body = body_of(message)
        assert title in body and "http://localhost/staff/safeguarding" in body
        for secret in (WORRY, "hits", "feel safe", "feel_safe_home", "— No"):
            assert secret not in body and secret not in str(message["Subject"])
        assert not re.search(r"\b\d{1,2}:\d{2}\b", body)
        assert not re.search(r"\b[0-9]+ (new )?answers?\b", body)  # no count
    runner.invoke(args=["survey", "purge-drafts"])
    assert len(inbox.messages) == 2  # nothing new, nobody emailed again


def test_a_mail_server_that_is_down_loses_no_flag(app, client, make_round, make_staff, runner, monkeypatch):
    make_staff("safeguarding")
    for key, value in {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": free_port(), "SMTP_STARTTLS": False}.items():
        monkeypatch.setitem(app.config, key, value)
    slug = make_round("younger-children")
    worried_child(client, slug).send()
    result = runner.invoke(args=["survey", "purge-drafts"])
    assert result.exit_code == 0, result.output
    assert "2 flagged answers released" in result.output
    with app.app_context():
        assert len(db.session.scalars(select(SafeguardingFlag)).all()) == 2
        assert notify_leads({round_by_slug(slug).id}) == 0  # the server is still down: nothing sent, no error


def test_without_email_settings_the_queue_warns_the_lead(app, client, make_staff, sign_in, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_HOST", "")
    sign_in(*make_staff("safeguarding"))
    assert "Email is not set up" in client.get("/staff/safeguarding").get_data(as_text=True)
    monkeypatch.setitem(app.config, "SMTP_HOST", "mail.council.example")
    assert "Email is not set up" not in client.get("/staff/safeguarding").get_data(as_text=True)
