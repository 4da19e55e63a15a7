"""The builder's question bank page: the shipped questionnaires' questions by priority, with a search; the
ticked ones are added to a section (questionnaire/bank.py has the rules)."""

from __future__ import annotations

from flask import abort, request
from flask_babel import gettext, ngettext

from ..accounts.permissions import requires
from ..accounts.roles import ADMIN, WORKER
from ..forms import ConfirmForm
from ..questionnaire.bank import add_from_bank, bank_questions
from ..questionnaire.editing import EditRefused
from ..questionnaire.versions import ids_used_before
from . import bp
from .builder import _back_to_edit, _change, _priorities, _priority_codes, _saved_message, _section_or_404, type_titles
from .form_page import form_page


@bp.route("/questionnaires/<key>/sections/<section_id>/bank", methods=["GET", "POST"])
@requires(ADMIN, WORKER)
def builder_bank(key: str, section_id: str):
    _, section = _section_or_404(key, section_id)
    search, priority = request.args.get("q", "")[:100], request.args.get("priority", "")
    refused = None
    picked: list[str] = []
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            abort(400)
        picked = request.form.getlist("pick")
        avoid = ids_used_before(key)
        try:
            draft, added, problems = _change(
                key, lambda doc: add_from_bank(doc, section_id, picked, request.form.get("priority", ""),
                                               _priority_codes(), avoid),
                "questions added from the bank", lambda added: f"questions {', '.join(added)}")
        except EditRefused as problem:
            refused = problem
        else:
            count = len(added)
            _saved_message(draft, problems, ngettext("%(num)s question added from the bank",
                                                     "%(num)s questions added from the bank", count))
            return _back_to_edit(key, f"question-{added[0]}")
    titles = dict(_priorities())
    found = bank_questions(search, priority)
    groups = [(code, title, [item for item in found if item.question.get("priority") == code])
              for code, title in titles.items()]
    groups = [group for group in groups if group[2]]
    others = [item for item in found if item.question.get("priority") not in titles]
    if others:
        groups.append(("", gettext("Other priorities"), others))
    return form_page(
        "staff/builder_bank.html", refused, whole_form="pick", key=key, section=section, search=search,
        priority=priority, priorities=list(titles.items()), groups=groups, found=len(found), picked=picked,
        chosen_priority=request.form.get("priority", ""), type_titles=type_titles(), form=ConfirmForm(),
        field_id=lambda name: "bank-results" if name == "pick" else name,
    )

