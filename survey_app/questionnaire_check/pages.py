"""The words a young person reads on the start and help pages, taken from the templates themselves (so a
changed template is measured as it now reads): the text of `{% block main %}` and of any template it
includes, outside every Jinja tag and HTML tag, and the English words given to gettext (`{{ _('…') }}`),
one piece per line or block element. Text that Jinja fills
in (the questionnaire's title and intro, the help contacts) is added by the caller."""

from __future__ import annotations

import ast
import re
from html import unescape
from pathlib import Path

from jinja2 import Environment

from ..paths import templates_dir

START_PAGE = "survey/start.html"
HELP_PAGE = "pages/help.html"

_MAIN = re.compile(r"{%-?\s*block\s+main\s*-?%}(.*){%-?\s*endblock", re.DOTALL)
_INCLUDE = re.compile(r"""{%-?\s*include\s+["']([^"']+)["']""")
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h[1-6]|div|section|details|summary|button|label|legend|fieldset|"
                        r"form|table|tr|td|th|dt|dd|br|hr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _text_outside_tags(source: str, folder: Path, depth: int = 0) -> str:
    """The template's text with its Jinja tags left out and its includes read in."""
    pieces = []
    before: list[tuple[str, str]] = []  # the two tokens before this one
    for _line, kind, value in Environment(extensions=["jinja2.ext.i18n"]).lex(source):
        if kind == "data":
            pieces.append(value)
        elif kind == "block_begin":
            pieces.append("\n")
        elif kind == "string" and before == [("name", "_"), ("operator", "(")] or \
                kind == "string" and before == [("name", "gettext"), ("operator", "(")]:
            pieces.append(ast.literal_eval(value))  # words in gettext, `{{ _('Who can I talk to?') }}`: read in English
        before = [*before[-1:], (kind, value)]
    text = "".join(pieces)
    if depth < 3:
        for name in _INCLUDE.findall(source):
            included = folder / name
            if included.is_file():
                text += "\n" + _text_outside_tags(included.read_text(encoding="utf-8"), folder, depth + 1)
    return text


def page_text(name: str, folder: Path | None = None) -> str:
    """The fixed words of one page, one piece a line."""
    folder = folder or templates_dir()
    source = (folder / name).read_text(encoding="utf-8")
    main = _MAIN.search(source)
    text = _text_outside_tags(main.group(1) if main else source, folder)
    text = _TAG.sub("", _BLOCK_TAG.sub("\n", text))
    lines = (re.sub(r"\s+", " ", unescape(line)).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
