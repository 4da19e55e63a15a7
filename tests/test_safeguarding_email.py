"""Someone is told: when flagged answers are released, every safeguarding lead gets one email through a
real SMTP server (aiosmtpd, started here) that says only which rounds have new answers to look at."""

from __future__ import annotations

import logging
import re
import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
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


class InboxRefusing(Inbox):
    """A mail server that doesn't know one address."""

    def __init__(self, unknown: str):
        super().__init__()
        self.unknown = unknown

    async def handle_RCPT(self, _server, _session, envelope, address, _options):  # noqa: N802
        if address == self.unknown:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server(app, monkeypatch):
    """mail_server(handler, **smtp_options) starts a real SMTP server on a free local port and points the app at it."""
    controllers = []

    def start(handler, **options):
        controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
        controller.start()
        controllers.append(controller)
        for key, value in {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": controller.port, "SMTP_STARTTLS": False,
                           "MAIL_FROM": "voices@council.example"}.items():
            monkeypatch.setitem(app.config, key, value)
        return handler

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def inbox(mail_server):
    return mail_server(Inbox())


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
        assert not re.search(r"\b\d{1,2}[:.]\d{2}\b", message.as_string())  # no time of day, headers included
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


def test_each_lead_gets_one_email_naming_every_round_with_new_answers(app, make_round, make_staff, inbox):
    lead, _ = make_staff("safeguarding")
    slugs = [make_round("younger-children"), make_round("care-leavers")]
    with app.app_context():
        rounds = [round_by_slug(slug) for slug in slugs]
        assert notify_leads({survey_round.id for survey_round in rounds}) == 1
    [(recipients, message)] = inbox.messages
    assert recipients == [lead]
    assert all(survey_round.title in body_of(message) for survey_round in rounds)


def test_a_lead_whose_address_is_refused_does_not_stop_the_others_being_told(app, make_round, make_staff,
                                                                              mail_server):
    refused, _ = make_staff("safeguarding")  # the first lead, so a stop at the first refusal would tell nobody
    told, _ = make_staff("safeguarding")
    inbox = mail_server(InboxRefusing(refused))
    slug = make_round("younger-children")
    with app.app_context():
        assert notify_leads({round_by_slug(slug).id}) == 1
    assert [recipients for recipients, _message in inbox.messages] == [[told]]


class AnyPassword:
    def __call__(self, _server, _session, _envelope, _mechanism, _auth_data):
        return AuthResult(success=True)


def test_a_mail_password_the_server_cannot_take_does_not_break_the_release(app, client, make_round, make_staff,
                                                                           runner, mail_server, monkeypatch):
    make_staff("safeguarding")
    mail_server(Inbox(), authenticator=AnyPassword(), auth_require_tls=False)
    monkeypatch.setitem(app.config, "SMTP_USERNAME", "voices")
    monkeypatch.setitem(app.config, "SMTP_PASSWORD", "pa£sword")  # SMTP AUTH takes ASCII only
    slug = make_round("younger-children")
    worried_child(client, slug).send()
    result = runner.invoke(args=["survey", "purge-drafts"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert len(db.session.scalars(select(SafeguardingFlag)).all()) == 2


def test_without_a_mail_server_one_line_says_so_and_nothing_else(app, make_round, make_staff, monkeypatch,
                                                                   caplog):
    make_staff("safeguarding")
    monkeypatch.setitem(app.config, "SMTP_HOST", "")
    slug = make_round("younger-children")
    with app.app_context(), caplog.at_level(logging.INFO, logger="survey_app.safeguarding.notify"):
        assert notify_leads({round_by_slug(slug).id}) == 0
    assert [record.getMessage() for record in caplog.records] == ["safeguarding email not configured"]


def test_without_email_settings_an_admin_who_cannot_open_the_queue_is_warned_at_home(client, app, make_staff,
                                                                                     sign_in, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_HOST", "")
    sign_in(*make_staff("admin"))
    assert "Email is not set up" in client.get("/staff/").get_data(as_text=True)
    monkeypatch.setitem(app.config, "SMTP_HOST", "mail.council.example")
    assert "Email is not set up" not in client.get("/staff/").get_data(as_text=True)


def test_a_board_member_is_not_troubled_by_the_email_settings(client, app, make_staff, sign_in, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_HOST", "")
    sign_in(*make_staff("board"))
    assert "Email is not set up" not in client.get("/staff/").get_data(as_text=True)
