"""Who a young person can talk to, fitted to the survey's audience (its age band).

Pure: takes the audience's ages and the council's settings, returns the contacts in the order shown.
A survey for children of 11 and under shows a child's list: a grown-up they trust (their carer or social
worker), Childline, the council, Help at Hand, 999; no IRO, key worker, Shout, Samaritans or leaving care
team. A survey whose oldest age is under 16 shows no Samaritans and no leaving care team; Childline is for
under-19s (said so only when the band goes past 18); a way that is not a phone call comes with every list
(Childline's 1-to-1 chat; from 12 up also Shout's texts). Care words are explained where they are used
(questionnaires/glossary.yaml; `flask questionnaires check` checks the help page). Other sites' addresses
are written as text, never linked (no page of ours links away or loads anything from elsewhere)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

HELP_AT_HAND = "0800 528 0731"
# A survey whose oldest young person is this age or younger shows the children's list.
CHILDREN_UP_TO = 11
_AGES = re.compile(r"^\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\s*$")


@dataclass(frozen=True)
class Contact:
    name: str
    how: str
    phone: str | None = None
    extra: str | None = None
    web: str | None = None  # a web address, shown as text
    essential: bool = False  # on the short list a printed card has room for


def web_address(address: str | None) -> str | None:
    """"council.gov.uk/advocacy" from a setting written with or without https://, the way a young person
    would type it; None when unset or not a web address."""
    shown = re.sub(r"^https?://", "", (address or "").strip(), flags=re.IGNORECASE).rstrip("/")
    if not shown or re.search(r"\s", shown) or re.match(r"^[a-z][a-z0-9+.-]*:", shown, flags=re.IGNORECASE):
        return None
    return shown


def ages_of(text: str | None) -> tuple[int, int] | None:
    """(youngest, oldest) from a questionnaire's "8-11"; None when unknown (then everyone's contacts show)."""
    match = _AGES.match(text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def contacts_for(ages: tuple[int, int] | None, settings: Mapping) -> list[Contact]:
    youngest, oldest = ages or (8, 25)
    if oldest <= CHILDREN_UP_TO:
        contacts = [Contact("A grown-up you trust", "your carer, your social worker, or another grown-up you trust, "
                                                    "like a teacher", essential=True)]
    else:
        contacts = [Contact(
            "Someone you know",
            "your social worker"
            + (" or personal adviser (the worker who helps you after care)" if oldest >= 16 else "")
            + ", your carer or key worker (the grown-up who looks after you where you live), or your IRO (the person "
            "who runs your review meetings)", essential=True)]
    if youngest < 19:
        contacts.append(Contact("Childline", "call free, any time" + (", if you are under 19" if oldest >= 19 else ""),
                                "0800 1111", "or chat 1-to-1 online at", "childline.org.uk", essential=True))
    if oldest > CHILDREN_UP_TO:
        contacts.append(Contact("Shout", "text SHOUT to 85258, free, any time"))
    if settings.get("COUNCIL_PHONE"):
        out_of_hours = settings.get("COUNCIL_OUT_OF_HOURS_PHONE")
        contacts.append(Contact(f"{settings.get('COUNCIL_NAME', 'The council')} children’s services", "call",
                                settings["COUNCIL_PHONE"],
                                f"evenings and weekends: {out_of_hours}" if out_of_hours else None, essential=True))
    advocacy_web = web_address(settings.get("ADVOCACY_URL"))
    if settings.get("ADVOCACY_PHONE") or advocacy_web:
        contacts.append(Contact(settings.get("ADVOCACY_NAME") or "An advocate",
                                "someone on your side who helps you say what you want, free",
                                settings.get("ADVOCACY_PHONE") or None, web=advocacy_web))
    contacts.append(Contact("Help at Hand (the Children’s Commissioner)",
                            "if you are in care or a care leaver up to 25 and nobody is listening", HELP_AT_HAND))
    complaints_web = web_address(settings.get("COMPLAINTS_URL"))
    if settings.get("COMPLAINTS_PHONE") or complaints_web:
        contacts.append(Contact("Make a complaint", "tell the council something isn’t right",
                                settings.get("COMPLAINTS_PHONE") or None, web=complaints_web))
    if oldest >= 16 and settings.get("LEAVING_CARE_PHONE"):
        contacts.append(Contact("Care leavers: the leaving care team", "call", settings["LEAVING_CARE_PHONE"],
                                essential=True))
    if oldest >= 16:
        contacts.append(Contact("Samaritans", "call free, any time, day or night", "116 123"))
    contacts.append(Contact("In danger now", "call", "999", essential=True))
    return contacts
