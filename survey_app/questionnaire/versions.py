"""Questionnaire versions as the builder sees them: drafts being edited and published versions rounds
can use. Every change is saved as regenerated YAML in a 'draft' row and checked by the loader; a draft
with problems can be kept, but not published. These functions flush, never commit.

Versioning: edits go into the latest version when it is a draft. When the latest version is published
and a round has used it, the edits make a NEW version (version + 1), so what young people answered can
always be read with the questions they saw. A published version nobody has used yet becomes the draft.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import yaml
from sqlalchemy import func, select

from ..audit import audit
from ..extensions import db
from ..models import StoredQuestionnaire, SurveyRound
from ..models.statuses import VersionStatus
from .editing import Document, EditRefused, all_questions, check_key
from .export import dump, export_questionnaire, parse_document
from .loader import Problem, QuestionnaireInvalid, load_text

R = TypeVar("R")
DRAFT = VersionStatus.DRAFT
PUBLISHED = VersionStatus.PUBLISHED


@dataclass
class Summary:
    key: str
    title: str
    versions: int
    latest: StoredQuestionnaire
    published: StoredQuestionnaire | None


def label(stored: StoredQuestionnaire) -> str:
    return f"{stored.key} v{stored.version}"


def summaries() -> list[Summary]:
    rows = db.session.scalars(
        select(StoredQuestionnaire).order_by(StoredQuestionnaire.key, StoredQuestionnaire.version)
    ).all()
    by_key: dict[str, list[StoredQuestionnaire]] = {}
    for row in rows:
        by_key.setdefault(row.key, []).append(row)
    result = []
    for key, versions in by_key.items():
        published = [row for row in versions if row.status == PUBLISHED]
        result.append(Summary(key=key, title=versions[-1].title, versions=len(versions), latest=versions[-1],
                              published=published[-1] if published else None))
    return result


def versions_of(key: str) -> list[StoredQuestionnaire]:
    return list(db.session.scalars(
        select(StoredQuestionnaire).filter_by(key=key).order_by(StoredQuestionnaire.version)
    ))


def latest_version(key: str) -> StoredQuestionnaire | None:
    return db.session.scalar(
        select(StoredQuestionnaire).filter_by(key=key).order_by(StoredQuestionnaire.version.desc()).limit(1)
    )


def version_by_id(key: str, version_id: int) -> StoredQuestionnaire | None:
    stored = db.session.get(StoredQuestionnaire, version_id)
    return stored if stored is not None and stored.key == key else None


def rounds_using(stored: StoredQuestionnaire) -> int:
    return db.session.scalar(
        select(func.count()).select_from(SurveyRound).filter_by(questionnaire_version_id=stored.id)
    ) or 0


def document_of(stored: StoredQuestionnaire) -> Document:
    try:
        return parse_document(stored.source)
    except yaml.YAMLError:
        return {}


def problems_of(source: str, name: str) -> list[Problem]:
    try:
        load_text(source, name)
    except QuestionnaireInvalid as invalid:
        return invalid.problems
    return []


def problems_of_version(stored: StoredQuestionnaire) -> list[Problem]:
    return problems_of(stored.source, label(stored))


def ids_used_before(key: str) -> set[str]:
    """Question ids in every version of this questionnaire: a new question never reuses one."""
    ids: set[str] = set()
    for stored in versions_of(key):
        ids |= {str(question.get("id")) for question in all_questions(document_of(stored))}
    return ids


def _write(stored: StoredQuestionnaire, document: Document) -> list[Problem]:
    document["id"] = stored.key
    document["version"] = stored.version
    source = dump(document)
    stored.source = source
    stored.checksum = hashlib.sha256(source.encode("utf-8")).hexdigest()
    title = document.get("title")
    stored.title = (title.strip() if isinstance(title, str) and title.strip() else stored.key)[:200]
    db.session.flush()
    return problems_of_version(stored)


def working_draft(key: str) -> StoredQuestionnaire:
    """The draft row edits go into, made if needed (see the versioning rule above)."""
    latest = latest_version(key)
    if latest is None:
        raise EditRefused(f"There is no questionnaire '{key}'.")
    if latest.status == DRAFT:
        return latest
    if rounds_using(latest) == 0:
        latest.status = DRAFT
        db.session.flush()
        return latest
    draft = StoredQuestionnaire(key=key, version=latest.version + 1, title=latest.title, source="", checksum="",
                                status=DRAFT)
    db.session.add(draft)
    _write(draft, document_of(latest))
    return draft


def save(stored: StoredQuestionnaire, document: Document) -> list[Problem]:
    """Keep the edited dict as the draft's YAML; returns the loader's problems (maybe none)."""
    assert stored.status == DRAFT, "only a draft is edited"
    return _write(stored, document)


def change(key: str, operation: Callable[[Document], R], action: str, actor: str,
           detail: str | Callable[[R], str] = "") -> tuple[StoredQuestionnaire, R, int]:
    """Apply an edit to the working draft, save it as YAML and write one audit entry (what was changed:
    questionnaire version and question/section id, never an answer); returns (draft, the operation's
    result, how many problems the draft now has). On EditRefused nothing is kept."""
    try:
        draft = working_draft(key)
        document = document_of(draft)
        result = operation(document)
        problems = save(draft, document)
    except EditRefused:
        db.session.rollback()
        raise
    what = detail(result) if callable(detail) else detail
    audit(actor, f"questionnaire {action}", f"{label(draft)}: {what}" if what else label(draft))
    return draft, result, len(problems)


def _create(key: str, document: Document) -> StoredQuestionnaire:
    check_key(key)
    if latest_version(key) is not None:
        raise EditRefused(f"There is already a questionnaire with the key '{key}': choose another", "key")
    stored = StoredQuestionnaire(key=key, version=1, title="", source="", checksum="", status=DRAFT)
    db.session.add(stored)
    _write(stored, document)
    return stored


def create(key: str, document: Document, actor: str) -> StoredQuestionnaire:
    stored = _create(key, document)
    audit(actor, "questionnaire created", label(stored))
    return stored


def duplicate(source: StoredQuestionnaire, key: str, title: str, actor: str) -> StoredQuestionnaire:
    document = document_of(source)
    if title.strip():
        document["title"] = title.strip()
    stored = _create(key, document)
    audit(actor, "questionnaire duplicated", f"{label(source)} -> {label(stored)}")
    return stored


class PublishRefused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def publish(stored: StoredQuestionnaire, actor: str) -> None:
    problems = problems_of_version(stored)
    if problems:
        raise PublishRefused(problems)
    stored.status = PUBLISHED
    db.session.flush()
    audit(actor, "questionnaire published", label(stored))


def import_source(text: str, filename: str, actor: str) -> StoredQuestionnaire:
    """A questionnaire file checked by the loader and kept as a draft: a new questionnaire if its id is
    new, else the next draft of that questionnaire. Raises QuestionnaireInvalid listing every problem."""
    questionnaire = load_text(text, filename)
    document = parse_document(export_questionnaire(questionnaire))
    latest = latest_version(questionnaire.id)
    if latest is None:
        stored = StoredQuestionnaire(key=questionnaire.id, version=questionnaire.version, title="", source="",
                                     checksum="", status=DRAFT)
        db.session.add(stored)
        _write(stored, document)
    else:
        stored = working_draft(questionnaire.id)
        save(stored, document)
    audit(actor, "questionnaire imported", label(stored))
    return stored


def export_text(stored: StoredQuestionnaire, actor: str) -> str:
    """The version as YAML in the documented format (a draft with problems is written as it stands);
    audited like every other download."""
    audit(actor, "questionnaire exported", f"{label(stored)} as YAML")
    try:
        return export_questionnaire(load_text(stored.source, label(stored)))
    except QuestionnaireInvalid:
        return dump(document_of(stored))
