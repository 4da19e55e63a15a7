"""Young people who would like to get involved (the Children in Care Council, groups, events), and how to
reach them. Personal data, kept apart from the answers by construction (survey_app/involvement/):

- no round, no response or draft id, no session value, no time at all while waiting (the day a batch
  was released is the only date, shared by the whole batch);
- a random id, and on SQLite WITHOUT ROWID, so no hidden row number counts up in the order they came;
- written in a request of its own, after the response was committed and the session cleared.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import Model
from .ids import random_id
from .statuses import ContactBy, known_values


class InvolvementRequest(Model):
    __tablename__ = "involvement_requests"
    __table_args__ = (known_values("contact_by", ContactBy), {"sqlite_with_rowid": False})

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    # A keyed hash of what was written (involvement/details.py), unique while waiting, so the same form
    # sent twice is kept once. Dropped (NULL) when the batch is released.
    digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    interests: Mapped[str] = mapped_column(String(200))  # interest codes, space-separated, in a fixed order
    called: Mapped[str] = mapped_column(String(40))  # the name they like to be called
    contact_by: Mapped[str] = mapped_column(String(16))
    contact: Mapped[str] = mapped_column(Text)  # a phone number, an email address, or who to ask
    released_on: Mapped[dt.date | None] = mapped_column(Date, index=True)  # NULL: waiting for a batch
