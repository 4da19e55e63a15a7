"""Young reviewers' pages (journey.py: no account, opened with a review link) and the worker's part
(manage.py: make and revoke links, mark comments done). Rules live in survey_app/reviewing/."""

from flask import Blueprint

bp = Blueprint("review", __name__)


@bp.after_request
def not_for_search_engines(response):
    # The pages carry <meta name="robots" content="noindex"> too (base.html); this covers every response.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


from . import journey, manage  # noqa: E402,F401
