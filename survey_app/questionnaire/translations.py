"""Questionnaire translations: a PO file per questionnaire and language (questionnaires/translations/
<questionnaire id>.<lang>.po, format in questionnaires/README.md), kept in the database so workers can
replace and check them in the builder.

Each message is `msgctxt` = the string's context (strings.py), `msgid` = the English it was translated
from, `msgstr` = the translation. A version of the questionnaire is shown in a language only when every
one of its strings has a current translation (`ready_languages`): a young person never meets half a
questionnaire in English. Answers are option codes whatever the language."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel import support
from babel.messages.pofile import PoFileError, read_po
from sqlalchemy import select

from ..catalogues import TRANSLATIONS
from ..extensions import db
from ..kept import Kept
from ..languages import DEFAULT, LANGUAGES
from ..models import QuestionnaireTranslation, StoredQuestionnaire
from ..paths import questionnaires_dir
from .loader import Problem, QuestionnaireInvalid
from .schema import Questionnaire
from .store import definition
from .strings import Source, current, sources, translate

FILE_NAME = re.compile(r"^(?P<key>[a-z0-9][a-z0-9_-]*)\.(?P<language>[a-z]{2,3})\.po$")
MAX_BYTES = 1_000_000
_HEADER = re.compile(r'^"(?P<name>[A-Za-z-]+):\s*(?P<value>.*?)(?:\\n)?"\s*$')


@dataclass(frozen=True)
class Entry:
    english: str  # the msgid: the English this was translated from
    translation: str
    line: int


@dataclass(frozen=True)
class ParsedTranslation:
    language: str
    questionnaire: str
    entries: dict[str, Entry] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Status:
    """How a translation stands against one version of the questionnaire."""

    missing: tuple[Source, ...]
    stale: tuple[tuple[Source, Entry], ...]  # the English changed since it was translated
    unused: tuple[tuple[str, Entry], ...]  # contexts the questionnaire no longer has

    @property
    def complete(self) -> bool:
        return not self.missing and not self.stale


def translations_dir(folder: Path | None = None) -> Path:
    return (folder or questionnaires_dir()) / "translations"


def shipped_translation_files(folder: Path | None = None) -> list[Path]:
    return sorted(translations_dir(folder).glob("*.po"))


def _headers(text: str) -> dict[str, str]:
    # Babel's catalogue keeps only the standard header fields; ours (X-Questionnaire, X-Checked-By) are
    # read from the header message's lines, which come before the first blank line.
    found = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        match = _HEADER.match(line.strip())
        if match:
            found[match["name"]] = match["value"].strip()
    return found


def parse(text: str, filename: str) -> ParsedTranslation:
    """Read a translation file; a broken one is refused naming the file and line."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise QuestionnaireInvalid([Problem(filename, 0, None, f"the file is over {MAX_BYTES // 1000:,} KB")])
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except PoFileError as error:
        # babel counts a PoFileError's lines from 0 (its messages' from 1)
        line = (getattr(error, "lineno", None) or 0) + 1
        raise QuestionnaireInvalid([Problem(filename, line, None, f"not a readable PO file: {error}")]) from None
    headers = _headers(text)
    problems = []
    language = headers.get("Language", "").strip().lower()
    if language not in LANGUAGES or language == DEFAULT:
        problems.append(Problem(filename, 0, None, f"the header's 'Language: {language}' is not one of "
                                f"{', '.join(code for code in LANGUAGES if code != DEFAULT)}"))
    if not headers.get("X-Questionnaire"):
        problems.append(Problem(filename, 0, None, "the header needs 'X-Questionnaire: <questionnaire id>'"))
    entries: dict[str, Entry] = {}
    for message in catalog:
        if not message.id:
            continue
        if not message.context:
            problems.append(Problem(filename, message.lineno, None, "each message needs a msgctxt naming its string"))
            continue
        if message.context in entries:
            problems.append(Problem(filename, message.lineno, None, f"'{message.context}' is translated twice"))
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        translation = message.string if isinstance(message.string, str) else (message.string or ("",))[0]
        entries[message.context] = Entry(english, translation or "", message.lineno)
    if problems:
        raise QuestionnaireInvalid(problems)
    return ParsedTranslation(language, headers["X-Questionnaire"], entries, headers)


def status(questionnaire: Questionnaire, parsed: ParsedTranslation) -> Status:
    missing, stale = [], []
    for source in sources(questionnaire):
        entry = parsed.entries.get(source.context)
        if entry is None or not entry.translation.strip():
            missing.append(source)
        elif entry.english != source.english:
            stale.append((source, entry))
    known = {source.context for source in sources(questionnaire)}
    unused = [(context, entry) for context, entry in parsed.entries.items() if context not in known]
    return Status(tuple(missing), tuple(stale), tuple(unused))


# -- kept in the database -------------------------------------------------------------------------------

def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rows_for(key: str) -> list[QuestionnaireTranslation]:
    return list(db.session.scalars(
        select(QuestionnaireTranslation).filter_by(key=key).order_by(QuestionnaireTranslation.language)))


def row_for(key: str, language: str) -> QuestionnaireTranslation | None:
    return db.session.scalar(select(QuestionnaireTranslation).filter_by(key=key, language=language))


def stamp(key: str, language: str) -> str:
    """What changes whenever the translation's words do ("" when there is none): for caches of pages."""
    return db.session.scalar(select(QuestionnaireTranslation.checksum).filter_by(key=key, language=language)) or ""


def save(key: str, text: str, origin: str, language: str | None = None) -> tuple[QuestionnaireTranslation, bool]:
    """Keep a translation's text (validated); returns (row, changed). Changed text needs a check again."""
    parsed = parse(text, origin)
    if parsed.questionnaire != key:
        raise QuestionnaireInvalid([Problem(origin, 0, None, f"the file is for '{parsed.questionnaire}', not '{key}'")])
    if language and parsed.language != language:
        raise QuestionnaireInvalid([Problem(origin, 0, None, f"the file is in '{parsed.language}', not '{language}'")])
    row = row_for(key, parsed.language)
    digest = checksum(text)
    if row is not None and row.checksum == digest:
        return row, False
    if row is None:
        row = QuestionnaireTranslation(key=key, language=parsed.language)
        db.session.add(row)
    row.source, row.checksum, row.origin = text, digest, origin
    row.updated_on, row.checked_by, row.checked_on = dt.date.today(), "", None
    db.session.flush()
    return row, True


def store_shipped(path: Path) -> tuple[QuestionnaireTranslation, str]:
    """Keep a shipped translation file (`questionnaires load`); returns (row, what happened: "loaded",
    "already loaded" or "kept the uploaded text"). The file's name is its origin. A changed shipped file
    replaces what an earlier one gave; a text a worker uploaded in the builder is never replaced by a
    shipped file (they may have corrected it and had it checked): load prints that it was kept."""
    named = FILE_NAME.match(path.name)
    if named is None:
        raise QuestionnaireInvalid([Problem(str(path), 0, None, "a translation file is named "
                                            "<questionnaire id>.<language>.po, like younger-children.cy.po")])
    text = path.read_text(encoding="utf-8")
    existing = row_for(named["key"], named["language"])
    if existing is not None and existing.origin != path.name and existing.checksum != checksum(text):
        parse(text, str(path))  # still refused if broken, so a bad shipped file is found at once
        return existing, "kept the uploaded text"
    try:
        row, changed = save(named["key"], text, path.name, named["language"])
    except QuestionnaireInvalid as error:  # named by its path, as questionnaires' problems are
        raise QuestionnaireInvalid([Problem(str(path), problem.line, problem.question_id, problem.message)
                                    for problem in error.problems]) from None
    return row, "loaded" if changed else "already loaded"


def mark_checked(row: QuestionnaireTranslation, who: str) -> None:
    row.checked_by, row.checked_on = who, dt.date.today()
    db.session.flush()


# -- used by the survey -----------------------------------------------------------------------------------

_parsed: Kept[ParsedTranslation] = Kept(64)
_translated: Kept[Questionnaire] = Kept(64)


def parsed_row(row: QuestionnaireTranslation) -> ParsedTranslation:
    return _parsed.get((row.id, row.checksum), lambda: parse(row.source, f"{row.key}.{row.language}.po"))


def versions_of(key: str) -> dict[str, tuple[int, str]]:
    """Each kept translation of questionnaire `key`: language -> (row id, checksum), in one small query
    that leaves the text in the database (it is read only when the caches below have not seen it)."""
    found = db.session.execute(select(QuestionnaireTranslation.language, QuestionnaireTranslation.id,
                                      QuestionnaireTranslation.checksum).filter_by(key=key))
    return {language: (row_id, digest) for language, row_id, digest in found}


_complete: Kept[bool] = Kept(256)


def _parsed_version(key: str, language: str, version: tuple[int, str]) -> ParsedTranslation:
    row_id, digest = version

    def load() -> ParsedTranslation:
        row = db.session.get(QuestionnaireTranslation, row_id)
        return parse(row.source, f"{key}.{language}.po") if row is not None else ParsedTranslation(language, key)

    return _parsed.get((row_id, digest), load)


def ready_languages(stored: StoredQuestionnaire, versions: dict[str, tuple[int, str]] | None = None) -> list[str]:
    """The languages this version can be answered in: English, and each translation with every string
    current. In the order of survey_app/languages.py. `versions` (versions_of) saves the query when the
    caller has it; whether a translation is complete is worked out once per process for each text."""
    versions = versions_of(stored.key) if versions is None else versions
    questionnaire = definition(stored)

    def complete(language: str, version: tuple[int, str]) -> bool:
        return _complete.get((stored.id, stored.checksum, language, *version),
                             lambda: status(questionnaire, _parsed_version(stored.key, language, version)).complete)

    return [code for code in LANGUAGES
            if code == DEFAULT or (code in versions and complete(code, versions[code]))]


def in_language(stored: StoredQuestionnaire, language: str,
                versions: dict[str, tuple[int, str]] | None = None) -> Questionnaire:
    """This version with its words in `language`: English where a string has no current translation, and
    the question types' own words ("Yes", "I'd rather not say") from the interface's catalogue. Made once
    per process for each text; `versions` (versions_of) saves the query when the caller has it."""
    questionnaire = definition(stored)
    if language == DEFAULT or language not in LANGUAGES:
        return questionnaire
    version = (versions_of(stored.key) if versions is None else versions).get(language)

    def build() -> Questionnaire:
        entries = {} if version is None else {
            context: (entry.english, entry.translation)
            for context, entry in _parsed_version(stored.key, language, version).entries.items()}
        return translate(questionnaire, current(questionnaire, entries), interface_words(language))

    key = (stored.id, stored.checksum, language, *(version or (None, None)))
    return _translated.get(key, build)


@lru_cache(maxsize=8)
def _catalogue(language: str) -> support.Translations | support.NullTranslations:
    return support.Translations.load(str(TRANSLATIONS), [language])


def interface_words(language: str) -> Callable[[str], str]:
    """gettext for `language` whatever the request's own language (the cache above is keyed by it)."""
    return _catalogue(language).gettext


def po_text(questionnaire: Questionnaire, language: str, translated: dict[str, str],
            headers: dict[str, str] | None = None) -> str:
    """A translation file for this questionnaire: every string of it, with `translated` (context ->
    words) filled in and the rest empty, ready for a translator or for `save`."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale=language, project=questionnaire.id, fuzzy=False)
    for source in sources(questionnaire):
        note = f"question {source.question_id}" if source.question_id else ""
        catalog.add(source.english, translated.get(source.context, ""), context=source.context,
                    auto_comments=[note] if note else [])
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False)
    text = out.getvalue().decode("utf-8")
    extra = {"X-Questionnaire": questionnaire.id, "X-Checked-By": "", **(headers or {})}
    fields = "".join(f'"{name}: {value}\\n"\n' for name, value in extra.items())
    # Our header fields go at the end of the header message (babel writes only the standard ones).
    head, rest = text.split("\n\n", 1)
    return f"{head}\n{fields}\n{rest}"
