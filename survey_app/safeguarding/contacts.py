"""Who a young person can talk to, fitted to the survey's audience (its age band).

Pure: takes the audience's ages and the council's settings, returns the contacts in the order shown.
A survey for children of 11 and under shows a child's list: a grown-up they trust (their carer or social
worker), Childline, the council, Help at Hand, 999; no IRO, key worker, Shout, Samaritans or leaving care
team. A survey whose oldest age is under 16 shows no Samaritans and no leaving care team; Childline is for
under-19s (said so only when the band goes past 18); a way that is not a phone call comes with every list
(Childline's 1-to-1 chat; from 12 up also Shout's texts). Care words are explained where they are used
(questionnaires/glossary.yaml; `flask questionnaires check` checks the help page). Other sites' addresses
are written as text, never linked (no page of ours links away or loads anything from elsewhere).

In the page's language (`language`): every name and description goes through gettext (translated in
survey_app/translations). On a page in another language than English, Childline says it can bring in an
interpreter, the council's interpreting line (`COUNCIL_INTERPRETING_PHONE`) is listed when set, and in
Welsh, Meic (the helpline for children and young people in Wales, in Welsh or English) is added."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from flask import has_request_context
from flask_babel import gettext

HELP_AT_HAND = "0800 528 0731"
MEIC = "080880 23456"


def _(text: str, **variables: str) -> str:
    """gettext in a request (the page's language); English outside one (`flask questionnaires check`)."""
    if has_request_context():
        return gettext(text, **variables)
    return text % variables if variables else text
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


def contacts_for(ages: tuple[int, int] | None, settings: Mapping, language: str = "en") -> list[Contact]:
    youngest, oldest = ages or (8, 25)
    if oldest <= CHILDREN_UP_TO:
        contacts = [Contact(_("A grown-up you trust"), _("your carer, your social worker, or another grown-up you "
                                                         "trust, like a teacher"), essential=True)]
    elif oldest >= 16:
        contacts = [Contact(_("Someone you know"), _(
            "your social worker or personal adviser (the worker who helps you after care), your carer or key worker "
            "(the grown-up who looks after you where you live), or your IRO (the person who runs your review "
            "meetings)"), essential=True)]
    else:
        contacts = [Contact(_("Someone you know"), _(
            "your social worker, your carer or key worker (the grown-up who looks after you where you live), or "
            "your IRO (the person who runs your review meetings)"), essential=True)]
    if language == "cy":
        contacts.append(Contact(_("Meic (in Welsh or English)"), _("call free, 8am to midnight, every day"), MEIC,
                                essential=True))
    if youngest < 19:
        how = _("call free, any time, if you are under 19") if oldest >= 19 else _("call free, any time")
        if language != "en":
            how = (_("call free, any time, if you are under 19; they can bring in an interpreter for your language")
                   if oldest >= 19 else _("call free, any time; they can bring in an interpreter for your language"))
        contacts.append(Contact("Childline", how, "0800 1111", _("or chat 1-to-1 online at"), "childline.org.uk",
                                essential=True))
    if oldest > CHILDREN_UP_TO:
        contacts.append(Contact("Shout", _("text SHOUT to 85258, free, any time")))
    if language != "en" and settings.get("COUNCIL_INTERPRETING_PHONE"):
        contacts.append(Contact(_("An interpreter from the council"),
                                _("call and ask for someone who speaks your language"),
                                settings["COUNCIL_INTERPRETING_PHONE"], essential=True))
    if settings.get("COUNCIL_PHONE"):
        out_of_hours = settings.get("COUNCIL_OUT_OF_HOURS_PHONE")
        council = settings.get("COUNCIL_NAME", "The council")
        contacts.append(Contact(_("%(council)s children’s services", council=council),
                                _("call"), settings["COUNCIL_PHONE"],
                                _("evenings and weekends: %(phone)s", phone=out_of_hours) if out_of_hours else None,
                                essential=True))
    advocacy_web = web_address(settings.get("ADVOCACY_URL"))
    if settings.get("ADVOCACY_PHONE") or advocacy_web:
        contacts.append(Contact(settings.get("ADVOCACY_NAME") or _("An advocate"),
                                _("someone on your side who helps you say what you want, free"),
                                settings.get("ADVOCACY_PHONE") or None, web=advocacy_web))
    contacts.append(Contact(_("Help at Hand (the Children’s Commissioner)"),
                            _("if you are in care or a care leaver up to 25 and nobody is listening"), HELP_AT_HAND))
    complaints_web = web_address(settings.get("COMPLAINTS_URL"))
    if settings.get("COMPLAINTS_PHONE") or complaints_web:
        contacts.append(Contact(_("Make a complaint"), _("tell the council something isn’t right"),
                                settings.get("COMPLAINTS_PHONE") or None, web=complaints_web))
    if oldest >= 16 and settings.get("LEAVING_CARE_PHONE"):
        contacts.append(Contact(_("Care leavers: the leaving care team"), _("call"), settings["LEAVING_CARE_PHONE"],
                                essential=True))
    if oldest >= 16:
        contacts.append(Contact("Samaritans", _("call free, any time, day or night"), "116 123"))
    contacts.append(Contact(_("In danger now"), _("call"), "999", essential=True))
    return contacts
