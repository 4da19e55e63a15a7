"""Questions that would identify a child are refused: our surveys are anonymous by construction."""

from __future__ import annotations

import re

IDENTIFYING_TYPES = {
    "name": "a name",
    "date": "a date",
    "date_of_birth": "a date of birth",
    "email": "an email address",
    "phone": "a phone number",
    "postcode": "a postcode",
    "address": "an address",
}

_ID_WORDS = {
    "name": "a name",
    "first_name": "a name",
    "surname": "a name",
    "full_name": "a name",
    "dob": "a date of birth",
    "date_of_birth": "a date of birth",
    "birthday": "a date of birth",
    "postcode": "a postcode",
    "post_code": "a postcode",
    "address": "an address",
    "email": "an email address",
    "phone": "a phone number",
    "mobile": "a phone number",
    "school_name": "a school's name",
}

_TEXT_PATTERNS = [
    (re.compile(r"\b(your|their|carer'?s|worker'?s)\s+(first\s+|full\s+|last\s+|sur)?name\b"), "a name"),
    (re.compile(r"\bwhat\s+is\s+your\s+name\b|\bwhat'?s\s+your\s+name\b|\bsurname\b"), "a name"),
    (re.compile(r"\bdate\s+of\s+birth\b|\bwhen\s+is\s+your\s+birthday\b|\bd\.?o\.?b\b"), "a date of birth"),
    (re.compile(r"\bpost\s?code\b"), "a postcode"),
    (re.compile(r"\byour\s+(home\s+)?address\b|\bwhere\s+exactly\s+do\s+you\s+live\b"), "an address"),
    (re.compile(r"\be-?mail\s+address\b|\byour\s+e-?mail\b"), "an email address"),
    (re.compile(r"\b(phone|mobile|telephone)\s+number\b"), "a phone number"),
    (re.compile(r"\b(which|what)\s+school\b|\bname\s+of\s+your\s+(school|college)\b"), "a school's name"),
    (
        re.compile(r"\b(instagram|snapchat|tiktok|facebook|social\s+media)\s+(name|handle|account)\b"),
        "a social media name",
    ),
]


def identifying_reason(question_id: str, question_type: str, text: str) -> str | None:
    """What identifying data a question would collect, or None if it is fine."""
    if question_type in IDENTIFYING_TYPES:
        return IDENTIFYING_TYPES[question_type]
    if question_id in _ID_WORDS:
        return _ID_WORDS[question_id]
    for word, reason in _ID_WORDS.items():
        if question_id.startswith(word + "_") or question_id.endswith("_" + word):
            return reason
    lowered = text.lower()
    for pattern, reason in _TEXT_PATTERNS:
        if pattern.search(lowered):
            return reason
    return None
