"""Questionnaire versions in the database. A round points at one stored version, so what young
people answered can always be read back with the exact questions they saw."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select

from ..extensions import db
from ..kept import Kept
from ..models import StoredQuestionnaire
from ..models.statuses import VersionStatus
from ..paths import questionnaires_dir
from .loader import ANY_PRIORITY, Problem, QuestionnaireInvalid, load_text
from .schema import Questionnaire

# In the same folder, but not questionnaires: the default priorities and the glossary of jargon.
NOT_QUESTIONNAIRES = {"priorities.yaml", "glossary.yaml"}


def shipped_files(folder: Path | None = None) -> list[Path]:
    folder = folder or questionnaires_dir()
    return sorted(path for path in folder.glob("*.yaml") if path.name not in NOT_QUESTIONNAIRES)


@lru_cache(maxsize=64)
def _parse(source: str, name: str) -> Questionnaire:
    return load_text(source, name, ANY_PRIORITY)


# Parsed questionnaires by (version id, checksum of its YAML). A version a round uses never changes (the
# builder edits a version in place only while no round uses it: versions.working_draft), and the checksum
# is rewritten with the text (versions._write), so a key can't be stale even for a draft edited in place.
# Keyed this way, the YAML itself is read from the database only on a miss: rounds load their version
# with `source` deferred (rounds.operations.round_by_slug).
_parsed: Kept[Questionnaire] = Kept(64)


def definition(stored: StoredQuestionnaire) -> Questionnaire:
    """The parsed questionnaire of a stored version (parsed once per process)."""
    key = (stored.id, stored.checksum)
    if stored.id is None or not stored.checksum:
        return _parse(stored.source, f"{stored.key} v{stored.version}")
    return _parsed.get(key, lambda: _parse(stored.source, f"{stored.key} v{stored.version}"))


def store(source: str, filename: str) -> tuple[StoredQuestionnaire, bool]:
    """Validate and keep a questionnaire version; returns (row, newly_added).

    Loading the same version again with the same text does nothing; with different text it is
    refused, because rounds that used the old text must stay readable."""
    questionnaire = load_text(source, filename)
    checksum = hashlib.sha256(source.encode("utf-8")).hexdigest()
    existing = db.session.scalar(
        select(StoredQuestionnaire).filter_by(key=questionnaire.id, version=questionnaire.version)
    )
    if existing is not None:
        if existing.checksum != checksum:
            raise QuestionnaireInvalid([Problem(
                filename, 2, None,
                f"version {questionnaire.version} of '{questionnaire.id}' is already loaded with different "
                "questions; raise 'version' to load the changed file",
            )])
        return existing, False
    stored = StoredQuestionnaire(
        key=questionnaire.id, version=questionnaire.version, title=questionnaire.title,
        source=source, checksum=checksum,
    )
    db.session.add(stored)
    db.session.flush()
    return stored, True


def latest(key: str) -> StoredQuestionnaire | None:
    """The newest PUBLISHED version (a draft being edited in the builder is never used by a round)."""
    return db.session.scalar(
        select(StoredQuestionnaire).filter_by(key=key, status=VersionStatus.PUBLISHED)
        .order_by(StoredQuestionnaire.version.desc()).limit(1)
    )
