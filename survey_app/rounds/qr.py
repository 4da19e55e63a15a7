"""QR codes for a round's public link, drawn by segno (pure Python: SVG and PNG, nothing else needed)."""

from __future__ import annotations

import io

import segno


def _code(link: str) -> segno.QRCode:
    # Error correction "M" survives a creased or smudged printed card.
    return segno.make(link, error="m", micro=False)


def qr_svg(link: str, title: str = "") -> bytes:
    out = io.BytesIO()
    _code(link).save(out, kind="svg", scale=8, border=4, omitsize=True, xmldecl=False, title=title or None,
                     dark="#0b0c0c")
    return out.getvalue()


def qr_png(link: str) -> bytes:
    out = io.BytesIO()
    _code(link).save(out, kind="png", scale=10, border=4)
    return out.getvalue()
