"""Who a young person can talk to, fitted to the survey's audience (its age band).

Pure: takes the audience's ages and the council's settings, returns the contacts in the order shown.
An 8–11 survey shows no Samaritans (for adults) and no leaving care team; Childline is for under-19s;
Shout (text) is for 13 and over; ways that are not a phone call come with every list. Links to other
sites are written as plain text (no page of ours links away or loads anything from elsewhere)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

HELP_AT_HAND = "0800 528 0731"
_AGES = re.compile(r"^\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\s*$")


@dataclass(frozen=True)
class Contact:
    name: str
    how: str
    phone: str | None = None
    extra: str | None = None
    essential: bool = False  # on the short list a printed card has room for


def ages_of(text: str | None) -> tuple[int, int] | None:
    """(youngest, oldest) from a questionnaire's "8-11"; None when unknown (then everyone's contacts show)."""
    match = _AGES.match(text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def contacts_for(ages: tuple[int, int] | None, settings: Mapping) -> list[Contact]:
    youngest, oldest = ages or (8, 25)
    contacts = [Contact(
        "Someone you know",
        "your social worker" + (" or personal adviser" if oldest >= 16 else "")
        + ", your carer or key worker, or your IRO (the person who runs your review meetings)", essential=True)]
    if youngest < 19:
        contacts.append(Contact("Childline", "call free, any time, if you are under 19", "0800 1111",
                                "or chat 1-to-1 online at childline.org.uk", essential=True))
    if oldest >= 13:
        contacts.append(Contact("Shout", "text SHOUT to 85258, free, any time" +
                                (" (for ages 13 and over)" if youngest < 13 else "")))
    if settings.get("COUNCIL_PHONE"):
        out_of_hours = settings.get("COUNCIL_OUT_OF_HOURS_PHONE")
        contacts.append(Contact(f"{settings.get('COUNCIL_NAME', 'The council')} children’s services", "call",
                                settings["COUNCIL_PHONE"],
                                f"evenings and weekends: {out_of_hours}" if out_of_hours else None, essential=True))
    if settings.get("ADVOCACY_PHONE") or settings.get("ADVOCACY_URL"):
        contacts.append(Contact(settings.get("ADVOCACY_NAME") or "An advocate",
                                "someone on your side who helps you say what you want, free",
                                settings.get("ADVOCACY_PHONE") or None, settings.get("ADVOCACY_URL") or None))
    contacts.append(Contact("Help at Hand (the Children’s Commissioner)",
                            "if you are in care or a care leaver up to 25 and nobody is listening", HELP_AT_HAND))
    if settings.get("COMPLAINTS_PHONE") or settings.get("COMPLAINTS_URL"):
        contacts.append(Contact("Make a complaint", "tell the council something isn’t right",
                                settings.get("COMPLAINTS_PHONE") or None, settings.get("COMPLAINTS_URL") or None))
    if oldest >= 16 and settings.get("LEAVING_CARE_PHONE"):
        contacts.append(Contact("Care leavers: the leaving care team", "call", settings["LEAVING_CARE_PHONE"],
                                essential=True))
    if oldest >= 19:
        contacts.append(Contact("Samaritans", "call free, any time, if you are 19 or over", "116 123"))
    contacts.append(Contact("In danger now", "call", "999", essential=True))
    return contacts
