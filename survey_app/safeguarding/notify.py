"""Tell the safeguarding leads that there are new flagged answers: an email to each lead that says only
which rounds have new answers to look at, with a link to the queue. Never the answer, the question, a
time of day or a count: the email may be read on a phone in a meeting, and mail servers keep copies.

Settings (README, Configuration): SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS,
MAIL_FROM. Without SMTP_HOST nothing is sent, a line says so in the log, and the queue page warns.
A mail server that is down never loses a flag: the flags are already stored; the failure is logged."""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models import StaffUser, SurveyRound

log = logging.getLogger(__name__)
LEAD_ROLE = "safeguarding"  # staff/roles.py SAFEGUARDING (not imported: domain code doesn't import the blueprint)
SUBJECT = "Voices in Care: new answers to look at"


def email_configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def safeguarding_leads() -> list[StaffUser]:
    users = db.session.scalars(select(StaffUser).where(StaffUser.active.is_(True)).order_by(StaffUser.id))
    return [user for user in users if LEAD_ROLE in user.role_set]


def message_for(lead: StaffUser, round_titles: list[str]) -> EmailMessage:
    config = current_app.config
    queue = config["PUBLIC_URL"].rstrip("/") + "/staff/safeguarding"
    rounds = "\n".join(f"- {title}" for title in round_titles)
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = lead.email
    message["Subject"] = SUBJECT
    message.set_content(
        "There are new answers for a safeguarding lead to look at in:\n\n"
        f"{rounds}\n\n"
        f"Sign in to see them: {queue}\n\n"
        "This email never holds what a young person wrote. You get it because you are a safeguarding lead "
        f"for {config['COUNCIL_NAME']} in Voices in Care.\n"
    )
    return message


def notify_leads(round_ids: set[int]) -> int:
    """Email every safeguarding lead about new flags in these rounds; returns how many emails were sent.
    Never raises: the flags are stored before this is called, and a mail problem must not undo a request."""
    if not round_ids:
        return 0
    if not email_configured():
        log.warning("safeguarding email not configured")
        return 0
    try:
        titles = list(db.session.scalars(select(SurveyRound.title).where(SurveyRound.id.in_(round_ids))
                                         .order_by(SurveyRound.title)))
        leads = safeguarding_leads()
    except Exception as error:  # the caller has committed its flags: nothing here may undo them
        log.error("safeguarding email not sent: %s", type(error).__name__)
        return 0
    if not titles:
        return 0
    if not leads:
        log.warning("new safeguarding flags but no active safeguarding lead to email")
        return 0
    return _send(leads, titles)


def _send(leads: list[StaffUser], titles: list[str]) -> int:
    config = current_app.config
    sent = refused = 0
    try:
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=config["SMTP_TIMEOUT"]) as smtp:
            if config["SMTP_STARTTLS"]:
                smtp.starttls()
            if config["SMTP_USERNAME"]:
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
            for lead in leads:
                try:
                    smtp.send_message(message_for(lead, titles))
                    sent += 1
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError):
                    # One lead's address refused: the others are still told.
                    refused += 1
    except Exception as error:  # never break the caller; log the type only, no address or words
        log.error("safeguarding email failed after %d of %d: %s", sent, len(leads), type(error).__name__)
        return sent
    if refused:
        log.error("safeguarding email refused for %d of %d leads", refused, len(leads))
    return sent
