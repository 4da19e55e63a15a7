"""Staff accounts and the audit log. Nothing here is about young people."""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model


class StaffUser(UserMixin, Model):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    # Wrong passwords from anywhere in the current 15-minute window (`failed_window`), counted in one
    # UPDATE so parallel attempts are all counted (staff/accounts.py).
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    failed_window: Mapped[int | None] = mapped_column(Integer)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Part of the session's user id: raising it signs the person out everywhere.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)

    @property
    def role_set(self) -> set[str]:
        return set(self.roles.split())

    def has_any(self, *roles: str) -> bool:
        return bool(self.role_set & set(roles))

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active


class StaffSession(Model):
    """One signed-in browser. The cookie holds a random token; only its hash is kept, and signing out
    deletes the row, so a copied cookie stops working the moment its owner signs out."""

    __tablename__ = "staff_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditEvent(Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")
