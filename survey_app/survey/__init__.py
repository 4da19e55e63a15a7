from flask import Blueprint

bp = Blueprint("survey", __name__)

from . import cli, involved, reply, review_card, views  # noqa: E402,F401
