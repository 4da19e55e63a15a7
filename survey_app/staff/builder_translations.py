"""The builder's Languages page: for each language, how far the questionnaire's translation has got
(missing and stale strings), whether a fluent speaker has checked it, the files for a translator
(PO, CSV, XLSX) and the upload of a translated one. The rules are in questionnaire/translations.py and
questionnaire/exchange.py."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.exceptions import RequestEntityTooLarge

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..extensions import csrf, db
from ..forms import ConfirmForm
from ..languages import DEFAULT, LANGUAGES, Language
from ..models import QuestionnaireTranslation, StoredQuestionnaire
from ..questionnaire import exchange, translations
from ..questionnaire.loader import QuestionnaireInvalid
from ..questionnaire.schema import Questionnaire
from ..questionnaire.store import definition, latest
from ..questionnaire.strings import sources
from ..questionnaire.versions import latest_version
from . import bp

# The languages' names in the page's language (their own names come from survey_app/languages.py).
NAMES = {"cy": _l("Welsh"), "ar": _l("Arabic")}


def name_of(language: Language):
    return NAMES.get(language.code, language.english_name)


class TranslationUploadForm(FlaskForm):
    file = FileField()


@dataclass(frozen=True)
class LanguageState:
    language: Language
    row: QuestionnaireTranslation | None
    status: translations.Status | None
    problem: str = ""  # the stored text can't be read (it should not happen: it was checked when saved)


def _target(key: str) -> tuple[StoredQuestionnaire, Questionnaire]:
    """The newest version whose words can be read: the one being edited, or when it has problems the
    newest published one."""
    for stored in (latest_version(key), latest(key)):
        if stored is None:
            continue
        try:
            return stored, definition(stored)
        except QuestionnaireInvalid:
            continue
    abort(404)


def _language(code: str) -> Language:
    if code not in LANGUAGES or code == DEFAULT:
        abort(404)
    return LANGUAGES[code]


def _states(key: str, questionnaire: Questionnaire) -> list[LanguageState]:
    rows = {row.language: row for row in translations.rows_for(key)}
    states = []
    for code, language in LANGUAGES.items():
        if code == DEFAULT:
            continue
        row = rows.get(code)
        if row is None:
            states.append(LanguageState(language, None, None))
            continue
        try:
            states.append(LanguageState(language, row, translations.status(questionnaire,
                                                                           translations.parsed_row(row))))
        except QuestionnaireInvalid as invalid:
            states.append(LanguageState(language, row, None, str(invalid)))
    return states


def _page(key: str, problems: list[tuple[str, str]] | None = None, status: int = 200):
    stored, questionnaire = _target(key)
    return render_template(
        "staff/builder_translations.html", stored=stored, questionnaire=questionnaire,
        states=_states(key, questionnaire), problems=problems or [], error=bool(problems),
        strings=len(sources(questionnaire)), name_of=name_of,
        form=ConfirmForm(), max_kb=exchange.MAX_BYTES // 1000,
    ), status


@bp.route("/questionnaires/<key>/languages")
@requires(ADMIN, WORKER)
def builder_translations(key: str):
    return _page(key)


@bp.route("/questionnaires/<key>/languages/<code>/download.<fmt>")
@requires(ADMIN, WORKER)
def builder_translation_download(key: str, code: str, fmt: str):
    _language(code)
    if fmt not in exchange.FORMATS:
        abort(404)
    _stored, questionnaire = _target(key)
    row = translations.row_for(key, code)
    parsed = translations.parsed_row(row) if row is not None else None
    response = make_response(exchange.export(questionnaire, code, parsed, fmt))
    exchange.audit_export(current_user.email, key, code, fmt)
    db.session.commit()
    response.headers["Content-Type"] = exchange.MEDIA_TYPES[fmt]
    response.headers["Content-Disposition"] = f'attachment; filename="{exchange.filename(key, code, fmt)}"'
    return response


@bp.route("/questionnaires/<key>/languages/<code>/upload", methods=["GET", "POST"])
@csrf.exempt  # the global check would read the file before the larger upload limit is set; the form checks CSRF
@requires(ADMIN, WORKER)
def builder_translation_upload(key: str, code: str):
    """The upload form is on the Languages page (this address shows that page, at the form)."""
    language = _language(code)
    if request.method == "GET":
        return _page(key)
    field = f"file-{code}"
    request.max_content_length = request.max_form_memory_size = exchange.MAX_BYTES + 64 * 1024
    try:
        form = TranslationUploadForm()
        valid = form.validate_on_submit()
        upload = request.files.get(field)
    except RequestEntityTooLarge:
        return _page(key, [(field, _("The file is larger than %(size)s KB: a questionnaire's translation is "
                                     "much smaller. Is it the right file?", size=exchange.MAX_BYTES // 1000))], 413)
    if not valid:
        return _page(key, [(field, _("This page was open for a very long time, so nothing was uploaded. "
                                     "Please choose the file again."))], 400)
    if upload is None or not upload.filename:
        return _page(key, [(field, _("Choose the translated file (.po, .csv or .xlsx) to upload."))], 400)
    _stored, questionnaire = _target(key)
    try:
        row, changed = exchange.replace_translation(questionnaire, code, upload.read(exchange.MAX_BYTES + 1),
                                                    upload.filename, current_user.email)
    except exchange.ExchangeRefused as refused:
        db.session.rollback()
        return _page(key, [(field, problem) for problem in refused.problems], 400)
    db.session.commit()
    if changed:
        flash(_("The %(language)s translation was replaced. It needs a check by a fluent speaker before it is "
                "used with children.", language=name_of(language)))
    else:
        flash(_("The file is the same as the %(language)s translation we have: nothing changed.",
                language=name_of(language)))
    return redirect(url_for("staff.builder_translations", key=key, _anchor=f"language-{code}"))


@bp.route("/questionnaires/<key>/languages/<code>/checked", methods=["POST"])
@requires(ADMIN, WORKER)
def builder_translation_checked(key: str, code: str):
    language = _language(code)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    row = translations.row_for(key, code)
    if row is None:
        flash(_("There is no %(language)s translation to check yet.", language=name_of(language)))
    else:
        exchange.mark_checked(row, current_user.email)
        db.session.commit()
        flash(_("The %(language)s translation is marked as checked by a fluent speaker.",
                language=name_of(language)))
    return redirect(url_for("staff.builder_translations", key=key, _anchor=f"language-{code}"))
