"""The language of a young person's written answer, named for staff in the page's language ("Welsh",
"Cymraeg", "Arabic letters (language not known)"), with what a template needs to mark the words up.

Filters: ``language_name(code)``; ``written_in(text)`` the code of a text's language (or None: English or
not known); ``flagged_words(answer_text)`` the young person's words of a safeguarding flag (its
"question — answer" text after the question)."""

from __future__ import annotations

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _

from analysis.written_language import written_language


def language_name(code: str | None) -> str:
    if not code:
        return ""
    locale = get_locale() or Locale("en")
    if code.startswith("und-"):
        script = code[4:]
        return _("%(script)s letters (language not known)", script=locale.scripts.get(script, script))
    return locale.languages.get(code, code)


def written_in(text: str | None) -> str | None:
    """The language code of ``text`` when known and not English, else None."""
    code = written_language(text).code
    return None if code in (None, "en") else code


def lang_attribute(code: str | None) -> str:
    """What the words' ``lang`` attribute says: the code, "und" when only the script is known."""
    return "und" if not code or code.startswith("und-") else code


def flagged_words(answer_text: str) -> str:
    return answer_text.rpartition(" — ")[2]


FILTERS = {"language_name": language_name, "written_in": written_in, "lang_attribute": lang_attribute,
           "flagged_words": flagged_words}
