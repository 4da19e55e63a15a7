"""Staff pages: the questionnaire builder. List, create, duplicate, import and export questionnaires;
edit details, sections and questions (reorder with buttons, no JavaScript); conditions chosen from
earlier questions; preview in a phone-sized frame; publish. The rules live in
survey_app/questionnaire/editing.py and versions.py; each view commits once."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from .. import question_types
from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..extensions import csrf, db
from ..form_problems import FormInvalid
from ..forms import ConfirmForm
from ..models import StoredQuestionnaire
from ..questionnaire import editing
from ..questionnaire.editing import EditRefused, QuestionFields
from ..questionnaire.estimate import estimated_minutes
from ..questionnaire.loader import MAX_FILE_BYTES, QuestionnaireInvalid, decode_file
from ..questionnaire.priorities import council_priorities
from ..questionnaire.schema import RATHER_NOT_SAY
from ..questionnaire.store import definition
from ..questionnaire.versions import (
    DRAFT,
    PublishRefused,
    change,
    create,
    document_of,
    duplicate,
    export_text,
    ids_used_before,
    import_source,
    latest_version,
    problems_of_version,
    publish,
    rounds_using,
    summaries,
    version_by_id,
    versions_of,
)
from ..questionnaire.worker_problems import for_worker
from ..reviewing.panel import questionnaire_panel
from . import bp
from .builder_forms import (
    DetailsForm,
    DuplicateForm,
    ImportForm,
    NewQuestionnaireForm,
    NewSectionForm,
    PublishForm,
    SectionForm,
)
from .form_page import check, form_page

BLANK_OPTION_ROWS = 3


# -- helpers ----------------------------------------------------------------------------------------
def _latest(key: str) -> StoredQuestionnaire:
    return latest_version(key) or abort(404)


def _section_or_404(key: str, section_id: str) -> tuple[editing.Document, dict]:
    """The latest version's document and one of its sections, or the not-found page."""
    document = document_of(_latest(key))
    try:
        return document, editing.find_section(document, section_id)
    except EditRefused:
        abort(404)


def _question_or_404(key: str, question_id: str) -> tuple[editing.Document, tuple[dict, dict]]:
    """The latest version's document and (section, question), or the not-found page."""
    document = document_of(_latest(key))
    try:
        return document, editing.find_question(document, question_id)
    except EditRefused:
        abort(404)


def _priorities() -> list[tuple[str, str]]:
    return [(priority.code, priority.title) for priority in council_priorities()]


def _priority_codes() -> set[str]:
    return {code for code, _ in _priorities()}


def _change(key: str, operation: Callable[[editing.Document], Any], action: str,
            detail: str | Callable[[Any], str] = "") -> tuple[StoredQuestionnaire, Any, int]:
    """versions.change by the signed-in worker, committed."""
    changed = change(key, operation, action, current_user.email, detail)
    db.session.commit()
    return changed


def _delete(key: str, operation: Callable[[editing.Document], Any], what: str, item_id: str):
    """A confirmed delete page: make the change, say so, back to the questionnaire."""
    try:
        draft, _, problems = _change(key, operation, f"{what} deleted", f"{what} {item_id}")
    except EditRefused as refused:
        return _refused(key, refused)
    _saved_message(draft, problems, gettext("Section deleted") if what == "section" else gettext("Question deleted"))
    return _back_to_edit(key)


def _saved_message(draft: StoredQuestionnaire, problems: int, what: str | None = None) -> None:
    """`what` is done (already in the page's language, "Section added"); "Saved" when not given."""
    what = what or gettext("Saved")
    if problems:
        flash(ngettext("%(what)s in version %(version)s (draft). It has %(num)s problem to fix before it can be "
                       "published: see the list at the top.",
                       "%(what)s in version %(version)s (draft). It has %(num)s problems to fix before it can be "
                       "published: see the list at the top.", problems, what=what, version=draft.version))
    else:
        flash(gettext("%(what)s in version %(version)s (draft).", what=what, version=draft.version))


