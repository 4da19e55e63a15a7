"""The languages pages can be shown in, and which one this request uses.

The choice, in order: `?lang=` on any page (kept in the session cookie from then on), the language kept
in the session, the browser's preferred language (Accept-Language) when we have it, English. The survey
narrows this further to the languages its questionnaire is translated into (survey/ pages)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, g, has_request_context, request, session

from .question_types import N_  # noqa: F401  the no-op marker for `pybabel extract -k N_` (Flask-free there)

DEFAULT = "en"
SESSION_KEY = "lang"


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    own_name: str  # the name in the language itself, as a picker shows it
    direction: str = "ltr"
    speech: str = ""  # BCP 47 tag for read-aloud (speechSynthesis) voices

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


# The interface's languages: each but English has a catalogue in survey_app/translations/<code>/.
LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", "English", speech="en-GB"),
        Language("cy", "Welsh", "Cymraeg", speech="cy-GB"),
        Language("ar", "Arabic", "العربية", direction="rtl", speech="ar"),
    )
}


def language(code: str | None) -> Language:
    return LANGUAGES.get(code or DEFAULT, LANGUAGES[DEFAULT])


def known(code: str | None) -> str | None:
    """`code` if it is one of our languages (a region like `cy-GB` counts as `cy`), else None."""
    if not code:
        return None
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else None


def chosen() -> str:
    """This request's language code (worked out once per request). Outside a request (a command, a job
    building a report) it is English unless `use` chose another."""
    if "lang_code" not in g:
        g.lang_code = _choose() if has_request_context() else DEFAULT
    return g.lang_code


def _choose() -> str:
    asked = known(request.args.get("lang"))
    if asked:
        if session.get(SESSION_KEY) != asked:
            session[SESSION_KEY] = asked
        return asked
    kept = known(session.get(SESSION_KEY))
    if kept:
        return kept
    # In the browser's order of preference, a region counting as its language (cy-GB is cy): werkzeug's
    # best_match would prefer an exact "en" at a lower quality to the "cy-GB" the young person put first.
    for asked_for, _quality in request.accept_languages:
        found = known(asked_for)
        if found:
            return found
    return DEFAULT


def use(code: str) -> None:
    """Show the rest of this request in `code` (the survey narrowing the choice to its translations)."""
    from flask_babel import refresh

    g.lang_code = known(code) or DEFAULT
    refresh()


def _translations():
    """The catalogue for the language in use, found once a request: a page's templates ask for a translation
    twenty times or more, and Flask-Babel finds the catalogue again each time. It is kept in Flask-Babel's
    own per-request place (`babel_translations`), which its `refresh()` (called by `use`) clears and its
    `force_locale()` sets aside and puts back, so a language chosen mid-request still takes effect."""
    from flask_babel import get_translations

    if not g:  # no app context: Flask-Babel's own answer (no translation)
        return get_translations()
    kept = getattr(g.get("_flask_babel"), "babel_translations", None)
    if kept is None:
        kept = get_translations()
        babel_context = g.get("_flask_babel")
        if babel_context is not None:
            babel_context.babel_translations = kept
    return kept


def init_app(app: Flask) -> None:
    from flask_babel import Babel

    Babel(app, locale_selector=chosen)
    app.jinja_env.install_gettext_callables(  # Flask-Babel's, but looking the catalogue up once a request
        gettext=lambda string: _translations().ugettext(string),
        ngettext=lambda singular, plural, n: _translations().ungettext(singular, plural, n),
        newstyle=True,
        pgettext=lambda context, string: _translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: _translations().unpgettext(context, singular, plural, n),
    )

    @app.context_processor
    def page_language() -> dict:
        current = language(chosen())
        return {"page_language": current, "languages": list(LANGUAGES.values())}
