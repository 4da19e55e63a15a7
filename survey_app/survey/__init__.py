from flask import Blueprint

bp = Blueprint("survey", __name__)

from . import carry_on, cli, reply, views  # noqa: E402,F401
