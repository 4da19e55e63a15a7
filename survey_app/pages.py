"""Pages every young person can reach from anywhere: help, quick exit, errors."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from flask import Blueprint, Flask, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from .extensions import db, reads_only
from .languages import chosen
from .questionnaire.store import definition
from .reporting.reply_index import published_pages
from .responses.drafts import discard_draft
from .rounds.operations import round_by_slug
from .safeguarding.contacts import ages_of, contacts_for

bp = Blueprint("pages", __name__)

# No page needs a camera, microphone, location, payments or devices, and no advertising topics.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "camera", "microphone", "geolocation", "payment", "usb", "serial", "hid", "bluetooth",
    "magnetometer", "gyroscope", "accelerometer", "browsing-topics",
))


def _safe_next(value: str | None) -> str | None:
    # Only our own paths, so the help page can't be used to send a child elsewhere.
    if value and value.startswith("/") and not value.startswith("//"):
        return value
    return None


@bp.route("/")
@bp.route("/you-said-we-did")
def home():
    """Have your say, and every published "You said, we did" page, newest first."""
    reads_only()
    return render_template("pages/home.html", published=published_pages(),
                           index_only=request.path.rstrip("/") == "/you-said-we-did")


@bp.route("/help")
def help_page():
    reads_only()
    return render_template("pages/help.html", next_url=_safe_next(request.args.get("next")), urgent=False,
                           help_ages=_round_ages())


@bp.route("/help/now")
def help_now():
    """Shown at once after an answer that says a young person may not be safe."""
    reads_only()
    return render_template("pages/help.html", next_url=_safe_next(request.args.get("next")), urgent=True,
                           help_ages=_round_ages())


@bp.route("/exit")
def quick_exit():
    """Quick exit: forget the survey in progress and leave for a neutral site. A plain link, so it
    works without JavaScript. Worrying answers were already held for the safeguarding lead when given."""
    discard_draft(session.get("draft"))
    db.session.commit()
    session.clear()
    response = redirect(current_app.config["QUICK_EXIT_URL"])
    response.headers["Clear-Site-Data"] = '"cache", "cookies"'
    return response


def _error(template_message: str, status: int, show_help: bool = False):
    return render_template("pages/error.html", message=template_message, status=status,
                           show_help=show_help), status


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.errorhandler(404)
    def not_found(_exception):
        return _error(_("We couldn’t find that page. Check the link, or ask the person who gave it to you."), 404)

    @app.errorhandler(500)
    def server_error(_exception):
        # Logged already (logging_setup: no address, no answer text). Nothing half-done is kept.
        db.session.rollback()
        return _error(_("Something went wrong on our side. It isn’t your fault. Your answers so far are saved: "
                        "please go back and try again in a few minutes."), 500, show_help=True)

    @app.errorhandler(413)
    def too_large(_exception):
        return _error(_("That was too much to send in one go. Please make your answer shorter and try again."), 413)

    @app.before_request
    def refuse_nul_characters():
        # PostgreSQL can't hold a NUL, so a link or form with one (only a script sends them) would fail
        # at the first query. Uploads (multipart) are checked by their own readers, and paper entry shows
        # the worker which answer holds one, keeping what they typed.
        sent = [request.path, *request.args.values()]
        if request.mimetype == "application/x-www-form-urlencoded" and request.endpoint != "staff.paper_entry":
            sent += [value for values in request.form.listvalues() for value in values]
        if any("\x00" in value for value in sent):
            return _error(_("Something in that link or form couldn’t be read. Please go back and try again."), 400)
        return None

    @app.errorhandler(CSRFError)
    def csrf_failed(_exception):
        slug = (request.view_args or {}).get("slug")
        if request.endpoint == "survey.send" and slug and session.get("sent") == slug:
            # "Send my answers" pressed again after they went: the session (and its token) was
            # cleared on sending. One response is stored; show the same confirmation.
            return redirect(url_for("survey.sent", slug=slug))
        return _error(_("This page was open for a very long time, so we couldn’t save that. "
                        "Please go back and try again."), 400)

    @app.after_request
    def buffer_static_files(response):
        # Static files are sent as streams, which Flask-Compress won't gzip; ours are a few KB, so
        # reading them into memory lets old phones that only speak gzip get them compressed too.
        if request.endpoint == "static" and response.direct_passthrough and response.status_code == 200:
            response.direct_passthrough = False
            response.set_data(response.get_data())
        return response

    @app.after_request
    def no_caching_of_answers(response):
        # Someone picking up the phone later must not find answers in the browser's cache.
        if request.endpoint and not request.endpoint.endswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Over HTTPS (seen through the proxy's X-Forwarded-Proto when BEHIND_PROXIES is set) or when HSTS
        # is set: browsers then never try plain HTTP, where a phone on shared wifi could be watched.
        if request.is_secure or current_app.config["HSTS"]:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response

    @app.context_processor
    def help_contacts():
        config = current_app.config
        return {
            "contacts_for": lambda ages=None: contacts_for(ages_of(ages), config, chosen()),
            "round_ages": _round_ages,
            "help_url": _help_url,
            "council_name": config["COUNCIL_NAME"],
            "council_phone": config["COUNCIL_PHONE"],
            "council_out_of_hours_phone": config["COUNCIL_OUT_OF_HOURS_PHONE"],
            "leaving_care_phone": config["LEAVING_CARE_PHONE"],
            "reply_expected": config["REPLY_EXPECTED"],
            "asset": lambda name: url_for("static", filename=name, v=_asset_version(name)),
        }


_ROUND_PATH = re.compile(r"^/r/([A-Za-z0-9_-]+)(?:/|$)")


def _round_ages() -> str | None:
    """The age band of the survey this page belongs to (from the URL, `?round=` or where `?next=` goes
    back to), so help pages show the contacts that fit; None when there is no survey (show them all)."""
    slug = (request.view_args or {}).get("slug") or request.args.get("round")
    if not slug:
        match = _ROUND_PATH.match(request.args.get("next") or "")
        slug = match.group(1) if match else None
    survey_round = round_by_slug(slug) if slug else None
    if survey_round is None:
        return None
    return definition(survey_round.questionnaire_version).audience.ages


def _help_url() -> str:
    """The "Who can I talk to?" link: back to this page, so the help page knows the survey; on a help
    page itself it keeps the survey (and the way back) it already had."""
    if request.endpoint in ("pages.help_page", "pages.help_now"):
        kept = {"round": request.args.get("round"), "next": _safe_next(request.args.get("next"))}
        return url_for("pages.help_page", **{key: value for key, value in kept.items() if value})
    return url_for("pages.help_page", next=request.path)


_versions: dict[str, str] = {}


def _asset_version(name: str) -> str:
    """A content hash in the URL, so static files can be cached for a year and still change."""
    if name not in _versions:
        content = (Path(current_app.static_folder or "") / name).read_bytes()
        _versions[name] = hashlib.sha256(content).hexdigest()[:10]
    return _versions[name]
