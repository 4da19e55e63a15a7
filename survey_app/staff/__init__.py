from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from . import actions, builder, cli, paper, rounds_admin, views  # noqa: E402,F401