def _back_to_edit(key: str, anchor: str | None = None):
    return redirect(url_for("staff.builder_edit", key=key, _anchor=anchor))


def _refused(key: str, refused: EditRefused):
    flash(refused.message, "error")
    return _back_to_edit(key)


# -- list, new, duplicate, import, export ---------------------------------------------------------------
@bp.route("/questionnaires")
@requires(ADMIN, WORKER)
def builder_list():
    return render_template("staff/builder_list.html", rows=summaries())


def type_titles() -> dict[str, str]:
    return {name: question_types.get(name).title for name in question_types.names()}


@bp.route("/questionnaires/new", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_new():
    form = NewQuestionnaireForm()
    refused = None
    if request.method == "POST":
        try:
            check(form)
            key = form.key.data.strip()
            stored = create(key, editing.new_document(key, form.title.data, _priorities()[0][0]),
                            current_user.email)
        except FormInvalid as problem:
            db.session.rollback()
            refused = problem
        else:
            db.session.commit()
            flash(gettext("Questionnaire made. Add its questions, preview it, then publish it."))
            return _back_to_edit(stored.key)
    return form_page("staff/builder_new.html", refused, whole_form="key", form=form)


@bp.route("/questionnaires/<key>/duplicate", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_duplicate(key: str):
    source = _latest(key)
    form = DuplicateForm()
    refused = None
    if request.method == "GET":
        form.title.data = f"{source.title} (copy)"
    else:
        try:
            check(form)
            stored = duplicate(source, form.key.data.strip(), form.title.data or "", current_user.email)
        except FormInvalid as problem:
            db.session.rollback()
            refused = problem
        else:
            db.session.commit()
            flash(gettext("Copied %(title)s as a new questionnaire.", title=source.title))
            return _back_to_edit(stored.key)
    return form_page("staff/builder_duplicate.html", refused, whole_form="key", form=form, source=source)


@bp.route("/questionnaires/import", methods=["GET", "POST"])
@csrf.exempt  # the global check would read the file before the larger upload limit is set; the form checks CSRF
@requires(ADMIN, WORKER)
def builder_import():
    problems: list = []
    error = None
    if request.method == "POST":
        # A questionnaire file may be up to MAX_FILE_BYTES, far more than anything else staff send.
        request.max_content_length = request.max_form_memory_size = MAX_FILE_BYTES + 64 * 1024
    try:
        form = ImportForm()
        submitted = form.validate_on_submit()
    except RequestEntityTooLarge:
        form, submitted = ImportForm(formdata=None), False
        error = gettext("The file is more than %(bytes)s bytes: a questionnaire file can be at most that",
                        bytes=f"{MAX_FILE_BYTES:,}")
    if submitted:
        upload = form.file.data
        if upload and getattr(upload, "filename", ""):
            filename = upload.filename
            raw = upload.read()
        else:
            filename, raw = "pasted text", (form.text.data or "").encode("utf-8")
        if not raw.strip():
            error = gettext("Choose a questionnaire file, or paste its YAML")
        if not error:
            try:
                stored = import_source(decode_file(raw, filename).replace("\r\n", "\n"), filename,
                                       current_user.email)
            except QuestionnaireInvalid as invalid:
                db.session.rollback()
                problems = invalid.problems
                if upload and getattr(upload, "filename", ""):
                    error = ngettext("The file “%(filename)s” has %(num)s problem; nothing was imported",
                                     "The file “%(filename)s” has %(num)s problems; nothing was imported",
                                     len(problems), filename=filename)
                else:
                    error = ngettext("The file has %(num)s problem; nothing was imported",
                                     "The file has %(num)s problems; nothing was imported", len(problems))
            except EditRefused as refused:
                db.session.rollback()
                error = refused.message
            else:
                db.session.commit()
                flash(gettext("Imported as version %(version)s (draft). Preview it, then publish it.",
                              version=stored.version))
                return _back_to_edit(stored.key)
    elif "csrf_token" in form.errors:
        error = gettext("This page was open for a very long time, so nothing was imported. Please choose the file "
                        "again.")
    elif form.errors:
        error = next(iter(form.errors.values()))[0]
    return render_template("staff/builder_import.html", form=form, problems=problems, error=error), \
        400 if error else 200


@bp.route("/questionnaires/<key>/versions/<int:version_id>/export")
@requires(ADMIN, WORKER)
def builder_export(key: str, version_id: int):
    stored = version_by_id(key, version_id) or abort(404)
    response = make_response(export_text(stored, current_user.email))
    db.session.commit()
    response.mimetype = "application/yaml"
    response.headers["Content-Disposition"] = f'attachment; filename="{stored.key}-v{stored.version}.yaml"'
    return response


# -- the questionnaire page -------------------------------------------------------------------------------
@bp.route("/questionnaires/<key>")
@requires(ADMIN, WORKER)
def builder_edit(key: str):
    stored = _latest(key)
    document = document_of(stored)
    used = rounds_using(stored)
    return render_template(
        "staff/builder_edit.html", stored=stored, document=document,
        worker_problems=for_worker(problems_of_version(stored), document), rounds=used,
        estimate=_estimate(stored), versions=[(v, rounds_using(v)) for v in versions_of(key)],
        describe=lambda condition: editing.describe_condition(document, condition),
        priorities=dict(_priorities()), type_titles=type_titles(), form=ConfirmForm(), section_form=NewSectionForm(),
        source_lines=stored.source.splitlines(),
        next_is_new_version=stored.status != DRAFT and used > 0,
        reviews=questionnaire_panel(key, [(str(q.get("id")), str(q.get("text", "")))
                                          for q in editing.all_questions(document)]),
    )


@bp.route("/questionnaires/<key>/details", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_details(key: str):
    document = document_of(_latest(key))
    form = DetailsForm()
    refused = None
    if request.method == "GET":
        audience = document.get("audience") if isinstance(document.get("audience"), dict) else {}
        form.title.data = document.get("title", "")
        form.intro.data = document.get("intro", "")
        form.ages.data = str(audience.get("ages", "8-25"))
        form.groups.data = list(audience.get("groups") or [])
        form.minutes.data = str(document.get("minutes", ""))
    else:
        try:
            check(form)
            minutes = _minutes_typed(form.minutes.data)
            draft, _, problems = _change(key, lambda doc: editing.set_details(
                doc, title=form.title.data or "", intro=form.intro.data or "", ages=form.ages.data or "",
                groups=form.groups.data or [], minutes=minutes), "details edited")
        except FormInvalid as problem:
            refused = problem
        else:
            _saved_message(draft, problems)
            return _back_to_edit(key)
    return form_page("staff/builder_details.html", refused, whole_form="title", form=form, key=key,
                     estimate=_estimate(_latest(key)))


def _minutes_typed(text: str | None) -> int | None:
    """The minutes typed in a form; None when left empty (the estimate is used)."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise EditRefused(gettext("Enter roughly how many minutes it takes, as a number from 1 to 60, or leave it "
                                  "empty to use the estimate"), "minutes")
    return int(text)


def _estimate(stored: StoredQuestionnaire) -> int | None:
    """Minutes estimated from the version's questions (questionnaire/estimate.py); None if it has problems."""
    try:
        return estimated_minutes(definition(stored).questions)
    except QuestionnaireInvalid:
        return None


@bp.route("/questionnaires/<key>/publish", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_publish(key: str):
    """The publish page: what will be published, then the introduction, the ages (chosen, never a silent
    default) and the time (the estimate, or the worker's own); publishing saves them and publishes."""
    stored = _latest(key)
    if stored.status != DRAFT:
        if request.method == "POST":
            flash(gettext("Version %(version)s is already published; there are no changes to publish.",
                          version=stored.version))
            return _back_to_edit(key)
        return render_template("staff/builder_publish.html", stored=stored, already=True, problems={})
    document = document_of(stored)
    problems = problems_of_version(stored)
    audience = document.get("audience") if isinstance(document.get("audience"), dict) else {}
    form = PublishForm()
    refused = None
    if request.method == "GET":
        form.intro.data = document.get("intro", "")
        form.minutes_choice.data = "own" if "minutes" in document else "estimate"
        form.minutes.data = str(document.get("minutes", ""))
    elif not problems:
        try:
            check(form)
            ages = _ages_chosen(form, str(audience.get("ages", "")))
            minutes = None if form.minutes_choice.data == "estimate" else _minutes_typed(form.minutes.data)
            if form.minutes_choice.data == "own" and minutes is None:
                raise EditRefused(gettext("Enter roughly how many minutes it takes, or choose the estimate"), "minutes")
            _change(key, lambda doc: editing.confirm_for_publishing(
                doc, intro=form.intro.data or "", ages=ages, minutes=minutes), "details confirmed for publishing")
            return _publish(key)
        except FormInvalid as problem:
            db.session.rollback()
            refused = problem
    return form_page(
        "staff/builder_publish.html", refused, whole_form="intro", form=form,
        field_id=lambda name: f"{name}-0" if name.endswith("_choice") else name, stored=stored, document=document,
        current_ages=str(audience.get("ages", "")), estimate=_estimate(stored),
        worker_problems=for_worker(problems, document), type_titles=type_titles(),
        describe=lambda condition: editing.describe_condition(document, condition),
    )


def _ages_chosen(form: PublishForm, current: str) -> str:
    if form.ages_choice.data == "keep" and current:
        return current
    if form.ages_choice.data == "other":
        if not (form.ages.data or "").strip():
            raise EditRefused(gettext("Enter the ages it is for, for example 8-11"), "ages")
        return (form.ages.data or "").strip()
    raise EditRefused(gettext("Choose the ages it is for: they are printed on the card and choose the help shown"),
                      "ages_choice")


def _publish(key: str):
    stored = _latest(key)
    try:
        publish(stored, current_user.email)
    except PublishRefused as refused:
        db.session.rollback()
        count = len(refused.problems)
        flash(ngettext("Not published: version %(version)s has %(num)s problem. Fix every problem in the list, then "
                       "publish.",
                       "Not published: version %(version)s has %(num)s problems. Fix every problem in the list, then "
                       "publish.", count, version=stored.version), "error")
        return _back_to_edit(key)
    db.session.commit()
    flash(gettext("Version %(version)s is published: rounds can now use it.", version=stored.version))
    return _back_to_edit(key)


# -- sections -----------------------------------------------------------------------------------------------
@bp.route("/questionnaires/<key>/sections", methods=["POST"])
@requires(ADMIN, WORKER)
def builder_section_add(key: str):
    _latest(key)
    form = NewSectionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        draft, section_id, problems = _change(key, lambda doc: editing.add_section(doc, form.title.data or ""),
                                             "section added", lambda section_id: f"section {section_id}")
    except EditRefused as refused:
        return _refused(key, refused)
    _saved_message(draft, problems, gettext("Section added"))
    return _back_to_edit(key, f"section-{section_id}")


@bp.route("/questionnaires/<key>/sections/<section_id>", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_section_edit(key: str, section_id: str):
    document, section = _section_or_404(key, section_id)
    form = SectionForm()
    refused = None
    if request.method == "GET":
        form.title.data, form.intro.data = section.get("title", ""), section.get("intro", "")
    else:
        try:
            check(form)
            draft, _, problems = _change(key, lambda doc: editing.edit_section(
                doc, section_id, title=form.title.data or "", intro=form.intro.data or ""),
                "section edited", f"section {section_id}")
        except FormInvalid as problem:
            refused = problem
        else:
            _saved_message(draft, problems)
            return _back_to_edit(key, f"section-{section_id}")
    return form_page("staff/builder_section.html", refused, whole_form="title", form=form, key=key, section=section)


@bp.route("/questionnaires/<key>/sections/<section_id>/move", methods=["POST"])
@requires(ADMIN, WORKER)
def builder_section_move(key: str, section_id: str):
    return _move(key, f"section-{section_id}", lambda doc, direction: editing.move_section(doc, section_id, direction),
                 f"section {section_id}")


def _move(key: str, anchor: str, mover, what: str):
    """Move a section or question up or down (a POST form each, so it works without JavaScript)."""
    _latest(key)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    direction = request.form.get("direction", "")
    try:
        draft, _, problems = _change(key, lambda doc: mover(doc, direction), f"{what.split()[0]} moved",
                                     f"{what} {direction}")
    except EditRefused as refused:
        return _refused(key, refused)
    _saved_message(draft, problems, gettext("Moved"))
    return _back_to_edit(key, anchor)


@bp.route("/questionnaires/<key>/sections/<section_id>/delete", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_section_delete(key: str, section_id: str):
    document, section = _section_or_404(key, section_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        return _delete(key, lambda doc: editing.delete_section(doc, section_id), "section", section_id)
    return render_template("staff/builder_delete.html", form=form, key=key, what="section",
                           name=section.get("title", section_id),
                           blocked=bool(editing.questions_of(section)))


# -- questions ------------------------------------------------------------------------------------------------
def _fields_from_request() -> tuple[QuestionFields, str, EditRefused | None]:
    """The question form as QuestionFields, the max length as typed, and a problem with a number typed."""
    data = request.form
    rows = sorted({int(name.rsplit("_", 1)[1]) for name in data if name.startswith("option_label_")
                   and name.rsplit("_", 1)[1].isdigit()})
    options = [(data.get(f"option_value_{n}", ""), data.get(f"option_label_{n}", "")) for n in rows]
    labels = [data.get(f"label_{n}", "") for n in range(1, 6) if f"label_{n}" in data] or None
    max_text = data.get("max_length", "").strip()
    problem = None
    max_length = None
    if max_text:
        if max_text.isdigit():
            max_length = int(max_text)
        else:
            problem = EditRefused(gettext("Enter the longest answer as a number of letters, for example 500"),
                                  "max_length")
    fields = QuestionFields(
        text=data.get("text", ""), type=data.get("type", ""), priority=data.get("priority", ""),
        hint=data.get("hint", ""), options=options, labels=labels, max_length=max_length,
        help_if=data.getlist("help_if"), required=data.get("required") == "yes",
    )
    return fields, max_text, problem


def _question_page(template_args: dict[str, Any], fields: QuestionFields, max_text: str,
                   refused: FormInvalid | None = None, notice: str | None = None):
    qtype = fields.type if question_types.known(fields.type) else question_types.names()[0]
    kind = question_types.get(qtype)
    option_rows = list(fields.options or []) if kind.author_options else []
    option_rows += [("", "")] * BLANK_OPTION_ROWS
    labels = None
    if kind.relabel:
        built_in = [label for _, label in kind.options]
        labels = fields.labels if fields.labels and len(fields.labels) == len(built_in) else built_in
    preview = {"type": qtype, "labels": labels, "options": [{"value": v, "label": lab} for v, lab in option_rows
                                                             if v and lab]}
    help_choices = [(value, words) for value, words in editing.answer_values(preview) if value != RATHER_NOT_SAY]
    return form_page(
        "staff/builder_question.html", refused, whole_form="text", fields=fields, qtype=qtype, kind=kind,
        option_rows=option_rows, labels=labels, max_text=max_text, help_choices=help_choices,
        type_titles=type_titles(), priorities=_priorities(), notice=notice, form=ConfirmForm(), **template_args,
    )


def _type_switch(fields: QuestionFields) -> bool:
    return "show_type" in request.form or request.form.get("type") != request.form.get("shown_type")


@bp.route("/questionnaires/<key>/sections/<section_id>/questions/new", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_question_add(key: str, section_id: str):
    stored = _latest(key)
    try:
        section = editing.find_section(document_of(stored), section_id)
    except EditRefused:
        abort(404)
    args = {"key": key, "section": section, "question_id": None, "typed_id": request.form.get("question_id", "")}
    if request.method == "GET" or not ConfirmForm().validate_on_submit():
        if request.method == "POST":
            abort(400)
        qtype = request.args.get("type", "")
        fields = QuestionFields(text="", type=qtype if question_types.known(qtype) else question_types.names()[0],
                                priority="")
        return _question_page(args, fields, "")
    fields, max_text, problem = _fields_from_request()
    if _type_switch(fields):
        return _question_page(args, fields, max_text,
                              notice=gettext("Now fill in the details for this type of answer."))
    try:
        if problem:
            raise problem
        avoid = ids_used_before(key)
        draft, question_id, problems = _change(key, lambda doc: editing.add_question(
            doc, section_id, fields, _priority_codes(), request.form.get("question_id", ""), avoid),
            "question added", lambda question_id: f"question {question_id}")
    except FormInvalid as refused:
        return _question_page(args, fields, max_text, refused)
    _saved_message(draft, problems, gettext("Question added with the id '%(id)s'", id=question_id))
    return _back_to_edit(key, f"question-{question_id}")


@bp.route("/questionnaires/<key>/questions/<question_id>", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_question_edit(key: str, question_id: str):
    document, (section, question) = _question_or_404(key, question_id)
    args = {"key": key, "section": section, "question_id": question_id, "typed_id": ""}
    if request.method == "GET":
        fields = editing.question_fields_of(question)
        return _question_page(args, fields, str(fields.max_length or ""))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    fields, max_text, problem = _fields_from_request()
    if _type_switch(fields):
        return _question_page(args, fields, max_text,
                              notice=gettext("Now fill in the details for this type of answer."))
    try:
        if problem:
            raise problem
        draft, _, problems = _change(key, lambda doc: editing.edit_question(doc, question_id, fields,
                                                                             _priority_codes()),
                                     "question edited", f"question {question_id}")
    except FormInvalid as refused:
        return _question_page(args, fields, max_text, refused)
    _saved_message(draft, problems)
    return _back_to_edit(key, f"question-{question_id}")


@bp.route("/questionnaires/<key>/questions/<question_id>/move", methods=["POST"])
@requires(ADMIN, WORKER)
def builder_question_move(key: str, question_id: str):
    return _move(key, f"question-{question_id}",
                 lambda doc, direction: editing.move_question(doc, question_id, direction), f"question {question_id}")


@bp.route("/questionnaires/<key>/questions/<question_id>/delete", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_question_delete(key: str, question_id: str):
    document, (_, question) = _question_or_404(key, question_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        return _delete(key, lambda doc: editing.delete_question(doc, question_id), "question", question_id)
    dependants = editing.depends_on(document, question_id)
    return render_template("staff/builder_delete.html", form=form, key=key, what="question",
                           name=question.get("text", question_id), blocked=False, dependants=dependants)


# -- conditions -----------------------------------------------------------------------------------------------
def _parts_from_request() -> list[editing.ConditionPart]:
    """The condition form's parts (part-N-question, part-N-kind, part-N-values), in order."""
    numbers = sorted({int(name.split("-")[1]) for name in request.form
                      if re.fullmatch(r"part-\d{1,2}-question", name)})
    return [editing.ConditionPart(request.form.get(f"part-{n}-question", ""), request.form.get(f"part-{n}-kind", ""),
                                  request.form.getlist(f"part-{n}-values")) for n in numbers]


def _condition_page(key: str, target: str, target_id: str):
    """Build a condition from dropdowns and ticks: one part, or several joined by "all of these" / "any of
    these". Adding, removing and refreshing parts are plain buttons that redraw the form (no JavaScript);
    only "Save the condition" and "Always show it" change the questionnaire."""
    document = document_of(_latest(key))
    try:
        item = (editing.find_section(document, target_id) if target == "section"
                else editing.find_question(document, target_id)[1])
    except EditRefused:
        abort(404)
    earlier = editing.earlier_questions(document, target, target_id)
    by_id = {str(q.get("id")): q for q in earlier}
    refused = None
    stored_parts = editing.condition_parts(item.get("show_if"))
    nested = stored_parts is None
    join, parts = stored_parts if stored_parts is not None else ("all", [])
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            abort(400)
        join, parts = request.form.get("join", "all"), _parts_from_request()
        if "add_part" in request.form:
            parts.append(editing.ConditionPart())
        elif "remove_part" in request.form:
            number = request.form.get("remove_part", "")
            parts = [part for n, part in enumerate(parts, 1) if str(n) != number]
        elif "update" not in request.form:
            detail = f"{target} {target_id}"
            try:
                if "remove" in request.form:
                    draft, _, problems = _change(key, lambda doc: editing.remove_condition(doc, target, target_id),
                                                 "condition removed", detail)
                    _saved_message(draft, problems, gettext("Condition removed"))
                else:
                    draft, _, problems = _change(key, lambda doc: editing.set_condition_parts(
                        doc, target, target_id, join, parts), "condition saved", detail)
                    _saved_message(draft, problems, gettext("Condition saved"))
            except FormInvalid as problem:
                refused = problem
            else:
                return _back_to_edit(key, f"{target}-{target_id}")
    if not parts:
        parts = [editing.ConditionPart()]
    rows = []
    for number, part in enumerate(parts, 1):
        chosen = by_id.get(part.question)
        if part.question and chosen is None and refused is None:
            refused = FormInvalid(gettext("Choose a question that comes earlier: a condition can only look at "
                                          "answers already given"), f"part-{number}-question")
        rows.append({"number": number, "part": part, "chosen": chosen,
                     "choices": editing.answer_values(chosen) if chosen else []})
    return form_page(
        "staff/builder_condition.html", refused, whole_form="part-1-question", key=key, target=target,
        target_id=target_id, item=item,
        current=editing.describe_condition(document, item["show_if"]) if item.get("show_if") else None,
        nested=nested, earlier=earlier, rows=rows, join=join if join in editing.JOINS else "all",
        text_types=question_types.written_names(), form=ConfirmForm(),
    )


@bp.route("/questionnaires/<key>/questions/<question_id>/condition", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_condition(key: str, question_id: str):
    return _condition_page(key, "question", question_id)


@bp.route("/questionnaires/<key>/sections/<section_id>/condition", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_section_condition(key: str, section_id: str):
    return _condition_page(key, "section", section_id)


# -- copies -----------------------------------------------------------------------------------------------
@bp.route("/questionnaires/<key>/questions/<question_id>/copy", methods=["POST"])
@requires(ADMIN, WORKER)
def builder_question_copy(key: str, question_id: str):
    _question_or_404(key, question_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    avoid = ids_used_before(key)
    try:
        draft, new_id, problems = _change(key, lambda doc: editing.copy_question(doc, question_id, avoid),
                                          "question copied", lambda new_id: f"question {question_id} as {new_id}")
    except EditRefused as refused:
        return _refused(key, refused)
    _saved_message(draft, problems, gettext("Question copied with the id '%(id)s': change its words", id=new_id))
    return _back_to_edit(key, f"question-{new_id}")


@bp.route("/questionnaires/<key>/sections/<section_id>/copy", methods=["POST"])
@requires(ADMIN, WORKER)
def builder_section_copy(key: str, section_id: str):
    _section_or_404(key, section_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    avoid = ids_used_before(key)
    try:
        draft, new_id, problems = _change(key, lambda doc: editing.copy_section(doc, section_id, avoid),
                                          "section copied", lambda new_id: f"section {section_id} as {new_id}")
    except EditRefused as refused:
        return _refused(key, refused)
    _saved_message(draft, problems, gettext("Section copied"))
    return _back_to_edit(key, f"section-{new_id}")


# The preview (builder_preview.py) and the question bank (builder_bank.py) register their routes here too.
from . import builder_bank, builder_preview  # noqa: E402,F401
