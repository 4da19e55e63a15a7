from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from . import builder, cli, free_text, paper, rounds_admin, themes_admin, views  # noqa: E402,F401
