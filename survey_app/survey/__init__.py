from flask import Blueprint

bp = Blueprint("survey", __name__)

from . import cli, reply, views  # noqa: E402,F401
