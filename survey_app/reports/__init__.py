"""Round reports for staff and the board: the board report (web, print, PDF), workers' preview and
publication, downloads. The report itself is made by survey_app/reporting/; the children's "You said, we
did" page is the survey blueprint's."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from . import views  # noqa: E402,F401
