from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from . import cli, views  # noqa: E402,F401
