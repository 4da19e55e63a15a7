"""Compiling the interface's gettext catalogues (survey_app/translations/<lang>/LC_MESSAGES/messages.po)
into the .mo files Flask-Babel reads. Run by the install step (hatch_build.py), by the tests before they
start, and by hand as `pybabel compile -d survey_app/translations`. No Flask import: the build runs it."""

from __future__ import annotations

import os
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def compile_catalogues(folder: Path = TRANSLATIONS) -> list[Path]:
    """Write each catalogue's .mo beside its .po when the .po is newer; returns the .mo files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(folder.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        # Written aside and moved into place: two test runs starting together never read half a file.
        partial = mo_path.with_suffix(f".mo.{os.getpid()}")
        with partial.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        os.replace(partial, mo_path)
        written.append(mo_path)
    return written
