"""The staff audit log: who did what, when. Staff only, never anything about young people.
Domain code writes it from here, so it never has to import the `staff` blueprint package."""

from __future__ import annotations

from .clock import utc_now
from .extensions import db
from .models import AuditEvent


def audit(actor: str, action: str, detail: str = "") -> None:
    db.session.add(AuditEvent(at=utc_now(), actor=actor, action=action, detail=detail))
