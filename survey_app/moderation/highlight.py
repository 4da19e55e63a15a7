"""What redaction changed in an answer, as pieces a template can mark up (staff pages only)."""

from __future__ import annotations

from typing import NamedTuple

from analysis.redaction import PLACEHOLDERS, Redacted, redact


class Piece(NamedTuple):
    text: str
    kind: str | None  # the redaction kind ("name", "school"…) for a replaced piece, else None


class Highlighted(NamedTuple):
    original: list[Piece]  # the answer as written, with the words redaction replaces marked
    redacted: list[Piece]  # the redacted text, with the placeholders marked
    redaction: Redacted


def highlight(text: str) -> Highlighted:
    redaction = redact(text)
    original: list[Piece] = []
    redacted: list[Piece] = []
    position = 0
    for item in redaction.replacements:
        if item.start > position:
            original.append(Piece(text[position:item.start], None))
            redacted.append(Piece(text[position:item.start], None))
        original.append(Piece(text[item.start:item.end], item.kind))
        redacted.append(Piece(PLACEHOLDERS[item.kind], item.kind))
        position = item.end
    if position < len(text):
        original.append(Piece(text[position:], None))
        redacted.append(Piece(text[position:], None))
    return Highlighted(original, redacted, redaction)
