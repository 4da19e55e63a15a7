from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from . import (  # noqa: E402,F401
    actions,
    between_rounds,
    builder,
    builder_translations,
    cli,
    free_text,
    involvement,
    paper,
    priorities_admin,
    removals,
    rounds_admin,
    safeguarding_phrases,
    themes_admin,
    views,
    written_answers,
)
