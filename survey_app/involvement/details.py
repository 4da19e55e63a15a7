"""What a young person writes on the "I'd like to get involved" form, checked with kind words.

Nothing here knows about a round, a draft or a response: the form asks only what the participation worker
needs to get in touch."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from ..characters import without_unusable
from ..form_problems import FormInvalid
from ..models.statuses import ContactBy
from ..question_types import N_

# (code, what it is, a hint in plain words), in the order shown and stored.
INTERESTS: tuple[tuple[str, str, str], ...] = (
    ("council", N_("The Children in Care Council"),
     N_("Young people in care who meet to tell the council what needs to change.")),
    ("care_leavers", N_("The care leavers’ group"),
     N_("Young people aged 16 to 25 who have left care, meeting to make things better.")),
    ("groups", N_("Groups and activities"), N_("Things to do and people to meet, like art, sport or cooking.")),
    ("events", N_("Events and days out"), N_("Fun days, trips and celebrations.")),
    ("surveys", N_("Helping to make surveys like this one"), N_("Try new surveys first and tell us what to change.")),
)
INTEREST_TITLES = {code: title for code, title, _hint in INTERESTS}
CALLED_MAX = 40
CONTACT_MAX = {ContactBy.PHONE: 20, ContactBy.EMAIL: 254, ContactBy.WORKER: 80}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ()-]+$")


class DetailsRefused(FormInvalid):
    """Something on the form needs another look; every problem by field."""


@dataclass(frozen=True)
class Details:
    interests: tuple[str, ...]
    called: str
    contact_by: ContactBy
    contact: str

    def digest(self, key: str) -> str:
        """The same details sent twice give the same value (keyed, so it can't be worked back from a guess).
        Interests are left out: sending again with other ticks adds them to the first."""
        material = json.dumps([self.called.casefold(), self.contact_by.value, _squashed(self.contact)])
        return hmac.new(key.encode(), material.encode(), hashlib.sha256).hexdigest()


def _squashed(contact: str) -> str:
    return re.sub(r"[\s()-]", "", contact).casefold()


def _clean(value: str | None) -> str:
    return " ".join(without_unusable(value or "").split())


def read_details(form: Mapping[str, str], ticked: Sequence[str]) -> Details:
    """The form's fields as Details, or DetailsRefused with every problem."""
    problems: dict[str, str] = {}
    interests = tuple(code for code, _title, _hint in INTERESTS if code in set(ticked))
    if not interests:
        problems["interests"] = _("Tick at least one thing you would like to hear about.")
    called = _clean(form.get("called"))
    if not called:
        problems["called"] = _("Tell us the name you like to be called, so we know who to ask for.")
    elif len(called) > CALLED_MAX:
        problems["called"] = _("Please make your name shorter: %(limit)s letters or fewer.", limit=CALLED_MAX)
    way = form.get("contact_by", "")
    contact_by = ContactBy(way) if way in {choice.value for choice in ContactBy} else None
    contact = ""
    if contact_by is None:
        problems["contact_by"] = _("Choose how we can get in touch with you.")
    else:
        contact = _clean(form.get(contact_by.value))
        refused = _contact_problem(contact_by, contact)
        if refused:
            problems[contact_by.value] = refused
    if problems:
        raise DetailsRefused(problems)
    assert contact_by is not None
    return Details(interests, called, contact_by, contact.lower() if contact_by == ContactBy.EMAIL else contact)


def _contact_problem(contact_by: ContactBy, contact: str) -> str | None:
    if contact_by == ContactBy.PHONE:
        digits = sum(character.isdigit() for character in contact)
        if not contact:
            return _("Type your phone number, or choose another way for us to get in touch.")
        if not PHONE.match(contact) or not 10 <= digits <= 13 or len(contact) > CONTACT_MAX[contact_by]:
            return _("That doesn’t look like a phone number. Type all of its numbers, like 07700 900123.")
    elif contact_by == ContactBy.EMAIL:
        if not contact:
            return _("Type your email address, or choose another way for us to get in touch.")
        if not EMAIL.match(contact) or len(contact) > CONTACT_MAX[contact_by]:
            return _("That doesn’t look like an email address. It should look like name@example.com.")
    else:
        if not contact:
            return _("Tell us who to ask, like “my social worker” or your carer’s name.")
        if len(contact) > CONTACT_MAX[contact_by]:
            return _("Please make this shorter: %(limit)s letters or fewer.", limit=CONTACT_MAX[contact_by])
    return None
