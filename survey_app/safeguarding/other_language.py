"""Written answers no worrying-words list can read are sent to a person.

An answer goes to the safeguarding lead's queue as "written in another language: please read"
(FlagReason.OTHER_LANGUAGE) when

- its letters are not Latin (Arabic, Ethiopic, Cyrillic…): certainly not English or Welsh, and no shipped
  phrase list reads that script, however short the answer ("لا" is sent too: one word can be a disclosure);
- or it is *known* to be in a language (analysis.written_language: at least 3 words and 12 letters, and
  the model at least 90% sure) that is not the page's language, or has no phrase list (Polish, French…).

Short or uncertain Latin-letter answers ("ok", "no", "idk", "football", "da iawn") are never sent for
their language alone: they are read by every shipped list (English and Welsh) like any answer, and would
otherwise flood the queue. The young person sees no help page for this (nothing worrying was found)."""

from __future__ import annotations

from analysis.written_language import written_language

from .phrases import PHRASE_LANGUAGES


def needs_a_reader(text: str | None, page_language: str) -> bool:
    written = written_language(text)
    if written.script is None:
        return False
    if not written.latin:
        return True
    if written.code is None:
        return False
    return written.code != page_language or written.code not in PHRASE_LANGUAGES
