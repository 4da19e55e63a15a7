"""Round reports: the board report (web, print, PDF), workers' preview and publication, downloads, and the
children's "You said, we did" page. build.py makes the report dict (REPORT_CONTRACT); the rest renders it."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import views  # noqa: E402,F401
