from flask import Blueprint

bp = Blueprint("survey", __name__)

from . import cli, views  # noqa: E402,F401
