"""Characters no text of ours may hold: control characters other than tab, newline and carriage return
(PostgreSQL can't store a NUL; openpyxl refuses to write most of them), lone surrogates (they can't be
written as UTF-8, so a page or file holding one fails) and the non-characters U+FFFE and U+FFFF.
Nobody types them on purpose; a paste or a script can send them."""

from __future__ import annotations

import re

UNUSABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def first_unusable(text: str) -> str | None:
    match = UNUSABLE.search(text)
    return match.group() if match else None


def without_unusable(text: str) -> str:
    return UNUSABLE.sub("", text)
